"""Evidence that is content, not its signpost.

A connective ("because", "according to", "studies show") promises a reason or a
source; it earns belief only when something concrete follows it in its sentence: a
figure, a name, or a mechanism of at least four content words that are not vague
themselves ("because it's better" and "studies show it works" earn nothing). A
number word ("three", "a dozen") is not a figure: it cannot be checked the way
"3.2 days" can. A name followed by a verb ("Sarah called yesterday") is not a
customer story unless the sentence holds a result: a figure or a result verb
(cut, saved, grew, halved...), or an outcome the rules found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from simulator.language.stemming import stem
from simulator.language.words import content_stems
from simulator.scoring.moves import _VAGUE_STEMS
from simulator.scoring.text import figure_kinds

_CONNECTIVE_RULES = ("gives_reason", "cites_evidence")
_NAME = re.compile(r"\b[A-Z][a-z]{2,}")
_RESULT_STEMS = frozenset(
    stem(w)
    for w in """cut cuts saved saves save reduced reduce grew grow doubled halved increased
    decreased dropped improved paid recovered shortened avoided won closed switched
    faster fewer less more""".split()
)
_RESULT_RULES = ("outcome", "outcome_for_you", "proof_point", "specific_figure")
# Praise words that fill a "because" without giving a reason.
_EMPTY = frozenset(stem(w) for w in "better best nice right easier easy simple works".split())


def content(tail: str) -> bool:
    """Something concrete: a figure, a name, or four content words that are not vague."""
    if figure_kinds(tail):
        return True
    if _NAME.search(tail[1:] if tail else ""):
        return True
    return len(_solid(tail)) >= 4


def _solid(text: str) -> frozenset[str]:
    return content_stems(text) - _VAGUE_STEMS - _EMPTY


def _followed_by_content(sentence: str, tail: str) -> bool:
    """The connective leads somewhere: a figure or a name after it, or a content word
    after it in a sentence of at least three content words."""
    if figure_kinds(tail) or _NAME.search(tail[1:] if tail else ""):
        return True
    return bool(_solid(tail)) and len(_solid(sentence)) >= 3


def _sentence_end(sents: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return pos, pos


def drop_hollow(
    text: str,
    sents: Sequence[tuple[int, int]],
    by_rule: Mapping[str, list[tuple[int, int, str]]],
) -> None:
    """Forget connective, figure and story hits that carry no content (in place)."""
    for rule in _CONNECTIVE_RULES:
        spans = by_rule.get(rule)
        if spans:
            kept = []
            for h in spans:
                s, e = _sentence_end(sents, h[0])
                if _followed_by_content(text[s:e], text[h[1] : e]):
                    kept.append(h)
            spans[:] = kept
    figures = by_rule.get("specific_figure")
    if figures:
        figures[:] = [h for h in figures if figure_kinds(text[h[0] : h[1]])]
    stories = by_rule.get("customer_story")
    if stories:
        kept = []
        for h in stories:
            s, e = _sentence_end(sents, h[0])
            sentence = text[s:e]
            words = {stem(w) for w in re.findall(r"[a-z]+", sentence.lower())}
            result = bool(words & _RESULT_STEMS) or bool(figure_kinds(sentence))
            result = result or any(
                s <= hs < e for r in _RESULT_RULES for hs, _he, _x in by_rule.get(r, ())
            )
            if result:
                kept.append(h)
        stories[:] = kept
