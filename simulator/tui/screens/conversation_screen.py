"""The conversation: the buyers talk, the rep answers by digit or in their own words.

A thin loop over the session (inkle's player): show the prompt and what is on
offer, take one reply, show it with its feedback, repeat, until an ending.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.language import similarity
from simulator.tui.review import turn_feedback
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import literal, safe
from simulator.tui.widgets.choice_list import ChoiceList
from simulator.tui.widgets.countdown import Countdown
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.meters import MetersPanel
from simulator.tui.widgets.reply_input import ReplyInput
from simulator.tui.widgets.transcript import BELOW_HINT, Transcript

if TYPE_CHECKING:
    from simulator.engine import Session, Turn
    from simulator.engine.turns import Utterance
    from simulator.tui.live_play import LivePlay

ENDING_WORDS = {
    "win": ("WIN", "bold green", "You got what you came for."),
    "advance": ("ADVANCE", "bold green", "The deal moves forward."),
    "stall": ("STALL", "bold yellow", "Nothing moved: no next step."),
    "loss": ("LOSS", "bold red", "The buyer walked away."),
}


def _keys(count: int) -> str:
    return "1" if count == 1 else f"1-{min(count, 9)}"


class ConversationScreen(RepcraftScreen):
    """One play of one scenario, from the first buyer line to the ending."""

    CSS_PATH = "conversation_screen.tcss"
    KEYS_HELP = """The buyer speaks at the top; your choices are numbered below. In the
    reply box every key is text, digits too: Enter sends what you typed as your own reply.
    A digit is a choice only when the choice list has focus (Tab), or when the box holds
    nothing but that digit and you press Enter. Feedback appears under each reply; pgup
    and pgdn scroll the conversation. With a timer, no answer in time counts as silence."""
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", f"Choice {n}", show=False) for n in range(1, 10)),
        Binding("tab", "app.focus_next", "Choices ⇄ reply", show=True),
        Binding("ctrl+r", "reload", "Reload file"),
        Binding("f5", "reload", "Reload file", show=False),
        Binding("escape", "leave", "Leave"),
        Binding("pagedown", "page(True)", "Scroll", key_display="pg↑↓", priority=True),
        Binding("pageup", "page(False)", "", show=False, priority=True),  # named with pgdn
    ]

    def __init__(
        self,
        live: LivePlay,
        *,
        watch: bool = False,
        watch_interval: float | None = None,
        authoring: bool = False,
    ):
        super().__init__()
        self.live = live
        self.watching = watch  # not `watch`: that is Textual's method
        # Reload is a trainer's key: offered only when a file was opened to be worked on.
        self.authoring = authoring or watch
        self.watch_interval = watch_interval
        self._mtime: int | None = None
        self._ending_shown = False

    @property
    def session(self) -> Session:
        return self.live.session

    def compose(self) -> ComposeResult:
        scenario = self.live.scenario
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="talk"):
                yield Transcript(id="transcript")
                yield Static(BELOW_HINT, id="below", markup=False)
                yield Static("", id="problem", classes="hidden", markup=False)
                yield Countdown(id="countdown")
                yield ChoiceList(id="choices")
                yield ReplyInput(id="reply")
                yield Button("See your scorecard  ⏎", id="to-scorecard", classes="hidden")
            yield MetersPanel(scenario.cast, id="meters")
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = safe(self.live.scenario.title, one_line=True)
        if not self.live.scenario.reply_seconds:
            self.query_one(Countdown).display = False
        self._render_all()
        if any(step.routes for step in self.live.scenario.steps.values()):
            # the sentence model loads while the rep reads, not on their first typed reply
            self.run_worker(similarity.warm_up, thread=True, exit_on_error=False)
        if self.watching and self.live.scenario.path:
            self._mtime = self._file_stamp()
            interval = self.watch_interval or self.app.config.watch_interval
            self.set_interval(interval, self._poll_file)

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")
        self.set_class(self.size.height < 30, "-short")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides the binding from the footer, the keys list and the palette.
        return self.authoring or action != "reload"

    # -- showing --------------------------------------------------------------------

    def _label(self, key: str | None) -> str:
        return self.live.scenario.speaker_label(key)

    def _say(
        self, speaker: str | None, line: str | None, interjections: Iterable[Utterance]
    ) -> None:
        transcript = self.query_one(Transcript)
        transcript.buyer(self._label(speaker), line)
        for u in interjections:
            transcript.buyer(self._label(u.speaker), u.line, aside=True)

    def _render_all(self) -> None:
        """The whole transcript from the session (at start and after a reload)."""
        transcript = self.query_one(Transcript)
        transcript.remove_children()
        meters = self.query_one(MetersPanel)
        for turn in self.session.turns:
            self._say(turn.speaker, turn.line, turn.interjections)
            self._show_turn(turn)
        meters.show(self.session.run.meters)
        self._ending_shown = False
        self._next()

    def _show_turn(self, turn: Turn, clock_ran_out: bool = False) -> None:
        transcript = self.query_one(Transcript)
        transcript.rep(turn.reply, kind=turn.kind, choice=turn.choice, clock_ran_out=clock_ran_out)
        transcript.feedback(turn_feedback(turn, self._label(turn.speaker)))

    def _next(self) -> None:
        """Show what the rep faces now: the next prompt, or the ending."""
        if self.session.ended:
            self._show_ending()
            return
        prompt = self.session.prompt
        if prompt is None:  # not ended, so there is one; said for the type checker
            return
        self._say(prompt.speaker, prompt.line, prompt.interjections)
        offered = self.session.offered()
        choices = self.query_one(ChoiceList)
        choices.set_options(
            Option(_numbered(i, c.text), id=str(i)) for i, c in enumerate(offered, 1)
        )
        choices.display = bool(offered)
        reply = self.query_one(ReplyInput)
        reply.choices = len(offered)
        keys = _keys(len(offered))
        if self.session.accepts_text():
            reply.disabled = False
            if offered:
                reply.hint(
                    f"Type your reply, Enter sends · {keys} then Enter picks a choice",
                    f"Type a reply, Enter sends · {keys} ⏎ picks a choice",
                    f"Type, Enter sends · {keys} ⏎ picks",
                    f"Type, or {keys} ⏎",
                )
            else:
                reply.hint("Type your reply, Enter sends", "Type, Enter sends")
            reply.focus()
        else:
            reply.disabled = True
            reply.hint(f"This moment takes a choice: press {keys}", f"Press {keys} to choose")
            choices.focus()
        if choices.display:
            choices.highlighted = 0
            choices.scroll_home(animate=False)
            choices.call_after_refresh(choices.update_hint)
        seconds = self.live.scenario.reply_seconds
        if seconds:
            self.query_one(Countdown).start(seconds)

    def _show_ending(self) -> None:
        if self._ending_shown:
            return
        self._ending_shown = True
        self.query_one(Countdown).end()
        closing = self.session.closing
        if closing is not None:
            self._say(closing.speaker, closing.line, closing.interjections)
        word, style, meaning = ENDING_WORDS.get(
            self.session.ending or "", (str(self.session.ending).upper(), "bold", "")
        )
        self.query_one(Transcript).note(
            Text.assemble(("Ending: ", "bold"), (word, style), f"  {meaning}"), "ending"
        )
        self.query_one(OptionList).display = False
        self.query_one(ReplyInput).display = False
        button = self.query_one("#to-scorecard", Button)
        button.remove_class("hidden")
        button.focus()
        self.live.finish()

    # -- answering ------------------------------------------------------------------

    def _answer(
        self, do: Callable[[], Turn], *, clock_ran_out: bool = False, refused: str = ""
    ) -> None:
        from simulator.engine import ReplyError

        try:
            turn = do()
        except ReplyError as exc:
            self.notify(safe(str(exc)), severity="warning", markup=False)
            if refused:  # give the rep their words back, ahead of anything typed since
                box = self.query_one(ReplyInput)
                box.value = f"{refused} {box.value}".rstrip()
            return
        self._show_turn(turn, clock_ran_out)
        self.query_one(MetersPanel).show(self.session.run.meters)
        self._next()
        self.query_one(Transcript).keep_reply_in_view()

    def on_transcript_below(self, message: Transcript.Below) -> None:
        # The view was left above the newest lines (the buyer's answer, after the view
        # started at the rep's reply at 80x24, or the rep paged up): say pgdn reaches them.
        self.query_one("#below", Static).display = message.hidden

    def action_page(self, down: bool) -> None:
        self.query_one(Transcript).page(down)

    def action_pick(self, number: int) -> None:
        if self.session.ended:
            return
        if number > len(self.session.offered()):
            self.app.bell()
            return
        self._answer(lambda: self.live.choose(number))

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(int(event.option.id or 0))

    @on(ReplyInput.Submitted, "#reply")
    def _typed(self, event: ReplyInput.Submitted) -> None:
        text = event.value.strip()
        if not text or self.session.ended:
            return  # the box emptied itself on Enter: keys typed since stay
        number = self.query_one(ReplyInput).choice_number(text)
        if number is not None:
            self.action_pick(number)
            return
        self._answer(lambda: self.live.reply(text), refused=text)

    @on(Countdown.Expired)
    def _expired(self) -> None:
        """Time is up: what the rep has typed so far is their reply; nothing is silence."""
        if self.session.ended:
            return
        box = self.query_one(ReplyInput)
        text = box.value.strip()
        if text and self.session.accepts_text():
            box.value = ""
            self._answer(lambda: self.live.reply(text, clock_ran_out=True), clock_ran_out=True)
        else:
            self._answer(self.live.timeout)

    @on(Button.Pressed, "#to-scorecard")
    def _to_scorecard(self) -> None:
        self.app.show_scorecard(self.live)

    def action_leave(self) -> None:
        if self.session.ended or not self.session.turns:
            self.app.pop_screen()  # nothing answered yet, or done: nothing to lose
            return
        from simulator.tui.dialogs.leave_dialog import LeaveDialog

        def answered(leave: bool | None) -> None:
            if leave:
                self.app.pop_screen()

        store = self.app.store
        recorded = store.enabled and not store.error
        self.app.push_screen(LeaveDialog(recorded=recorded), answered)

    # The clock stops while a dialog (keys, leave?) covers the conversation.
    def on_screen_suspend(self) -> None:
        self.query_one(Countdown).pause()

    def on_screen_resume(self) -> None:
        countdown = self.query_one(Countdown)
        if self.session.ended:
            countdown.end()
        else:
            countdown.resume()

    # -- hot reload -----------------------------------------------------------------

    def _file_stamp(self) -> int | None:
        path = self.live.scenario.path
        if not path:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        return st.st_mtime_ns ^ st.st_size

    def _poll_file(self) -> None:
        stamp = self._file_stamp()
        if stamp is not None and stamp != self._mtime:
            self._mtime = stamp
            self.action_reload()

    def action_reload(self) -> None:
        """Load the file again; replay the rep's replies on it, or show why not."""
        path = self.live.scenario.path
        if not path:
            self.notify("This scenario was not loaded from a file.", severity="warning")
            return
        from simulator.scenario.loader import check_file

        scenario, diagnostics = check_file(path)
        problem = self.query_one("#problem", Static)
        if scenario is None:
            errors = [d for d in diagnostics if d.is_error]
            text = literal(
                ("The file no longer loads; still playing the last good version.", "bold")
            )
            for d in errors[:6]:
                text.append_text(literal("\n", d.format()))
            if len(errors) > 6:
                text.append(f"\n… and {len(errors) - 6} more")
            text.append_text(literal(("\nFix it and save (or press ctrl+r).", "italic")))
            problem.update(text)
            problem.remove_class("hidden")
            return
        problem.add_class("hidden")
        before = len(self.live.answers)
        result = self.live.reload(scenario)
        self.query_one(MetersPanel).reset(scenario.cast)
        self._render_all()
        if result.problem:
            message = f"Reloaded; replayed {result.applied} of {before} replies ({result.problem})"
            self.notify(safe(message), severity="warning", markup=False, timeout=8)
        else:
            replies = f"{before} repl{'y' if before == 1 else 'ies'}"
            name = safe(os.path.basename(path), one_line=True)
            self.notify(f"Reloaded {name}; replayed {replies}", markup=False)


def _numbered(number: int, text: str) -> Table:
    """A choice as ``1  text`` with wrapped lines indented under the text, not the digit."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(str(number), style="bold"), literal(text))
    return grid
