"""The keys of the screen underneath, with a few words on how that screen works."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "ctrl+r": "Ctrl+R",
    "ctrl+n": "Ctrl+N",
    "ctrl+q": "Ctrl+Q",
    "ctrl+p": "Ctrl+P",
    "f1": "F1",
    "f5": "F5",
}


def keys_text(screen: Screen) -> Text:
    """What the screen says about itself (``KEYS_HELP``), then each key with what it does."""
    out = Text()
    about = getattr(screen, "KEYS_HELP", "")
    if about:
        out.append(" ".join(about.split()) + "\n\n", style="italic")
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if active.node is not screen and active.node is not screen.app:
            continue  # a widget's own editing keys (the reply box, the table) are standard
        if not binding.description or binding.description in seen or not active.enabled:
            continue
        if binding.description.startswith("Choice "):
            continue  # the digits are listed once, below
        seen.add(binding.description)
        rows.append((binding.key_display or _NAMES.get(key, key), binding.description))
    if any(b.binding.description.startswith("Choice ") for b in screen.active_bindings.values()):
        rows.insert(0, ("1-9", "Pick that choice (when the reply box is empty)"))
    rows.append(("Ctrl+P", "Command palette: every action, themes"))
    rows.append(("Ctrl+Q", "Quit"))
    width = max(len(k) for k, _ in rows)
    for key, description in rows:
        out.append(f"{key:>{width}}  ", style="bold")
        out.append(description + "\n")
    out.append("\nPress ? or Esc to close.", style="dim")
    return out


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
