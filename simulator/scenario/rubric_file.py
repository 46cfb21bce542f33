"""Read trainers' rubric extension files (YAML or JSON) into plain data.

Returns the data plus the line and column of every key and list item, so that the
scoring layer can point a trainer at the exact spot of a mistake. YAML goes through
the scenario files' reader (``yaml_nodes``: the same safe subset, no tags, anchors,
aliases or merge keys, 16 levels deep at most, 1 MB at most, the same messages);
this module only turns its positioned nodes into data.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable

import yaml

from simulator.scenario.yaml_nodes import MAPPING, SEQUENCE, Node, decode, parse

MAX_BYTES = 1_000_000

Positions = dict[tuple, tuple[int, int]]
# YAML 1.1's implicit types for plain scalars (true, 12, 0.5, ~), as safe_load reads them.
_RESOLVER = yaml.resolver.Resolver()


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
    text, problem = decode(raw, path, MAX_BYTES, kind="rubric")
    if problem is not None or text is None:
        raise _from_diagnostic(path, problem)
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


def _from_diagnostic(path: str, problem: object) -> RubricError:
    line, col = getattr(problem, "line", 1), getattr(problem, "col", 1)
    message = getattr(problem, "message", "cannot read the file")
    return RubricError(path, line, col, message, getattr(problem, "hint", "") or "")


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
    root, problem = parse(text, path, kind="rubric")
    if problem is not None:
        raise _from_diagnostic(path, problem)
    if root is None:
        raise RubricError(path, 1, 1, "rubric file is empty", "add 'rules:' or 'facts:'")
    positions: Positions = {}
    return _to_data(path, root, (), positions), positions


def _to_data(path: str, node: Node, keys: tuple, positions: Positions) -> object:
    # Recursion is bounded: the reader refuses anything nested over 16 levels.
    if node.kind is MAPPING:
        out: dict = {}
        for knode, vnode in node.value:
            key = knode.value  # keys stay text: 'no:' is the word no, not false
            if key in out:
                raise RubricError(
                    path,
                    knode.line,
                    knode.col,
                    f"duplicate key '{key}'",
                    "YAML would silently keep the last one; merge them",
                )
            positions[keys + (key,)] = (knode.line, knode.col)
            out[key] = _to_data(path, vnode, keys + (key,), positions)
        return out
    if node.kind is SEQUENCE:
        items = []
        for i, item in enumerate(node.value):
            positions[keys + (i,)] = (item.line, item.col)
            items.append(_to_data(path, item, keys + (i,), positions))
        return items
    return _scalar(node)


def _scalar(node: Node) -> object:
    """A plain scalar as YAML's safe loader types it; quoted text stays text."""
    value: str = node.value
    if node.style:
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
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
    return value  # text, and timestamps and the like stay text
