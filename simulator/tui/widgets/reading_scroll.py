"""A scrolling pane to read by keyboard, whose scroll keys the footer names."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class ReadingScroll(VerticalScroll):
    """VerticalScroll whose page keys show in the footer while it has focus: the arrow
    keys, pgup/pgdn, home and end scroll it (Textual's own scroll bindings)."""

    BINDINGS = [
        Binding("pagedown", "page_down", "Scroll", key_display="↑↓", show=True),
    ]
