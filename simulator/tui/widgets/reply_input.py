"""The box a rep types a reply into; a digit in an empty box picks a choice instead."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class ReplyInput(Input):
    """An Input that lets some keys through while it is empty.

    With nothing typed yet, a digit is a choice and ``?`` is help, so those keys go
    on up to the screen's bindings; once the rep has started typing, every key is text.
    """

    PASSTHROUGH = frozenset("123456789?")

    def __init__(self, *args, passthrough: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if passthrough is not None:
            self.PASSTHROUGH = frozenset(passthrough)

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls each class's handler in turn; prevent_default() skips Input's,
        # and as the event is not stopped it bubbles up to the screen's bindings.
        if not self.value and event.character in self.PASSTHROUGH:
            event.prevent_default()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # Tells the screen which bindings the box would swallow: not those keys, when empty.
        if not self.value and character in self.PASSTHROUGH:
            return False
        return super().check_consume_key(key, character)
