"""Text from scenario files (and typed replies) made safe to print.

A terminal obeys control characters (``\\x1b[2J`` clears the screen) and renders
bidirectional overrides (U+202E makes a line read backwards), so every string from a
file is shown with those spelled out (``\\x1b``, ``\\u202e``), never sent raw. Each
layer that prints uses this one table: the command line, the app and the exports.
"""

from __future__ import annotations

import unicodedata

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
    """Terminal columns ``text`` takes: wide (CJK, most emoji) characters take two,
    combining marks and zero-width characters none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip_cells(text: str, width: int) -> str:
    """``text`` cut to ``width`` columns, with an ellipsis when cut."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def pad_cells(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns."""
    return text + " " * max(0, width - cell_width(text))
