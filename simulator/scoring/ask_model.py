"""Is this sentence an ask for a commitment? A small logistic model over sentence features.

Two kinds of features, both from the language layer:
- lexical: the shape of the sentence (a question mark, an opening "would you"/"can we",
  "let's", "how much", a figure, words that commit someone: "sign", "start", "try",
  "commit", "agree"...), see ``lexical_features``;
- meaning: the sentence's wordllama embedding (256 numbers, ``language.similarity``).

The weights are data (``ask_model.json``), trained by ``scripts/train_moves.py`` on
the dev half of PersuasionForGood persuader sentences only (domain words masked);
docs/scoring.md has the recipe and the cross-validated figures. When the sentence
model cannot load, a lexical-only model (also in the file) is used instead.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from simulator.language.negation import is_negator, scoped_words
from simulator.language.numbers import find_numbers
from simulator.language.stemming import stem
from simulator.language.words import normalise
from simulator.scoring.sentence_vectors import READ_CHARS, SentenceVectors
from simulator.scoring.sentence_vectors import warm as warm_vectors

_AUX = frozenset(
    "would will could can shall should do does did are is may might wouldnt wont cant dont "
    "were have has".split()
)
_WH = frozenset("what how why where when who which".split())
# Words that commit someone to something (stems): the verbs of asks in any deal.
_COMMIT = frozenset(
    stem(w)
    for w in """commit commitment give sign agree pledge contribute join start try book schedule
    consider spare put take buy pay support proceed purchase pilot order approve decide
    chip donate invest match renew upgrade switch""".split()
)
# After "the", "a", "your"... a commit word is a noun. It still commits someone when the
# noun names a commitment ("a commitment", "the pilot", "your signature"); when it names
# a thing ("close the books", "our support team", "a good match") it does not.
_DETERMINERS = frozenset("the a an my your our their his her its this these those".split())
_COMMIT_NOUNS = frozenset(
    stem(w)
    for w in """commitment pledge contribution donation purchase order pilot investment
    renewal upgrade agreement signature trial start decision support""".split()
)
_WILLING = frozenset(stem(w) for w in "willing interested like want ready open happy able".split())
_DEAL = frozenset(stem(w) for w in "deal shot worth go ahead forward".split())
_TIME = frozenset(
    """today tomorrow tonight monday tuesday wednesday thursday friday week month now""".split()
)
_PROPOSE = ("how about", "what about", "why not", "would you like", "lets", "let us")

LEXICAL_NAMES = (
    "ends_question",
    "opens_aux",
    "opens_wh",
    "aux_you",
    "has_you",
    "has_we",
    "lets",
    "how_much",
    "figure",
    "money",
    "commit_word",
    "willing_word",
    "deal_word",
    "short",
    "length",
    "has_if",
    "thanks",
    "has_i",
    "please",
    "opens_commit_verb",
    "proposes",
    "negated_commit",
    "time_word",
    "more",
    "any_some",
    "exclaims",
    "aux_after_filler",
    "you_modal_commit",
    "requests_of_you",
    "money_question",
    "suggests_amount",
)
_FILLERS = frozenset("so ok okay then and but well hey hi now alright great yes yeah sure".split())
_MODALS = frozenset("can could should will would might may".split())
_REQUESTS = (
    "hope you",
    "like you to",
    "encourage you",
    "ask you",
    "urge you",
    "count on you",
    "count on your",
    "invite you",
    "want you to",
    "need you to",
)
_SUGGESTS = frozenset(stem(w) for w in "suggest say recommend propose".split())


_PROPOSE_RX = re.compile(" (?:" + "|".join(_PROPOSE) + ") ")
_REQUESTS_RX = re.compile(" (?:" + "|".join(_REQUESTS) + ") ")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=16384)
def lexical_features(sentence: str) -> tuple[float, ...]:
    """The sentence's shape as numbers, in the order of ``LEXICAL_NAMES`` (cached: a
    chunk's sentences are read once to warm the model, then again to score)."""
    sentence = sentence[:READ_CHARS]
    norm = normalise(sentence)
    toks = norm.split()
    words = set(toks)
    stems = set(map(stem, words))
    commits = _commit_stems(toks) if stems & _COMMIT else frozenset()
    first = toks[0] if toks else ""
    # Figures need a digit, negation a negator: most sentences skip both scans.
    nums = find_numbers(sentence) if _DIGIT.search(sentence) else []
    figure = any(n.is_figure for n in nums)
    padded = f" {norm} "
    negated_commit = bool(commits) and any(
        w.negated and stem(w.word) in _COMMIT
        for w in (scoped_words(sentence) if any(map(is_negator, words)) else ())
    )
    words = words  # membership tests below on the set
    asks_q = sentence.rstrip().endswith("?")
    return (
        float(asks_q),
        float(first in _AUX),
        float(first in _WH),
        float(first in _AUX and "you" in toks[1:3]),
        float("you" in words or "your" in words),
        float("we" in words or "us" in words),
        float(first in ("lets", "let")),
        float(" how much " in padded or " how many " in padded),
        float(figure),
        float(any(n.kind == "money" for n in nums)),
        float(bool(commits)),
        float(bool(stems & _WILLING)),
        float(bool(stems & _DEAL)),
        float(len(toks) <= 4),
        min(len(toks), 40) / 20.0,
        float("if" in words),
        float("thank" in stems or "thanks" in words),
        float("i" in words or "im" in words),
        float("please" in words),
        float(stem(first) in _COMMIT),
        float(_PROPOSE_RX.search(padded) is not None),
        float(negated_commit),
        float(bool(words & _TIME)),
        float("more" in words),
        float("any" in words or "some" in words),
        float(sentence.rstrip().endswith("!")),
        float(_opens_aux_after_filler(toks)),
        float(_you_modal_commit(toks)),
        float(_REQUESTS_RX.search(padded) is not None),
        float(asks_q and figure),
        float(figure and bool(stems & _SUGGESTS)),
    )


# An ask names who commits ("you", "we", "let's", "please"), what ("commit", "sign",
# "try", a figure), or is a question or a proposal. A sentence with none of these is
# not read by the model (no embedding): on the dev set no ask lacks all of them, and
# about half of the sentences of sales replies do (bench_scoring.py).
_GATE = tuple(
    LEXICAL_NAMES.index(n)
    for n in (
        "ends_question",
        "has_you",
        "has_we",
        "lets",
        "commit_word",
        "figure",
        "please",
        "opens_commit_verb",
        "willing_word",
        "deal_word",
        "requests_of_you",
        "proposes",
    )
)


def could_ask(sentence: str) -> bool:
    features = lexical_features(sentence)
    return any(features[i] for i in _GATE)


def _commit_stems(toks: list[str]) -> frozenset[str]:
    """The commit words of a sentence, less those used as nouns that name a thing."""
    return frozenset(
        st
        for i, t in enumerate(toks)
        if (st := stem(t)) in _COMMIT
        and (i == 0 or toks[i - 1] not in _DETERMINERS or st in _COMMIT_NOUNS)
    )


def _opens_aux_after_filler(toks: list[str]) -> bool:
    """ "So are you willing...", "ok so how much...": the question opens after fillers."""
    i = 0
    while i < len(toks) and toks[i] in _FILLERS:
        i += 1
    return 0 < i < len(toks) and (toks[i] in _AUX or toks[i] in ("how", "what"))


def _you_modal_commit(toks: list[str]) -> bool:
    """ "you can commit a portion", "you should really give": a proposal, not a fact."""
    for i, t in enumerate(toks):
        if (
            t == "you"
            and i + 1 < len(toks)
            and toks[i + 1] in _MODALS
            and any(stem(w) in _COMMIT for w in toks[i + 2 : i + 5])
        ):
            return True
    return False


@dataclass(frozen=True)
class AskModel:
    """Logistic weights: ``p = sigmoid(bias + w_lex . lexical + w_emb . embedding)``."""

    bias: float
    lexical: tuple[float, ...]
    embedding: tuple[float, ...]  # empty for the lexical-only model
    threshold: float

    def probability(self, lexical: Sequence[float], embedded: float = 0.0) -> float:
        """``embedded`` is ``w_emb . embedding``, computed for a batch by the caller."""
        z = self.bias + embedded + sum(w * x for w, x in zip(self.lexical, lexical, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def embedded(self, vectors: Any) -> Any:
        """``w_emb . v`` for each row of ``vectors`` (one matrix product)."""
        import numpy as np

        return vectors @ np.asarray(self.embedding, dtype=vectors.dtype)


def _model(raw: dict) -> AskModel:
    return AskModel(
        float(raw["bias"]),
        tuple(float(x) for x in raw["lexical"]),
        tuple(float(x) for x in raw.get("embedding", ())),
        float(raw["threshold"]),
    )


@lru_cache(maxsize=1)
def models() -> tuple[AskModel, AskModel]:
    """(the full model, the lexical-only fallback), from ``ask_model.json``."""
    raw = json.loads(
        resources.files("simulator.scoring").joinpath("ask_model.json").read_text("utf-8")
    )
    if list(raw["lexical_names"]) != list(LEXICAL_NAMES):
        raise RuntimeError(
            "ask_model.json was trained on other features: run scripts/train_moves.py"
        )
    return _model(raw["full"]), _model(raw["lexical_only"])


def embeddings(sentences: Sequence[str]) -> Any:
    """One embedding row per sentence, or None when the sentence model cannot load."""
    if not sentences:
        return None
    return SentenceVectors(sentences).rows(sentences)


def warm(sentences: Sequence[str]) -> None:
    """Embed, in batches, the sentences the model will read (those that ``could_ask``)."""
    warm_vectors([s for s in sentences if could_ask(s)])


def ask_probabilities(sentences: Sequence[str]) -> list[float]:
    """P(ask) for each sentence; the sentences' embeddings are computed in one batch."""
    return _probabilities(sentences, embeddings(sentences))


def _probabilities(sentences: Sequence[str], vectors: Any) -> list[float]:
    """One matrix product for the batch (the lexical features, then the embedding)."""
    import numpy as np

    full, lexical_only = models()
    model = lexical_only if vectors is None else full
    lex = np.array([lexical_features(s) for s in sentences], dtype=np.float32)
    z = model.bias + lex @ np.asarray(model.lexical, dtype=np.float32)
    if vectors is not None:
        z = z + model.embedded(vectors)
    return [float(p) for p in 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))]


def ask_decisions(sentences: Sequence[str], vectors: SentenceVectors | None = None) -> list[bool]:
    """Is each sentence an ask? (its probability against the threshold of the model
    used; a sentence that ``could_ask`` says cannot be one is not). ``vectors`` holds
    the sentences' embeddings when the caller has them (``score_reply`` embeds a
    reply's sentences once for this model and the belief model)."""
    full, lexical_only = models()
    out = [False] * len(sentences)
    idx = [i for i, s in enumerate(sentences) if could_ask(s)]
    if not idx:
        return out
    picked = [sentences[i] for i in idx]
    rows = vectors.rows(picked) if vectors is not None else embeddings(picked)
    model = full if rows is not None else lexical_only
    for i, p in zip(idx, _probabilities(picked, rows), strict=True):
        out[i] = p >= model.threshold
    return out
