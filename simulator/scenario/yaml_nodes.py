"""Read repcraft YAML (scenarios, rubric files) into a small tree of positioned nodes,
inside the v1 YAML subset.

We walk libyaml's *event* stream (``yaml.parse`` with ``CSafeLoader``) instead of
letting PyYAML compose or construct, because events let us:

- refuse an anchor, alias or tag the moment it appears, before anything is built,
  so alias bombs cost nothing and no tag can ever name a Python object;
- keep every scalar's raw text and quoting style, so text fields keep ``No``,
  ``on``, ``1:30`` and ``010`` as written (we resolve numbers ourselves where a
  field wants one) and duplicate keys are still visible;
- stop at a nesting depth of 16 without recursion.

Nothing here knows the scenario format; ``loader.py`` reads the tree (and
``rubric_file.py`` turns a rubric file's tree into data). ``kind`` names the file in
messages: "scenario" or "rubric".
"""

from __future__ import annotations

from typing import Any

import yaml

from simulator.scenario.diagnostics import Diagnostic

_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:  # libyaml is much faster; the pure-Python parser gives the same events.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 16

SCALAR, MAPPING, SEQUENCE = "scalar", "mapping", "sequence"
# Only nothing and ``~`` are "no value": the v1 promise is that text stays text, so
# the word null in a text field is the word, like yes, no and on.
_NULLS = frozenset(("", "~"))

_ScalarEvent = yaml.ScalarEvent
_MappingStartEvent = yaml.MappingStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_AliasEvent = yaml.AliasEvent
_DocumentStartEvent = yaml.DocumentStartEvent


class Node:
    """One YAML node. ``value``: the raw text (scalar), ``[(key, value)]`` pairs
    (mapping, duplicates kept in order) or ``[node]`` (sequence). ``line``/``col``
    are 1-based; ``end`` is the character index just past a scalar."""

    __slots__ = ("kind", "value", "line", "col", "style", "end")

    def __init__(
        self, kind: str, value: Any, line: int, col: int, style: str = "", end: int = 0
    ) -> None:
        self.kind = kind
        self.value = value
        self.line = line
        self.col = col
        self.style = style
        self.end = end

    @property
    def is_empty(self) -> bool:
        """No value: ``key:`` with nothing after it, or ``~`` (as opposed to ``key: ""``).
        Words YAML would read as null, booleans or numbers (``null``, ``no``, ``on``,
        ``010``) stay text, as the v1 format promises."""
        return self.kind == SCALAR and not self.style and self.value in _NULLS

    @property
    def is_blank(self) -> bool:
        """No value at all, or quoted text holding nothing but spaces."""
        return self.kind == SCALAR and (self.is_empty or not self.value.strip())

    def __repr__(self) -> str:  # for test failure messages
        return f"Node({self.kind}, {self.value!r}, {self.line}:{self.col})"


class YamlSubsetError(Exception):
    """Internal: carries the one diagnostic that stopped reading."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def decode(
    data: str | bytes, path: str, max_bytes: int = MAX_BYTES, kind: str = "scenario"
) -> tuple[str | None, Diagnostic | None]:
    """Bytes or text to text: UTF-8 with an optional byte-order mark, at most 1 MB."""
    if isinstance(data, str):
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            line, col = line_col(data, exc.start)
            return None, Diagnostic(
                path,
                line,
                col,
                "error",
                "the text holds a character that cannot be saved as UTF-8",
                "retype that character",
            )
    else:
        raw = data
    if len(raw) > max_bytes:
        return None, Diagnostic(
            path,
            1,
            1,
            "error",
            f"the file is {len(raw):,} bytes; {kind} files may be at most "
            f"{max_bytes / 1_000_000:g} MB",
            f"split it into several {kind}s",
        )
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, Diagnostic(
            path, 1, 1, "error", "the file is saved as UTF-16", "save it as UTF-8 in your editor"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        col = len(raw[line_start : exc.start].decode("utf-8", "replace")) + 1
        return None, Diagnostic(
            path,
            line,
            col,
            "error",
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x} here)",
            "save the file as UTF-8 in your editor",
        )
    return text.removeprefix("\ufeff"), None


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse(text: str, path: str, kind: str = "scenario") -> tuple[Node | None, Diagnostic | None]:
    """The document's root node (None for an empty file), or the diagnostic that stopped us."""
    try:
        return _build(text, path, kind), None
    except YamlSubsetError as exc:
        return None, exc.diagnostic
    except yaml.YAMLError as exc:
        from simulator.scenario.yaml_errors import explain

        return None, explain(exc, text, path)


def scan_tokens(text: str, limit: int) -> list:
    """The scalar tokens that start before character ``limit`` (for explaining an
    error found there); scanning stops quietly at a later syntax error."""
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= limit:
                break
            if token.__class__ is yaml.ScalarToken:
                found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _refuse(path: str, mark: Any, message: str, hint: str) -> YamlSubsetError:
    return YamlSubsetError(Diagnostic(path, mark.line + 1, mark.column + 1, "error", message, hint))


def _build(text: str, path: str, kind: str) -> Node | None:
    # The hot loop of loading: one pass over the events, no recursion.
    root: Node | None = None
    stack: list[Node] = []  # open mappings/sequences
    keys: list[Node | None] = []  # per open mapping: the key waiting for its value
    documents = 0
    event: Any  # PyYAML's event classes carry their fields untyped
    for event in yaml.parse(text, Loader=_Loader):
        cls = event.__class__
        if cls is _ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                _refuse_extra(event, path, kind)
            mark = event.start_mark
            node = Node(
                SCALAR,
                event.value,
                mark.line + 1,
                mark.column + 1,
                event.style or "",
                event.end_mark.index,
            )
        elif cls is _MappingStartEvent or cls is _SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                _refuse_extra(event, path, kind)
            if len(stack) >= MAX_DEPTH:
                raise _refuse(
                    path,
                    event.start_mark,
                    f"nested more than {MAX_DEPTH} levels deep",
                    f"{kind} files never need this much nesting; check the indentation",
                )
            mark = event.start_mark
            node = Node(
                MAPPING if cls is _MappingStartEvent else SEQUENCE,
                [],
                mark.line + 1,
                mark.column + 1,
            )
        elif cls is _MappingEndEvent or cls is _SequenceEndEvent:
            stack.pop()
            keys.pop()
            continue
        elif cls is _AliasEvent:
            raise _refuse(
                path,
                event.start_mark,
                f"'*{event.anchor}' is a YAML alias; {kind} files do not use aliases",
                "write the value out in full; if this is text starting with '*', "
                "put the line in quotes",
            )
        elif cls is _DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _refuse(
                    path,
                    event.start_mark,
                    "a second YAML document ('---') in one file",
                    f"put each {kind} in its own file",
                )
            continue
        else:  # stream start/end, document end
            continue

        if stack:
            _attach(stack[-1], keys, node, path, kind)
        else:
            root = node
        if node.kind is not SCALAR:
            stack.append(node)
            keys.append(None)
    return root


def _attach(parent: Node, keys: list[Node | None], node: Node, path: str, kind: str) -> None:
    """Put ``node`` in its open parent: a list item, or a mapping's key or value."""
    if parent.kind is not MAPPING:
        parent.value.append(node)
        return
    key = keys[-1]
    if key is not None:
        parent.value.append((key, node))
        keys[-1] = None
        return
    if node.kind is not SCALAR:
        raise YamlSubsetError(
            Diagnostic(
                path,
                node.line,
                node.col,
                "error",
                "a key must be a plain word, not a list or mapping",
                "write 'key: value'; put text starting with '[' or '{' in quotes",
            )
        )
    if node.value == "<<" and not node.style:
        raise _merge_key(node, path, kind)
    keys[-1] = node


def _merge_key(node: Node, path: str, kind: str) -> YamlSubsetError:
    message = f"'<<' is a YAML merge key; {kind} files do not use merge keys, anchors or aliases"
    hint = "write the keys out in full in each place they belong"
    return YamlSubsetError(Diagnostic(path, node.line, node.col, "error", message, hint))


def _refuse_extra(event: Any, path: str, kind: str) -> None:
    mark = event.start_mark
    if event.anchor is not None:
        raise _refuse(
            path,
            mark,
            f"'&{event.anchor}' is a YAML anchor; {kind} files do not use anchors or aliases",
            "write the value out in full; if this is text starting "
            "with '&', put the line in quotes",
        )
    tag = event.tag.replace("tag:yaml.org,2002:", "!!")
    raise _refuse(
        path,
        mark,
        f"'{tag}' is a YAML tag; {kind} files do not use tags",
        "remove the '!...' tag; if this is text starting with '!', put the line in quotes",
    )
