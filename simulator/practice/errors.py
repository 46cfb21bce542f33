"""PracticeLogError, and turning sqlite3's errors into messages a rep can act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class PracticeLogError(Exception):
    """The practice log cannot be opened, read or written. The message names the file."""


# sqlite3 error names (Python 3.11+ sets ``sqlite_errorname``); older Pythons fall back on
# the message text, which SQLite keeps stable.
_BY_NAME = {
    "SQLITE_NOTADB": "notadb",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_READONLY": "readonly",
    "SQLITE_FULL": "full",
    "SQLITE_IOERR": "ioerr",
    "SQLITE_CANTOPEN": "cantopen",
    "SQLITE_PERM": "readonly",
}
_BY_TEXT = (
    ("file is not a database", "notadb"),
    ("malformed", "corrupt"),
    ("database is locked", "busy"),
    ("database table is locked", "busy"),
    ("readonly database", "readonly"),
    ("read-only", "readonly"),
    ("disk is full", "full"),
    ("disk i/o error", "ioerr"),
    ("unable to open database", "cantopen"),
)


def error_kind(exc: BaseException) -> str:
    """One of notadb, corrupt, busy, readonly, full, ioerr, cantopen, other."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    for prefix, kind in _BY_NAME.items():
        if name == prefix or name.startswith(prefix + "_"):
            return kind
    text = str(exc).lower()
    for needle, kind in _BY_TEXT:
        if needle in text:
            return kind
    return "other"


def is_busy(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.Error) and error_kind(exc) == "busy"


def translate(exc: sqlite3.Error, path: Path, *, waited: float = 0.0) -> PracticeLogError:
    """A PracticeLogError saying what went wrong with ``path`` and what was kept."""
    kind = error_kind(exc)
    where = f"practice log {path}"
    if kind == "notadb":
        msg = f"{where} is not a database (corrupt, or not a repcraft log); it was left untouched"
    elif kind == "corrupt":
        from simulator.practice.checks import doctor_hint

        msg = f"{where} is damaged ({exc}); it was left untouched; {doctor_hint(path)}"
    elif kind == "busy":
        msg = (
            f"{where} is locked by another program (waited {waited:.1f} s); "
            "close the other repcraft or try again"
        )
    elif kind == "readonly":
        msg = f"{where} is read-only, so this session cannot be saved ({exc})"
    elif kind == "full":
        msg = f"cannot write to {where}: the disk is full; everything saved before was kept"
    elif kind == "ioerr":
        msg = f"cannot write to {where}: disk I/O error ({exc}); everything saved before was kept"
    elif kind == "cantopen":
        msg = f"cannot open {where} ({exc})"
    else:
        msg = f"{where}: {exc}"
    return PracticeLogError(msg)
