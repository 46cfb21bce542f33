"""Load a scenario file into the immutable model, or say exactly what is wrong with it.

``check_text`` / ``check_file`` never raise on bad input: they return the Scenario
(``None`` when there is any error) and every diagnostic found. ``load_scenario``
raises :class:`ScenarioError` instead. One pass over the YAML events builds a node
tree (``yaml_nodes``); one walk over it builds the model; the graph checks are
linear in steps and replies.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from simulator.scenario import values
from simulator.scenario.diagnostics import Diagnostic, ScenarioError
from simulator.scenario.fields import (
    CAST_MEMBER,
    PRODUCT,
    SCENARIO,
    SCORE_DIMENSIONS,
    ObjectSpec,
)
from simulator.scenario.files import RUBRIC_SUFFIXES, find_scenario_files, is_rubric_file
from simulator.scenario.graph_checks import check_graph
from simulator.scenario.model import (
    CastMember,
    Product,
    Scenario,
    Step,
    frozen_map,
)
from simulator.scenario.numbers import shown
from simulator.scenario.reading import Reader, did_you_mean, pos
from simulator.scenario.steps_reader import StepsReader
from simulator.scenario.yaml_nodes import MAPPING, MAX_BYTES, SEQUENCE, Node, decode, parse

__all__ = ["check_text", "check_file", "load_scenario", "find_scenario_files"]


def check_text(
    text: str | bytes, path: str = "<string>", *, max_bytes: int = MAX_BYTES
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Check scenario text; the Scenario is ``None`` when any diagnostic is an error."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    decoded, problem = decode(text, path, max_bytes=max_bytes)
    if problem is not None:
        return None, [problem]
    assert decoded is not None  # decode gives the text or a problem
    # The node tree and the model hold no reference cycles, so the cyclic garbage
    # collector has nothing to find while we build them; pausing it keeps large
    # files linear (its full passes over millions of new objects do not).
    collecting = gc.isenabled()
    gc.disable()
    try:
        root, problem = parse(decoded, path)
        if problem is not None:
            return None, [problem]
        r = Reader(path, decoded)
        scenario = _Builder(r).build(root, path, hashlib.sha256(raw).hexdigest())
    finally:
        if collecting:
            gc.enable()
    diagnostics = sorted(r.diagnostics, key=lambda d: (d.line, d.col))
    if scenario is None or r.has_errors:
        return None, diagnostics
    return scenario, diagnostics


def check_file(path: str | os.PathLike) -> tuple[Scenario | None, list[Diagnostic]]:
    """Read and check one file; an unreadable file is a diagnostic too."""
    name = str(path)
    if is_rubric_file(name):
        return None, [
            Diagnostic(
                name,
                1,
                1,
                "error",
                "this is a rubric file (its name ends in "
                f"'{''.join(Path(name).suffixes[-2:])}'), not a scenario",
                "a scenario uses it with 'rubric: FILE'; check it with 'repcraft validate FILE'",
            )
        ]
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        return None, [Diagnostic(name, 1, 1, "error", "this is a folder, not a scenario file")]
    except OSError as exc:
        return None, [
            Diagnostic(name, 1, 1, "error", f"cannot read the file: {exc.strerror or exc}")
        ]
    return check_text(data, name)


def load_scenario(path: str | os.PathLike) -> Scenario:
    """The scenario in ``path``, or :class:`ScenarioError` carrying every diagnostic."""
    scenario, diagnostics = check_file(path)
    if scenario is None:
        raise ScenarioError([d for d in diagnostics if d.is_error] or diagnostics)
    return scenario


def _unreadable(path: Path) -> str:
    """Why ``path`` cannot be read as a file, or ``""``."""
    if path.is_dir():
        return f"is a folder ({path})"
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        return f"not found (looked at {path})"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}: {path})"
    return ""


# The top-level keys of a rubric file (see simulator/scoring/rubric.py).
_RUBRIC_KEYS = (
    "version",
    "rules",
    "facts",
    "false_claims",
    "synonyms",
    "stopwords",
    "negators",
    "helpers",
)


def _looks_like_a_rubric(r: Reader, root: Node, path: str) -> bool:
    """A rubric file named like a scenario: one error instead of one per key."""
    keys = [key for key, _ in root.value]
    if any(key.value in ("scenario", "steps") for key in keys):
        return False
    rubric_keys = [key for key in keys if key.value in _RUBRIC_KEYS]
    if not rubric_keys:
        return False
    name = Path(path).name
    stem = name.split(".")[0] or "NAME"
    r.error(
        rubric_keys[0],
        "this file has a rubric's keys ("
        + ", ".join(dict.fromkeys(k.value for k in rubric_keys))
        + "), not a scenario's",
        f"this looks like a rubric file: name it {stem}{RUBRIC_SUFFIXES[0]}, so that "
        "scenario folders skip it; a scenario uses it with 'rubric: FILE'",
    )
    return True


class _Builder:
    """Walks the node tree once, building model objects and reporting problems."""

    def __init__(self, r: Reader):
        self.r = r
        self.cast: dict[str, CastMember] = {}
        self.vars: dict[str, float | bool] = {}
        self.cast_keys: set[str] = set()  # as written, even where a member is invalid

    # -- the file ---------------------------------------------------------------
    def build(self, root: Node | None, path: str, content_hash: str) -> Scenario | None:
        r = self.r
        if root is None:
            r.error(
                (1, 1),
                "the file is empty",
                "start with 'scenario: 1', or run 'repcraft new ID' for a scenario to start from",
            )
            return None
        if root.kind != MAPPING:
            what = "a list" if root.kind == SEQUENCE else "a single value"
            r.error(
                root,
                f"a scenario file is a set of 'key: value' lines, not {what}",
                "start with 'scenario: 1', then id:, title:, cast:, start: and steps:",
            )
            return None
        if _looks_like_a_rubric(r, root, path):
            return None
        top = r.fields(root, SCENARIO, "the scenario", owner=Node("scalar", "", 1, 1))
        if top is None:
            return None
        self._version(top)
        ident = r.slug(top["id"][1], "id") if "id" in top else None
        title = r.text(top["title"][1], "title") if "title" in top else None
        summary = self._text(top, "summary")
        difficulty = self._int(top, "difficulty")
        skills = self._skills(top["skills"][1]) if "skills" in top else ()
        tags = r.text_list(top["tags"][1], "tags", words=False) if "tags" in top else ()
        reply_seconds = None
        if "reply_seconds" in top:
            reply_seconds = r.number(
                top["reply_seconds"][1], "reply_seconds", SCENARIO.field("reply_seconds")
            )
        product = self._product(top["product"][1]) if "product" in top else Product()
        rubric = self._rubric(top["rubric"][1], path) if "rubric" in top else None
        if "cast" in top:
            self._cast(top["cast"][1])
        if "vars" in top:
            found = values.variables(self.r, top["vars"][1], self.cast)
            self.vars = {name: value for name, (value, _) in found.items()}
        reader = StepsReader(r, self.cast, self.vars, self.cast_keys)
        steps: dict[str, Step] = {}
        if "steps" in top:
            steps = reader.steps(top["steps"][1])
        start = None
        if "start" in top:
            start = reader.step_ref(top["start"][1], "start")
        if start is not None and steps and not r.has_errors:
            check_graph(r, steps, start, top["start"][1], self.cast, self.vars)
        if r.has_errors or ident is None or title is None or start is None or not self.cast:
            return None
        return Scenario(
            id=ident,
            title=title,
            start=start,
            cast=frozen_map(self.cast),
            steps=frozen_map(steps),
            summary=summary or "",
            difficulty=difficulty if difficulty is not None else 2,
            skills=skills or (),
            tags=tags or (),
            reply_seconds=reply_seconds,
            product=product,
            vars=frozen_map(self.vars),
            rubric=rubric,
            path=path,
            content_hash=content_hash,
            pos=pos(root),
        )

    def _version(self, top: Mapping[str, tuple[Node, Node]]) -> None:
        if "scenario" not in top:
            return  # reported as missing
        node = top["scenario"][1]
        if node.kind != "scalar" or node.value.strip() != "1":
            written = shown(node.value) if node.kind == "scalar" else "a " + node.kind
            self.r.error(
                node,
                f"'scenario: {written}': this repcraft reads format version 1",
                "write 'scenario: 1' (the version of the scenario format)",
            )

    def _text(self, found: Mapping, key: str, what: str | None = None) -> str | None:
        return self.r.text(found[key][1], what or key) if key in found else None

    def _int(
        self, found: Mapping, key: str, spec: ObjectSpec = SCENARIO, what: str | None = None
    ) -> int | None:
        if key not in found:
            return None
        return self.r.integer(found[key][1], what or key, spec.field(key))

    def _meter(self, found: Mapping, key: str, what: str) -> float | None:
        # Any number 0..100, like a meter set by '= N' (the format never asks for whole).
        if key not in found:
            return None
        return self.r.number(found[key][1], what, CAST_MEMBER.field(key))

    def _skills(self, node: Node) -> tuple[str, ...]:
        items = self.r.text_list(node, "skills", words=False) or ()
        for item, item_node in zip(items, node.value, strict=False):
            if item not in SCORE_DIMENSIONS:
                self.r.error(
                    item_node,
                    f"unknown skill '{item}'",
                    did_you_mean(item, SCORE_DIMENSIONS)
                    or "skills are courage, authenticity and belief",
                )
        return tuple(i for i in items if i in SCORE_DIMENSIONS)

    def _product(self, node: Node) -> Product:
        found = self.r.fields(node, PRODUCT, "product")
        if found is None:
            return Product()
        tl = self.r.text_list
        return Product(
            name=self._text(found, "name", "the product name") or "",
            facts=(tl(found["facts"][1], "facts") or ()) if "facts" in found else (),
            false_claims=(tl(found["false_claims"][1], "false_claims") or ())
            if "false_claims" in found
            else (),
            pos=pos(node),
        )

    def _rubric(self, node: Node, path: str) -> str | None:
        # play, walk and score refuse a scenario whose rubric file cannot be read:
        # so does the loader, at the `rubric:` key. What is in it is the rubric
        # loader's business (validate reports that, at the rubric file's line).
        value = self.r.text(node, "rubric")
        if not value:
            return None
        if os.path.isabs(value):
            resolved = Path(value)
        elif path.startswith("<"):
            return value  # text with no file: nothing to resolve against
        else:
            resolved = Path(path).parent / value
        problem = _unreadable(resolved)
        if problem:
            self.r.error(
                node,
                f"rubric file '{value}' {problem}",
                "the path is relative to this scenario file; remove 'rubric:' to score "
                "with the default rubric",
            )
        return str(resolved)

    # -- cast ---------------------------------------------------------------------
    def _cast(self, node: Node) -> None:
        r = self.r
        pairs = r.pairs(node, "cast", unique="cast member")
        if pairs is None:
            return
        if not pairs:
            r.error(node, "the cast is empty", "add at least one buyer with a name")
        self.cast_keys.update(key.value for key, _ in pairs)
        for key, value in pairs:
            name = r.name(key, "cast key", in_conditions=True)
            found = r.fields(value, CAST_MEMBER, f"cast member '{key.value}'", owner=key)
            if name is None or found is None:
                continue
            member_name = self._text(found, "name", f"the name of '{name}'")
            trust = self._meter(found, "trust", f"{name}.trust")
            belief = self._meter(found, "belief", f"{name}.belief")
            if member_name is None:
                continue
            self.cast[name] = CastMember(
                key=name,
                name=member_name,
                role=self._text(found, "role") or "",
                persona=self._text(found, "persona") or "",
                trust=50 if trust is None else trust,
                belief=50 if belief is None else belief,
                pos=pos(key),
            )
