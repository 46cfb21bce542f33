"""Copy what can still be read from a damaged practice log into a NEW log file.

The damaged file is never opened for writing: rows are read from a private copy
(doctor.private_copy). Sessions and turns are read in id order; where SQLite reports
damage, the reading steps past it one id at a time, so one bad page loses the rows on
it and no more. The new file gets the schema of the old one's version, the rows, and
then the ordinary upgrade, so the triggers rebuild the daily totals from what was kept.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.practice.doctor import private_copy
from simulator.practice.errors import PracticeLogError
from simulator.practice.schema import SCHEMA_VERSION, create_at, current_version, upgrade

Row = list[tuple[str, Any]]  # (column, value) pairs, id first
Conn = sqlite3.Connection

_BATCH = 500
_PROBE_LIMIT = 10_000  # ids looked up past a damaged spot when the highest is unknown


@dataclass
class Recovered:
    """What a recovery kept, and how much it could not read."""

    path: str
    sessions: int = 0
    turns: int = 0
    unreadable_sessions: int = 0  # ids that could not be read (a damaged page, or a gap)
    unreadable_turns: int = 0
    orphan_turns: int = 0  # turns whose session was lost
    damaged_reads: int = 0  # how many times SQLite reported damage while reading


def recover(damaged: Path, new: Path) -> Recovered:
    """Write every readable session and turn of ``damaged`` into the new file ``new``.

    Raises PracticeLogError when ``new`` exists already (it is never overwritten) or
    nothing of the schema can be read.
    """
    if new.exists() or Path(f"{new}-wal").exists():
        raise PracticeLogError(f"{new} exists already; recovery only writes to a new file")
    if new.resolve() == damaged.resolve():
        raise PracticeLogError("recovery writes to a new file, never over the damaged one")
    new.parent.mkdir(parents=True, exist_ok=True)
    with private_copy(damaged, pad=True) as copy:
        src = sqlite3.connect(str(copy), isolation_level=None)
        try:
            version = _version(src, damaged)
            dst = sqlite3.connect(str(new), isolation_level=None)
            try:
                result = _copy_rows(src, dst, version, Recovered(str(new)))
            except BaseException:
                dst.close()
                _remove(new)
                raise
            dst.close()
        finally:
            src.close()
    if not result.sessions:
        _remove(new)
        raise PracticeLogError(f"nothing readable is left in {damaged}; no new file was made")
    return result


def _version(src: sqlite3.Connection, damaged: Path) -> int:
    try:
        version = current_version(src)
    except sqlite3.DatabaseError as exc:
        raise PracticeLogError(f"nothing can be recovered from {damaged}: {exc}") from None
    if not 1 <= version <= SCHEMA_VERSION:
        raise PracticeLogError(
            f"nothing can be recovered from {damaged}: schema version {version} is not one "
            f"this repcraft knows (1 to {SCHEMA_VERSION})"
        )
    return version


def _copy_rows(src: Conn, dst: Conn, version: int, result: Recovered) -> Recovered:
    dst.execute("PRAGMA journal_mode = WAL")
    dst.execute("BEGIN IMMEDIATE")
    create_at(dst, version)
    kept: set[int] = set()
    for row in _readable(src, "sessions", _columns(src, dst, "sessions"), result, "sessions"):
        _insert(dst, "sessions", row)
        kept.add(dict(row)["id"])
        result.sessions += 1
    batch: list[Row] = []
    for row in _readable(src, "turns", _columns(src, dst, "turns"), result, "turns"):
        if dict(row).get("session_id") not in kept:
            result.orphan_turns += 1
            continue
        batch.append(row)
        if len(batch) >= _BATCH:
            _insert_many(dst, "turns", batch)
            batch = []
    _insert_many(dst, "turns", batch)
    result.turns = dst.execute("SELECT count(*) FROM turns").fetchone()[0]
    if version >= 2:  # turns lost with a damaged page: the count follows what was kept
        dst.execute(
            "UPDATE sessions SET turn_count = (SELECT count(*) FROM turns "
            "WHERE turns.session_id = sessions.id) WHERE turn_count != "
            "(SELECT count(*) FROM turns WHERE turns.session_id = sessions.id)"
        )
    upgrade(dst, version)
    dst.execute("COMMIT")
    return result


def _columns(src: Conn, dst: Conn, table: str) -> list[str]:
    """The columns both files have (a damaged schema may lack some)."""
    want = [r[1] for r in dst.execute(f"PRAGMA table_info({table})")]
    try:
        have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")}
    except sqlite3.DatabaseError:
        return []
    return [c for c in want if c in have]


def _readable(
    src: Conn, table: str, columns: list[str], result: Recovered, what: str
) -> Iterator[Row]:
    """(column, value) pairs of every row of ``table`` that can be read, in id order."""
    if "id" not in columns:
        return
    select = f"SELECT {', '.join(columns)} FROM {table}"
    try:
        top = src.execute(f"SELECT max(id) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError:
        top = None
    last = 0
    while True:
        try:
            for values in src.execute(f"{select} WHERE id > ? ORDER BY id", (last,)):
                if not isinstance(values[0], int) or values[0] <= last:
                    raise sqlite3.DatabaseError("ids out of order")  # a damaged page read
                last = values[0]
                yield list(zip(columns, values, strict=True))
            return
        except sqlite3.DatabaseError:
            result.damaged_reads += 1
        found = _step_past(src, select, last, top)
        if found is not None:
            skipped = found[0] - last - 1
        else:  # nothing readable up to the highest id (when even that is known)
            skipped = max(0, (top or 0) - last)
        setattr(result, f"unreadable_{what}", getattr(result, f"unreadable_{what}") + skipped)
        if found is None:
            return
        last = found[0]
        yield list(zip(columns, found, strict=True))


def _step_past(src: Conn, select: str, last: int, top: int | None) -> tuple | None:
    """The first readable row after id ``last``, looked up one id at a time: up to the
    highest id when SQLite could read it, else at most _PROBE_LIMIT ids on."""
    limit = top if top is not None else last + _PROBE_LIMIT
    for rowid in range(last + 1, limit + 1):
        try:
            row = src.execute(f"{select} WHERE id = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            continue
        if row is not None and row[0] == rowid:  # a damaged page can answer with any row
            return row
    return None


def _insert(dst: Conn, table: str, row: Row) -> None:
    cols = [c for c, _ in row]
    dst.execute(
        f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
        [v for _, v in row],
    )


def _insert_many(dst: Conn, table: str, rows: list[Row]) -> None:
    if rows:
        cols = [c for c, _ in rows[0]]
        dst.executemany(
            f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            [[v for _, v in row] for row in rows],
        )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
