"""The app and its factory. ``make_app`` is the one way to build it, for the CLI and tests.

The app owns what outlives a screen (the configuration and the practice log) and
moves between screens; each screen drives its own part (inkle's thin player loop).
Heavy modules (the engine, the loader, SQLite) are imported when first needed so
the library appears quickly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from textual.app import ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from simulator.tui.config import AppConfig
from simulator.tui.practice_store import PracticeStore
from simulator.tui.typeahead import TypeAheadApp

if TYPE_CHECKING:
    from simulator.scenario.diagnostics import Diagnostic
    from simulator.scenario.library import LibraryEntry
    from simulator.scenario.model import Scenario
    from simulator.scoring.rubric import Rubric
    from simulator.tui.live_play import LivePlay


def _library_screen() -> Screen:
    from simulator.tui.screens.library_screen import LibraryScreen

    return LibraryScreen()


class RepcraftApp(TypeAheadApp):
    """repcraft: practise sales conversations against scripted buyers."""

    TITLE = "repcraft"
    SUB_TITLE = "sales conversation practice"
    CSS_PATH = "app.tcss"
    MODES = {"library": _library_screen}  # a mode (not the default screen) loads CSS_PATH
    DEFAULT_MODE = "library"
    BINDINGS = [
        Binding("question_mark", "toggle_keys", "Keys", key_display="?"),
        Binding("f1", "toggle_keys", "Keys", show=False, priority=True),
    ]

    def __init__(self, config: AppConfig):
        super().__init__()
        self.config = config
        self.store = PracticeStore(config.db_path, enabled=not config.no_log)
        self.entries: list | None = None  # the library, once listed
        # The skill the rep narrowed the library to: what the recommendations aim at.
        self.skill_focus: str | None = None
        self._scenarios: dict[str, Scenario] = {}  # path -> loaded Scenario (for drills)

    # -- start -----------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.config.play is not None:
            self.open_briefing(self.config.play, self.config.rubric)
        elif self.config.drill:
            self.open_drill()
        else:
            return
        # Keys go to the screen just opened (it holds them until it can take them),
        # not to the library listing itself underneath.
        self.first_screen_ready()

    def on_unmount(self) -> None:
        self.store.close()

    def clear_selection(self) -> None:
        # Textual issue 6444: on Python 3.12+ (eager tasks) the library, the first mode's
        # screen, mounts before it is on the stack; its Input's watcher then calls this,
        # and `repcraft` crashed at start with "No screens on stack".
        with suppress(ScreenStackError):
            super().clear_selection()

    # -- moving between screens -----------------------------------------------------

    def open_briefing(
        self, scenario: Scenario, rubric: Rubric | None = None, *, replace: bool = False
    ) -> None:
        from simulator.tui.screens.briefing_screen import BriefingScreen

        screen = BriefingScreen(scenario, rubric)
        self._show(screen, replace)

    def start_play(
        self, scenario: Scenario, rubric: Rubric | None = None, *, replace: bool = True
    ) -> None:
        """A new conversation (logged unless --no-log), in place of the current screen."""
        from simulator.tui.live_play import LivePlay
        from simulator.tui.screens.conversation_screen import ConversationScreen

        live = LivePlay(
            scenario,
            seed=self.config.seed,
            rubric=rubric,
            store=self.store,
            clock=self.config.clock,
        )
        screen = ConversationScreen(live, watch=self.config.watch, authoring=self.config.authoring)
        self._show(screen, replace)
        self._warn_store()

    def show_scorecard(self, live: LivePlay) -> None:
        from simulator.tui.screens.scorecard_screen import ScorecardScreen

        self._show(ScorecardScreen(live, self.recommend_after(live.scenario.id)), True)

    def open_progress(self) -> None:
        from simulator.tui.screens.progress_screen import ProgressScreen

        self._show(ProgressScreen(), False)

    def open_history(self) -> None:
        from simulator.tui.screens.history_screen import HistoryScreen

        self._show(HistoryScreen(), False)

    def open_drill(self) -> None:
        from simulator.tui.screens.drill_screen import DrillScreen

        self._show(DrillScreen(), False)
        self._warn_store()

    def back_to_library(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _show(self, screen: Screen, replace: bool) -> None:
        self.hold_keys()
        if replace and len(self.screen_stack) > 1:
            mounted: Awaitable[object] = self.switch_screen(screen)
        else:
            mounted = self.push_screen(screen)
        if getattr(screen, "TAKES_KEYS_WHEN_READY", False):
            return  # the screen calls keys_ready() itself (e.g. once its worker is done)
        self.run_worker(self._ready_when_mounted(mounted), group="keys", exit_on_error=False)

    async def _ready_when_mounted(self, mounted: Awaitable[object]) -> None:
        try:
            await mounted
        finally:
            self.keys_ready()

    def _warn_store(self) -> None:
        if self.store.enabled:
            self.store.log()  # open now, so a broken log is reported before the first reply
        if self.store.error:
            self.notify(self.store.error, title="Practice log", severity="warning", timeout=8)

    # -- the library (shared by screens) --------------------------------------------

    def list_entries(self, refresh: bool = False) -> list:
        """The library's entries (call from a worker thread: it reads every file)."""
        if self.entries is None or refresh:
            from simulator.tui.library_data import load_entries

            self.entries = load_entries(
                self.config.extra_dirs, include_bundled=self.config.include_bundled
            )
        return self.entries

    def library_stats(self) -> tuple[dict | None, dict | None]:
        """(stats or None, recommendation or None) for the listed library."""
        from simulator.tui.library_data import recommendation_without_log, scenario_infos

        entries = self.list_entries()
        infos = scenario_infos(entries)
        focus = self.skill_focus
        stats = (
            self.store.stats(infos, today=self.config.today, focus=focus)
            if self.store.enabled
            else None
        )
        if stats is not None:
            return stats, stats.get("recommendation")
        return None, recommendation_without_log(entries, focus)

    def load_entry(
        self, entry: LibraryEntry
    ) -> tuple[Scenario | None, list[Diagnostic], Rubric | None, str | None]:
        """Load one library entry's scenario: (scenario, diagnostics, rubric, rubric error)."""
        from simulator.tui.library_data import load_scenario

        result = load_scenario(str(entry.path))
        if result[0] is not None:
            self._scenarios[str(entry.path)] = result[0]
        return result

    def all_scenarios(self) -> list:
        """Every valid scenario in the library, loaded (for drills; call from a worker)."""
        out = []
        for entry in self.list_entries():
            if any(d.is_error for d in getattr(entry, "diagnostics", ()) or ()):
                continue
            key = str(entry.path)
            if key not in self._scenarios:
                from simulator.scenario.loader import check_file

                scenario, _ = check_file(key)
                if scenario is None:
                    continue
                self._scenarios[key] = scenario
            out.append(self._scenarios[key])
        return out

    def recommend_after(self, played_id: str) -> LibraryEntry | None:
        """The library entry recommended once ``played_id`` is done (None if nothing)."""
        try:
            _stats, rec = self.library_stats()
        except Exception:  # a recommendation must never break the scorecard
            rec = None
        entries = self.list_entries()
        rec_id = (rec or {}).get("id")
        found = next((e for e in entries if e.id == rec_id and e.id != played_id), None)
        if found is None:
            found = next(
                (e for e in entries if e.id != played_id and not getattr(e, "diagnostics", None)),
                None,
            )
        return found

    # -- keys and the command palette ------------------------------------------------

    def _keys(self) -> None:
        self.call_later(self.action_toggle_keys)

    def action_toggle_keys(self) -> None:
        from simulator.tui.dialogs.keys_dialog import KeysDialog

        if not isinstance(self.screen, KeysDialog):
            self.push_screen(KeysDialog(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then one per screen action: each title once (Textual's
        "Keys" help panel gives way to the app's own keys list)."""
        titles: set[str] = set()
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                command = SystemCommand("Keys", "Show the keys for this screen", self._keys)
            titles.add(command.title)
            yield command
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            action = binding.action
            if action.startswith("pick(") or binding.description in titles:
                continue  # the digits pick choices; the keys list names them once
            if screen.check_action(action, ()) is False:
                continue
            titles.add(binding.description)

            def run(action: str = action, screen: Screen = screen) -> None:
                self.call_later(screen.run_action, action)

            # Under the title: the tooltip, or the key (the title again read as a twin entry)
            help = binding.tooltip or f"Key: {self.get_key_display(binding)}"
            yield SystemCommand(binding.description, help, run)


def make_app(config: AppConfig | None = None, **options: Any) -> RepcraftApp:
    """Build the app from an :class:`AppConfig` (or its fields as keywords)."""
    if config is None:
        config = AppConfig(**options)
    elif options:
        raise TypeError("pass either a config or keyword options, not both")
    return RepcraftApp(config)
