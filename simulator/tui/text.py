"""Text from scenario files, made safe to show: literal, never markup, never escapes.

Scenario files are written by trainers and may contain anything. Rich would read
``[bold]`` as markup and a terminal would obey ``\\x1b[2J``, so every string from a
file goes through :func:`safe` (control characters shown as ``\\x1b``) and into a
``rich.text.Text`` built from plain strings (``Text(str)`` never parses markup).
Widgets then render those ``Text`` objects, never markup strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.table import Table
from rich.text import Text

from simulator.scenario.display_text import escape_table

# Controls and bidirectional overrides spelled out; tabs and newlines are harmless
# in a Text.
_CONTROL = escape_table(keep="\t\n")
_CONTROL_ONE_LINE = escape_table(keep="\t", newline=" ")


def safe(text: object, *, one_line: bool = False) -> str:
    """``text`` with control characters (escape sequences included) shown as ``\\x1b``."""
    if text is None:
        return ""
    return str(text).translate(_CONTROL_ONE_LINE if one_line else _CONTROL)


def literal(*parts: str | tuple[str, str] | Text, one_line: bool = False) -> Text:
    """A Text from plain pieces: ``"words"`` or ``("words", "style")``, each made safe.

    Styles come from our code only; the words are never parsed for markup.
    """
    out = Text()
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            words, style = part
            out.append(safe(words, one_line=one_line), style=style)
        else:
            out.append(safe(part, one_line=one_line))
    return out


def marked(reply: str, spans: Iterable[tuple[int, int, str]], *, base_style: str = "") -> Text:
    """``reply`` with the character ranges ``(start, end, style)`` styled.

    Used for evidence: the words that earned or cost points. Offsets refer to the
    reply as typed; control characters are replaced one for one beforehand (as
    ``\\x..`` would shift offsets, they become ``\ufffd`` here) so offsets stay valid.
    """
    shown = "".join("\ufffd" if ord(ch) in _CONTROL and ch != "\n" else ch for ch in reply)
    text = Text(shown, style=base_style)
    length = len(shown)
    for start, end, style in spans:
        start, end = max(0, int(start)), min(length, int(end))
        if end > start:
            text.stylize(style, start, end)
    return text


def paragraphs(text: str) -> str:
    """Hard-wrapped text from a file reflowed: lines joined, blank lines kept as breaks."""
    blocks = [" ".join(block.split()) for block in str(text or "").split("\n\n")]
    return "\n\n".join(b for b in blocks if b)


def stars(difficulty: int, top: int = 5) -> str:
    """Difficulty as filled and empty stars: ``★★★☆☆``."""
    level = max(0, min(top, int(difficulty or 0)))
    return "★" * level + "☆" * (top - level)


def clock(seconds: float) -> str:
    """``0:45`` / ``12:03`` / ``2:05:00``: a countdown or a duration."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def hours_text(seconds: float) -> str:
    """Practice time in hours and minutes, as people say it: ``12 min``, ``1 h 30 min``,
    ``10 h``."""
    minutes = max(0, round(float(seconds) / 60))
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours:,} h {minutes} min" if minutes else f"{hours:,} h"


def sessions_text(totals: Mapping[str, object]) -> str:
    """``2 sessions · 1 unfinished``: finished sessions, and apart from them the attempts
    left unfinished (an empty retry, a drill left halfway), which are not sessions."""
    finished = _count(totals.get("finished", totals.get("sessions", 0)))
    unfinished = _count(totals.get("sessions", 0)) - finished
    out = f"{finished} session{'s' * (finished != 1)}"
    return out + (f" · {unfinished} unfinished" if unfinished > 0 else "")


def _count(value: object) -> int:
    return int(value) if isinstance(value, (int, float)) else 0


def bullets(items: Iterable[Text]) -> Table:
    """A bulleted list whose wrapped lines stay under the text, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for item in items:
        grid.add_row("•", item)
    return grid
