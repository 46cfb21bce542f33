"""A small, safe expression language for ``when``: parsed here, never ``eval``-ed.

Grammar (format v1)::

    expr       := and ("or" and)*
    and        := unary ("and" unary)*
    unary      := "not" unary | comparison
    comparison := atom [("<" | "<=" | ">" | ">=" | "==" | "!=") atom]   # not chained
    atom       := number | "true" | "false" | name ["." name] | "(" expr ")"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from simulator.scenario.numbers import too_long, too_long_message

# Parsing and evaluating recurse once per 'not', '(' and 'and'/'or' term: bounded
# here so no file can reach Python's recursion limit (a traceback, not a diagnostic).
MAX_TOKENS = 200
MAX_NESTING = 20
COMPARISONS = ("<=", ">=", "==", "!=", "<", ">")
KEYWORDS = ("and", "or", "not", "true", "false")

_TOKEN = re.compile(
    r"\s*(?:(?P<num>-?\d+(?:\.\d+)?|-?\.\d+)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)"
    r"|(?P<op><=|>=|==|!=|<|>)"
    r"|(?P<paren>[()]))"
)


class ConditionSyntaxError(ValueError):
    """A ``when`` that is not a valid expression; ``offset`` is 0-based into the text."""

    def __init__(self, message: str, offset: int = 0, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


@dataclass(frozen=True)
class _Token:
    kind: str  # num, name, op, paren, kw, end
    text: str
    offset: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(source):
        if source[pos:].strip() == "":
            break
        m = _TOKEN.match(source, pos)
        if not m or m.end() == pos:
            bad = source[pos:].lstrip()
            at = len(source) - len(bad)
            raise ConditionSyntaxError(
                f"unexpected {bad[:1]!r} in condition", at, _bad_char_hint(bad, tokens)
            )
        kind = m.lastgroup or "end"
        text = m.group(kind)
        start = m.start(kind)
        if kind == "name" and text in KEYWORDS:
            kind = "kw"
        if len(tokens) == MAX_TOKENS:
            raise ConditionSyntaxError(
                f"this condition is longer than {MAX_TOKENS} words and signs",
                start,
                "split it: set a variable with an effect on an earlier choice and test that",
            )
        tokens.append(_Token(kind, text, start))
        pos = m.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


# Comparison signs trainers type from other tools, and what this language writes.
_OTHER_SIGNS = {"≥": ">=", "≤": "<=", "≠": "!=", "=>": ">=", "=<": "<=", "<>": "!="}


def _bad_char_hint(bad: str, tokens: list[_Token]) -> str:
    """A hint for the character the tokenizer stopped at (``bad`` starts with it)."""
    for sign, ours in _OTHER_SIGNS.items():
        if bad.startswith(sign):
            return f"write {ours} for {sign}"
    if bad.startswith("="):
        return "use == to compare"
    if bad.startswith(("&", "|")):
        return "write 'and' / 'or'"
    if bad.startswith("!"):
        return "write 'not'"
    if bad.startswith(("'", '"')):
        return (
            "conditions compare numbers and true/false, never text; keep what happened "
            "in a variable (e.g. 'discounted: false' under vars:) and test that"
        )
    if bad.startswith(".") and tokens and tokens[-1].kind == "name" and "." in tokens[-1].text:
        return (
            f"a name has at most one dot: member.trust or member.belief (after '{tokens[-1].text}')"
        )
    return ""


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens = _tokenize(source)
        self.i = 0
        self.depth = 0

    def nest(self, tok: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ConditionSyntaxError(
                f"this condition nests 'not' and '(' more than {MAX_NESTING} deep",
                tok.offset,
                "write it with fewer parentheses and 'not's",
            )

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> tuple:
        if self.tok.kind == "end":
            raise ConditionSyntaxError("empty condition", 0, "write e.g. cfo.trust >= 40")
        node = self.parse_or()
        if self.tok.kind != "end":
            lower = self.tok.text.lower()
            if self.tok.kind == "op":
                hint = "comparisons cannot be chained; join them with 'and'"
            elif lower in KEYWORDS and lower != self.tok.text:  # AND, Or, NOT
                hint = f"write '{lower}' in lower case"
            else:
                hint = "join conditions with 'and' or 'or'"
            raise ConditionSyntaxError(f"unexpected {self.tok.text!r}", self.tok.offset, hint)
        return node

    def parse_or(self) -> tuple:
        node = self.parse_and()
        while self.tok.kind == "kw" and self.tok.text == "or":
            self.take()
            node = ("or", node, self.parse_and())
        return node

    def parse_and(self) -> tuple:
        node = self.parse_unary()
        while self.tok.kind == "kw" and self.tok.text == "and":
            self.take()
            node = ("and", node, self.parse_unary())
        return node

    def parse_unary(self) -> tuple:
        if self.tok.kind == "kw" and self.tok.text == "not":
            tok = self.take()
            self.nest(tok)
            node = ("not", self.parse_unary(), tok.offset)
            self.depth -= 1
            return node
        return self.parse_comparison()

    def parse_comparison(self) -> tuple:
        left = self.parse_atom()
        if self.tok.kind == "op":
            op = self.take()
            right = self.parse_atom()
            return ("cmp", op.text, left, right, op.offset)
        return left

    def parse_atom(self) -> tuple:
        tok = self.take()
        if tok.kind == "num":
            if too_long(tok.text):
                raise ConditionSyntaxError(
                    too_long_message("this number", tok.text),
                    tok.offset,
                    "compare with a shorter number",
                )
            return ("num", float(tok.text), tok.offset)
        if tok.kind == "kw" and tok.text in ("true", "false"):
            return ("bool", tok.text == "true", tok.offset)
        if tok.kind == "name":
            return ("name", tok.text, tok.offset)
        if tok.kind == "paren" and tok.text == "(":
            self.nest(tok)
            node = self.parse_or()
            self.depth -= 1
            if self.tok.kind != "paren" or self.tok.text != ")":
                raise ConditionSyntaxError("missing ')'", self.tok.offset, "close the parenthesis")
            self.take()
            return node
        if tok.kind == "end":
            raise ConditionSyntaxError(
                "condition ends too soon", tok.offset, "finish the comparison"
            )
        hint = ""
        before = self.tokens[self.i - 2] if self.i >= 2 else None
        if tok.kind == "op" and before is not None and before.kind == "op":
            both = self.source[before.offset : tok.offset + len(tok.text)].replace(" ", "")
            ours = _OTHER_SIGNS.get(both)
            hint = f"write {ours} for {both}" if ours else "use one comparison sign"
        raise ConditionSyntaxError(f"unexpected {tok.text!r}", tok.offset, hint)


Lookup = Callable[[str], "float | bool"]


@dataclass(frozen=True)
class Condition:
    """A parsed ``when``. ``source`` is the text as written; evaluate with a name lookup."""

    source: str
    tree: tuple

    @classmethod
    def parse(cls, source: str) -> Condition:
        """Parse ``source`` or raise :class:`ConditionSyntaxError`."""
        return cls(source, _Parser(source).parse())

    def names(self) -> list[tuple[str, int]]:
        """Every name used, with its offset in ``source``."""
        found: list[tuple[str, int]] = []

        def walk(node: tuple) -> None:
            if node[0] == "name":
                found.append((node[1], node[2]))
            elif node[0] in ("and", "or"):
                walk(node[1])
                walk(node[2])
            elif node[0] == "not":
                walk(node[1])
            elif node[0] == "cmp":
                walk(node[2])
                walk(node[3])

        walk(self.tree)
        return found

    def check(self, types: Mapping[str, str]) -> list[ConditionSyntaxError]:
        """Type-check against declared names (``"number"`` or ``"bool"``); return problems."""
        problems: list[ConditionSyntaxError] = []

        def kind(node: tuple) -> str | None:
            tag = node[0]
            if tag == "num":
                return "number"
            if tag == "bool":
                return "bool"
            if tag == "name":
                t = types.get(node[1])
                if t is None:
                    problems.append(
                        ConditionSyntaxError(
                            f"unknown name {node[1]!r} in condition",
                            node[2],
                            "use a declared variable or member.trust / member.belief",
                        )
                    )
                return t
            if tag == "not":
                truth(node[1])
                return "bool"
            if tag in ("and", "or"):
                truth(node[1])
                truth(node[2])
                return "bool"
            # comparison
            op, left, right, offset = node[1], node[2], node[3], node[4]
            lk, rk = kind(left), kind(right)
            if lk and rk and lk != rk:
                problems.append(
                    ConditionSyntaxError(
                        "cannot compare a truth value with a number",
                        offset,
                        "compare numbers with numbers, or use the variable on its own",
                    )
                )
            elif lk == "bool" and op not in ("==", "!="):
                problems.append(
                    ConditionSyntaxError(
                        f"{op!r} needs numbers, not true/false", offset, "use == or !="
                    )
                )
            return "bool"

        def truth(node: tuple) -> None:
            k = kind(node)
            if k == "number":
                problems.append(
                    ConditionSyntaxError(
                        "a number is not a truth value",
                        node[-1] if node[0] != "cmp" else node[4],
                        "compare it, e.g. 'x > 0'",
                    )
                )

        truth(self.tree)
        return problems

    def evaluate(self, lookup: Lookup) -> bool:
        return bool(_eval(self.tree, lookup))

    def __str__(self) -> str:
        return self.source


_OPS: dict[str, Callable] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def _eval(node: tuple, lookup: Lookup) -> Any:
    tag = node[0]
    if tag in ("num", "bool"):
        return node[1]
    if tag == "name":
        return lookup(node[1])
    if tag == "not":
        return not _eval(node[1], lookup)
    if tag == "and":
        return _eval(node[1], lookup) and _eval(node[2], lookup)
    if tag == "or":
        return _eval(node[1], lookup) or _eval(node[2], lookup)
    return _OPS[node[1]](_eval(node[2], lookup), _eval(node[3], lookup))
