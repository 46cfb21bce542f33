"""Which scenario to practise next: a pure function over the library and the rep's scores.

The rule a coach would follow: work on the weakest dimension (or the one the rep chose
to work on: the library's skill filter), with a scenario that stresses it and is of the
kind the rep practises (it shares a tag with the scenarios they have finished, so a rep
who plays price objections is not sent to an investor pitch), not the one just played,
at a difficulty that rises with the rep's recent score on that dimension but never more
than one step above what they have been finishing. The reason says each of these in
the rep's own figures.
"""

from __future__ import annotations

from collections import Counter
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
    tags: tuple[str, ...] = ()  # what kind of conversation it is (price, cold-call, ...)

    @classmethod
    def from_entry(cls, entry: Any) -> ScenarioInfo:
        """From a library entry (anything with id, title, difficulty, skills, tags)."""
        return cls(
            id=str(entry.id),
            title=str(entry.title or entry.id),
            difficulty=int(entry.difficulty or 2),
            skills=tuple(entry.skills or ()),
            tags=tuple(getattr(entry, "tags", ()) or ()),
        )


@dataclass(frozen=True)
class _Kind:
    """How a candidate relates to what the rep practises."""

    shared: tuple[str, ...]  # its tags the rep's finished scenarios also carry
    sessions: int  # how many finished sessions carried them
    practised: tuple[str, ...]  # the rep's most practised tags (for the reason)


def practised_tags(scenarios: Sequence[ScenarioInfo], finished: Mapping[str, int]) -> Counter:
    """Each tag, counted once per finished session of a scenario carrying it."""
    tags: Counter = Counter()
    for s in scenarios:
        for tag in s.tags:
            tags[tag] += finished.get(s.id, 0)
    return +tags  # drop tags never practised


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
    finished: Mapping[str, int] | None = None,
    focus: str | None = None,
) -> dict | None:
    """``{"id", "title", "difficulty", "dimension", "target_difficulty", "reason"}`` or None
    when the library offers nothing but the scenario just played.

    ``recent`` maps each dimension to its recent average (None when unknown), ``played``
    maps scenario ids to how many sessions they have had, ``finished`` how many of those
    were finished (what kind of scenario the rep practises; ``played`` when not given),
    ``scored_sessions`` how many recent sessions each dimension's average is over (named
    in the reason), ``focus`` the dimension the rep chose to work on (the library's skill
    filter), aimed at instead of the weakest.
    """
    pool = [s for s in scenarios if s.id != last_played]
    if focus is not None:
        pool = [s for s in pool if focus in s.skills] or pool
    if not pool:
        return None
    dimension = focus or weakest
    if dimension is None:
        pick = min(pool, key=lambda s: (s.difficulty, played.get(s.id, 0), s.id))
        return _result(
            pick,
            None,
            pick.difficulty,
            f"A good place to start: difficulty {pick.difficulty}, the gentlest on offer. "
            "Finish a session to get recommendations aimed at your weakest dimension.",
        )
    target = target_difficulty(recent.get(dimension), max_recent_difficulty)
    stressing = [s for s in pool if dimension in s.skills]
    tags = practised_tags(scenarios, played if finished is None else finished)
    candidates, kind = _of_the_rep_s_kind(stressing or pool, tags)
    pick = min(
        candidates,
        key=lambda s: (abs(s.difficulty - target), s.difficulty, played.get(s.id, 0), s.id),
    )
    over = (scored_sessions or {}).get(dimension)
    opening = _focus_opening(dimension, weakest, recent, over) if focus else None
    reason = _reason(
        pick, dimension, recent, target, bool(stressing), max_recent_difficulty, over, opening
    )
    reason += _kind_reason(kind(pick), dimension)
    return _result(pick, dimension, target, reason)


def _of_the_rep_s_kind(
    candidates: list[ScenarioInfo], tags: Counter
) -> tuple[list[ScenarioInfo], Any]:
    """The candidates sharing a tag with what the rep has finished (all of them when
    none does, or the rep has finished nothing), and how each relates to it."""
    practised = tuple(tag for tag, _ in tags.most_common(3))

    def kind(s: ScenarioInfo) -> _Kind | None:
        if not tags:
            return None
        shared = tuple(t for t in s.tags if t in tags)
        return _Kind(shared, sum(tags[t] for t in shared), practised)

    alike = [s for s in candidates if tags and any(t in tags for t in s.tags)]
    return alike or candidates, kind


def _focus_opening(
    dimension: str, weakest: str | None, recent: Mapping[str, float | None], over: int | None
) -> str:
    """The reason's first sentence when the rep chose the skill to work on."""
    score = recent.get(dimension)
    out = f"You narrowed the library to {dimension}"
    out += ", your lowest" if dimension == weakest else ""
    if score is None or not over:
        return out + "."
    last = "your last session" if over == 1 else f"your last {over} sessions"
    return out + f": {score:.0f} over {last}."


def _kind_reason(kind: _Kind | None, dimension: str) -> str:
    if kind is None:
        return ""
    if kind.shared:
        sessions = f"{kind.sessions} session{'s' * (kind.sessions != 1)} you finished"
        return f" Like what you practise: it shares {', '.join(kind.shared)} with {sessions}."
    return (
        f" Nothing stressing {dimension} is like what you practise "
        f"({', '.join(kind.practised)}), so this is a new kind for you."
    )


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
    opening: str | None = None,
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
    if opening:  # the rep chose the skill (the library's filter)
        parts = [opening]
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
