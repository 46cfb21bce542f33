"""Read-only checks of an existing practice log, run before anything may write to it.

A damaged page can sit anywhere in the file, and SQLite only notices it when it reads
that page: a log with one overwritten page in the middle opens, takes new turns and is
changed further. So an existing log gets SQLite's own ``PRAGMA quick_check`` and a
comparison with the schema its version shipped before the writing connection opens.
``repcraft doctor`` runs the same checks, with the full ``integrity_check``.
"""

from __future__ import annotations

import functools
import shlex
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from simulator.practice.errors import PracticeLogError, error_kind, translate
from simulator.practice.schema import SCHEMA_VERSION, create_at, current_version

_MAX_PROBLEMS = 5
SQLITE_MAGIC = b"SQLite format 3\x00"
# quick_check reads every page: about 0.15 s for 100 MB on an idle machine, 0.55 s on
# a busy one. Above this size (years of one rep's daily practice is a few MB) the open
# skips it, so a big team log does not slow every start; SQLite still refuses damage
# on the pages it reads, and `repcraft doctor` checks the whole file.
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024


@dataclass
class Findings:
    """What the read-only checks found in one log."""

    version: int = 0
    problems: list[str] = field(default_factory=list)  # SQLite's own check, 'ok' excluded
    missing: list[str] = field(default_factory=list)  # tables, columns, indexes, triggers
    foreign: bool = False  # an SQLite database with tables, but none of ours

    @property
    def ok(self) -> bool:
        return not self.problems and not self.missing and not self.foreign


def read_only(path: Path, busy_timeout: float = 5.0) -> sqlite3.Connection:
    """A connection that cannot write to ``path``: not even a WAL checkpoint on close."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout, isolation_level=None
    )


def inspect(conn: sqlite3.Connection, *, full: bool = False, pages: bool = True) -> Findings:
    """Check an open log: SQLite's integrity check (quick unless ``full``; none without
    ``pages``), then its shape."""
    found = Findings(version=current_version(conn))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if found.version == 0:
        found.foreign = bool(tables)
        return found
    if pages:
        pragma = "integrity_check" if full else "quick_check"
        found.problems = _problems(conn.execute(f"PRAGMA {pragma}({_MAX_PROBLEMS})").fetchall())
    if found.version <= SCHEMA_VERSION:
        found.missing = missing_parts(conn, found.version)
    return found


def _problems(rows: list) -> list[str]:
    # One row may hold several lines, with a '*** in database main ***' heading.
    lines = (line.strip() for r in rows for line in str(r[0]).splitlines())
    return [ln for ln in lines if ln and ln != "ok" and not ln.startswith("***")]


def inspect_file(path: Path) -> list[str]:
    """``PRAGMA integrity_check`` of a log this process made (a recovered one): problems."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        return _problems(conn.execute(f"PRAGMA integrity_check({_MAX_PROBLEMS})").fetchall())
    finally:
        conn.close()


def missing_parts(conn: sqlite3.Connection, version: int) -> list[str]:
    """What a log of ``version`` must have and this one lacks, e.g. 'column sessions.rep'."""
    have = _shape(conn)
    return [part for part in expected_shape(version) if part not in have]


@functools.cache
def expected_shape(version: int) -> tuple[str, ...]:
    """Every table, column, index and trigger release ``version`` created."""
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        create_at(mem, version)
        return tuple(sorted(_shape(mem)))
    finally:
        mem.close()


def _shape(conn: sqlite3.Connection) -> set[str]:
    parts: set[str] = set()
    for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall():
        parts.add(f"{kind} {name}")
        if kind == "table":
            for col in conn.execute("SELECT name FROM pragma_table_info(?)", (name,)):
                parts.add(f"column {name}.{col[0]}")
    return parts


def describe(path: Path, found: Findings) -> str:
    """One sentence for a damaged log, naming the file and the first things wrong."""
    where = f"practice log {path}"
    if found.problems:
        first = "; ".join(found.problems[:2])
        more = f" and {len(found.problems) - 2} more" if len(found.problems) > 2 else ""
        return f"{where} is damaged (SQLite's check found: {first}{more})"
    if found.missing:
        first = ", ".join(found.missing[:3])
        more = f" and {len(found.missing) - 3} more" if len(found.missing) > 3 else ""
        return (
            f"{where} is damaged: it says schema version {found.version} but has no {first}{more}"
        )
    return f"{path} is an SQLite database but not a repcraft practice log"


def check_before_writing(path: Path, busy_timeout: float) -> None:
    """Raise PracticeLogError when the existing log at ``path`` is damaged; else nothing.

    A file that does not exist yet, an empty one, or one from a newer repcraft is left
    to the writing connection's own checks (which refuse the newer one before writing).
    """
    try:
        size = path.stat().st_size
        cut = truncation(path)
    except OSError:
        return
    if size == 0:
        return
    if cut:
        raise PracticeLogError(
            f"practice log {path} is damaged (truncated: {cut[0]:,} bytes of the {cut[1]:,} "
            f"its header gives); it was left untouched; {doctor_hint(path)}"
        )
    started = time.monotonic()
    try:
        conn = _checking_connection(path, busy_timeout)
        try:
            found = inspect(conn, pages=size <= QUICK_CHECK_MAX_BYTES)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if error_kind(exc) == "readonly":  # e.g. a hot rollback journal: let SQLite recover it
            return
        raise translate(exc, path, waited=time.monotonic() - started) from None
    if found.version > SCHEMA_VERSION or found.foreign or found.ok:
        return  # newer and foreign files get their own message from the log's checks
    raise PracticeLogError(f"{describe(path, found)}; it was left untouched; {doctor_hint(path)}")


def _checking_connection(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """Read-only when a WAL file is beside the log: closing a writable connection would
    checkpoint that WAL into the (possibly damaged) file. Without one, a plain connection
    reads the same and, unlike a read-only one, removes on close the -wal and -shm files
    a WAL-mode log gets while open, so nothing is left beside a refused file."""
    if Path(f"{path}-wal").exists():
        return read_only(path, busy_timeout)
    return sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None)


def doctor_hint(path: Path) -> str:
    return (
        f"`repcraft doctor --db {shlex.quote(str(path))}` checks it and can copy what is "
        "readable to a new file"
    )


def header_size(path: Path) -> int | None:
    """The file size the SQLite header promises (page size x page count), when valid."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if not pages or header[24:28] != header[92:96]:  # the count is only valid when these match
        return None
    return page_size * pages


def truncation(path: Path) -> tuple[int, int] | None:
    """(size, size its header gives) when the file is shorter than its header says.

    Only judged with no -wal or -journal beside it: while another process commits or
    checkpoints, the header can be a moment ahead of the file's length."""
    if any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal")):
        return None
    size = path.stat().st_size
    expected = header_size(path)
    return (size, expected) if expected and size < expected else None
