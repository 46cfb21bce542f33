"""A session read back from the practice log, in the shapes the review helpers read.

The log keeps each turn as the report's dict; this turns it back into the engine's
:class:`Turn` (with :class:`Evidence` records), so a past session is shown with the
same marked replies and evidence tables as a fresh scorecard. No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from simulator.engine.turns import Turn, Utterance
from simulator.scoring import Evidence
from simulator.scoring.moves import Move
from simulator.tui.text import hours_text

# A turn as the practice log gives it back: JSON values, checked as read.
LogRecord = Mapping[str, object]


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _maybe_text(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return 0.0
    try:
        return float(value)
    except ValueError:
        return 0.0


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}


def _records(value: object) -> list[LogRecord]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _figures(value: object) -> dict[str, float]:
    """``{"courage": 60, ...}`` with anything that is not a number left out."""
    return {
        str(k): float(v)
        for k, v in _mapping(value).items()
        if isinstance(v, (int, float)) and not isinstance(v, bool)
    }


@dataclass(frozen=True)
class LoggedSession:
    """A session as the practice log gives it back, its JSON checked once, as read."""

    scenario: str
    title: str
    content_hash: str = ""
    mode: str = "play"
    status: str = "abandoned"
    seed: int | None = None
    started_at: str = ""
    day: str = ""
    seconds: float = 0.0
    ending: str | None = None
    scores: Mapping[str, float] = field(default_factory=dict)
    meters: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    closing: Mapping[str, object] = field(default_factory=dict)
    turn_count: int | None = None
    turns: tuple[LogRecord, ...] = ()

    @classmethod
    def of(cls, record: LogRecord) -> LoggedSession:
        return cls(
            scenario=_text(record.get("scenario")),
            title=_text(record.get("title") or record.get("scenario")),
            content_hash=_text(record.get("content_hash")),
            mode=_text(record.get("mode") or "play"),
            status=_text(record.get("status")),
            seed=_whole(record.get("seed")),
            started_at=_text(record.get("started_at")),
            day=_text(record.get("day")),
            seconds=_number(record.get("seconds")),
            ending=_maybe_text(record.get("ending") or None),
            scores=_figures(record.get("scores")),
            meters={str(k): _figures(v) for k, v in _mapping(record.get("meters")).items()},
            closing=_mapping(record.get("closing")),
            turn_count=_whole(record.get("turn_count")),
            turns=tuple(_records(record.get("turns"))),
        )


def _evidence(item: LogRecord) -> Evidence | None:
    if "dimension" not in item:
        return None  # an entry from a damaged or older log: left out, not fatal
    return Evidence(
        dimension=_text(item["dimension"]),
        rule=_text(item.get("rule")),
        text=_text(item.get("text")),
        start=int(_number(item.get("start"))),
        end=int(_number(item.get("end"))),
        weight=_number(item.get("weight")),
        note=_text(item.get("note")),
    )


def _move(item: LogRecord) -> Move | None:
    kind = item.get("move")
    if not isinstance(kind, str):
        return None
    start, end = _whole(item.get("start")) or 0, _whole(item.get("end")) or 0
    return Move(kind, _text(item.get("text")), start, end)


def turn_of(item: LogRecord) -> Turn:
    """A logged turn as the engine's Turn (missing fields read as empty)."""
    evidence = [_evidence(e) for e in _records(item.get("evidence"))]
    spoken = tuple(
        Utterance(_maybe_text(u.get("speaker")), _text(u.get("line")))
        for u in _records(item.get("interjections"))
    )
    route = item.get("route")
    seconds = item.get("reply_seconds")
    return Turn(
        step=_text(item.get("step")),
        speaker=_maybe_text(item.get("speaker")),
        line=_maybe_text(item.get("line")),
        interjections=spoken,
        reply=_text(item.get("reply")),
        kind=_text(item.get("kind") or "typed"),
        next=_text(item.get("next")),
        route=route if isinstance(route, Mapping) else None,
        choice=_whole(item.get("choice")),
        feedback=_text(item.get("feedback")),
        scores={k: round(v) for k, v in _figures(item.get("scores")).items()},
        evidence=tuple(e for e in evidence if e is not None),
        seconds=_number(seconds) if isinstance(seconds, (int, float)) else None,
        moves=tuple(m for m in map(_move, _records(item.get("moves"))) if m is not None),
    )


def when(session: LoggedSession) -> str:
    """``Mar 18 14:05`` (the local time the session started)."""
    try:
        return datetime.fromisoformat(session.started_at).strftime("%b %d %H:%M")
    except ValueError:
        return session.day


def outcome(session: LoggedSession) -> str:
    """How it went in a word or two: the ending, a drill round, or left unfinished."""
    if session.status != "finished":
        n = session.turn_count if session.turn_count is not None else len(session.turns)
        return "left empty" if n == 0 else f"left after {n}"
    if session.mode == "drill":
        return "drill round"
    return session.ending or "finished"


def scores_cell(session: LoggedSession) -> str:
    """``60·55·50`` (courage, authenticity, belief), or a dash when not scored."""
    values = [session.scores.get(d) for d in ("courage", "authenticity", "belief")]
    if all(v is None for v in values):
        return "—"
    return "·".join("—" if v is None else str(round(v)) for v in values)


def duration(session: LoggedSession) -> str:
    return hours_text(session.seconds)
