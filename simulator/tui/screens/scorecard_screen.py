"""The scorecard: three scores and what they mean, the ending, every reply reviewed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.widgets import Header, Static

from simulator.tui.coaching import things_to_change, things_to_keep
from simulator.tui.review import marked_reply, points, reply_review, route_note, totals
from simulator.tui.screens.conversation_screen import ENDING_WORDS
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import literal, safe
from simulator.tui.turn_story import TurnStep
from simulator.tui.turn_table import turn_table, why_grid
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.reading_scroll import ReadingScroll

if TYPE_CHECKING:
    from simulator.engine import Turn
    from simulator.scenario.library import LibraryEntry
    from simulator.tui.live_play import LivePlay


def _static(content: RenderableType, *, id: str | None = None, classes: str = "") -> Static:
    return Static(content, markup=False, id=id, classes=classes)


def _lost(step: TurnStep) -> Text:
    """A reply that lost points, for a card whose losses carry no coaching note."""
    lost = [f"{points(w)} {d}" for d, w in step.points.items() if w < 0]
    return literal((f"Reply {step.number} lost ", "bold"), ", ".join(lost), (" (below)", "dim"))


class ScorecardScreen(RepcraftScreen):
    """What went well and badly, with the words that did it; then the next repetition."""

    CSS_PATH = "scorecard_screen.tcss"
    KEYS_HELP = """Three scores out of 100 and the evidence behind them: in each reply, the
    words that earned points are green and those that cost points red, beside what a top
    performer said. Press r to go again at once, n for the recommended next scenario."""
    BINDINGS = [
        Binding("r", "retry", "Retry"),
        Binding("n", "next", "Recommended next"),
        Binding("p", "progress", "Progress"),
        Binding("escape", "back", "Library"),
    ]

    def __init__(self, live: LivePlay, recommended: LibraryEntry | None = None):
        super().__init__()
        self.live = live
        self.recommended = recommended  # a library entry, or None
        self.report = live.finish()
        self.card = live.session.scorecard()
        self.story = live.story()

    def compose(self) -> ComposeResult:
        session = self.live.session
        yield Header()
        with ReadingScroll(id="card"):
            yield _static(self._ending_text(), id="ending")
            with Container(id="scores"):
                for block in totals(self.card.scores, card=self.card, turns=session.turns):
                    yield _static(block, classes="score")
            yield _static(self._notes_text(), id="notes")
            if self.story.steps:
                yield _static(literal(("Turn by turn", "bold underline")), id="turns-head")
                yield Static(turn_table(self.story), id="turn-table")
            legend = literal(
                ("Reply by reply  ", "bold underline"),
                ("earned points", "bold green underline"),
                "  ",
                ("cost points", "bold red underline"),
            )
            yield _static(legend, id="legend")
            for i, turn in enumerate(session.turns, 1):
                with Vertical(classes="turn"):
                    yield _static(self._buyer(i, turn), classes="said")
                    with Horizontal(classes="pair"):
                        yield _static(self._yours(turn, i - 1), classes="yours")
                        yield _static(self._model(turn), classes="model")
                    yield Static(reply_review(turn), classes="scoring")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(self.live.scenario.title, one_line=True)
        self.query_one("#card").focus()

    # -- building -------------------------------------------------------------------

    def _ending_text(self) -> Group:
        session = self.live.session
        word, style, meaning = ENDING_WORDS.get(
            session.ending or "", (str(session.ending or "none").upper(), "bold", "")
        )
        out = Text.assemble(("Ending: ", "bold"), (word, style), f"  {meaning}")
        closing = session.closing
        if closing is not None and closing.line:
            who = self.live.scenario.speaker_label(closing.speaker) or "Buyer"
            out.append_text(literal("\n", (who, "bold"), ": ", (closing.line, "italic")))
        parts: list[RenderableType] = [out]
        if self.story.why_ended:
            parts.append(why_grid(self.story.why_ended))
        out = Text()
        parts.append(out)
        count = len(session.turns)
        out.append(
            f"{count} repl{'ies' if count != 1 else 'y'} · {round(session.seconds())} s",
            style="dim",
        )
        # What to practise next, in the card itself: a toast would sit over the review.
        if self.recommended is not None:
            title = getattr(self.recommended, "title", "") or self.recommended.id
            out.append("\n")
            out.append_text(
                literal(("Up next, press n: ", "bold green"), (title, "bold"), one_line=True)
            )
        return Group(*parts)

    def _notes_text(self) -> Text:
        out = self._advice_text()
        summary = getattr(self.card, "moves_summary", "")
        if summary:  # what the replies did, counted ("you asked for the business in 2 of 7 turns")
            out.append_text(literal(("\n\nWhat your replies did: ", "bold"), summary))
        return out

    def _advice_text(self) -> Text:
        turns = self.live.session.turns
        items = things_to_change(self.card.notes, turns)
        head = "Do differently next time"
        if not items and self.story.lost_points:
            items = [_lost(step) for step in self.story.steps if step.lost_points]
        elif not items:
            items = things_to_keep(self.card.notes, turns)
            head = "No reply cost you points. Keep doing this"
            ending = self.live.session.ending
            if ending in ("loss", "stall"):
                head = f"No reply cost you points, yet it ended in a {ending}: see why above"
            if not items:
                return literal((head, "bold underline"), "\nTry a harder scenario next.")
        out = literal((head, "bold underline"))
        for item in items:
            out.append("\n• ")
            out.append_text(item)
        return out

    def _buyer(self, i: int, turn: Turn) -> Text:
        who = self.live.scenario.speaker_label(turn.speaker) or "Buyer"
        return literal((f"{i}. ", "bold"), (who, "bold"), ": ", turn.line or "")

    def _yours(self, turn: Turn, index: int) -> Text:
        out = literal(("You said", "bold"))
        if self.live.sent_by_clock(index):
            out.append(" · sent when the clock ran out", style="italic")
        out.append("\n")
        if turn.kind == "timeout":
            out.append("(no answer in time)", style="italic")
        else:
            out.append_text(marked_reply(turn.reply, turn.evidence))
        note = route_note(turn, self.live.scenario.speaker_label(turn.speaker))
        if note:
            out.append_text(literal("\n", (note, "italic dim")))
        if turn.feedback:
            out.append_text(literal("\n", (" ".join(turn.feedback.split()), "italic")))
        return out

    def _model(self, turn: Turn) -> Text:
        step = self.live.scenario.steps.get(turn.step)
        answer = " ".join((step.model_answer if step else "").split())
        out = literal(("A top performer", "bold"), "\n")
        out.append_text(
            literal(answer) if answer else Text("(no model answer for this moment)", style="dim")
        )
        return out

    # -- actions --------------------------------------------------------------------

    def action_retry(self) -> None:
        self.app.start_play(self.live.scenario, self.live.rubric)

    def action_next(self) -> None:
        entry = self.recommended
        if entry is None:
            self.notify("No other scenario in the library yet.")
            return
        scenario, diagnostics, rubric, problem = self.app.load_entry(entry)
        if scenario is None:
            first = next((d for d in diagnostics if d.is_error), None)
            self.notify(safe(first.format() if first else entry.id), severity="error", markup=False)
            return
        self.app.open_briefing(scenario, rubric, replace=True)

    def action_progress(self) -> None:
        self.app.open_progress()

    def action_back(self) -> None:
        self.app.back_to_library()
