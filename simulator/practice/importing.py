"""Bulk import: sessions in the shape ``export --format jsonl`` writes, added in one go.

The inverse of export, for restoring a backup or merging another machine's log, and
what the benchmark uses to fill a large log quickly (executemany, one transaction).
Imported sessions get new ids; everything else is kept as exported.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING, Any

from simulator.practice.errors import PracticeLogError
from simulator.practice.records import dumps, local_day, score_value, turn_columns
from simulator.scenario.model import DIMENSIONS

if TYPE_CHECKING:
    from simulator.practice.store import PracticeStore

BATCH = 5000  # sessions per executemany round, to bound memory on huge imports


def _ts(value: Any, what: str) -> float | None:
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return None if value is None else float(value)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value).timestamp()
        except ValueError:
            pass
    raise PracticeLogError(f"cannot import session: {what} is not a time: {value!r}")


def _rows(
    sid: int, s: Mapping[str, Any], rep: str, *, nul_ok: bool = True
) -> tuple[tuple, list[tuple]]:
    started = _ts(s.get("started_at"), "started_at")
    if started is None:
        raise PracticeLogError("cannot import session: it has no started_at")
    ended = _ts(s.get("ended_at"), "ended_at")
    turns = list(s.get("turns") or ())
    turn_rows = []
    last = _ts(s.get("last_active_at"), "last_active_at") or ended or started
    for idx, turn in enumerate(turns):
        at = _ts(turn.get("at"), "a turn's at") or last
        body = {k: v for k, v in turn.items() if k not in ("at", "reply_seconds")}
        columns = turn_columns(body, nul_ok=nul_ok)
        turn_rows.append((sid, idx, at, turn.get("reply_seconds"), *columns))
    status = "finished" if s.get("status") == "finished" else "abandoned"
    scores = s.get("scores") or {}
    seconds = s.get("seconds")
    if not isinstance(seconds, (int, float)) or seconds < 0:
        seconds = max(0.0, last - started)
    session = (
        sid,
        str(s.get("scenario") or ""),
        str(s.get("title") or ""),
        str(s.get("content_hash") or ""),
        s.get("difficulty"),
        json.dumps(list(s.get("skills") or ())),
        s.get("seed"),
        started,
        last,
        ended,
        float(seconds),
        status,
        s.get("ending"),
        *(score_value(scores.get(d)) for d in DIMENSIONS),
        dumps(s.get("closing")),
        dumps(s.get("meters")),
        dumps(s.get("vars")),
        str(s.get("mode") or "play"),
        s.get("rubric"),
        s.get("day") or local_day(started),
        len(turns),
        str(s.get("rep") or rep),
    )
    return session, turn_rows


def import_sessions(log: PracticeStore, sessions: Iterable[Mapping[str, Any]]) -> int:
    """Add every session (with its turns) in one transaction; returns how many.

    All or nothing: a bad session (no start time, say) imports none of them. A session
    without a ``rep`` is filed under the log's rep.
    """
    return log.import_sessions(sessions)


def insert_sessions(
    conn: sqlite3.Connection, sessions: Iterable[Mapping[str, Any]], rep: str
) -> int:
    """The SQLite side of :func:`import_sessions`, inside the log's write transaction."""
    source = iter(sessions)
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM sessions").fetchone()[0]
    count = 0
    while batch := list(islice(source, BATCH)):
        session_rows, turn_rows = [], []
        for s in batch:
            srow, trows = _rows(next_id + count, s, rep)
            session_rows.append(srow)
            turn_rows.extend(trows)
            count += 1
        conn.executemany(
            "INSERT INTO sessions (id, scenario_id, title, content_hash, difficulty, skills,"
            " seed, started_at, last_at, ended_at, seconds, status, ending, courage,"
            " authenticity, belief, closing, meters, vars, mode, rubric, day, turn_count, rep)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
        conn.executemany(
            "INSERT INTO turns (session_id, idx, at, reply_seconds, step, speaker, line,"
            " interjections, reply, kind, route, next_step, scores, evidence, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            turn_rows,
        )
    return count
