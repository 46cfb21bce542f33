"""No keystroke lost, however fast it comes: the app takes keys one at a time.

A terminal hands Textual a burst of keys at once. The app forwards each key to the
widget focused when it reads it, but the key's bindings (the library's ``d``, the
reply box's Enter) run only once it has bubbled back up from that widget. In a burst,
"d" then "30 days" sent the letters to the library's table before the drill opened
(lost), and "…today⏎10 days" put "10 days" into the box before Enter sent it. A screen
not yet mounted lost every key typed at it.

So a key goes on only when the one before it has been handled: a marker sent behind
it has come back up to the app. And no key goes on while a screen is opening, until
that screen says it can take them (:meth:`TypeAheadApp.keys_ready`).
"""

from __future__ import annotations

from typing import TypeGuard

from textual import events
from textual.app import App
from textual.message import Message
from textual.message_pump import MessagePump
from textual.timer import Timer

# A marker lost on the way (its widget closed under it) must not stop the keys for long.
MARKER_TIMEOUT = 1.0
NEVER_HELD = ("ctrl+c", "ctrl+q")  # quitting never waits
NEWLINE = "ctrl+j"


class KeyPassed(Message):
    """Sent behind a key, to the widget it went to; back at the app, the key is done."""


def _held_back(event: events.Event) -> TypeGuard[events.Key | events.Paste]:
    if isinstance(event, events.Paste):
        return not event.is_forwarded
    return isinstance(event, events.Key) and not event.is_forwarded and event.key not in NEVER_HELD


class TypeAheadApp(App[int]):
    """An app whose keys arrive in order, each after the last was handled."""

    def __init__(self) -> None:
        super().__init__()
        # The first screen is the first hold: it lets go (first_screen_ready) once it can
        # take keys.
        self._holds = 1
        self._first_released = False
        self._held: list[events.Key | events.Paste] = []
        self._in_flight: KeyPassed | None = None
        self._marker_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if _held_back(event):
            if isinstance(event, events.Key) and event.key == NEWLINE:
                # Enter typed before the app took the terminal went through the tty's
                # line mode, which made it a newline.
                event = events.Key("enter", "\r")
            self._held.append(event)
            await self._next_key()
            return
        await super().on_event(event)

    def first_screen_ready(self) -> None:
        """The first screen can take keys: the hold the app started with ends (once)."""
        if not self._first_released:
            self._first_released = True
            self.keys_ready()

    def hold_keys(self) -> None:
        """Keep the keys typed from now on until a matching :meth:`keys_ready`."""
        self._holds += 1

    def keys_ready(self) -> None:
        """The screen that asked for the hold takes keys now; the held ones go first.

        Deferred to the app's queue, so the focus the screen has just asked for (also
        deferred) is in place when the keys arrive."""
        self.call_later(self._let_go)

    async def _let_go(self) -> None:
        self._holds = max(0, self._holds - 1)
        await self._next_key()

    async def _next_key(self) -> None:
        while self._held and not self._holds and self._in_flight is None:
            event = self._held.pop(0)
            target = self.focused or self.screen
            await super().on_event(event)  # forwarded, or a priority binding ran
            # A forwarded key: the marker follows it up from the same widget. A key
            # a priority binding took: the marker queues behind what that did.
            self._send_marker(target if event.is_forwarded else None)

    def _send_marker(self, via: MessagePump | None) -> None:
        marker = KeyPassed()
        if via is None or not via.post_message(marker):
            self.post_message(marker)
        self._in_flight = marker
        if self._marker_timer is not None:
            self._marker_timer.stop()
        self._marker_timer = self.set_timer(
            MARKER_TIMEOUT, lambda marker=marker: self._passed(marker)
        )

    def after_messages_of(self, widget: MessagePump) -> None:
        """The key being handled goes on only once ``widget`` has handled (and passed
        up) what it has queued so far. For a key whose binding posts a message that
        moves the focus: Enter in the reply box sends the reply, and the screen may
        then give the focus to the choices; a "1" typed at once belongs there."""
        if self._in_flight is not None:
            self._send_marker(widget)

    async def on_key_passed(self, message: KeyPassed) -> None:
        message.stop()
        await self._passed(message)

    async def _passed(self, marker: KeyPassed) -> None:
        if marker is not self._in_flight:
            return
        self._in_flight = None
        if self._marker_timer is not None:
            self._marker_timer.stop()
            self._marker_timer = None
        # Queued, not now: a focus change the key asked for (``/`` focuses the search
        # box) is a callback in the app's queue, and the next key must find it done.
        self.call_later(self._next_key)
