"""Harvest: the best-scoring typed replies per step of a scenario, from the practice log.

What the top reps actually typed is the raw material for the next version of a
scenario. Decisions where the brief was silent:
- a reply's score is the mean of the dimensions its turn gave evidence on;
- the same reply typed twice (ignoring case and spacing) is listed once, at its best;
- only typed replies count: a picked choice is already in the scenario.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

TOP = 3


@dataclass(frozen=True)
class HarvestedReply:
    step: str
    reply: str
    score: float
    rep: str
    at: str | None
    session: int
    next: str | None = None  # the step the reply led to
    route: int | None = None  # the 0-based route it took (None: else, or none)


def _score(turn: dict) -> float | None:
    values = [v for v in (turn.get("scores") or {}).values() if isinstance(v, (int, float))]
    return round(sum(values) / len(values), 1) if values else None


def _route(turn: dict) -> int | None:
    route = turn.get("route")
    if not isinstance(route, dict) or route.get("else"):
        return None
    index = route.get("index")
    return index if isinstance(index, int) and not isinstance(index, bool) else None


def _key(reply: str) -> str:
    return " ".join(reply.casefold().split())


def best_replies(
    sessions: Iterable[dict], scenario_id: str, *, top: int = TOP
) -> dict[str, list[HarvestedReply]]:
    """Per step (in first-seen order), the ``top`` best distinct typed replies."""
    best: dict[str, dict[str, HarvestedReply]] = {}
    for s in sessions:
        if s.get("scenario") != scenario_id:
            continue
        for turn in s.get("turns") or ():
            reply, step, score = turn.get("reply"), turn.get("step"), _score(turn)
            if turn.get("kind") != "typed" or not reply or not step or score is None:
                continue
            found = HarvestedReply(str(step), reply, score, str(s.get("rep") or ""),
                                   turn.get("at"), int(s.get("id") or 0),
                                   turn.get("next"), _route(turn))  # fmt: skip
            per_step = best.setdefault(found.step, {})
            held = per_step.get(_key(reply))
            if held is None or score > held.score:
                per_step[_key(reply)] = found
    return {
        step: sorted(found.values(), key=lambda r: (-r.score, r.at or ""))[:top]
        for step, found in best.items()
    }
