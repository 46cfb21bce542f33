"""Skip regular expressions that cannot match: a cheap, exact pre-check for speed.

For each rubric pattern we work out, from its parsed form, a set of literal strings
such that every match contains at least one of them ("let's", "can", "could"...).
A reply that contains none of them cannot match, so the pattern is not run. The
check is sound: when no useful set can be proven the pattern always runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A set is only worth checking when every string in it is at least this long.
_MIN_LEN = 2
_MAX_SET = 64
# Stands for "any digit" in a set of needles; rated like a 3-letter word.
DIGIT = "\\d"

# The pattern is read by a small parser of our own (``re``'s parser is private and
# differs between Python versions). It only needs to be sound: whatever it does not
# understand becomes an ``_Other`` item, which matches something we claim nothing about.


@dataclass(frozen=True)
class _Literal:
    char: str


@dataclass(frozen=True)
class _Digit:
    pass


@dataclass(frozen=True)
class _Boundary:
    pass


@dataclass(frozen=True)
class _Other:
    pass


@dataclass(frozen=True)
class _Group:
    alternatives: tuple[tuple[_Item, ...], ...]


@dataclass(frozen=True)
class _Repeat:
    item: _Item
    least: int


_Item = _Literal | _Digit | _Boundary | _Other | _Group | _Repeat


class _Unsupported(Exception):
    """A construct after which nothing can be claimed for the whole pattern."""


_ESCAPED_LITERALS = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
# (?P<name>...) and scoped flags (?-i:...), (?s:...): plain groups here.
_NAMED_OR_SCOPED = re.compile(r"\?(?:P<\w+>|[aiLmsux]*(?:-[imsx]+)?:)")
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0

    def parse(self) -> tuple[tuple[_Item, ...], ...]:
        alts = self._alternatives()
        if self.pos != len(self.text):
            raise _Unsupported("unbalanced ')'")
        return alts

    def _alternatives(self) -> tuple[tuple[_Item, ...], ...]:
        alts = [self._sequence()]
        while self._peek() == "|":
            self.pos += 1
            alts.append(self._sequence())
        return tuple(alts)

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _sequence(self) -> tuple[_Item, ...]:
        items: list[_Item] = []
        while self._peek() not in ("", "|", ")"):
            item = self._atom()
            if item is not None:
                items.append(self._quantified(item))
        return tuple(items)

    def _quantified(self, item: _Item) -> _Item:
        c = self._peek()
        least: int | None = None
        if c in "?*+" and c:
            least = 1 if c == "+" else 0
            self.pos += 1
        elif c == "{":
            m = _QUANTIFIER.match(self.text, self.pos)
            if m is None or (not m.group(1) and not m.group(2)):
                return item  # a literal '{', read as the next atom
            least = int(m.group(1) or 0)
            self.pos = m.end()
        if least is None:
            return item
        if self._peek() in ("?", "+") and self._peek():
            self.pos += 1  # lazy or possessive: the same least count
        return _Repeat(item, least)

    def _atom(self) -> _Item | None:
        c = self._peek()
        self.pos += 1
        if c == "\\":
            return self._escape()
        if c == "(":
            return self._group()
        if c == "[":
            self._skip_class()
            return _Other()
        if c in ".^$":
            return _Other()
        if c in "*+?":
            raise _Unsupported("nothing to repeat")
        return _Literal(c)

    def _escape(self) -> _Item:
        c = self._peek()
        if not c:
            raise _Unsupported("trailing backslash")
        self.pos += 1
        if c == "d":
            return _Digit()
        if c == "b":
            return _Boundary()
        if c in _ESCAPED_LITERALS:
            return _Literal(_ESCAPED_LITERALS[c])
        if c.isalnum():
            return _Other()  # \w \s \B \A \Z, back references, \x.. \u....
        return _Literal(c)

    def _group(self) -> _Item | None:
        kind = ""
        if self.text.startswith("?", self.pos):
            kind = self._group_kind()
        alts = self._alternatives()
        if self._peek() != ")":
            raise _Unsupported("missing ')'")
        self.pos += 1
        if kind == "comment":
            return None
        if kind == "zero-width":
            return _Other()
        return _Group(alts)

    def _group_kind(self) -> str:
        rest = self.text[self.pos :]
        for opener, kind in (
            ("?:", "group"),
            ("?>", "group"),
            ("?=", "zero-width"),
            ("?!", "zero-width"),
            ("?<=", "zero-width"),
            ("?<!", "zero-width"),
        ):
            if rest.startswith(opener):
                self.pos += len(opener)
                return kind
        if rest.startswith("?#"):
            end = self.text.find(")", self.pos)
            if end < 0:
                raise _Unsupported("missing ')'")
            self.pos = end
            return "comment"
        named = _NAMED_OR_SCOPED.match(rest)
        if named:
            self.pos += named.end()
            return "group"
        # inline flags, conditionals, (?P=name): give up on the whole pattern
        raise _Unsupported(rest[:4])

    def _skip_class(self) -> None:
        start = self.pos
        if self._peek() == "^":
            self.pos += 1
        if self._peek() == "]":
            self.pos += 1
        while self.pos < len(self.text):
            c = self.text[self.pos]
            self.pos += 2 if c == "\\" else 1
            if c == "]":
                return
        raise _Unsupported(f"unterminated class at {start}")


def _parse(pattern: str) -> tuple[tuple[_Item, ...], ...] | None:
    try:
        re.compile(pattern)
        return _Parser(pattern).parse()
    except (re.error, _Unsupported):
        return None


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


def _either(alternatives: tuple[tuple[_Item, ...], ...]) -> frozenset[str] | None:
    """Strings one of which every match of one of ``alternatives`` contains."""
    found = [_required(alt) for alt in alternatives]
    if any(f is None for f in found):
        return None
    got: frozenset[str] = frozenset().union(*(f for f in found if f is not None))
    # A needle that holds another is implied by it ("nope" by "no").
    got = frozenset(n for n in got if not any(o != n and o in n for o in got))
    return got if len(got) <= _MAX_SET else None


def _item_required(item: _Item) -> frozenset[str] | None:
    if isinstance(item, _Group):
        return _either(item.alternatives)
    if isinstance(item, _Repeat) and item.least >= 1:
        return _item_required(item.item)
    if isinstance(item, _Digit):
        return frozenset([DIGIT])
    return None


def _required(items: tuple[_Item, ...]) -> frozenset[str] | None:
    """Strings one of which every match of the sequence ``items`` contains."""
    best: frozenset[str] | None = None
    run = ""
    for item in items:
        if isinstance(item, _Literal):
            run += item.char
            continue
        if run:
            best = _better(best, frozenset([run]))
            run = ""
        best = _better(best, _item_required(item))
    if run:
        best = _better(best, frozenset([run]))
    return best


def needles(pattern: str) -> tuple[str, ...] | None:
    """Literal strings, one of which is in every match of ``pattern`` (a pattern for
    lowercased text, compiled without flags); None when no useful set is proven."""
    parsed = _parse(pattern)
    if parsed is None:
        return None
    got = _either(parsed)
    if not got or min(map(_rank, got)) < _MIN_LEN:
        return None
    return tuple(sorted(got))


def starts_at_boundary(pattern: str) -> bool:
    """True when every match of ``pattern`` starts with ``\\b`` (each top-level
    alternative opens with it)."""
    parsed = _parse(pattern)
    return parsed is not None and all(alt[:1] == (_Boundary(),) for alt in parsed)


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def boundary_matches(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
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
