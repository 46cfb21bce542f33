"""``repcraft doctor``: check a practice log without changing it, and say what is wrong.

Everything here reads a private copy of the log (and of its WAL, when a session was
cut off or repcraft is running): SQLite may write to a file while merely reading it
(a WAL checkpoint, -shm files), so the rep's file is only ever read, byte for byte.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from simulator.practice.checks import SQLITE_MAGIC, header_size, inspect, truncation
from simulator.practice.schema import SCHEMA_VERSION

# What a checkup can conclude. Only "healthy", "empty" and "missing" are fit to practise on.
VERDICTS = {
    "healthy": "healthy",
    "empty": "empty (a new log: sessions will be saved to it)",
    "missing": "not there yet (the first session creates it)",
    "folder": "a folder, not a file",
    "not-a-file": "not a regular file",
    "unreadable": "cannot be read",
    "not-sqlite": "not an SQLite database (nothing in it can be recovered)",
    "newer": "written by a newer repcraft (upgrade repcraft to use it)",
    "foreign": "an SQLite database, but not a repcraft practice log",
    "damaged": "damaged",
}


@dataclass
class Checkup:
    """What ``repcraft doctor`` found in one log."""

    path: str
    verdict: str
    size: int = 0
    version: int = 0
    problems: list[str] = field(default_factory=list)  # SQLite's integrity_check
    missing: list[str] = field(default_factory=list)  # parts of the schema not there
    sessions: int | None = None
    finished: int | None = None
    turns: int | None = None
    wal: bool = False  # a WAL file beside it: a session was cut off, or repcraft is running
    read_only: bool = False
    truncated_from: int | None = None  # the size its header gives, when the file is shorter

    @property
    def usable(self) -> bool:
        return self.verdict in ("healthy", "empty", "missing")

    @property
    def recoverable(self) -> bool:
        """Whether a copy of its readable sessions can be made (see recovery.py)."""
        return self.verdict in ("healthy", "damaged")

    def to_dict(self) -> dict:
        return {**asdict(self), "usable": self.usable, "recoverable": self.recoverable}


def check(path: Path) -> Checkup:
    """A full check of the log at ``path``. Never writes to it or beside it."""
    found = _outside(path)
    if found is not None:
        return found
    size = path.stat().st_size
    read_only = not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    wal = Path(f"{path}-wal").exists()
    with private_copy(path) as copy:
        conn = sqlite3.connect(str(copy), isolation_level=None)
        try:
            found = _inside(conn, str(path))
        finally:
            conn.close()
    found.size, found.read_only, found.wal = size, read_only, wal
    cut = truncation(path)
    if cut:
        found.verdict, found.truncated_from = "damaged", cut[1]
    return found


def _outside(path: Path) -> Checkup | None:
    """A verdict from the file itself, before SQLite reads it; None when it needs SQLite."""
    where = str(path)
    if not path.exists():
        return Checkup(where, "missing")
    if path.is_dir():
        return Checkup(where, "folder")
    try:
        st = path.stat()
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        return Checkup(where, "unreadable", problems=[exc.strerror or str(exc)])
    if not stat.S_ISREG(st.st_mode):
        return Checkup(where, "not-a-file")
    if not header:
        return Checkup(where, "empty")
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return Checkup(where, "not-sqlite", size=st.st_size)
    return None


def _inside(conn: sqlite3.Connection, where: str) -> Checkup:
    try:
        found = inspect(conn, full=True)
    except sqlite3.DatabaseError as exc:  # not even the schema could be read
        return Checkup(where, "damaged", problems=[str(exc)])
    result = Checkup(where, "healthy", version=found.version)
    result.problems, result.missing = found.problems, found.missing
    if found.version > SCHEMA_VERSION:
        result.verdict = "newer"
    elif found.foreign:
        result.verdict = "foreign"
    elif found.version == 0:
        result.verdict = "empty"
    elif found.problems or found.missing:
        result.verdict = "damaged"
    with contextlib.suppress(sqlite3.DatabaseError):  # counts are a bonus on a damaged log
        result.sessions, result.finished = conn.execute(
            "SELECT count(*), total(status = 'finished') FROM sessions"
        ).fetchone()
        result.finished = int(result.finished or 0)
        result.turns = conn.execute("SELECT count(*) FROM turns").fetchone()[0]
    return result


@contextlib.contextmanager
def private_copy(path: Path, *, pad: bool = False) -> Iterator[Path]:
    """A temporary copy of the log and its WAL, removed afterwards. With ``pad``, a
    truncated copy is filled with zeros to the size its header gives: SQLite then reads
    the pages that are left instead of refusing the whole file."""
    with tempfile.TemporaryDirectory(prefix="repcraft-doctor-") as folder:
        copy = Path(folder) / "log.sqlite3"
        shutil.copyfile(path, copy)
        wal = Path(f"{path}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{copy}-wal"))
        expected = header_size(copy)
        if pad and expected and copy.stat().st_size < expected:
            with copy.open("r+b") as fh:
                fh.truncate(expected)
        yield copy


def verdict_text(found: Checkup) -> str:
    return VERDICTS.get(found.verdict, found.verdict)
