"""A visible reply timer: a shrinking bar and the seconds left; says when it runs out."""

from __future__ import annotations

import time

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

from simulator.tui.text import clock


class Countdown(Widget):
    """Counts down from :meth:`start`; posts :class:`Countdown.Expired` once at zero."""

    DEFAULT_CSS = "Countdown { height: 1; }"

    class Expired(Message):
        """The time to answer has run out."""

    remaining: reactive[float] = reactive(0.0)

    def __init__(self, *, tick: float = 0.2, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0.0
        self._deadline: float | None = None
        self._tick = tick
        self._timer: Timer | None = None
        self._paused_left: float | None = None  # seconds left while paused
        self._ended = False  # the conversation is over: no time left is not a timeout

    def on_mount(self) -> None:
        self._timer = self.set_interval(self._tick, self._update, pause=True)

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def start(self, seconds: float, *, total: float | None = None) -> None:
        """(Re)start the clock with ``seconds`` left (out of ``total``, default the same)."""
        self.total = float(total if total is not None else seconds)
        self._paused_left = None
        self._ended = False
        self._deadline = time.monotonic() + float(seconds)
        self.remaining = float(seconds)
        if self._timer is not None:
            self._timer.resume()

    def stop(self) -> None:
        self._deadline = None
        self._paused_left = None
        if self._timer is not None:
            self._timer.pause()
        self.refresh()

    def end(self) -> None:
        """Stop for good: the bar says "ended" instead of reading 0:00 left."""
        self.stop()
        self._ended = True
        self.refresh()

    @property
    def ended(self) -> bool:
        return self._ended

    def pause(self) -> None:
        """Hold the clock (a dialog covers the screen); :meth:`resume` carries on."""
        if self.running:
            left = self.remaining
            self.stop()
            self._paused_left = left

    def resume(self) -> None:
        """Carry on from where :meth:`pause` held the clock (nothing if it did not)."""
        if self._paused_left is not None:
            self.start(self._paused_left, total=self.total)

    def _update(self) -> None:
        if self._deadline is None:
            return
        self.remaining = max(0.0, self._deadline - time.monotonic())
        if self.remaining <= 0:
            self.stop()
            self.post_message(self.Expired())

    def render(self) -> Text:
        if self._ended:
            return Text("⏱ ended", style="dim")
        if not self.total:
            return Text("")
        left = self.remaining if self.running else 0.0
        width = max(4, self.size.width - 14)
        filled = round(width * left / self.total) if self.total else 0
        urgent = left <= min(10.0, self.total / 3)
        style = "bold red" if urgent else "bold"
        out = Text("⏱ ", style=style)
        out.append("━" * filled, style=style)
        out.append("─" * (width - filled), style="dim")
        out.append(f" {clock(left):>6} left", style=style)
        return out
