"""Negation scope: which words a negator governs.

A negator ("no", "not", "never", "without", "won't", "dont", ...) governs the words
after it up to the end of its clause (a comma, full stop, "but", "however"), so in
"I won't promise a guaranteed ROI, but the pilot pays back" the words "promise",
"guaranteed" and "ROI" are negated and "pilot pays back" is not. A short clause that
ends in a bare "no" or "not" ("ISO no", typed fast) negates the words before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NEGATORS = frozenset(
    """no not never without nor cannot neither none nothing nobody nowhere""".split()
)
_NT_STEMS = frozenset(
    "do does did wo ca is are was were would could should have has had must ai need".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?|[.,;:!?()\n]", re.UNICODE)
_BREAKS = frozenset(".,;:!?()\n") | {"but", "however", "though", "although", "yet"}


def is_negator(word: str) -> bool:
    w = word.lower().replace("\u2019", "'")
    if w in NEGATORS:
        return True
    if w.endswith("n't"):
        return True
    return w.endswith("nt") and w[:-2] in _NT_STEMS  # "dont", "wont", typed fast


def negator_words() -> frozenset[str]:
    """Every negator that is one word, less the open-ended "...n't" contractions:
    ``NEGATORS`` and the contractions typed without their apostrophe ("dont", "wont")."""
    return NEGATORS | {s + "nt" for s in _NT_STEMS}


@dataclass(frozen=True)
class ScopedWord:
    """One word of a text, with where it is and whether a negator governs it."""

    word: str
    start: int
    end: int
    negated: bool


def scoped_words(text: str) -> list[ScopedWord]:
    """Every word of ``text`` with its negation flag (negators themselves are not negated)."""
    return [w for clause in clauses(text) for w in clause]


def clauses(text: str) -> list[list[ScopedWord]]:
    """The words of ``text`` clause by clause (split where a negation's scope ends),
    each with its negation flag; empty clauses are left out."""
    out: list[list[ScopedWord]] = []
    clause: list[ScopedWord] = []
    negated = False
    for m in _TOKEN.finditer(text):
        low = m.group().lower()
        if low in _BREAKS:
            if clause:
                out.append(_trailing_no(clause))
            clause, negated = [], False
            continue
        if is_negator(low):
            negated = True
            clause.append(ScopedWord(low, m.start(), m.end(), False))
            continue
        clause.append(ScopedWord(low, m.start(), m.end(), negated))
    if clause:
        out.append(_trailing_no(clause))
    return out


# Terse replies put the "no" last: "EU hosting yes, ISO no" denies ISO.
_TRAILING = frozenset({"no", "not", "nope"})
_TRAILING_REACH = 3


def _trailing_no(clause: list[ScopedWord]) -> list[ScopedWord]:
    """A short clause ending in a bare "no"/"not" negates the few words before it."""
    *before, last = clause
    if last.word not in _TRAILING or not 1 <= len(before) <= _TRAILING_REACH:
        return clause
    if any(w.negated or is_negator(w.word) for w in before):
        return clause
    return [ScopedWord(w.word, w.start, w.end, True) for w in before] + [last]
