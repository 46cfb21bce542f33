"""How long a number a scenario file may write.

Python's ``int()`` refuses strings of over 4,300 digits (a traceback, not a
diagnostic) and ``float()`` turns 309 digits into ``inf``; no meter, score,
timer or variable needs more than 15 digits before the point, so longer ones
are refused before they are converted."""

from __future__ import annotations

MAX_DIGITS = 15
_SHOWN = 24


def whole_digits(raw: str) -> int:
    """Digits before the decimal point (leading zeros count: ``int()`` counts them)."""
    whole = raw.strip().lstrip("+-=").strip().lstrip("+-").split(".", 1)[0]
    return sum(ch.isdigit() for ch in whole)


def too_long(raw: str) -> bool:
    return whole_digits(raw) > MAX_DIGITS


def too_long_message(what: str, raw: str) -> str:
    return f"{what} has {whole_digits(raw):,} digits before the point, more than {MAX_DIGITS}"


def shown(raw: str) -> str:
    """``raw`` short enough for a message: a 4,301-digit number is not echoed whole."""
    if len(raw) <= _SHOWN:
        return raw
    return f"{raw[:10]}...{raw[-6:]} ({len(raw):,} characters)"
