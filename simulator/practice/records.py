"""Rows to dicts and back: how a turn and a session are stored, and read out for export.

A turn is stored column by column (so it can be queried), with anything the columns
cannot hold exactly (unknown keys, a non-text value in a text column) kept as JSON in
``extra``, so what comes back out is what went in.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from simulator.scenario.model import DIMENSIONS, Scenario

# The keys of a turn in the JSON report, in report order.
TURN_KEYS = (
    "step",
    "speaker",
    "line",
    "interjections",
    "reply",
    "kind",
    "route",
    "next",
    "scores",
    "evidence",
)
_TEXT_KEYS = ("step", "speaker", "line", "reply", "kind", "next")
_JSON_KEYS = ("interjections", "route", "scores", "evidence")

SESSION_COLUMNS = (
    "id, scenario_id, title, content_hash, mode, difficulty, skills, seed, rubric, status,"
    " started_at, ended_at, last_at, day, seconds, ending, courage, authenticity, belief,"
    " meters, vars, closing, turn_count, rep"
)
# The turns table's text columns, in table order (both stores' schemas have them): a
# column a report key ("next" is stored as next_step), then ``extra`` for the rest.
TURN_TEXT_COLUMNS = (*("next_step" if key == "next" else key for key in TURN_KEYS), "extra")
TURN_COLUMNS = "session_id, idx, at, reply_seconds, " + ", ".join(TURN_TEXT_COLUMNS)

# One element of a session report's "turns", as the engine gives it and a store files it.
ReportTurn = Mapping[str, Any]


# One encoder, reused: json.dumps with any option builds a new one on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def local_day(ts: float) -> str:
    """The local calendar day of a timestamp, as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", time.localtime(ts))


@dataclass(frozen=True)
class NewSession:
    """A session about to be filed: which scenario, how it is played, when and by whom.

    Every store's ``start_session`` takes one, so the fields are said once.
    """

    scenario_id: str
    title: str
    content_hash: str
    difficulty: int | None  # None for a drill round (lines from many scenarios)
    skills: Sequence[str] = ()
    seed: int | None = None
    mode: str = "play"
    started_at: float | None = None  # None: now
    rep: str | None = None  # None or blank: the store's rep

    @classmethod
    def of(cls, scenario: Scenario, seed: int | None, mode: str = "play") -> NewSession:
        """A play of ``scenario`` with ``seed``, starting now."""
        return cls(
            scenario.id,
            scenario.title,
            scenario.content_hash,
            difficulty=scenario.difficulty,
            skills=tuple(scenario.skills),
            seed=seed,
            mode=mode,
        )

    def row(self, default_rep: str) -> tuple:
        """The values of both stores' INSERT (scenario_id, title, content_hash, difficulty,
        skills, seed, mode, started_at, last_at, day, rep)."""
        ts = time.time() if self.started_at is None else float(self.started_at)
        who = self.rep.strip() if self.rep and self.rep.strip() else default_rep
        return (str(self.scenario_id), str(self.title or ""), str(self.content_hash or ""),
                self.difficulty, dumps(list(self.skills)), self.seed, self.mode, ts, ts,
                local_day(ts), who)  # fmt: skip


def dumps(value: Any) -> str | None:
    return None if value is None else _ENCODER.encode(value)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def score_value(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def iso(ts: float | None) -> str | None:
    """A timestamp as local ISO 8601 with its UTC offset, to the millisecond."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts).astimezone().isoformat(timespec="milliseconds")


def turn_columns(turn: Mapping[str, Any], *, nul_ok: bool = True) -> tuple:
    """(step, speaker, line, interjections, reply, kind, route, next_step, scores,
    evidence, extra) for the INSERT. With ``nul_ok=False`` (PostgreSQL text cannot hold
    U+0000) a text value containing one goes to ``extra`` too, where JSON escapes it."""
    extra = {k: v for k, v in turn.items() if k not in TURN_KEYS}
    text: dict[str, str | None] = {}
    for key in _TEXT_KEYS:
        value = turn.get(key)
        if value is None or isinstance(value, str) and (nul_ok or "\x00" not in value):
            text[key] = value
        else:
            text[key] = None
            extra[key] = value
    return (
        text["step"],
        text["speaker"],
        text["line"],
        dumps(turn.get("interjections")),
        text["reply"],
        text["kind"],
        dumps(turn.get("route")),
        text["next"],
        dumps(turn.get("scores")),
        dumps(turn.get("evidence")),
        dumps(extra) if extra else None,
    )


def turn_dict(row: tuple) -> dict:
    """A stored turn back in report shape, plus ``reply_seconds`` and ``at``."""
    (_sid, _idx, at, reply_seconds, step, speaker, line, inter, reply, kind, route, nxt,
     scores, evidence, extra) = row  # fmt: skip
    turn = {
        "step": step,
        "speaker": speaker,
        "line": line,
        "interjections": loads(inter),
        "reply": reply,
        "kind": kind,
        "route": loads(route),
        "next": nxt,
        "scores": loads(scores),
        "evidence": loads(evidence),
    }
    if extra:
        turn.update(loads(extra))
    turn["reply_seconds"] = reply_seconds
    turn["at"] = iso(at)
    return turn


def session_dict(row: tuple) -> dict:
    (sid, scenario_id, title, content_hash, mode, difficulty, skills, seed, rubric, status,
     started, ended, last, day, seconds, ending, courage, authenticity, belief, meters,
     variables, closing, turn_count, rep) = row  # fmt: skip
    scores = dict(zip(DIMENSIONS, (courage, authenticity, belief), strict=True))
    return {
        "id": sid,
        "scenario": scenario_id,
        "rep": rep,
        "title": title,
        "content_hash": content_hash,
        "mode": mode,
        "difficulty": difficulty,
        "skills": loads(skills) or [],
        "seed": seed,
        "rubric": rubric,
        "status": status,
        "started_at": iso(started),
        "ended_at": iso(ended),
        "last_active_at": iso(last),
        "day": day,
        "seconds": seconds,
        "ending": ending,
        "scores": scores if status == "finished" else None,
        "meters": loads(meters),
        "vars": loads(variables),
        "closing": loads(closing),
        "turn_count": turn_count,
        "turns": [],
    }


def iter_sessions(
    conn: sqlite3.Connection, *, since_day: str | None = None, only_id: int | None = None
) -> Iterator[dict]:
    """Sessions oldest first with their turns nested, streamed in one read snapshot:
    two ordered cursors merged, so a million turns never sit in memory at once."""
    where, params = "", cast(tuple[object, ...], ())
    if only_id is not None:
        where, params = " WHERE id = ?", (only_id,)
    elif since_day is not None:
        where, params = " WHERE day >= ?", (since_day,)
    own_txn = not conn.in_transaction
    if own_txn:
        conn.execute("BEGIN")
    try:
        sessions = conn.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions{where} ORDER BY id", params
        )
        turns = conn.execute(
            f"SELECT {TURN_COLUMNS} FROM turns WHERE session_id IN"
            f" (SELECT id FROM sessions{where}) ORDER BY session_id, idx",
            params,
        )
        pending = turns.fetchone()
        for srow in sessions:
            session = session_dict(srow)
            while pending is not None and pending[0] < session["id"]:
                pending = turns.fetchone()
            while pending is not None and pending[0] == session["id"]:
                session["turns"].append(turn_dict(pending))
                pending = turns.fetchone()
            yield session
    finally:
        if own_txn and conn.in_transaction:
            conn.execute("COMMIT")
