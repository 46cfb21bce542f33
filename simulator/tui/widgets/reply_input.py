"""The box a rep types a reply into; a digit in an empty box picks a choice instead."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events
from textual.widgets import Input


class ReplyInput(Input):
    """An Input that lets some keys through while it is empty.

    With nothing typed yet, a digit naming a choice on offer (1..``choices``) is that
    choice and ``?`` is help: those keys go on up to the screen's bindings. Any other
    key, and every key once the rep has started typing, is text.
    """

    choices: int = 0  # how many choices are on offer; the screen keeps it current

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._hints: tuple[str, ...] = (self.placeholder,) if self.placeholder else ()
        self._had_text = False

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
        if self.value or character is None:
            return False
        if character == "?":
            return True
        return character.isdigit() and 1 <= int(character) <= min(self.choices, 9)

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

    def on_input_changed(self, event: Input.Changed) -> None:
        # Empty or not changes which keys reach the screen (? and the digits): the footer
        # lists those keys, so it is told. The message goes on up as usual.
        if bool(event.value) != self._had_text:
            self._had_text = bool(event.value)
            self.screen.refresh_bindings()
