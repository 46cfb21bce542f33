"""How convincing a reply reads, sentence by sentence: a small learned part of belief.

The model is one weight vector over the wordllama sentence embedding (256 numbers,
``language.similarity``). A reply's reading is the word-weighted mean of its
sentences' readings, so every point it gives is traced to a sentence:

    points(sentence) = scale * (words in it / words in the reply) * max(0, w . e(sentence) - center)

and the reply's points are their sum. ``center`` is the median reading of the
training arguments, so only sentences that read like the more convincing half of
arguments earn anything; the model never takes points away (the rules do that), and
filler that reads below the median only dilutes what the rest earned: padding never
raises a reply. A sentence worth under ``floor`` points gives no evidence; the total
is capped at ``cap`` (all sentences scaled alike, so the trace still adds up).

The weights are data (``belief_model.json``), fitted by ``scripts/train_belief_model.py``
on the dev half of UKPConvArg1 only (which of two arguments a crowd found more
convincing), cross-validated by debate; docs/scoring.md has the recipe and figures.
When the sentence model cannot load, the model gives no points (the rules still do).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from simulator.scoring.evidence_content import content
from simulator.scoring.sentence_vectors import SentenceVectors
from simulator.scoring.text import WORD as _WORD

# A pasted wall of text is read on its first sentences (embedding stays cheap).
MAX_SENTENCES = 64
RULE = "belief_model"
NOTE = (
    "Reads as convincing: a reasoned, concrete point on the question at hand "
    "(learned from which arguments people found convincing)."
)


@dataclass(frozen=True)
class BeliefModel:
    """``w`` over sentence embeddings, the neutral reading ``center`` and the point scale."""

    weights: Any  # numpy vector
    center: float
    scale: float
    floor: float
    cap: float


@lru_cache(maxsize=1)
def model() -> BeliefModel | None:
    """The shipped model; None only before scripts/train_belief_model.py first wrote it."""
    import numpy as np

    try:
        raw = json.loads(
            resources.files("simulator.scoring").joinpath("belief_model.json").read_text("utf-8")
        )
    except FileNotFoundError:
        return None
    return BeliefModel(
        np.asarray(raw["weights"], dtype=np.float32),
        float(raw["center"]),
        float(raw["scale"]),
        float(raw["floor"]),
        float(raw["cap"]),
    )


def segments(
    text: str, sents: Sequence[tuple[int, int]], signed: bool = True
) -> list[tuple[int, int, int]]:
    """(start, end, word count) of the sentences that hold words, at most MAX_SENTENCES;
    with ``signed`` the count is negative for a sentence with no content
    (``evidence_content.content``), which dilutes the others but earns nothing itself."""
    out: list[tuple[int, int, int]] = []
    for s, e in sents:
        n = len(_WORD.findall(text, s, e))  # as many as text.words(text, s, e)
        if n:
            out.append((s, e, n if not signed or content(text[s:e]) else -n))
            if len(out) >= MAX_SENTENCES:
                break
    return out


def read_sentences(text: str, sents: Sequence[tuple[int, int]]) -> list[str]:
    """The sentences the model reads (to be embedded with the ask model's, once)."""
    if model() is None:
        return []
    return [text[s:e] for s, e, _ in segments(text, sents, signed=False)]


def embed_segments(text: str, segs: Sequence[tuple[int, int, int]]) -> Any:
    """One unit-length embedding row per segment, or None when the model cannot load."""
    return SentenceVectors(text[s:e] for s, e, _ in segs).rows([text[s:e] for s, e, _ in segs])


def sentence_vectors(text: str, sents: Sequence[tuple[int, int]]) -> tuple[Any, Any] | None:
    """(one embedding row per sentence, its signed word count: see ``segments``);
    None when no sentence holds words or the sentence model cannot load."""
    import numpy as np

    segs = segments(text, sents)
    vectors = embed_segments(text, segs) if segs else None
    if vectors is None:
        return None
    return vectors, np.asarray([n for _, _, n in segs], dtype=np.float32)


def sentence_points(
    text: str, sents: Sequence[tuple[int, int]], vectors: SentenceVectors | None = None
) -> list[tuple[int, int, float]]:
    """(start, end, points) per sentence the model reads as more or less convincing;
    ``vectors`` holds the sentences' embeddings when the caller has them."""
    m = model()
    segs = segments(text, sents, signed=False) if m is not None else []
    if m is None or not segs:
        return []
    if vectors is None:
        rows = embed_segments(text, segs)
    else:
        rows = vectors.rows([text[s:e] for s, e, _ in segs])
    if rows is None:
        return []
    total_words = sum(n for _, _, n in segs)
    readings = rows @ m.weights - m.center
    # Content is checked only where the reading would earn something (it costs more).
    points = [
        m.scale * n / total_words * float(r) if r > 0 and content(text[s:e]) else 0.0
        for (s, e, n), r in zip(segs, readings, strict=True)
    ]
    total = sum(points)
    if total > m.cap:
        points = [p * m.cap / total for p in points]
    return [(s, e, round(p, 2)) for (s, e, _), p in zip(segs, points, strict=True) if p >= m.floor]
