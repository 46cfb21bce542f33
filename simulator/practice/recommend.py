"""Which scenario to practise next: a pure function over the library and the rep's scores.

The rule a coach would follow: work on the weakest dimension, with a scenario that
stresses it, not the one just played, at a difficulty that rises with the rep's recent
score on that dimension but never more than one step above what they have been finishing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

MIN_DIFFICULTY, MAX_DIFFICULTY = 1, 5


@dataclass(frozen=True)
class ScenarioInfo:
    """What the recommendation needs to know about a scenario in the library."""

    id: str
    title: str
    difficulty: int = 2
    skills: tuple[str, ...] = ()

    @classmethod
    def from_entry(cls, entry: Any) -> ScenarioInfo:
        """From a library entry (anything with id, title, difficulty, skills)."""
        return cls(
            id=str(entry.id),
            title=str(entry.title or entry.id),
            difficulty=int(entry.difficulty or 2),
            skills=tuple(entry.skills or ()),
        )


def target_difficulty(score: float | None, max_recent_difficulty: int | None) -> int:
    """1 below 20 points, 2 from 20, 3 from 40, 4 from 60, 5 from 80; capped one step above
    the hardest difficulty among recent finished sessions."""
    level = MIN_DIFFICULTY if score is None else MIN_DIFFICULTY + int(max(0.0, score) // 20)
    if max_recent_difficulty is not None:
        level = min(level, max_recent_difficulty + 1)
    return max(MIN_DIFFICULTY, min(MAX_DIFFICULTY, level))


def recommend(
    scenarios: Sequence[ScenarioInfo],
    *,
    weakest: str | None,
    recent: Mapping[str, float | None],
    last_played: str | None,
    played: Mapping[str, int],
    max_recent_difficulty: int | None = None,
    scored_sessions: Mapping[str, int] | None = None,
) -> dict | None:
    """``{"id", "title", "difficulty", "dimension", "target_difficulty", "reason"}`` or None
    when the library offers nothing but the scenario just played.

    ``recent`` maps each dimension to its recent average (None when unknown), ``played``
    maps scenario ids to how many sessions they have had, ``scored_sessions`` how many
    recent sessions each dimension's average is over (named in the reason).
    """
    pool = [s for s in scenarios if s.id != last_played]
    if not pool:
        return None
    if weakest is None:
        pick = min(pool, key=lambda s: (s.difficulty, played.get(s.id, 0), s.id))
        return _result(
            pick,
            None,
            pick.difficulty,
            f"A good place to start: difficulty {pick.difficulty}, the gentlest on offer. "
            "Finish a session to get recommendations aimed at your weakest dimension.",
        )
    score = recent.get(weakest)
    target = target_difficulty(score, max_recent_difficulty)
    stressing = [s for s in pool if weakest in s.skills]
    candidates = stressing or pool
    pick = min(
        candidates,
        key=lambda s: (abs(s.difficulty - target), s.difficulty, played.get(s.id, 0), s.id),
    )
    over = (scored_sessions or {}).get(weakest)
    reason = _reason(pick, weakest, recent, target, bool(stressing), max_recent_difficulty, over)
    return _result(pick, weakest, target, reason)


def _result(pick: ScenarioInfo, dimension: str | None, target: int, reason: str) -> dict:
    return {
        "id": pick.id,
        "title": pick.title,
        "difficulty": pick.difficulty,
        "dimension": dimension,
        "target_difficulty": target,
        "reason": reason,
    }


def _reason(
    pick: ScenarioInfo,
    weakest: str,
    recent: Mapping[str, float | None],
    target: int,
    stresses: bool,
    max_recent: int | None,
    over: int | None = None,
) -> str:
    score = recent.get(weakest)
    others = ", ".join(
        f"{dim} {value:.0f}"
        for dim, value in recent.items()
        if dim != weakest and value is not None
    )
    parts = [f"{weakest.capitalize()} is your weakest dimension"]
    if score is not None and over:  # why, in the rep's own figures
        last = "your last session" if over == 1 else f"your last {over} sessions"
        parts = [f"{weakest.capitalize()} is your lowest: {score:.0f} over {last}"]
        parts[0] += f" ({others})" if others else ""
    elif score is not None:
        parts[0] += f" (recent average {score:.0f}" + (f"; {others})" if others else ")")
    parts[0] += "."
    if stresses:
        parts.append(f"{pick.title} stresses {weakest} at difficulty {pick.difficulty}")
    else:
        parts.append(
            f"No other scenario stresses {weakest}; {pick.title} is the closest match "
            f"at difficulty {pick.difficulty}"
        )
    if max_recent is not None and pick.difficulty > max_recent:
        parts[-1] += f", one step up from the difficulty {max_recent} you have been finishing."
    elif pick.difficulty == target:
        parts[-1] += ", the right level for your recent scores."
    elif pick.difficulty < target:
        parts[-1] += f" (your scores are ready for difficulty {target})."
    else:
        parts[-1] += f" (a stretch: your scores suggest difficulty {target})."
    return " ".join(parts)
