"""Whether two texts say opposite things: what sentence vectors cannot tell apart.

Embeddings put "we're ISO certified" and "we're not ISO certified", or "net 60" and
"net 90", close together; a rep who says one has not said the other. Two texts
contradict when most of the meaningful words they share are affirmed in one and
negated in the other (one opposite word among several shared is another clause's
business, not a contradiction), or when both give figures and share none of them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.language.negation import scoped_words
from simulator.language.numbers import find_numbers
from simulator.language.stemming import stem
from simulator.language.words import STOP_WORDS

_VALUE = re.compile(r"(\d+(?:[.,]\d+)*)\s?(k|m|bn|thousand|million|billion)?\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


@lru_cache(maxsize=4096)  # exemplars are compared with every reply at their step
def polarity(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """(stems said outright, stems said under a negation) of ``text``'s meaningful words."""
    said: set[str] = set()
    denied: set[str] = set()
    for w in scoped_words(text):
        word = w.word.replace("\u2019", "'")
        if word in STOP_WORDS or word.replace("'", "") in STOP_WORDS:
            continue
        (denied if w.negated else said).add(stem(word))
    return frozenset(said - denied), frozenset(denied - said)


@lru_cache(maxsize=4096)
def figures(text: str) -> frozenset[float]:
    """The values of ``text``'s figures ("$40k" and "40,000" are both 40000)."""
    starts = {n.start + (not n.text[:1].isdigit()) for n in find_numbers(text) if n.is_figure}
    out: set[float] = set()
    for m in _VALUE.finditer(text):  # read with its scale word: "18 thousand" is 18000
        if m.start() not in starts and m.start() - 1 not in starts:
            continue
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:  # "1.2.3": a version, not a value
            continue
        out.add(value * _SCALE.get((m.group(2) or "").lower(), 1.0))
    return frozenset(out)


def contradicts(a: str, b: str) -> bool:
    """Whether ``a`` denies most of what it shares with ``b`` that ``b`` affirms (or
    the other way), or both give figures with none in common."""
    said_a, denied_a = polarity(a)
    said_b, denied_b = polarity(b)
    shared = (said_a | denied_a) & (said_b | denied_b)
    opposite = (denied_a & said_b) | (denied_b & said_a)
    if opposite and 2 * len(opposite) > len(shared):
        return True
    fa, fb = figures(a), figures(b)
    return bool(fa and fb and not fa & fb)
