"""Asks before leaving a conversation that has not ended; answers True to leave."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class LeaveDialog(ModalScreen[bool]):
    """Leave mid-way? Says what becomes of the session: kept in the practice log as
    abandoned, or (``--no-log``, or a log that would not open) gone."""

    CSS_PATH = "leave_dialog.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Leave"),
        Binding("n,escape", "answer(False)", "Stay"),
    ]

    def __init__(self, *, recorded: bool = True) -> None:
        super().__init__()
        self.recorded = recorded

    def compose(self) -> ComposeResult:
        with Vertical(id="box"):
            yield Static("Leave this conversation?", id="question")
            detail = (
                "It stays in your practice log as unfinished."
                if self.recorded
                else "Practice is not being recorded, so this conversation will be gone."
            )
            yield Static(detail, id="detail", classes="muted")
            with Horizontal(id="buttons"):
                yield Button("Leave (y)", id="leave", variant="error")
                yield Button("Stay (n)", id="stay", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#leave")
    def _leave(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#stay")
    def _stay(self) -> None:
        self.dismiss(False)

    def action_answer(self, leave: bool) -> None:
        self.dismiss(leave)
