"""A session read back from the practice log, in the shapes the review helpers read.

The log keeps each turn as the report's dict; this turns it back into the engine's
:class:`Turn` (with :class:`Evidence` records), so a past session is shown with the
same marked replies and evidence tables as a fresh scorecard. No Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from simulator.engine.turns import Turn, Utterance
from simulator.scoring import Evidence
from simulator.tui.text import hours_text

# A session or turn as the practice log gives it back: JSON values, checked as read.
LogRecord = Mapping[str, object]


def _evidence(item: LogRecord) -> Evidence | None:
    try:
        return Evidence(
            dimension=str(item["dimension"]),
            rule=str(item.get("rule") or ""),
            text=str(item.get("text") or ""),
            start=int(item.get("start") or 0),
            end=int(item.get("end") or 0),
            weight=float(item.get("weight") or 0.0),
            note=str(item.get("note") or ""),
        )
    except (KeyError, TypeError, ValueError):
        return None  # an entry from a damaged or older log: left out, not fatal


def turn_of(item: LogRecord) -> Turn:
    """A logged turn as the engine's Turn (missing fields read as empty)."""
    evidence = [_evidence(e) for e in item.get("evidence") or [] if isinstance(e, Mapping)]
    spoken = tuple(
        Utterance(u.get("speaker"), u.get("line"))
        for u in item.get("interjections") or []
        if isinstance(u, Mapping)
    )
    scores = item.get("scores") if isinstance(item.get("scores"), Mapping) else {}
    route = item.get("route") if isinstance(item.get("route"), Mapping) else None
    return Turn(
        step=str(item.get("step") or ""),
        speaker=item.get("speaker"),
        line=item.get("line"),
        interjections=spoken,
        reply=str(item.get("reply") or ""),
        kind=str(item.get("kind") or "typed"),
        next=str(item.get("next") or ""),
        route=route,
        choice=item.get("choice"),
        feedback=str(item.get("feedback") or ""),
        scores={k: v for k, v in (scores or {}).items() if isinstance(v, (int, float))},
        evidence=tuple(e for e in evidence if e is not None),
        seconds=item.get("reply_seconds"),
    )


def when(session: LogRecord) -> str:
    """``Mar 18 14:05`` (the local time the session started)."""
    try:
        return datetime.fromisoformat(str(session.get("started_at"))).strftime("%b %d %H:%M")
    except ValueError:
        return str(session.get("day") or "")


def outcome(session: LogRecord) -> str:
    """How it went in a word or two: the ending, a drill round, or left unfinished."""
    if session.get("status") != "finished":
        n = int(session.get("turn_count") or len(session.get("turns") or []))
        return "left empty" if n == 0 else f"left after {n}"
    if session.get("mode") == "drill":
        return "drill round"
    return str(session.get("ending") or "finished")


def scores_cell(session: LogRecord) -> str:
    """``60·55·50`` (courage, authenticity, belief), or a dash when not scored."""
    scores = session.get("scores") or {}
    values = [scores.get(d) for d in ("courage", "authenticity", "belief")]
    if all(v is None for v in values):
        return "—"
    return "·".join("—" if v is None else str(round(v)) for v in values)


def duration(session: LogRecord) -> str:
    return hours_text(float(session.get("seconds") or 0))
