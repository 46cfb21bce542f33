"""The scenario's own judgement of a typed reply: is it close to an authored answer?

A step's author wrote choices with scores and feedback, and often a model answer
(what a top performer would say). A typed reply close in meaning to one of them
(``similarity.nearness`` less contradictions, as routing reads it) is judged as the author judged
that answer: it inherits the authored score and feedback, exactly as picking the
choice would, and the scorecard says which answer it was close to. So typing the
top performer's words scores at least as well as picking them.

"Close" is stricter than routing's bar (a reply may go where a choice goes without
deserving its score): ``THRESHOLD``, and ``MARGIN`` over the second-nearest answer
with a different score, so a reply halfway between two answers inherits neither.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.language import contradiction, similarity
from simulator.scoring.types import AuthoredAnswer, CloseTo

THRESHOLD = 0.5
MARGIN = 0.05
MAX_CHARS = 2000  # what a rep means is in the first lines (as routing reads it)


def nearest_answer(
    text: str, answers: Sequence[AuthoredAnswer]
) -> tuple[AuthoredAnswer, CloseTo] | None:
    """The authored answer ``text`` is close to, or None (no answer near enough, a tie
    between answers scored differently, or no sentence model)."""
    text = text[:MAX_CHARS]
    if not answers or not text.strip():
        return None
    try:
        texts = [a.text for a in answers]
        # "we are not ISO certified" is not close to "Yes, we're ISO certified".
        near = contradiction.discounted(text, texts, similarity.nearness(text, texts))
    except similarity.ModelUnavailable:
        return None
    order = sorted(range(len(answers)), key=lambda i: -near[i])
    best = answers[order[0]]
    if near[order[0]] < THRESHOLD:
        return None
    for i in order[1:]:
        if dict(answers[i].score) != dict(best.score):
            if near[order[0]] - near[i] < MARGIN:
                return None
            break
    return best, CloseTo(best.label, best.text, float(near[order[0]]))
