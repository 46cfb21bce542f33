"""Reading values out of YAML nodes, with a diagnostic for everything that is off.

``Reader`` collects diagnostics as it goes and never raises: each reading method
returns ``None`` (after reporting) when a value cannot be used, so one bad field
does not hide the next.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from simulator.scenario.conditions import KEYWORDS
from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.fields import (
    NAME_PATTERN,
    SLUG_PATTERN,
    Field,
    ObjectSpec,
    where_key_belongs,
)
from simulator.scenario.model import Position
from simulator.scenario.numbers import shown, too_long, too_long_message
from simulator.scenario.yaml_nodes import MAPPING, SCALAR, SEQUENCE, Node

_INT = re.compile(r"^[+-]?\d+$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_NAME = re.compile(NAME_PATTERN)
_SLUG = re.compile(SLUG_PATTERN)
_QUOTE = "put the line in quotes"
# A line that reads like the file's structure: `key: ...` or `- item`.
_STRUCTURE = re.compile(r"^\s*(?:- |[a-z_][a-z0-9_.]*:(?:\s|$))")

KIND_WORDS = {SCALAR: "a single value", MAPPING: "a set of 'key: value' lines", SEQUENCE: "a list"}


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str:
    """``"did you mean 'next'?"`` when one option is close to ``word``, else ``""``."""
    options = list(options)
    close = difflib.get_close_matches(word, options, n=1, cutoff=cutoff)
    if not close:
        lowered = {o.lower(): o for o in options}
        hit = lowered.get(word.lower().replace(" ", "_").replace("-", "_"))
        close = [hit] if hit else []
    return f"did you mean '{close[0]}'?" if close else ""


def suggest_name(word: str) -> str:
    """A legal step/cast/variable name close to ``word``."""
    name = re.sub(r"[^a-z0-9_]+", "_", word.strip().lower()).strip("_")
    if not name or not name[0].isalpha():
        name = "s_" + name
    return name


def pos(node: Node) -> Position:
    return Position(node.line, node.col)


class Reader:
    """Diagnostics for one file, and the typed readers every field goes through."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.source = text
        self.diagnostics: list[Diagnostic] = []
        self._line_starts: list[int] | None = None

    def line_start(self, line: int) -> int:
        """Character index where 1-based ``line`` starts (built on first use)."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._line_starts = starts
        return self._line_starts[min(line, len(self._line_starts)) - 1]

    # -- reporting ---------------------------------------------------------
    def error(self, node: Node | tuple[int, int], message: str, hint: str = "") -> None:
        line, col = (node.line, node.col) if isinstance(node, Node) else node
        self.diagnostics.append(Diagnostic(self.path, line, col, "error", message, hint))

    def warning(self, node: Node | tuple[int, int], message: str, hint: str = "") -> None:
        line, col = (node.line, node.col) if isinstance(node, Node) else node
        self.diagnostics.append(Diagnostic(self.path, line, col, "warning", message, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- structure ---------------------------------------------------------
    def wrong_kind(self, node: Node, what: str, wanted: str) -> None:
        hint = ""
        if wanted == SCALAR and node.kind == MAPPING:
            hint = "a ': ' inside unquoted text starts a new key; " + _QUOTE
        elif wanted == SCALAR and node.kind == SEQUENCE:
            hint = "text starting with '[' or '- ' is read as a list; " + _QUOTE
        elif wanted == SEQUENCE:
            hint = "write a list: one '- item' per line, or [a, b]"
        elif wanted == MAPPING:
            hint = "write 'key: value' lines indented under it"
        self.error(
            node, f"{what} should be {KIND_WORDS[wanted]}, not {KIND_WORDS[node.kind]}", hint
        )

    def pairs(self, node: Node, what: str, unique: str = "key") -> list[tuple[Node, Node]] | None:
        """A mapping's (key, value) pairs, duplicates reported at the second and dropped."""
        if node.kind != MAPPING:
            self.wrong_kind(node, what, MAPPING)
            return None
        seen: dict[str, Node] = {}
        out: list[tuple[Node, Node]] = []
        for key, value in node.value:
            first = seen.get(key.value)
            if first is not None:
                self.error(
                    key,
                    f"duplicate {unique} '{key.value}' (first at line {first.line})",
                    "YAML would silently keep only the last one; rename or remove one",
                )
                continue
            seen[key.value] = key
            out.append((key, value))
        return out

    def fields(
        self, node: Node, spec: ObjectSpec, what: str, owner: Node | None = None
    ) -> dict[str, tuple[Node, Node]] | None:
        """Check a mapping's keys against ``spec``: unknown, duplicate and missing keys.

        Returns ``{key: (key_node, value_node)}`` for the keys it knows. No value
        (``key:``, ``~``, ``null``) counts as absent, and is an error when the key is
        required, as is quoted blank text (``title: ""``). A ``when`` with no value
        is kept, so that it is reported like ``when: ""``. Missing keys are reported
        at ``owner`` (e.g. the step's id), else at ``node``.
        """
        pairs = self.pairs(node, what)
        if pairs is None:
            return None
        found: dict[str, tuple[Node, Node]] = {}
        empty: dict[str, Node] = {}
        meant: set[str] = set()  # keys a misspelt key probably meant: not "missing" too
        for key, value in pairs:
            name = key.value
            field = spec.field(name)
            if field is None:
                hint = did_you_mean(name, spec.keys)
                places = where_key_belongs(name)
                if places:
                    hint = f"'{name}' belongs in {' or '.join(places)}; here the keys are: " + (
                        ", ".join(spec.keys)
                    )
                elif hint:
                    meant.add(hint.split("'")[1])
                else:
                    hint = "allowed here: " + ", ".join(spec.keys)
                self.error(key, f"unknown key '{name}' in {what}", hint)
            elif value.is_empty and field.type == "condition":
                found[name] = (key, value)
            elif value.is_empty or (_needs_value(field) and value.is_blank):
                empty[name] = key
            else:
                found[name] = (key, value)
        for f in spec.fields:
            if f.key in found or f.key in meant or not (f.required or f.required_unless):
                continue
            if f.required_unless and f.required_unless in found:
                continue
            about = f.description[:1].lower() + f.description[1:].rstrip(".")
            if f.key in empty:
                self.error(
                    empty[f.key],
                    f"'{f.key}' has no value",
                    f"write the value after '{f.key}: ' ({about})",
                )
            elif f.required:
                self.error(
                    owner or node, f"{what} is missing '{f.key}'", f"add '{f.key}: ...' ({about})"
                )
            else:
                self.error(
                    owner or node,
                    f"{what} is missing '{f.key}'",
                    f"add '{f.key}: ...', or make it an ending with '{f.required_unless}: ...'",
                )
        return found

    # -- scalars -----------------------------------------------------------
    def text(self, node: Node, what: str, *, words: bool = True) -> str | None:
        """Literal text: ``No``, ``on``, ``1:30`` and ``010`` stay exactly as written.
        ``words=False`` for labels (skills, tags), where a trailing comment cuts nothing."""
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        value = node.value
        if not node.style and words:
            self._cut_by_comment(node, what)
        elif node.style in "|>":
            value = value.rstrip("\n")
        else:
            self._swallowed_keys(node, what)
        return value

    def _swallowed_keys(self, node: Node, what: str) -> None:
        # A quote left open swallows the lines below it up to the next quote; when
        # that still parses, the file quietly loses those keys. Say so.
        start = self.line_start(node.line) + node.col - 1
        inside = self.source[start : node.end].split("\n")[1:]
        swallowed = [row.strip() for row in inside if _STRUCTURE.match(row)]
        if swallowed:
            self.warning(
                node,
                f"{what} is quoted text running over {len(inside) + 1} lines, and holds "
                f"what looks like the file's own lines ('{swallowed[0][:30]}')",
                "a closing quote is probably missing at the end of the first line",
            )

    def _cut_by_comment(self, node: Node, what: str) -> None:
        # YAML ends unquoted text at ' #': warn, the trainer almost never means a comment.
        rest_end = self.source.find("\n", node.end)
        rest = self.source[node.end : rest_end if rest_end >= 0 else len(self.source)]
        stripped = rest.lstrip(" \t")
        if stripped.startswith("#") and rest != stripped:
            cut = stripped.rstrip()
            self.warning(
                (node.line, node.col + len(node.value) + len(rest) - len(stripped)),
                f"{what} stops before '{cut[:30]}': YAML reads ' #' as the start of a comment",
                _QUOTE + " to keep the '#' text",
            )

    def text_list(self, node: Node, what: str, *, words: bool = True) -> tuple[str, ...] | None:
        if node.kind != SEQUENCE:
            if node.kind == SCALAR:
                self.error(
                    node,
                    f"{what} should be a list",
                    f"write [{node.value}] or put each item on its own '- ' line",
                )
            else:
                self.wrong_kind(node, what, SEQUENCE)
            return None
        out = []
        for item in node.value:
            if item.is_empty:
                hint = "write the text, or remove the item"
                if item.value:
                    hint += f"; to mean the word '{item.value}', put it in quotes"
                self.error(item, f"an item of {what} has no value", hint)
                continue
            value = self.text(item, f"an item of {what}", words=words)
            if value is not None:
                out.append(value)
        return tuple(out)

    def integer(self, node: Node, what: str, field: Field | None = None) -> int | None:
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        raw = node.value.strip()
        if not _INT.match(raw):
            if _NUMBER.match(raw):
                self.error(
                    node, f"{what} must be a whole number, not {shown(raw)}", "drop the decimals"
                )
            else:
                self.error(
                    node,
                    f"{what} must be a whole number, not '{shown(raw)}'",
                    self._range_hint(field),
                )
            return None
        if self._too_long(node, raw, what, field):
            return None
        value = self._in_range(node, int(raw), what, field)
        return None if value is None else int(value)

    def number(self, node: Node, what: str, field: Field | None = None) -> float | None:
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        raw = node.value.strip()
        if not _NUMBER.match(raw):
            self.error(
                node, f"{what} must be a number, not '{shown(raw)}'", self._range_hint(field)
            )
            return None
        if self._too_long(node, raw, what, field):
            return None
        value = float(raw)
        value = int(value) if value.is_integer() and "." not in raw else value
        return self._in_range(node, value, what, field)

    def _in_range(self, node: Node, value: float, what: str, field: Field | None) -> float | None:
        if (
            field is not None
            and field.lo is not None
            and field.hi is not None
            and not field.lo <= value <= field.hi
        ):
            self.error(
                node,
                f"{what} is {value}, outside {_num(field.lo)}..{_num(field.hi)}",
                self._range_hint(field),
            )
            return None
        return value

    def _too_long(self, node: Node, raw: str, what: str, field: Field | None) -> bool:
        if not too_long(raw):
            return False
        self.error(
            node, too_long_message(what, raw), self._range_hint(field) or "write a shorter number"
        )
        return True

    @staticmethod
    def _range_hint(field: Field | None) -> str:
        if field is None or field.lo is None or field.hi is None:
            return ""
        return f"use a number from {_num(field.lo)} to {_num(field.hi)}"

    def name(self, node: Node, what: str, in_conditions: bool = False) -> str | None:
        """A step id, cast key or variable name: lowercase, digits, '_', starting a letter."""
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        value = node.value
        if not _NAME.match(value):
            self.error(
                node,
                f"{what} '{value}' is not a valid name",
                "use lowercase letters, digits and '_', starting with a letter, e.g. "
                f"'{suggest_name(value)}'",
            )
            return None
        if in_conditions and value in KEYWORDS:
            self.error(
                node,
                f"{what} '{value}' is a word of the 'when' language",
                f"pick another name, e.g. '{value}_{what.split()[0]}'",
            )
            return None
        return value

    def slug(self, node: Node, what: str) -> str | None:
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        value = node.value
        if not _SLUG.match(value):
            fixed = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-scenario"
            self.error(
                node,
                f"{what} '{value}' is not a valid id",
                f"use lowercase letters, digits and '-', e.g. '{fixed}'",
            )
            return None
        return value

    def choice_of(self, node: Node, what: str, options: tuple[str, ...]) -> str | None:
        if node.kind != SCALAR:
            self.wrong_kind(node, what, SCALAR)
            return None
        value = node.value
        if value not in options:
            hint = did_you_mean(value, options) or "one of: " + ", ".join(options)
            self.error(node, f"{what} '{value}' is not one of {', '.join(options)}", hint)
            return None
        return value


def _needs_value(field: Field) -> bool:
    return bool(field.required or field.required_unless)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
