"""Skip regular expressions that cannot match: a cheap, exact pre-check for speed.

For each rubric pattern we work out, from its parsed form, a set of literal strings
such that every match contains at least one of them ("let's", "can", "could"...).
A reply that contains none of them cannot match, so the pattern is not run. The
check is sound: when no useful set can be proven the pattern always runs.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

# A set is only worth checking when every string in it is at least this long.
_MIN_LEN = 2
_MAX_SET = 64
# Stands for "any digit" in a set of needles; rated like a 3-letter word.
DIGIT = "\\d"


def _rank(needle: str) -> int:
    return 3 if needle == DIGIT else len(needle)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets (longer shortest string, then fewer)."""
    if a is None:
        return b
    if b is None:
        return a
    ka, kb = min(map(_rank, a)), min(map(_rank, b))
    if ka != kb:
        return a if ka > kb else b
    return a if len(a) <= len(b) else b


def _required(items) -> frozenset[str] | None:
    """Strings one of which every match of the sequence ``items`` contains."""
    best: frozenset[str] | None = None
    run = ""
    for op, av in list(items) + [(None, None)]:
        if op is C.LITERAL:
            run += chr(av)
            continue
        if run:
            best = _better(best, frozenset([run]))
            run = ""
        if op is None:
            break
        got: frozenset[str] | None = None
        if op is C.SUBPATTERN:
            got = _required(av[-1])
        elif op is C.BRANCH:
            alts = [_required(alt) for alt in av[1]]
            if all(a is not None for a in alts):
                got = frozenset().union(*alts)  # type: ignore[arg-type]
                if len(got) > _MAX_SET:
                    got = None
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            got = _required(av[2])
        elif op is C.IN and av == [(C.CATEGORY, C.CATEGORY_DIGIT)]:
            got = frozenset([DIGIT])
        best = _better(best, got)
    return best


def needles(pattern: str) -> tuple[str, ...] | None:
    """Literal strings, one of which is in every match of ``pattern`` (a pattern for
    lowercased text, compiled without flags); None when no useful set is proven."""
    try:
        parsed = P.parse(pattern, 0)
    except re.error:
        return None
    got = _required(parsed)
    if not got or min(map(_rank, got)) < _MIN_LEN:
        return None
    return tuple(sorted(got))


def starts_at_boundary(pattern: str) -> bool:
    """True when ``pattern`` is ``\\b`` followed by a sequence (no top-level ``|``)."""
    try:
        parsed = P.parse(pattern, 0)
    except re.error:
        return False
    return bool(len(parsed)) and parsed[0] == (C.AT, C.AT_BOUNDARY)


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def boundary_matches(rx: re.Pattern[str], text: str):
    """``finditer`` of ``\\b`` + ``rx``: matches of ``rx`` that start on a word boundary,
    rescanning from the next character after one that does not."""
    pos, n = 0, len(text)
    while pos <= n:
        m = rx.search(text, pos)
        if m is None:
            return
        s = m.start()
        before = s > 0 and _is_word(text[s - 1])
        after = s < n and _is_word(text[s])
        if before != after:
            yield m
            pos = m.end() if m.end() > s else s + 1
        else:
            pos = s + 1
