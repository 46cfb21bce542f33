"""PgPracticeLog: a practice log in PostgreSQL, for a team that shares one (``[team]`` extra).

Selected by ``--db postgresql://...`` (or REPCRAFT_DB). It is a PracticeStore like the
SQLite log and keeps the same promises:
- a database it cannot read as a repcraft log (tables of another program, a newer
  schema) is refused before anything is written;
- each turn is its own short committed transaction, so a killed process or a dropped
  connection loses nothing already answered;
- many reps may write at once: ids come from one sequence, and a turn's index is taken
  under a row lock on its session (SELECT ... FOR UPDATE), so two writers never collide.
A connection that broke (server restarted) is opened again on the next call.

psycopg 3, not SQLAlchemy Core: the store is a dozen hand-written statements with one
dialect, COPY makes bulk import fast, and psycopg is one dependency with a binary wheel.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg

from simulator.practice import records
from simulator.practice.errors import PracticeLogError
from simulator.practice.importing import BATCH, _rows
from simulator.practice.pg_schema import ADVISORY_LOCK_KEY, PG_SCHEMA_VERSION, statements_for
from simulator.practice.pg_stats import fetch_stats_rows
from simulator.practice.pg_viewers import PgTeamViewers
from simulator.practice.records import ReportTurn
from simulator.practice.store import current_rep

T = TypeVar("T")

CONNECT_TIMEOUT = 10  # seconds; a server that does not answer is reported, not waited on
_SCORE_COLUMNS = (16, 17, 18)  # courage, authenticity, belief in records.SESSION_COLUMNS
_SESSION_INSERT = (
    "INSERT INTO sessions (scenario_id, title, content_hash, difficulty, skills, seed,"
    " mode, started_at, last_at, day, seconds, status, rep)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 0, 'abandoned', %s) RETURNING id"
)
_TURN_INSERT = (
    f"INSERT INTO turns ({records.TURN_COLUMNS})"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
)
_IMPORT_SESSION_COLUMNS = (
    "id, scenario_id, title, content_hash, difficulty, skills, seed, started_at, last_at,"
    " ended_at, seconds, status, ending, courage, authenticity, belief, closing, meters,"
    " vars, mode, rubric, day, turn_count, rep"
)


def safe_location(url: str) -> str:
    """The URL without its password (for messages and ``stats``)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def _text(value: Any) -> Any:
    """PostgreSQL text cannot hold U+0000; it is kept visible as U+FFFD instead."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _clean(row: Sequence[Any]) -> tuple:
    return tuple(_text(v) for v in row)


def _num(value: Any) -> Any:
    """A whole float as an int: scores read back as SQLite's INTEGER columns give them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _session_row(row: Sequence[Any]) -> tuple:
    out = list(row)
    for i in _SCORE_COLUMNS:
        out[i] = _num(out[i])
    return tuple(out)


class PgPracticeLog(PgTeamViewers):
    """An open PostgreSQL practice log (a PracticeStore). Create with :meth:`open`."""

    def __init__(self, url: str, rep: str | None = None):
        self._url = url
        self.rep = current_rep(rep)
        self._lock = threading.RLock()
        self._conn: psycopg.Connection | None = None
        self._closed = False

    @classmethod
    def open(cls, url: str, *, rep: str | None = None) -> PgPracticeLog:
        """Connect and check (creating or upgrading) the schema; PracticeLogError if not."""
        log = cls(url, rep)
        try:
            log._write(log._prepare)
        except BaseException:
            log.close()
            raise
        return log

    @property
    def location(self) -> str:
        return safe_location(self._url)

    # -- connections and transactions ------------------------------------------------

    def _connect(self, **kw: Any) -> psycopg.Connection:
        try:
            return psycopg.connect(self._url, connect_timeout=CONNECT_TIMEOUT, **kw)
        except psycopg.Error as exc:
            raise PracticeLogError(
                f"cannot connect to practice log {self.location}: {_reason(exc)}"
            ) from None

    def _connection(self) -> psycopg.Connection:
        if self._closed:
            raise PracticeLogError(f"practice log {self.location} is closed")
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
            self._conn = self._connect(autocommit=True)
        return self._conn

    def _write(self, fn: Callable[[psycopg.Connection], T]) -> T:
        """One short transaction on the log's connection, errors made readable."""
        with self._lock:
            for attempt in (1, 2):
                conn, began = self._connection(), False
                try:
                    with conn.transaction():
                        began = True
                        return fn(conn)
                except psycopg.OperationalError as exc:
                    # A connection found dead at BEGIN ran nothing: once reconnected the
                    # same write is safe to send again (a server restart loses no turn).
                    if began or not conn.broken or attempt == 2:
                        raise self._translate(exc) from None
                except psycopg.Error as exc:
                    raise self._translate(exc) from None
            raise AssertionError("unreachable")  # the second attempt returns or raises

    def _translate(self, exc: psycopg.Error) -> PracticeLogError:
        if isinstance(exc, psycopg.OperationalError) and (
            self._conn is None or self._conn.broken or self._conn.closed
        ):
            return PracticeLogError(
                f"lost the connection to practice log {self.location} ({_reason(exc)}); "
                "everything saved before was kept"
            )
        return PracticeLogError(f"practice log {self.location}: {_reason(exc)}")

    def _prepare(self, conn: psycopg.Connection) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (ADVISORY_LOCK_KEY,))
        has_version = _exists(conn, "repcraft_schema")
        if not has_version:
            if _exists(conn, "sessions") or _exists(conn, "turns"):
                raise PracticeLogError(
                    f"{self.location} has sessions or turns tables that are not a repcraft "
                    "practice log; it was left untouched (use another database or schema)"
                )
            version = 0
        else:
            row = conn.execute("SELECT coalesce(max(version), 0) FROM repcraft_schema").fetchone()
            version = int(row[0]) if row else 0
        if version > PG_SCHEMA_VERSION:
            raise PracticeLogError(
                f"practice log {self.location} was written by a newer repcraft (schema "
                f"version {version}, this one knows up to {PG_SCHEMA_VERSION}); upgrade "
                "repcraft to use it; it was left untouched"
            )
        for reached, statements in statements_for(version):
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO repcraft_schema (version) VALUES (%s)", (reached,))

    # -- writing ---------------------------------------------------------------------

    def start_session(self, new: records.NewSession) -> int:
        """Record a new session (committed at once) and return its id."""
        params = _clean(new.row(self.rep))

        def insert(conn: psycopg.Connection) -> int:
            row = conn.execute(_SESSION_INSERT, params).fetchone()
            assert row is not None  # RETURNING always gives the row
            return int(row[0])

        return self._write(insert)

    def record_turn(
        self, sid: int, turn: ReportTurn, *, reply_seconds: float | None, at: float | None = None
    ) -> int:
        """Append one answered turn; committed at once. Returns its 0-based index."""
        ts = time.time() if at is None else float(at)
        return self._write(lambda conn: self._insert_turn(conn, sid, turn, reply_seconds, ts))

    def _locked_session(self, conn: psycopg.Connection, sid: int) -> tuple:
        row = conn.execute(
            "SELECT status, turn_count, started_at FROM sessions WHERE id = %s FOR UPDATE",
            (int(sid),),
        ).fetchone()
        if row is None:
            raise PracticeLogError(f"practice log {self.location} has no session {sid}")
        return row

    def _insert_turn(
        self,
        conn: psycopg.Connection,
        sid: int,
        turn: Mapping[str, Any],
        reply_seconds: float | None,
        ts: float,
    ) -> int:
        status, idx, _started = self._locked_session(conn, sid)
        if status == "finished":
            raise PracticeLogError(
                f"practice log {self.location}: session {sid} is already finished"
            )
        columns = records.turn_columns(turn, nul_ok=False)
        conn.execute(_TURN_INSERT, (sid, idx, ts, reply_seconds, *columns))
        conn.execute(
            "UPDATE sessions SET turn_count = turn_count + 1, last_at = greatest(last_at, %s),"
            " seconds = greatest(seconds, %s - started_at) WHERE id = %s",
            (ts, ts, sid),
        )
        return int(idx)

    def touch(self, sid: int, at: float | None = None) -> None:
        """Mark activity on an unfinished session, so its practice time runs to now."""
        ts = time.time() if at is None else float(at)

        def update(conn: psycopg.Connection) -> None:
            self._locked_session(conn, sid)
            conn.execute(
                "UPDATE sessions SET last_at = greatest(last_at, %s),"
                " seconds = greatest(seconds, %s - started_at)"
                " WHERE id = %s AND status = 'abandoned'",
                (ts, ts, sid),
            )

        self._write(update)

    def finish_session(
        self, sid: int, report: Mapping[str, Any], *, ended_at: float | None = None
    ) -> None:
        """Mark the session finished; turns in the report not yet recorded are stored."""
        ts = time.time() if ended_at is None else float(ended_at)

        def update(conn: psycopg.Connection) -> None:
            _status, count, started = self._locked_session(conn, sid)
            for turn in list(report.get("turns") or [])[int(count) :]:
                self._insert_turn(conn, sid, turn, None, ts)
            seconds = report.get("seconds")
            if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or seconds < 0:
                seconds = max(0.0, ts - float(started))
            scores = report.get("scores") or {}
            conn.execute(
                "UPDATE sessions SET status = 'finished', ended_at = %s,"
                " last_at = greatest(last_at, %s), seconds = %s, ending = %s, courage = %s,"
                " authenticity = %s, belief = %s, closing = %s, meters = %s, vars = %s,"
                " rubric = %s WHERE id = %s",
                _clean((ts, ts, float(seconds), report.get("ending"),
                        records.score_value(scores.get("courage")),
                        records.score_value(scores.get("authenticity")),
                        records.score_value(scores.get("belief")),
                        records.dumps(report.get("closing")), records.dumps(report.get("meters")),
                        records.dumps(report.get("vars")),
                        None if report.get("rubric") is None else str(report.get("rubric")),
                        sid)),
            )  # fmt: skip

        self._write(update)

    def import_sessions(self, sessions: Iterable[Mapping[str, Any]]) -> int:
        """Add exported sessions in one transaction (COPY); all or nothing."""
        return self._write(lambda conn: self._copy_sessions(conn, iter(sessions)))

    def _copy_sessions(self, conn: psycopg.Connection, source: Iterator[Mapping[str, Any]]) -> int:
        count = 0
        while batch := list(islice(source, BATCH)):
            ids = [r[0] for r in conn.execute(
                "SELECT nextval(pg_get_serial_sequence('sessions', 'id'))"
                " FROM generate_series(1, %s)", (len(batch),)).fetchall()]  # fmt: skip
            session_rows: list[tuple] = []
            turn_rows: list[tuple] = []
            for sid, s in zip(ids, batch, strict=True):
                srow, trows = _rows(int(sid), s, self.rep, nul_ok=False)
                session_rows.append(_clean(srow))
                turn_rows.extend(_clean(t) for t in trows)
            with conn.cursor() as cur:
                with cur.copy(f"COPY sessions ({_IMPORT_SESSION_COLUMNS}) FROM STDIN") as copy:
                    for row in session_rows:
                        copy.write_row(row)
                with cur.copy(f"COPY turns ({records.TURN_COLUMNS}) FROM STDIN") as copy:
                    for row in turn_rows:
                        copy.write_row(row)
            count += len(batch)
        return count

    # -- reading ---------------------------------------------------------------------

    def stats_rows(self, since_key: str, since_ts: float) -> tuple:
        """The rows ``compute_stats`` aggregates, from one snapshot."""

        def read(conn: psycopg.Connection) -> tuple:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            return fetch_stats_rows(conn, since_key, since_ts)

        return self._write(read)

    def session(self, sid: int) -> dict | None:
        """One session with its turns nested (None when there is no such id)."""

        def read(conn: psycopg.Connection) -> dict | None:
            row = conn.execute(
                f"SELECT {records.SESSION_COLUMNS} FROM sessions WHERE id = %s",
                (int(sid),),
            ).fetchone()
            if row is None:
                return None
            found = records.session_dict(_session_row(row))
            turns = conn.execute(
                f"SELECT {records.TURN_COLUMNS} FROM turns WHERE session_id = %s ORDER BY idx",
                (int(sid),),
            )
            found["turns"] = [records.turn_dict(t) for t in turns]
            return found

        return self._write(read)

    def sessions(self, *, since_day: str | None = None) -> Iterator[dict]:
        """Every session (oldest first) with its turns nested, streamed from one snapshot
        on a connection of its own, so writes go on meanwhile."""
        if self._closed:
            raise PracticeLogError(f"practice log {self.location} is closed")
        conn = self._connect(autocommit=False)
        try:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            yield from _merged_sessions(conn, since_day)
        except psycopg.Error as exc:
            raise PracticeLogError(f"practice log {self.location}: {_reason(exc)}") from None
        finally:
            conn.close()

    # -- closing ---------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> PgPracticeLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _merged_sessions(conn: psycopg.Connection, since_day: str | None) -> Iterator[dict]:
    """Two server-side cursors (sessions, turns) merged in id order, as records does."""
    where, params = ("WHERE day >= %s", (since_day,)) if since_day is not None else ("", ())
    sessions = conn.cursor(name="repcraft_sessions")
    turns = conn.cursor(name="repcraft_turns")
    sessions.execute(
        f"SELECT {records.SESSION_COLUMNS} FROM sessions {where} ORDER BY id",
        params,
    )
    turns.execute(
        f"SELECT {records.TURN_COLUMNS} FROM turns WHERE session_id IN"
        f" (SELECT id FROM sessions {where}) ORDER BY session_id, idx",
        params,
    )
    # Iterating a named cursor fetches ``itersize`` rows a round trip; fetchone() would
    # ask the server once per row.
    sessions.itersize = turns.itersize = 2000
    turn_rows = iter(turns)
    pending = next(turn_rows, None)
    for srow in sessions:
        session = records.session_dict(_session_row(srow))
        while pending is not None and pending[0] < session["id"]:
            pending = next(turn_rows, None)
        while pending is not None and pending[0] == session["id"]:
            session["turns"].append(records.turn_dict(pending))
            pending = next(turn_rows, None)
        yield session


def _exists(conn: psycopg.Connection, table: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
    return bool(row and row[0])


def _reason(exc: psycopg.Error) -> str:
    """The server's own one-line message, or the client's first line."""
    primary = getattr(getattr(exc, "diag", None), "message_primary", None)
    return primary or (str(exc).strip().splitlines() or [type(exc).__name__])[0]
