"""PracticeLog: the SQLite file every session and turn is written to as it happens.

Safety rules, in order of importance:
- never modify or replace a file we cannot read as a repcraft log: every check that can
  refuse (header, schema version, tables) runs before the first write;
- each turn is its own short committed transaction, so a killed process loses nothing
  already answered and its session stays in the log as abandoned;
- two processes may write at once: WAL, a busy timeout, BEGIN IMMEDIATE (so a reader
  never has to upgrade to a writer mid-transaction) and a bounded retry on SQLITE_BUSY.
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from simulator.practice import records
from simulator.practice.checks import check_before_writing
from simulator.practice.errors import PracticeLogError, is_busy, translate
from simulator.practice.records import ReportTurn
from simulator.practice.schema import SCHEMA_VERSION, current_version, upgrade
from simulator.practice.stats_sql import fetch_stats_rows
from simulator.practice.store import current_rep
from simulator.practice.viewers import SqliteTeamViewers

T = TypeVar("T")

DB_FILENAME = "practice.sqlite3"
DEFAULT_BUSY_TIMEOUT = 5.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TURN_KEYS = records.TURN_KEYS


def default_db_path() -> Path:
    """``practice.sqlite3`` in the user data directory (platformdirs)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("repcraft")) / DB_FILENAME


class PracticeLog(SqliteTeamViewers):
    """An open SQLite practice log (a PracticeStore). Create with :meth:`open`; close
    with :meth:`close`."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path, busy_timeout: float, rep: str | None = None
    ):
        self._conn = conn
        self.path = path
        self.rep = current_rep(rep)
        self._busy_timeout = busy_timeout
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path | None = None,
        *,
        busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
        rep: str | None = None,
    ) -> PracticeLog:
        """Open (creating if needed) the log at ``path``; None means :func:`default_db_path`.

        Raises PracticeLogError, naming the file, when it is corrupt, from a newer
        repcraft, not a repcraft log, locked (after waiting ``busy_timeout`` seconds),
        read-only or cannot be created. Such a file is left exactly as it was.
        """
        p = Path(path).expanduser() if path not in (None, "") else default_db_path()
        _check_path(p)
        check_before_writing(p, busy_timeout)
        try:
            conn = sqlite3.connect(
                str(p), timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise translate(exc, p) from None
        log = cls(conn, p, busy_timeout, rep)
        try:
            log._prepare()
        except BaseException:
            conn.close()
            raise
        return log

    def _prepare(self) -> None:
        conn = self._conn
        started = time.monotonic()
        try:
            # Read-only checks first: nothing below writes until they all pass.
            version = current_version(conn)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            self._check_schema(version, tables)
            conn.execute("PRAGMA foreign_keys = ON")
            # FULL: a committed turn survives power loss too; commits are human-paced.
            conn.execute("PRAGMA synchronous = FULL")
            if (
                version < SCHEMA_VERSION
                or conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal"
            ):
                self._retrying(lambda: conn.execute("PRAGMA journal_mode = WAL"))
            # Taking the write lock once proves the file is writable and not locked now,
            # so a locked or read-only log is reported before a session starts.
            self._write(self._upgrade)
        except sqlite3.Error as exc:
            raise translate(exc, self.path, waited=time.monotonic() - started) from None

    def _check_schema(self, version: int, tables: set[str]) -> None:
        if version > SCHEMA_VERSION:
            raise PracticeLogError(
                f"practice log {self.path} was written by a newer repcraft (schema version "
                f"{version}, this one knows up to {SCHEMA_VERSION}); upgrade repcraft to use "
                "it; it was left untouched"
            )
        if version == 0 and tables:
            raise PracticeLogError(
                f"{self.path} is an SQLite database but not a repcraft practice log; "
                "it was left untouched (pick another file with --db)"
            )
        if version >= 1 and not {"sessions", "turns"} <= tables:
            raise PracticeLogError(
                f"practice log {self.path} is damaged (its sessions or turns table is "
                "missing); it was left untouched"
            )

    def _upgrade(self) -> None:
        version = current_version(self._conn)
        if version > SCHEMA_VERSION:  # another process upgraded it meanwhile
            raise PracticeLogError(
                f"practice log {self.path} was written by a newer repcraft (schema version "
                f"{version}); it was left untouched"
            )
        if version < SCHEMA_VERSION:
            upgrade(self._conn, version)

    # -- transactions ----------------------------------------------------------------

    def _retrying(self, fn: Callable[[], T]) -> T:
        """Run ``fn``, retrying on SQLITE_BUSY until the busy timeout has passed."""
        deadline = time.monotonic() + self._busy_timeout
        while True:
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not is_busy(exc) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.01 + random.random() * 0.04)

    def _write(self, fn: Callable[[], T]) -> T:
        """One short write transaction (BEGIN IMMEDIATE ... COMMIT), retried when busy."""

        def attempt() -> T:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn()
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            return result

        with self._lock:
            return self._retrying(attempt)

    def _guarded(self, fn: Callable[[], T]) -> T:
        started = time.monotonic()
        if self._conn is None:
            raise PracticeLogError(f"practice log {self.path} is closed")
        try:
            return self._write(fn)
        except sqlite3.Error as exc:
            raise translate(exc, self.path, waited=time.monotonic() - started) from None

    # -- writing ---------------------------------------------------------------------

    def start_session(self, new: records.NewSession) -> int:
        """Record a new session (committed at once) and return its id; it is filed under
        ``new.rep``, or the log's rep.

        The session counts as abandoned until :meth:`finish_session` is called.
        """
        params = new.row(self.rep)

        def insert() -> int:
            cur = self._conn.execute(
                "INSERT INTO sessions (scenario_id, title, content_hash, difficulty, skills,"
                " seed, mode, started_at, last_at, day, seconds, status, rep)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'abandoned', ?)",
                params,
            )
            assert cur.lastrowid is not None  # an INSERT always sets it
            return cur.lastrowid

        return self._guarded(insert)

    def record_turn(
        self, sid: int, turn: ReportTurn, *, reply_seconds: float | None, at: float | None = None
    ) -> int:
        """Append one answered turn (an element of the report's ``turns``); committed at once.

        Also moves the session's last activity, so an abandoned session's practice time
        runs to its last turn. Returns the turn's 0-based index in the session.
        """
        ts = time.time() if at is None else float(at)
        return self._guarded(lambda: self._insert_turn(sid, turn, reply_seconds, ts))

    def _insert_turn(
        self, sid: int, turn: Mapping[str, Any], reply_seconds: float | None, ts: float
    ) -> int:
        row = self._session_row(sid)
        if row["status"] == "finished":
            raise PracticeLogError(f"practice log {self.path}: session {sid} is already finished")
        idx = int(row["turn_count"])
        self._conn.execute(
            "INSERT INTO turns (session_id, idx, at, reply_seconds, step, speaker, line,"
            " interjections, reply, kind, route, next_step, scores, evidence, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sid, idx, ts, reply_seconds, *records.turn_columns(turn)),
        )
        self._conn.execute(
            "UPDATE sessions SET turn_count = turn_count + 1, last_at = max(last_at, ?),"
            " seconds = max(seconds, ? - started_at) WHERE id = ?",
            (ts, ts, sid),
        )
        return idx

    def touch(self, sid: int, at: float | None = None) -> None:
        """Mark activity on an unfinished session (e.g. the rep is typing) so its
        practice time extends to now even if it is never finished."""
        ts = time.time() if at is None else float(at)

        def update() -> None:
            self._session_row(sid)
            self._conn.execute(
                "UPDATE sessions SET last_at = max(last_at, ?),"
                " seconds = max(seconds, ? - started_at)"
                " WHERE id = ? AND status = 'abandoned'",
                (ts, ts, sid),
            )

        self._guarded(update)

    def finish_session(
        self, sid: int, report: Mapping[str, Any], *, ended_at: float | None = None
    ) -> None:
        """Mark the session finished with the report's ending, scores and seconds.

        Turns in ``report["turns"]`` beyond those already recorded are stored too, so a
        caller that only logs at the end loses nothing either.
        """
        ts = time.time() if ended_at is None else float(ended_at)

        def update() -> None:
            row = self._session_row(sid)
            turns = list(report.get("turns") or [])
            for turn in turns[int(row["turn_count"]) :]:
                self._insert_turn(sid, turn, None, ts)
            seconds = report.get("seconds")
            if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
                seconds = max(0.0, ts - float(row["started_at"]))
            scores = report.get("scores") or {}
            self._conn.execute(
                "UPDATE sessions SET status = 'finished', ended_at = ?, last_at = max(last_at, ?),"
                " seconds = ?, ending = ?, courage = ?, authenticity = ?, belief = ?,"
                " closing = ?, meters = ?, vars = ?, rubric = ? WHERE id = ?",
                (
                    ts,
                    ts,
                    float(seconds),
                    report.get("ending"),
                    records.score_value(scores.get("courage")),
                    records.score_value(scores.get("authenticity")),
                    records.score_value(scores.get("belief")),
                    records.dumps(report.get("closing")),
                    records.dumps(report.get("meters")),
                    records.dumps(report.get("vars")),
                    None if report.get("rubric") is None else str(report.get("rubric")),
                    sid,
                ),
            )

        self._guarded(update)

    def _session_row(self, sid: int) -> sqlite3.Row:
        cur = self._conn.execute(
            "SELECT status, turn_count, started_at FROM sessions WHERE id = ?", (int(sid),)
        )
        cur.row_factory = sqlite3.Row
        row = cur.fetchone()
        if row is None:
            raise PracticeLogError(f"practice log {self.path} has no session {sid}")
        return row

    # -- reading ---------------------------------------------------------------------

    @property
    def location(self) -> str:
        return str(self.path)

    def stats_rows(self, since_key: str, since_ts: float) -> tuple:
        """The rows ``compute_stats`` aggregates, from one read snapshot."""
        return self._read(lambda conn: fetch_stats_rows(conn, since_key, since_ts))

    def import_sessions(self, sessions: Iterable[Mapping[str, Any]]) -> int:
        """Add exported sessions (``export --format jsonl`` shape) in one transaction."""
        from simulator.practice.importing import insert_sessions

        return self._guarded(lambda: insert_sessions(self._conn, sessions, self.rep))

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` inside one read transaction: one consistent snapshot."""
        if self._conn is None:
            raise PracticeLogError(f"practice log {self.path} is closed")
        started = time.monotonic()
        with self._lock:
            try:
                return self._retrying(lambda: self._read_once(fn))
            except sqlite3.Error as exc:
                raise translate(exc, self.path, waited=time.monotonic() - started) from None

    def _read_once(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        self._conn.execute("BEGIN")
        try:
            return fn(self._conn)
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def session(self, sid: int) -> dict | None:
        """One session as a dict with its turns nested (None when there is no such id)."""
        found = self._read(lambda conn: list(records.iter_sessions(conn, only_id=int(sid))))
        return found[0] if found else None

    def sessions(self, *, since_day: str | None = None) -> Iterator[dict]:
        """Every session (oldest first) as a dict with its turns nested, streamed."""
        if self._conn is None:
            raise PracticeLogError(f"practice log {self.path} is closed")
        try:
            yield from records.iter_sessions(self._conn, since_day=since_day)
        except sqlite3.Error as exc:
            raise translate(exc, self.path) from None

    # -- closing ---------------------------------------------------------------------

    def close(self) -> None:
        if self._conn is not None:
            with self._lock:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> PracticeLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_path(p: Path) -> None:
    """Refuse, before SQLite touches anything, a path that cannot be a writable log."""
    if p.is_dir():
        raise PracticeLogError(f"practice log {p} is a folder, not a file")
    if p.exists():
        _check_existing_file(p)
        folder = p.parent
    else:
        folder = p.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PracticeLogError(
                f"cannot create the folder for practice log {p}: {exc.strerror or exc}"
            ) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise PracticeLogError(
            f"practice log {p}: its folder {folder} is not writable (the log keeps its "
            "journal files beside it)"
        )


def _check_existing_file(p: Path) -> None:
    try:
        st = p.stat()
        with p.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise PracticeLogError(f"cannot read practice log {p}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise PracticeLogError(f"practice log {p} is not a regular file")
    if not header:
        return  # an empty file is an empty database: it becomes a new log
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise PracticeLogError(
            f"practice log {p} is not a database (corrupt, or not a repcraft log); "
            "it was left untouched"
        )
    version = int.from_bytes(header[60:64], "big")
    if version > SCHEMA_VERSION:
        raise PracticeLogError(
            f"practice log {p} was written by a newer repcraft (schema version {version}, "
            f"this one knows up to {SCHEMA_VERSION}); upgrade repcraft to use it; "
            "it was left untouched"
        )
    # Nobody may write (all w bits cleared): honour that even when running as root,
    # for whom the OS would allow the write anyway.
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(p, os.W_OK):
        raise PracticeLogError(
            f"practice log {p} is read-only, so sessions cannot be saved to it "
            "(make it writable, or pick another file with --db)"
        )
