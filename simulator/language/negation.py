"""Negation scope: which words a negator governs.

A negator ("no", "not", "never", "without", "won't", "dont", ...) governs the words
after it up to the end of its clause (a comma, full stop, "but", "however"), so in
"I won't promise a guaranteed ROI, but the pilot pays back" the words "promise",
"guaranteed" and "ROI" are negated and "pilot pays back" is not. A short clause that
ends in a bare "no" or "not" ("ISO no", typed fast) negates the words before it.

Two readings share these negators: ``scoped_words``/``clauses`` (every word, its whole
clause: routing, moves, contradictions) and ``Negation`` (one rubric phrase match,
negated by a negator at most a few words before it, "and" ending the reach: the
scoring rubric's rules, where "No setup fee and a 20% discount" still offers one).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


# A clause break stops a negation from reaching further back ("No, but it's worth it").
_LAST_BREAK = re.compile(
    r".*(?:[.,;:!?()\n]|\bbut\b|\bhowever\b|\band\b)", re.IGNORECASE | re.DOTALL
)


class Negation:
    """The scoring rubric's reading of negation: is a phrase match negated by a
    negator a few words before it, in its clause (where "and" also ends the reach:
    "No setup fee and a 20% discount" offers the discount)? Negators are this
    module's and the rubric's own phrases ("rather than", "instead of").
    ``scoped_words`` reads a whole text word by word; this answers for one match."""

    def __init__(self, negators: Iterable[str], window: int = 4):
        # The language layer's negators, and the rubric's own (phrases such as
        # "rather than", "instead of", "refuse to").
        alts = sorted({n.lower() for n in negators} | negator_words(), key=len, reverse=True)
        body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
        neg = rf"(?<![\w'])(?:{body})(?![\w'])|[A-Za-z]+n't\b"
        self._neg = re.compile(neg, re.IGNORECASE)
        # A negator followed by at most window-1 more words, then the end of the chunk.
        self._tail = re.compile(
            rf"(?:{neg})(?:[^\w']+[\w']+){{0,{window - 1}}}[^\w']*$", re.IGNORECASE
        )
        self.window = window

    def negator_before(self, text: str, start: int) -> _Shifted | None:
        """The negating word within ``window`` words before ``start``, if any."""
        lo = max(0, start - 60)
        chunk = text[lo:start]
        brk = _LAST_BREAK.match(chunk)
        if brk is not None:
            lo += brk.end()
            chunk = chunk[brk.end() :]
        m = self._tail.search(chunk)
        if m is None:
            return None
        inner = self._neg.match(chunk, m.start())
        end = inner.end() if inner else m.end()
        return _Shifted(lo + m.start(), lo + end, chunk[m.start() : end])

    def polarity(self, text: str, start: int = 0, end: int | None = None) -> int:
        """Number of negating words in ``text[start:end]``, mod 2 (1 = negated)."""
        end = len(text) if end is None else end
        return sum(1 for _ in self._neg.finditer(text, start, end)) % 2


class _Shifted:
    """A match-like span moved by an offset (``negator_before`` searches a slice)."""

    __slots__ = ("_s", "_e", "_t")

    def __init__(self, s: int, e: int, t: str):
        self._s, self._e, self._t = s, e, t

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self) -> str:
        return self._t
