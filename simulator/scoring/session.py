"""A session's scorecard from its turns, and the scoring layer's entry points.

Session formula (documented in docs/scoring.md; monotonic in every input):
- a dimension's score is the mean of the turn scores of the turns that gave
  evidence on it (50 when none did);
- belief then adds half the buyers' mean belief-meter change:
  ``belief = clamp(mean + 0.5 * belief_shift)``;
- everything is clamped to 0..100 and rounded.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.scoring.moves import MOVES, moves_summary
from simulator.scoring.reply import score_reply
from simulator.scoring.rubric import RUBRIC_VERSION, Rubric, default_rubric
from simulator.scoring.types import DIMENSIONS, CoachingNote, Evidence, ReplyScore, Scorecard

BELIEF_SHIFT_FACTOR = 0.5
# A fix (negative evidence) is worth more to a rep than praise of the same size.
_FIX_BONUS = 1.25

__all__ = ["RUBRIC_VERSION", "coaching_notes", "score_reply", "score_session"]


def _clamp(x: float) -> int:
    return int(max(0, min(100, round(x))))


def coaching_notes(replies: Sequence[ReplyScore], limit: int = 3) -> tuple[CoachingNote, ...]:
    """The ``limit`` most useful notes: biggest |points| first, fixes ahead of praise of
    the same size, one per rule; when all are fixes, the last slot goes to the best
    strength (so the rep also hears what to keep doing)."""
    ranked: list[tuple[float, int, Evidence]] = []
    for turn, reply in enumerate(replies):
        for ev in reply.evidence:
            if ev.weight == 0 or (ev.rule == "authored" and not ev.note.strip()):
                continue
            useful = abs(ev.weight) * (_FIX_BONUS if ev.weight < 0 else 1.0)
            ranked.append((useful, turn, ev))
    ranked.sort(key=lambda t: (-t[0], t[1], t[2].start))
    picked: list[tuple[int, Evidence]] = []
    seen: set[str] = set()
    for _, turn, ev in ranked:
        if ev.rule in seen:
            continue
        seen.add(ev.rule)
        picked.append((turn, ev))
        if len(picked) == limit:
            break
    if limit and len(picked) == limit and all(ev.weight < 0 for _, ev in picked):
        best = next(((t, ev) for _, t, ev in ranked if ev.weight > 0), None)
        if best is not None:
            picked[-1] = best
    return tuple(CoachingNote(t, ev.dimension, ev.text, ev.note, ev.weight) for t, ev in picked)


def score_session(
    replies: Sequence[ReplyScore],
    belief_shift: float = 0.0,
    rubric: Rubric | None = None,
) -> Scorecard:
    """Each dimension 0..100 from the turns (see module docstring) plus top 3 notes."""
    rubric = rubric if isinstance(rubric, Rubric) else default_rubric()
    try:
        shift = float(belief_shift)
    except (TypeError, ValueError):
        shift = 0.0
    if shift != shift:  # NaN
        shift = 0.0
    out: dict[str, int] = {}
    means: dict[str, float | None] = {}
    for dim in DIMENSIONS:
        vals = [r.scores[dim] for r in replies if dim in r.scores]
        means[dim] = sum(vals) / len(vals) if vals else None
        found = means[dim]
        mean = 50.0 if found is None else found
        if dim == "belief":
            mean += BELIEF_SHIFT_FACTOR * shift
        out[dim] = _clamp(mean)
    turns = [r.moves for r in replies]
    return Scorecard(
        out,
        coaching_notes(replies),
        rubric.version,
        turn_means=means,
        belief_shift=shift,
        belief_points=BELIEF_SHIFT_FACTOR * shift,
        moves_summary=moves_summary(turns),
        move_turns={k: sum(1 for t in turns if any(m.move == k for m in t)) for k in MOVES},
    )
