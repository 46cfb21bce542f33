"""Whether two texts say opposite things: what sentence vectors cannot tell apart.

Embeddings put "we're ISO certified" and "we're not ISO certified", or "net 60" and
"net 90", close together; a rep who says one has not said the other. Two texts
contradict when most of the meaningful words they share, or of a clause of one,
are said with the other polarity in the other (one opposite word in a clause of several is not a
contradiction: "I don't want price to stall it" does not deny "flexibility"), or
when both give figures and share none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from simulator.language.negation import clauses, is_negator
from simulator.language.numbers import find_numbers
from simulator.language.stemming import stem
from simulator.language.words import STOP_WORDS

# How much less near a contradicted text is, for routing and scoring alike: a reply
# that denies what an exemplar or an authored answer says is hardly saying it.
PENALTY = 0.5
_VALUE = re.compile(r"(\d+(?:[.,]\d+)*)\s?(k|m|bn|thousand|million|billion)?\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _stem(word: str) -> str | None:
    word = word.replace("\u2019", "'")
    if word in STOP_WORDS or word.replace("'", "") in STOP_WORDS or is_negator(word):
        return None
    return stem(word)


@lru_cache(maxsize=4096)  # exemplars are compared with every reply at their step
def polarity(text: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """Per clause of ``text``: (stems said outright, stems said under a negation) of
    its meaningful words."""
    out = []
    for clause in clauses(text):
        said = {s for w in clause if not w.negated and (s := _stem(w.word))}
        denied = {s for w in clause if w.negated and (s := _stem(w.word))}
        if said or denied:
            out.append((frozenset(said - denied), frozenset(denied - said)))
    return tuple(out)


def _overall(text: str) -> tuple[frozenset[str], frozenset[str]]:
    said: set[str] = set()
    denied: set[str] = set()
    for s, d in polarity(text):
        said |= s
        denied |= d
    return frozenset(said - denied), frozenset(denied - said)


def _denies_a_clause(a: str, b: str) -> bool:
    """Whether most of the meaningful words of some clause of ``a`` have the other
    polarity in ``b`` ("we're ISO certified" in a longer answer, against "we are
    not ISO certified yet")."""
    said_b, denied_b = _overall(b)
    for said, denied in polarity(a):
        opposite = (said & denied_b) | (denied & said_b)
        if opposite and 2 * len(opposite) > len(said) + len(denied):
            return True
    return False


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
    """Whether most of the meaningful words the texts share, or of a clause of either,
    have the other polarity in the other; or both give figures with none in common."""
    said_a, denied_a = _overall(a)
    said_b, denied_b = _overall(b)
    shared = (said_a | denied_a) & (said_b | denied_b)
    opposite = (denied_a & said_b) | (denied_b & said_a)
    if opposite and 2 * len(opposite) > len(shared):
        return True
    if _denies_a_clause(a, b) or _denies_a_clause(b, a):
        return True
    fa, fb = figures(a), figures(b)
    return bool(fa and fb and not fa & fb)


def discounted(text: str, others: Sequence[str], near: Sequence[float]) -> list[float]:
    """``near`` (nearness of ``text`` to each of ``others``), less ``PENALTY`` where
    ``text`` contradicts that other."""
    return [n - PENALTY * contradicts(text, o) for n, o in zip(near, others, strict=True)]
