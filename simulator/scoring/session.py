"""Interim scorer: authored choice scores only (replaced by the rubric in issue 3)."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.scoring.types import DIMENSIONS, Evidence, ReplyContext, ReplyScore, Scorecard

RUBRIC_VERSION = "0-interim"


def score_reply(text: str, context: ReplyContext, rubric: object = None) -> ReplyScore:
    """Score one reply. Interim: an authored score s reads as 50 + 50*s/3."""
    scores: dict[str, int] = {}
    evidence: list[Evidence] = []
    for dim, s in (context.authored or {}).items():
        scores[dim] = round(50 + 50 * s / 3)
        evidence.append(
            Evidence(dim, "authored", text, 0, len(text), 50 * s / 3, "the scenario's own score")
        )
    return ReplyScore(scores, tuple(evidence))


def score_session(
    replies: Sequence[ReplyScore], belief_shift: float = 0.0, rubric: object = None
) -> Scorecard:
    """Average each dimension over the turns that gave evidence on it (50 with none)."""
    out: dict[str, int] = {}
    for dim in DIMENSIONS:
        vals = [r.scores[dim] for r in replies if dim in r.scores]
        out[dim] = round(sum(vals) / len(vals)) if vals else 50
    return Scorecard(out, (), RUBRIC_VERSION)
