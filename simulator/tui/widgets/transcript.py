"""The conversation so far: buyers under their name and role, the rep's replies set apart,
and inline feedback. Every line is a literal ``Text`` (see :mod:`simulator.tui.text`)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from simulator.tui.text import literal

BELOW_HINT = "▼ more below · pgdn"


class Transcript(VerticalScroll, can_focus=False):
    """A scrolling column of utterances that stays anchored to the newest one."""

    class Below(Message):
        """Whether lines below the view are out of sight (the buyer's newest answer,
        after the view started at the rep's reply): the screen says pgdn reaches them."""

        def __init__(self, hidden: bool) -> None:
            super().__init__()
            self.hidden = hidden

    _last_rep: Static | None = None
    _below = False

    def on_mount(self) -> None:
        self.anchor()

    def _tell_below(self) -> None:
        """Judged after the transcript's own moves (a turn, a page), not on every
        scroll: while new lines mount, the end is briefly out of view, and a hint
        shown then (it takes a row) moved the conversation under it."""
        self._tell(self.scroll_y < self.max_scroll_y - 0.5)

    def _tell(self, hidden: bool) -> None:
        if hidden != self._below:
            self._below = hidden
            self.post_message(self.Below(hidden))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._below and new_value >= self.max_scroll_y - 0.5:
            self._tell(False)  # scrolled to the end some other way (the mouse)

    def keep_reply_in_view(self) -> None:
        """After a turn: the newest lines (the buyer's answer), unless that would leave
        none of the rep's own last reply in view; then the view starts at that reply
        (the buyer's answer is a pgdn away)."""
        self.call_after_refresh(self._keep_reply_in_view)

    def _keep_reply_in_view(self) -> None:
        reply = self._last_rep
        if reply is None or not reply.is_mounted:
            return
        if reply.virtual_region.bottom <= self.max_scroll_y:  # all of it above the end view
            self.release_anchor()
            top = reply.virtual_region.y - 1  # with the margin above it
            self.scroll_to(y=max(0, top), animate=False, immediate=True)
        self.call_after_refresh(self._tell_below)

    def page(self, down: bool) -> None:
        """Scroll a page by keyboard (the rep's keys stay in the reply box)."""
        if down:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)
        self.call_after_refresh(self._tell_below)

    def _add(self, content: RenderableType, *classes: str) -> Static:
        entry = Static(content, markup=False, classes=" ".join(("entry", *classes)))
        self.mount(entry)
        self.anchor()
        return entry

    def buyer(self, label: str, line: str | None, *, aside: bool = False) -> None:
        """A buyer's line under their name and role (an interjection when ``aside``)."""
        if not line:
            return
        who = literal((label or "Buyer", "bold"), one_line=True)
        self._add(Text.assemble(who, "\n", literal(line)), "aside" if aside else "buyer")

    def rep(
        self,
        reply: str,
        *,
        kind: str = "typed",
        choice: int | None = None,
        clock_ran_out: bool = False,
    ) -> None:
        """The rep's own words, set apart on the right; ``clock_ran_out`` marks what was
        in the box when time ran out, sent as the reply."""
        if kind == "timeout":
            body = literal(("(no answer: the clock ran out)", "italic"))
        else:
            body = literal(reply)
        head = literal(("You" + (f" · choice {choice}" if choice else ""), "bold"))
        if clock_ran_out:
            head.append(" · sent when the clock ran out", style="italic")
        self._last_rep = self._add(Text.assemble(head, "\n", body), "rep")

    def feedback(self, content: Text) -> None:
        """Coaching right under the reply it is about; never a pause."""
        if content.plain.strip():
            self._add(content, "feedback")

    def note(self, content: RenderableType, *classes: str) -> None:
        """A line from the app itself: the ending, a reload, a problem (a str is literal)."""
        text = literal(content) if isinstance(content, str) else content
        self._add(text, "note", *classes)
