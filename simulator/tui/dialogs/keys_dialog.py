"""The keys of the screen underneath, with a few words on how that screen works."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# What the app's own keys do, in the list (their bindings say only "palette", "Quit").
_APP_KEYS = {
    "command_palette": ("ctrl+p", "Command palette: every action, themes"),
    "quit": ("ctrl+q", "Quit"),
}


def keys_text(screen: Screen) -> Group:
    """What the screen says about itself (``KEYS_HELP``), then each key with what it
    does: one row per action, its keys together (``q, ^q  Quit``), each key named
    as Textual names it in the footer."""
    about = " ".join(str(getattr(screen, "KEYS_HELP", "")).split())
    rows: dict[str, tuple[list[str], str]] = {}
    # The digits are listed even while the reply box has them (there they are text).
    digits = any(
        isinstance(b, Binding) and b.description.startswith("Choice ") for b in screen.BINDINGS
    )
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if active.node is not screen and active.node is not screen.app:
            continue  # a widget's own editing keys (the reply box, the table) are standard
        if not binding.description or not active.enabled:
            continue
        if binding.description.startswith("Choice "):
            continue  # the digits are listed once, below
        action = binding.action.removeprefix("app.")
        description = _APP_KEYS[action][1] if action in _APP_KEYS else None
        description = description or binding.tooltip or binding.description
        # Textual's own name for the key, as the footer shows it (^r, esc, ⏎)
        shown = screen.app.get_key_display(replace(binding, key=key))
        keys, _ = rows.setdefault(action, ([], description))
        if shown not in keys:
            keys.append(shown)
    for action, (key, description) in _APP_KEYS.items():
        rows.setdefault(action, ([screen.app.get_key_display(Binding(key, action))], description))
    listed = [(", ".join(names), description) for names, description in rows.values()]
    if digits:
        listed.insert(
            0, ("1-9", "Pick that choice (choice list focused, or the digit alone + Enter)")
        )
    # A grid: a description that wraps (80 columns) stays in its column.
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True, style="bold")
    grid.add_column()
    for shown_keys, description in listed:
        grid.add_row(shown_keys, description)
    parts: list[RenderableType] = [Text(about + "\n", style="italic")] if about else []
    parts += [grid, Text("\n↑ ↓ pgup pgdn scroll · ? or esc closes", style="dim")]
    return Group(*parts)


class KeysDialog(ModalScreen[None]):
    """Shows the keys; any of ?, Esc, Enter or q closes it."""

    CSS_PATH = "keys_dialog.tcss"
    BINDINGS = [Binding("escape,question_mark,enter,q,f1", "close", "Close")]

    def __init__(self, screen: Screen):
        super().__init__()
        self.text = keys_text(screen)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="box"):
            yield Static(Text("Keys", style="bold"), id="title")
            yield Static(self.text, markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
