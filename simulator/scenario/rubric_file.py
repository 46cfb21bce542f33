"""A small, safe reader for trainers' rubric extension files (YAML or JSON).

Returns plain data plus the line and column of every key and list item, so that the
scoring layer can point a trainer at the exact spot of a mistake. Safe: YAML is
composed with the safe loader and turned into data by hand (no tags, anchors,
aliases or merge keys; nothing is executed); files over 1 MB are refused.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


MAX_BYTES = 1_000_000
MAX_DEPTH = 16

Positions = dict[tuple, tuple[int, int]]


class RubricError(ValueError):
    """A rubric file that cannot be used; ``str()`` is ``path:line:col: error: ...``."""

    def __init__(self, path: str, line: int, col: int, message: str, hint: str = ""):
        self.path, self.line, self.col = path, line, col
        self.message, self.hint = message, hint
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        text = f"{where}: error: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


def did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def read_rubric_file(path: str) -> tuple[object, Positions, bytes]:
    """Read ``path`` -> (data, positions of keys/items, the raw bytes)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RubricError(path, 0, 0, f"cannot read rubric file: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise RubricError(path, 1, 1, "rubric file is over 1 MB", "split it or trim it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RubricError(
            path, 1, 1, f"not UTF-8 text ({exc.reason})", "save it as UTF-8"
        ) from None
    if not text.strip():
        raise RubricError(path, 1, 1, "rubric file is empty", "add 'rules:' or 'facts:'")
    if path.lower().endswith(".json"):
        data = _read_json(path, text)
        try:
            _, positions = _compose(path, text)
        except RubricError:
            positions = {}
        return data, positions, raw
    data, positions = _compose(path, text)
    return data, positions, raw


def _read_json(path: str, text: str) -> object:
    def no_dupes(pairs: list[tuple[str, object]]) -> dict:
        out: dict = {}
        for k, v in pairs:
            if k in out:
                raise ValueError(f"duplicate key '{k}'")
            out[k] = v
        return out

    try:
        return json.loads(text, object_pairs_hook=no_dupes)
    except json.JSONDecodeError as exc:
        raise RubricError(
            path,
            exc.lineno,
            exc.colno,
            f"invalid JSON: {exc.msg}",
            "check commas and quotes near here",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise RubricError(path, 1, 1, f"invalid JSON: {exc}") from None


def _compose(path: str, text: str) -> tuple[object, Positions]:
    import yaml  # here, not at the top: the app starts without PyYAML

    try:
        event: Any  # PyYAML's event classes carry their fields untyped
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise RubricError(
                    path,
                    mark.line + 1,
                    mark.column + 1,
                    "anchors and aliases are not allowed",
                    "write the value out in full",
                )
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "syntax error"
        raise RubricError(
            path,
            line,
            col,
            f"YAML syntax error: {problem}",
            "check indentation, and put text containing ': ' in quotes",
        ) from None
    except yaml.YAMLError as exc:  # e.g. "expected a single document"
        raise RubricError(path, 1, 1, f"YAML error: {exc}", "one document per file") from None
    except RecursionError:
        raise RubricError(path, 1, 1, "nested too deeply") from None
    if node is None:
        raise RubricError(path, 1, 1, "rubric file is empty", "add 'rules:' or 'facts:'")
    positions: Positions = {}
    data = _to_data(path, node, (), positions, 0)
    return data, positions


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _to_data(path: str, node: yaml.Node, keys: tuple, positions: Positions, depth: int) -> object:
    import yaml  # here, not at the top: the app starts without PyYAML

    line, col = _pos(node)
    if depth > MAX_DEPTH:
        raise RubricError(path, line, col, f"nested more than {MAX_DEPTH} levels deep")
    if getattr(node, "anchor", None):
        raise RubricError(
            path, line, col, "anchors and aliases are not allowed", "write the value out in full"
        )
    tag = node.tag or ""
    if isinstance(node, yaml.MappingNode):
        if not tag.endswith(":map"):
            raise RubricError(path, line, col, f"tags are not allowed ({tag})")
        out: dict = {}
        for knode, vnode in node.value:
            if knode.tag == "tag:yaml.org,2002:merge":
                raise RubricError(path, *_pos(knode), "merge keys ('<<') are not allowed")
            if not isinstance(knode, yaml.ScalarNode):
                raise RubricError(path, *_pos(knode), "a key must be plain text")
            key = knode.value  # keys stay text: 'no:' is the word no, not false
            if key in out:
                raise RubricError(
                    path,
                    *_pos(knode),
                    f"duplicate key '{key}'",
                    "YAML would silently keep the last one; merge them",
                )
            positions[keys + (key,)] = _pos(knode)
            out[key] = _to_data(path, vnode, keys + (key,), positions, depth + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        if not tag.endswith(":seq"):
            raise RubricError(path, line, col, f"tags are not allowed ({tag})")
        items = []
        for i, item in enumerate(node.value):
            positions[keys + (i,)] = _pos(item)
            items.append(_to_data(path, item, keys + (i,), positions, depth + 1))
        return items
    if isinstance(node, yaml.ScalarNode):
        return _scalar(path, node)
    raise RubricError(path, line, col, "anchors and aliases are not allowed")  # AliasNode


def _scalar(path: str, node: yaml.ScalarNode) -> object:
    tag, value = node.tag, node.value
    if node.style is not None or tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("true", "yes", "on", "y")
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag.startswith("tag:yaml.org,2002:"):
        return value  # timestamps and the like stay text
    raise RubricError(path, *_pos(node), f"tags are not allowed ({tag})")
