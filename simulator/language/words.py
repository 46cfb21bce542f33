"""Normalisation and tokens: what counts as a word in a rep's reply."""

from __future__ import annotations

import re
import unicodedata

from simulator.language.stemming import stem

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)
# What a word is, for every reader of a rep's words (routing and scoring).
WORD = _WORD

# Words that carry no meaning for matching; kept short on purpose so "not" and
# "no" still count (they flip what a rep means).
STOP_WORDS = frozenset(
    """a an the and or but if of to in on at for with by from as is are was were be been
    it its this that these those i me my we us our you your he she they them their
    do does did so just really very can could would will shall should may might
    there here what which who whom about into than then too also""".split()
)


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, runs of spaces folded; apostrophes dropped,
    so "can't" and "cant" read the same (reps typing fast leave them out)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return " ".join(w.replace("'", "") for w in _WORD.findall(text))


def content_stems(text: str) -> frozenset[str]:
    """Stems of the words of ``text`` that carry meaning (stop words left out)."""
    return frozenset(stem(w) for w in normalise(text).split() if w not in STOP_WORDS)


def content_words(text: str) -> list[str]:
    """The normalised words of ``text`` that carry meaning, in order; every word when
    all are stop words (so "can we?" still has something to compare)."""
    words = normalise(text).split()
    return [w for w in words if w not in STOP_WORDS] or words
