"""The box a rep types a reply into: every key typed here is text (``?`` alone aside).

A digit is a choice only once Enter sends a box that holds nothing else (the
conversation screen decides that), so a reply such as "30 seconds" or "1.8%" keeps
every character, however fast it is typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.widgets import Input

from simulator.tui.typeahead import TypeAheadApp


class ReplyInput(Input):
    """An Input that lets ``?`` through to the screen (help) while it is empty.

    Every other key, digits included, is text: a digit picks a choice only when the
    box holds just that digit and Enter is pressed (see ``choice_number``).
    """

    choices: int = 0  # how many choices are on offer; the screen keeps it current

    def __init__(self, *, placeholder: str = "", id: str | None = None) -> None:
        super().__init__(placeholder=placeholder, id=id)
        self._hints: tuple[str, ...] = (self.placeholder,) if self.placeholder else ()
        self._had_text = False

    def on_mount(self) -> None:
        # A blinking cursor is on or off depending on when a screenshot is taken.
        config = getattr(self.app, "config", None)
        if config is not None and not getattr(config, "cursor_blink", True):
            self.cursor_blink = False

    def hint(self, *hints: str) -> None:
        """Placeholders from longest to shortest: the longest that fits is shown."""
        self._hints = tuple(hints)
        self._fit_hint()

    def _fit_hint(self, hints: Sequence[str] | None = None) -> None:
        hints = hints or self._hints
        if not hints:
            return
        room = self.content_size.width - 1  # the cursor cell
        fits = [h for h in hints if cell_len(h) <= room]
        self.placeholder = fits[0] if fits and room > 0 else hints[-1]

    def on_resize(self) -> None:
        self._fit_hint()

    def _passes(self, character: str | None) -> bool:
        return not self.value and character == "?"

    def choice_number(self, text: str) -> int | None:
        """The choice a sent reply names: a lone digit 1..``choices``, else None (text)."""
        text = text.strip()
        if len(text) == 1 and text.isdigit() and 1 <= int(text) <= min(self.choices, 9):
            return int(text)
        return None

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's handler in turn; prevent_default() skips Input's,
        # and as the event is not stopped it bubbles up to the screen's bindings.
        if self._passes(event.character):
            event.prevent_default()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Tells the screen which bindings the box would swallow: not those keys, when empty.
        if self._passes(character):
            return False
        return super().check_consume_key(key, character)

    async def action_submit(self) -> None:
        # Emptied here, not by the screen once the message reaches it: by then the
        # next reply's first keys may be in the box, and emptying it lost them.
        self.post_message(self.Submitted(self, self.value))
        self.value = ""
        app = self.app
        if isinstance(app, TypeAheadApp):  # the next key waits for the screen's answer
            app.after_messages_of(self)

    def on_input_changed(self, event: Input.Changed) -> None:
        # Empty or not changes which keys reach the screen (?): the footer
        # lists those keys, so it is told. The message goes on up as usual.
        if bool(event.value) != self._had_text:
            self._had_text = bool(event.value)
            self.screen.refresh_bindings()
