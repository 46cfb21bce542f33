"""Drill: ten buyer lines from across the library, typed answers against the clock."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from simulator.tui.coaching import things_to_change
from simulator.tui.drill_log import finish_drill, record_answer, start_drill
from simulator.tui.review import chips, turn_feedback
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import bullets, clock, literal, safe
from simulator.tui.widgets.countdown import Countdown
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.reply_input import ReplyInput
from simulator.tui.widgets.transcript import BELOW_HINT, Transcript

if TYPE_CHECKING:  # the engine loads in the drill's worker, not with the screen
    from simulator.engine.drill import Drill, DrillAnswer, DrillLine


class _AnswerView:
    """An answer seen through the turn interface the feedback helpers read."""

    def __init__(self, answer: DrillAnswer):
        self.kind, self.reply, self.route = answer.kind, answer.reply, None
        self.feedback, self.scores, self.evidence = "", answer.scores, answer.evidence
        self.step, self.choice = answer.item.step, None


def drill_context(item: DrillLine) -> Group:
    """What the rep needs before a line out of its conversation: the scenario
    briefing's facts, and the buyer line and scripted reply that led to it (the
    rep in the drill never said that reply, so it is not shown as theirs)."""
    about = f"What is true about {item.product_name}" if item.product_name else "What is true"
    parts: list[RenderableType] = [literal((about, "bold"), (" (from the briefing)", "dim"))]
    if item.facts:  # wrapped lines under the fact, not under the bullet (80 columns)
        parts.append(bullets(literal(fact) for fact in item.facts))
    else:
        parts = [literal(("No facts in this scenario's briefing.", "dim"))]
    lead = item.lead_in
    if lead:
        out = literal(("Earlier, ", "dim"), (lead.speaker_label, "dim bold"), ": ")
        out.append_text(literal((f"“{lead.line}”", "italic")))
        if lead.reply:
            out.append_text(literal(("\nThe rep answered: ", "dim"), (f"“{lead.reply}”", "italic")))
        parts.append(out)
    return Group(*parts)


class DrillScreen(RepcraftScreen):
    """Rapid fire: answer each line in your own words before the clock runs out."""

    CSS_PATH = "drill_screen.tcss"
    TAKES_KEYS_WHEN_READY = True  # answers typed while the lines are drawn wait for the box
    KEYS_HELP = """Each buyer line waits for your answer in your own words: type it and
    press Enter before the clock runs out. Every answer is scored at once, with what a top
    performer would have said; the round ends with a summary."""
    BINDINGS = [
        Binding("ctrl+n", "again", "New round"),
        Binding("r", "again", "New round", show=False),
        Binding("escape", "back", "Back"),
        Binding("pagedown", "page(True)", "Scroll", key_display="pg↑↓", priority=True),
        Binding("pageup", "page(False)", "", show=False, priority=True),  # named with pgdn
    ]

    def __init__(self, scenarios: list | None = None):
        super().__init__()
        self.scenarios = scenarios  # None: the whole library, loaded in a worker
        self.drill: Drill | None = None
        self.log_id: int | None = None
        self._asked_at = 0.0
        self._round = 0
        self._took_keys = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text("Drawing buyer lines from the library…"), id="where", markup=False)
        yield Transcript(id="drill-log")
        yield Static(BELOW_HINT, id="below", markup=False)
        yield Countdown(id="countdown")
        yield ReplyInput(id="answer")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "drill"
        reply = self.query_one(ReplyInput)
        reply.hint("Your answer, in your own words; Enter sends", "Your answer; Enter sends")
        reply.disabled = True
        self.load()

    @work(thread=True, exclusive=True, group="drill")
    def load(self) -> None:
        from simulator.engine.drill import Drill, DrillError

        app = self.app
        scenarios = self.scenarios if self.scenarios is not None else app.all_scenarios()
        config = app.config
        seed = None if config.seed is None else config.seed + self._round
        try:
            drill = Drill(scenarios, config.drill_count, seed, seconds=config.drill_seconds)
        except DrillError as exc:
            app.call_from_thread(self._cannot, str(exc))
            return
        app.call_from_thread(self._begin, drill)

    def _take_keys(self) -> None:
        if not self._took_keys:
            self._took_keys = True
            self.app.keys_ready()

    def _cannot(self, message: str) -> None:
        self.query_one("#where", Static).update(literal(("No drill: ", "bold red"), message))
        self._take_keys()

    def _begin(self, drill: Drill) -> None:
        self.drill = drill
        self._round += 1
        self.log_id = start_drill(self.app.store, drill)
        self.query_one(Transcript).remove_children()
        seconds = drill.seconds
        self.query_one(Countdown).display = bool(seconds)
        self.query_one(Transcript).note(
            literal(
                (f"{len(drill.lines)} buyer lines", "bold"),
                f", {clock(seconds)} each" if seconds else "",
                ". Answer in your own words; each is scored at once.",
            )
        )
        reply = self.query_one(ReplyInput)
        reply.disabled = False
        reply.focus()
        self._ask()
        self._take_keys()

    def _ask(self) -> None:
        drill = self.drill
        if drill is None:
            return  # still drawing the lines
        item = drill.current
        if item is None:
            self._summary(drill)
            return
        self.query_one("#where", Static).update(
            literal(
                (f"Line {drill.position} of {len(drill.lines)}", "bold"),
                ("  from ", "dim"),
                (item.scenario_title, "dim italic"),
                one_line=True,
            )
        )
        log = self.query_one(Transcript)
        log.note(drill_context(item), "drill-context")
        log.buyer(item.speaker_label, item.line)
        self._asked_at = time.monotonic()
        if drill.seconds:
            self.query_one(Countdown).start(drill.seconds)

    def _answered(self, answer: DrillAnswer, clock_ran_out: bool = False) -> None:
        record_answer(self.app.store, self.log_id, answer)
        log = self.query_one(Transcript)
        log.rep(answer.reply, kind=answer.kind, clock_ran_out=clock_ran_out)
        # The drill has no review screen: every piece of evidence is shown here.
        feedback = turn_feedback(_AnswerView(answer), routed=False, evidence_count=None)
        if answer.kind == "timeout":
            feedback = Text.assemble(("No answer in time.", "italic"), "\n", feedback)
        feedback.append_text(literal(("\nA top performer: ", "bold"), answer.item.model_answer))
        log.feedback(feedback)
        self._ask()
        log.keep_reply_in_view()

    @on(ReplyInput.Submitted, "#answer")
    def _typed(self, event: ReplyInput.Submitted) -> None:
        text = event.value.strip()
        if not text or self.drill is None or self.drill.done:
            return  # the box emptied itself on Enter: keys typed since stay
        self._answered(self.drill.answer(text, time.monotonic() - self._asked_at))

    @on(Countdown.Expired)
    def _expired(self) -> None:
        """Time is up: what the rep has typed so far is their answer; nothing is silence."""
        if self.drill is None or self.drill.done:
            return
        seconds = time.monotonic() - self._asked_at
        box = self.query_one(ReplyInput)
        text = box.value.strip()
        if text:
            box.value = ""
            self._answered(self.drill.answer(text, seconds), clock_ran_out=True)
        else:
            self._answered(self.drill.timeout(seconds))

    def _summary(self, drill: Drill) -> None:
        self.query_one(Countdown).end()
        report = finish_drill(self.app.store, self.log_id, drill)
        self.log_id = None
        card = drill.scorecard()
        views = [_AnswerView(a) for a in drill.answers]
        out = Text.assemble(("Round over. ", "bold"), chips(card.scores))
        out.append(
            f"\n{report['answered']} answered, {report['timeouts']} ran out of time", style="dim"
        )
        for line in things_to_change(card.notes, views):
            out.append_text(Text.assemble("\n• ", line))
        if card.moves_summary:
            out.append_text(literal(("\nWhat your answers did: ", "bold"), card.moves_summary))
        out.append("\nctrl+n for another round, Escape to go back", style="italic")
        self.query_one(Transcript).note(out, "summary")
        self.query_one("#where", Static).update(literal(("Drill done", "bold")))
        self.query_one(ReplyInput).disabled = True

    def on_screen_suspend(self) -> None:
        self.query_one(Countdown).pause()

    def on_screen_resume(self) -> None:
        countdown = self.query_one(Countdown)
        if self.drill is not None and self.drill.done:
            countdown.end()
        elif self.drill is None:
            countdown.stop()
        else:
            countdown.resume()

    # -- actions --------------------------------------------------------------------

    def action_again(self) -> None:
        if self.drill is not None and not self.drill.done:
            self.notify("Finish this round first (or Escape to leave it).", markup=False)
            return
        self.query_one("#where", Static).update(safe("Drawing buyer lines…"))
        self.load()

    def on_transcript_below(self, message: Transcript.Below) -> None:
        # The view was left above the newest lines (the buyer's answer, after the view
        # started at the rep's reply at 80x24, or the rep paged up): say pgdn reaches them.
        self.query_one("#below", Static).display = message.hidden

    def action_page(self, down: bool) -> None:
        self.query_one(Transcript).page(down)

    def action_back(self) -> None:
        self.query_one(Countdown).stop()
        self.app.pop_screen()
