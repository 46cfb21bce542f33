"""Text from scenario files (and typed replies) made safe to print.

A terminal obeys control characters (``\\x1b[2J`` clears the screen) and renders
bidirectional overrides (U+202E makes a line read backwards), so every string from a
file is shown with those spelled out (``\\x1b``, ``\\u202e``), never sent raw. Each
layer that prints uses this one table: the command line, the app and the exports.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells

_C0_C1 = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))
# Bidirectional controls: they reorder what is shown without changing what is stored.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))

CONTROL_ESCAPES: dict[int, str] = {c: f"\\x{c:02x}" for c in _C0_C1}
CONTROL_ESCAPES.update({c: f"\\u{c:04x}" for c in _BIDI})


def escape_table(keep: str = "", newline: str | None = None) -> dict[int, str]:
    """A ``str.translate`` table: every control spelled out except the characters in
    ``keep``; a newline becomes ``newline`` when one is given."""
    table = {c: s for c, s in CONTROL_ESCAPES.items() if chr(c) not in keep}
    if newline is not None:
        table[0x0A] = newline
    return table


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes, as Rich (and so the app) measures them: wide
    (CJK, emoji, joined emoji sequences) take two, combining and zero-width none."""
    return cell_len(text)


def clip_cells(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when cut (never inside a
    character or a joined emoji)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return chop_cells(text, width - 1)[0] + "…"


def pad_cells(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns."""
    return text + " " * max(0, width - cell_width(text))
