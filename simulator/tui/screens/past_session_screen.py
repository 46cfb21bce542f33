"""One past session reopened from the practice log: how it ended, its scores, and every
turn with the buyer's line, the rep's reply marked by its evidence, and the review."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from simulator.tui.past_session import (
    LoggedSession,
    LogRecord,
    duration,
    outcome,
    turn_of,
    when,
)
from simulator.tui.past_story import PastStory, past_story
from simulator.tui.review import chips, marked_reply, reply_review, route_note
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import literal, safe
from simulator.tui.turn_table import turn_table, why_grid
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.reading_scroll import ReadingScroll


class PastSessionScreen(RepcraftScreen):
    """A session as the log kept it: read it, then Esc back to the history."""

    CSS_PATH = "past_session_screen.tcss"
    KEYS_HELP = """A past session as the practice log kept it: how it ended, its scores,
    and every reply with the words that earned (green) or cost (red) points."""
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, session: LoggedSession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with ReadingScroll(id="past"):
            yield Static(self._head(), id="past-head", markup=False)
            # why it ended and each reply's meter moves: filled in once the replay is done
            yield Static("", id="past-story", classes="hidden", markup=False)
            for n, item in enumerate(self.session.turns, 1):
                yield Static(self._buyer(n, item, {}), classes="said", markup=False)
                yield Static(self._yours(item), classes="yours", markup=False)
                yield Static(self._review(item), classes="scoring")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(f"{self.session.title} · {when(self.session)}")
        self.query_one("#past", ReadingScroll).focus()
        self.name_speakers()
        self.tell_story()

    @work(thread=True, exclusive=True, group="past-story")
    def tell_story(self) -> None:
        """Replay the logged replies for why it ended and what each moved (past_story)."""
        wanted = self.session.scenario
        app = self.app
        entry = next((e for e in app.list_entries() if e.id == wanted and e.playable), None)
        scenario = app.load_entry(entry)[0] if entry is not None else None
        told = past_story(scenario, self.session)
        app.call_from_thread(self._show_story, told)

    def _show_story(self, told: PastStory) -> None:
        parts: list[RenderableType] = []
        story = told.story
        if story is not None and story.why_ended:
            parts.append(why_grid(story.why_ended))
        if story is not None and story.steps:
            parts += [literal("\n", ("Turn by turn", "bold underline")), turn_table(story)]
        if told.note:
            parts.append(literal((told.note, "dim italic")))
        if parts:
            box = self.query_one("#past-story", Static)
            box.update(Group(*parts))
            box.remove_class("hidden")

    @work(thread=True, exclusive=True, group="past-session")
    def name_speakers(self) -> None:
        """The cast's names from the library (the log keeps only their keys)."""
        from simulator.tui.screens.history_screen import speaker_labels

        ids = {self._scenario_of(t) for t in self.session.turns}
        labels = speaker_labels(self.app, ids)
        self.app.call_from_thread(self._relabel, labels)

    def _relabel(self, labels: Mapping[tuple[str, str], str]) -> None:
        saids = list(self.query(".said").results(Static))
        for n, (said, item) in enumerate(zip(saids, self.session.turns, strict=False), 1):
            said.update(self._buyer(n, item, labels))

    # -- building -------------------------------------------------------------------

    def _head(self) -> Text:
        s = self.session
        out = literal((s.title, "bold"), one_line=True)
        out.append(f"\n{when(s)} · {outcome(s)} · {duration(s)}", style="dim")
        if s.scores:
            out.append("\n")
            out.append_text(chips(s.scores))
        last = s.closing.get("line")
        if last:
            out.append_text(literal("\n", ("Last word: ", "bold"), (str(last), "italic")))
        return out

    def _scenario_of(self, item: LogRecord) -> str:
        """A drill's turns each come from their own scenario; a play's from the session's."""
        return str(item.get("scenario") or self.session.scenario)

    def _buyer(self, n: int, item: LogRecord, labels: Mapping[tuple[str, str], str]) -> Text:
        scenario = self._scenario_of(item)
        key = str(item.get("speaker") or "")
        who = labels.get((scenario, key)) or key or "Buyer"
        return literal((f"{n}. ", "bold"), (who, "bold"), ": ", str(item.get("line") or ""))

    def _yours(self, item: LogRecord) -> Text:
        turn = turn_of(item)
        out = literal(("You said", "bold"), "\n")
        if turn.kind == "timeout":
            out.append("(no answer in time)", style="italic")
        else:
            out.append_text(marked_reply(turn.reply, turn.evidence))
        note = route_note(turn, "")
        if note:
            out.append_text(literal("\n", (note, "italic dim")))
        if turn.feedback:
            out.append_text(literal("\n", (" ".join(turn.feedback.split()), "italic")))
        model = " ".join(str(item.get("model_answer") or "").split())
        if model:
            out.append_text(literal("\n", ("A top performer: ", "bold"), model))
        return out

    def _review(self, item: LogRecord) -> RenderableType:
        return reply_review(turn_of(item))

    def action_back(self) -> None:
        self.app.pop_screen()
