"""The library: every scenario, the recommended one first; Enter starts, ``d`` drills."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Header, Input, Static

from simulator.tui.library_data import DIMENSIONS, LibraryRow, build_rows, matches
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import literal, sessions_text, stars
from simulator.tui.widgets.fitted_footer import FittedFooter

_FIXED = 1 + 5 + 6 + 11  # mark, level, played, best
_PADDING = 2


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _best(row: LibraryRow) -> Text:
    values = [row.best.get(d) for d in DIMENSIONS]
    if not row.played or all(v is None for v in values):
        return Text("—", style="dim")
    return Text("·".join("–" if v is None else f"{round(v):02d}" for v in values))


class ScenarioTable(DataTable[Text]):
    """The scenario list; its highlight stays in view when the details below it grow
    and take rows from it (the highlight was left below the last visible row)."""

    def on_resize(self) -> None:
        row = self.cursor_row
        if not 0 <= row < self.row_count:
            return
        top = sum(r.height for r in self.ordered_rows[:row])
        bottom = top + self.ordered_rows[row].height
        rows = self.scrollable_content_region.height - self.header_height
        if bottom > self.scroll_y + rows:
            self.scroll_to(y=bottom - rows, animate=False)


class SkillFilter(Static):
    """Which skill the list is narrowed to; ``s`` or a click moves to the next one."""

    class Changed(Message):
        """The skill filter changed."""

    CHOICES = (None, *DIMENSIONS)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", markup=False, id=id)
        self.skill: str | None = None

    def on_mount(self) -> None:
        self._show()

    def next(self) -> None:
        self.skill = self.CHOICES[(self.CHOICES.index(self.skill) + 1) % len(self.CHOICES)]
        self._show()
        self.post_message(self.Changed())

    def on_click(self) -> None:
        self.next()

    def _show(self) -> None:
        out = Text("Skill (s): ", style="dim")
        for choice in self.CHOICES:
            label = choice or "any"
            out.append(f" {label} ", style="reverse bold" if choice == self.skill else "")
        self.update(out)


class LibraryScreen(RepcraftScreen):
    """What ``repcraft`` opens: pick a scenario and press Enter."""

    CSS_PATH = "library_screen.tcss"
    TAKES_KEYS_WHEN_READY = True  # keys typed before the list is read wait for it
    KEYS_HELP = """Every scenario you can practise; the one marked ▶ is recommended for you
    next. Move with the arrows or the mouse and press Enter: a briefing, then Enter again
    and the buyer speaks. Type / to search, s to narrow by skill."""
    BINDINGS = [
        # Priority: Enter starts from the search box too (type, Enter, play).
        Binding("enter", "start", "Start", priority=True),
        Binding("slash", "search", "Search", key_display="/"),
        # the skill row names its own key ("Skill (s):"), so the footer leaves it out
        Binding("s", "skill", "Skill", tooltip="Narrow the list by skill", show=False),
        Binding("d", "drill", "Drill"),
        Binding("p", "progress", "Progress"),
        Binding("h", "history", "History", tooltip="Reopen a past session"),
        Binding("ctrl+r", "refresh", "Reload list", show=False),
        # From the search box (the table takes these itself when it has the focus).
        Binding("down", "move(1)", "Next row", show=False),
        Binding("up", "move(-1)", "Previous row", show=False),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[LibraryRow] = []
        self.shown: list[LibraryRow] = []
        self.loaded = False
        self._width = 0
        self._filtered_by: tuple[str, str | None] | None = None  # (search, skill) shown

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="filters"):
            yield Input(placeholder="Search title, skill, tag…  (/)", id="search")
            yield SkillFilter(id="skill")
        yield ScenarioTable(id="scenarios", cursor_type="row", zebra_stripes=True)
        yield Static(Text("Loading the library…"), id="details", markup=False)
        yield Static(Text(""), id="status", markup=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        # Paint the screen first, then read the library. In this thread on purpose:
        # a worker thread fighting the event loop for the GIL took twice as long.
        self.call_after_refresh(self.load)

    def on_screen_resume(self) -> None:
        if self.loaded:
            self.load()  # scores and the recommendation change after a play

    # -- loading ----------------------------------------------------------------------

    def load(self, refresh: bool = False) -> None:
        app = self.app
        try:
            entries = app.list_entries(refresh)
            stats, recommendation = app.library_stats()
            self._loaded(build_rows(entries, stats, recommendation), stats)
        finally:
            app.first_screen_ready()  # the app held the keys typed since it started

    def _loaded(self, rows: list[LibraryRow], stats: dict | None) -> None:
        keep = self._current_id()
        self.rows = rows
        self.loaded = True
        self._fill(keep)
        status = self.app.store.status
        if stats:
            status = f"{sessions_text(stats)} · {status}"
        count = sum(r.valid for r in rows)
        self.query_one("#status", Static).update(
            literal((f"{count} scenario{'s' * (count != 1)} · {status}", "dim"), one_line=True)
        )

    # -- the table --------------------------------------------------------------------

    def _columns(self, table: DataTable) -> tuple[int, int, int]:
        free = max(30, self.size.width - _FIXED - 7 * _PADDING - 2)
        if self.size.width < 90:  # small: skills and tags move to the details below
            return free + 2 * _PADDING, 0, 0
        if self.size.width < 110:  # narrow: tags move to the details below
            return max(18, free * 2 // 3), free // 3, 0
        return free // 2, free // 4, free - free // 2 - free // 4

    def _fill(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        query = self.query_one("#search", Input).value
        skill = self.query_one(SkillFilter).skill
        self._filtered_by = (query, skill)
        self.shown = [r for r in self.rows if matches(r, query, skill)]
        title_w, skills_w, tags_w = self._columns(table)
        self._width = self.size.width
        table.clear(columns=True)
        table.add_column("", key="mark", width=1)
        table.add_column("Scenario", key="title", width=title_w)
        table.add_column("Level", key="level", width=5)
        if skills_w:
            table.add_column("Skills", key="skills", width=skills_w)
        if tags_w:
            table.add_column("Tags", key="tags", width=tags_w)
        table.add_column("Played", key="played", width=6)
        table.add_column("Best C·A·B", key="best", width=11)
        for row in self.shown:
            e = row.entry
            mark = Text("▶", style="bold green") if row.recommended else Text("")
            if not row.valid:
                mark = Text("!", style="bold red")
            cells = [
                mark,
                literal(_fit(row.title, title_w), one_line=True),
                Text(stars(getattr(e, "difficulty", 0), 5)),
            ]
            if skills_w:
                skills = " ".join(getattr(e, "skills", ()) or ())
                cells.append(literal(_fit(skills, skills_w), one_line=True))
            if tags_w:
                tags = " ".join(getattr(e, "tags", ()) or ())
                cells.append(literal((_fit(tags, tags_w), "dim"), one_line=True))
            cells.append(Text(f"{row.played}×" if row.played else "new", style="dim"))
            cells.append(_best(row))
            table.add_row(*cells, key=row.id)
        # The highlight stays on the same scenario when it still matches, else the first
        # row that does: never on a row the search hid.
        index = next((i for i, r in enumerate(self.shown) if r.id == keep), 0)
        if self.shown:
            table.move_cursor(row=index)
        self._describe()

    def on_resize(self) -> None:
        if self.loaded and self.size.width != self._width:
            self._fill(self._current_id())

    def _current_id(self) -> str | None:
        row = self._highlighted()
        return row.id if row else None

    def _highlighted(self) -> LibraryRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[max(0, table.cursor_row)]

    def _describe(self) -> None:
        details = self.query_one("#details", Static)
        row = self._highlighted()
        if row is None:
            if not self.rows:
                details.update(
                    literal(
                        "No scenarios found. Put scenario files (*.yaml) in a folder and "
                        "start with --scenarios DIR, or run `repcraft new ID` to write one."
                    )
                )
            else:
                details.update(literal("Nothing matches the search. Escape clears it."))
            return
        e = row.entry
        out = literal((row.title, "bold"))
        if row.recommended:
            reason = row.reason or "a good next step for you"
            out.append_text(literal(("\n▶ Recommended: ", "bold green"), reason))
        if row.errors:
            out.append_text(literal(("\nThis file has errors and cannot be played:", "bold red")))
            for d in row.errors[:3]:
                out.append("\n  ")
                out.append_text(literal(d.format(), one_line=True))
        else:
            summary = " ".join(str(getattr(e, "summary", "") or "").split())
            if summary:
                out.append_text(literal("\n", summary))
            skills = ", ".join(getattr(e, "skills", ()) or ())
            tags = ", ".join(getattr(e, "tags", ()) or ())
            if skills or tags:
                out.append_text(
                    literal(("\nskills: ", "dim"), (skills or "—", "dim"), ("  tags: ", "dim"),
                            (tags or "—", "dim"))
                )  # fmt: skip
        details.update(out)

    @on(DataTable.RowHighlighted)
    def _highlight(self) -> None:
        self._describe()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_start()

    @on(Input.Changed, "#search")
    def _filter(self) -> None:
        if self.loaded and self._filtered_by != self._filter_now():
            self._fill(self._current_id())

    @on(SkillFilter.Changed)
    def _skill(self) -> None:
        # The skill chosen is what the rep is working on: the recommendation aims at it.
        self.app.skill_focus = self.query_one(SkillFilter).skill
        if self.loaded:
            self.load()

    def _filter_now(self) -> tuple[str, str | None]:
        return self.query_one("#search", Input).value, self.query_one(SkillFilter).skill

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    # -- actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "start":
            return self.loaded
        return True

    def action_start(self) -> None:
        # Enter can come before the search box's last keystroke has filtered the list
        # (it is a priority key): filter first, so the row started is one that matches.
        if self._filtered_by != self._filter_now():
            self._fill(self._current_id())
        row = self._highlighted()
        if row is None:
            return
        self.query_one(DataTable).focus()  # back from the briefing, keys work at once
        if not row.valid:
            self.notify(
                f"{row.id} has errors: fix the file (see `repcraft validate`) and press ctrl+r",
                severity="error",
            )
            return
        scenario, diagnostics, rubric, problem = self.app.load_entry(row.entry)
        if scenario is None:
            first = next((d for d in diagnostics if d.is_error), None)
            self.notify(first.format() if first else f"{row.id} cannot be loaded", markup=False)
            return
        if problem:
            self.notify(problem, severity="warning", markup=False)
        self.app.open_briefing(scenario, rubric)

    def action_move(self, delta: int) -> None:
        """Up/Down while typing a search: move the highlight, keep typing."""
        table = self.query_one(DataTable)
        if self.shown:
            row = max(0, min(len(self.shown) - 1, (table.cursor_row or 0) + delta))
            table.move_cursor(row=row)

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        self.query_one(DataTable).focus()

    def action_drill(self) -> None:
        self.app.open_drill()

    def action_progress(self) -> None:
        self.app.open_progress()

    def action_history(self) -> None:
        self.app.open_history()

    def action_skill(self) -> None:
        self.query_one(SkillFilter).next()

    def action_refresh(self) -> None:
        self.load(refresh=True)
