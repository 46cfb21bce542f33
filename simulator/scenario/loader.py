"""Load a scenario file into the immutable model, or say exactly what is wrong with it.

``check_text`` / ``check_file`` never raise on bad input: they return the Scenario
(``None`` when there is any error) and every diagnostic found. ``load_scenario``
raises :class:`ScenarioError` instead. One pass over the YAML events builds a node
tree (``yaml_nodes``); one walk over it builds the model; the graph checks are
linear in steps and replies.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

from simulator.scenario import values
from simulator.scenario.diagnostics import Diagnostic, ScenarioError
from simulator.scenario.fields import (
    CAST_MEMBER,
    CHOICE,
    ELSE_ROUTE,
    ENDING_KINDS,
    INTERJECTION,
    PRODUCT,
    ROUTE,
    SCENARIO,
    SCORE_DIMENSIONS,
    STEP,
)
from simulator.scenario.graph_checks import check_graph
from simulator.scenario.model import (
    CastMember,
    Choice,
    Interjection,
    Product,
    Route,
    Scenario,
    Step,
    frozen_map,
)
from simulator.scenario.reading import Reader, did_you_mean, pos
from simulator.scenario.yaml_nodes import MAPPING, MAX_BYTES, SEQUENCE, Node, decode, parse

__all__ = ["check_text", "check_file", "load_scenario", "find_scenario_files"]

SCENARIO_SUFFIXES = (".yaml", ".yml")


def check_text(
    text: str | bytes, path: str = "<string>", *, max_bytes: int = MAX_BYTES
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Check scenario text; the Scenario is ``None`` when any diagnostic is an error."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    decoded, problem = decode(text, path, max_bytes=max_bytes)
    if problem is not None:
        return None, [problem]
    root, problem = parse(decoded, path)
    if problem is not None:
        return None, [problem]
    r = Reader(path, decoded)
    scenario = _Builder(r).build(root, path, hashlib.sha256(raw).hexdigest())
    diagnostics = sorted(r.diagnostics, key=lambda d: (d.line, d.col))
    if scenario is None or r.has_errors:
        return None, diagnostics
    return scenario, diagnostics


def check_file(path: str | os.PathLike) -> tuple[Scenario | None, list[Diagnostic]]:
    """Read and check one file; an unreadable file is a diagnostic too."""
    name = str(path)
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


def find_scenario_files(folder: str | os.PathLike) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` under ``folder``, recursively, sorted."""
    root = Path(folder)
    found = [p for p in root.rglob("*") if p.suffix.lower() in SCENARIO_SUFFIXES and p.is_file()]
    return sorted(found)


class _Builder:
    """Walks the node tree once, building model objects and reporting problems."""

    def __init__(self, r: Reader):
        self.r = r
        self.cast: dict[str, CastMember] = {}
        self.vars: dict[str, float | bool] = {}
        self.types: dict[str, str] = {}
        self.step_ids: dict[str, Node] = {}

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
        top = r.fields(root, SCENARIO, "the scenario", owner=Node("scalar", "", 1, 1))
        if top is None:
            return None
        self._version(top)
        get = top.get
        ident = r.slug(get("id")[1], "id") if "id" in top else None
        title = r.text(get("title")[1], "title") if "title" in top else None
        summary = self._text(top, "summary")
        difficulty = self._int(top, "difficulty")
        skills = self._skills(top["skills"][1]) if "skills" in top else ()
        tags = r.text_list(top["tags"][1], "tags") if "tags" in top else ()
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
        self.types = values.name_types(self.cast, self.vars)
        steps: dict[str, Step] = {}
        if "steps" in top:
            steps = self._steps(top["steps"][1])
        start = None
        if "start" in top:
            start = self._step_ref(top["start"][1], "start")
        if start is not None and steps and not r.has_errors:
            check_graph(r, steps, start, top["start"][1], self.cast, self.vars)
        if r.has_errors or None in (ident, title, start) or not self.cast:
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
            shown = node.value if node.kind == "scalar" else "a " + node.kind
            self.r.error(
                node,
                f"'scenario: {shown}': this repcraft reads format version 1",
                "write 'scenario: 1' (the version of the scenario format)",
            )

    def _text(self, found: Mapping, key: str, what: str | None = None) -> str | None:
        return self.r.text(found[key][1], what or key) if key in found else None

    def _int(self, found: Mapping, key: str, spec=SCENARIO, what: str | None = None):
        if key not in found:
            return None
        return self.r.integer(found[key][1], what or key, spec.field(key))

    def _skills(self, node: Node) -> tuple[str, ...]:
        items = self.r.text_list(node, "skills") or ()
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
        value = self.r.text(node, "rubric")
        if not value:
            return None
        if path.startswith("<") or os.path.isabs(value):
            return value
        resolved = Path(path).parent / value
        if not resolved.is_file():
            self.r.warning(
                node,
                f"rubric file '{value}' not found (looked at {resolved})",
                "the path is relative to this scenario file",
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
        for key, value in pairs:
            name = r.name(key, "cast key")
            found = r.fields(value, CAST_MEMBER, f"cast member '{key.value}'", owner=key)
            if name is None or found is None:
                continue
            member_name = self._text(found, "name", f"the name of '{name}'")
            trust = self._int(found, "trust", CAST_MEMBER, f"{name}.trust")
            belief = self._int(found, "belief", CAST_MEMBER, f"{name}.belief")
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

    # -- steps --------------------------------------------------------------------
    def _steps(self, node: Node) -> dict[str, Step]:
        r = self.r
        pairs = r.pairs(node, "steps", unique="step id")
        if pairs is None:
            return {}
        if not pairs:
            r.error(node, "there are no steps", "add at least the start step and an ending")
        # Every id is known before any step is read, so `next` may point forward.
        self.step_ids = {key.value: key for key, _ in pairs}
        steps: dict[str, Step] = {}
        for key, value in pairs:
            step_id = r.name(key, "step id")
            step = self._step(step_id or key.value, key, value)
            if step is not None and step_id is not None:
                steps[step_id] = step
        return steps

    def _step(self, step_id: str, key: Node, node: Node) -> Step | None:
        r = self.r
        what = f"step '{step_id}'"
        found = r.fields(node, STEP, what, owner=key)
        if found is None:
            return None
        end = r.choice_of(found["end"][1], "end", ENDING_KINDS) if "end" in found else None
        is_end = "end" in found
        speaker = self._cast_ref(found["speaker"][1]) if "speaker" in found else None
        line = self._text(found, "line")
        variants = r.text_list(found["variants"][1], "variants") if "variants" in found else ()
        if variants and "line" not in found:
            r.error(
                found["variants"][0],
                f"{what} has variants but no line",
                "add 'line:'; variants are other phrasings of it",
            )
        if is_end and ("speaker" in found) != ("line" in found):
            has, lacks = ("speaker", "line") if "speaker" in found else ("line", "speaker")
            r.error(
                found[has][0],
                f"ending {what} has a {has} but no {lacks}",
                "an ending step has both (a closing line) or neither",
            )
        interjections = (
            self._interjections(found["interjections"][1], what) if "interjections" in found else ()
        )
        choices = self._choices(found["choices"][1], what) if "choices" in found else ()
        routes = self._routes(found["routes"][1], what) if "routes" in found else ()
        if is_end:
            for k in ("choices", "routes"):
                if k in found:
                    r.error(
                        found[k][0],
                        f"ending {what} has {k}",
                        f"an ending takes no replies: remove '{k}' or 'end'",
                    )
        elif not choices and not routes and not self._has_replies(found):
            r.error(
                key,
                f"{what} has no way out: no choices, no routes and no 'end'",
                "add choices or routes, or make it an ending with 'end: win|advance|stall|loss'",
            )
        return Step(
            id=step_id,
            speaker=speaker,
            line=line,
            variants=variants or (),
            interjections=interjections,
            choices=choices,
            routes=routes,
            model_answer=self._text(found, "model_answer") or "",
            end=end,
            pos=pos(key),
        )

    @staticmethod
    def _has_replies(found: Mapping) -> bool:
        # A reply list that failed to read was already reported; don't add "no way out".
        return any(
            k in found and (found[k][1].kind != SEQUENCE or found[k][1].value)
            for k in ("choices", "routes")
        )

    def _items(self, node: Node, what: str) -> list[Node]:
        if node.kind != SEQUENCE:
            self.r.wrong_kind(node, what, SEQUENCE)
            return []
        return node.value

    def _interjections(self, node: Node, where: str) -> tuple[Interjection, ...]:
        out = []
        for item in self._items(node, f"interjections of {where}"):
            found = self.r.fields(item, INTERJECTION, f"an interjection in {where}")
            if found is None:
                continue
            speaker = self._cast_ref(found["speaker"][1]) if "speaker" in found else None
            line = self._text(found, "line")
            when = self._when(found, f"an interjection in {where}")
            if speaker is not None and line is not None and when is not False:
                out.append(Interjection(speaker, line, when or None, pos(item)))
        return tuple(out)

    def _choices(self, node: Node, where: str) -> tuple[Choice, ...]:
        out = []
        for index, item in enumerate(self._items(node, f"choices of {where}")):
            what = f"choice {index + 1} of {where}"
            found = self.r.fields(item, CHOICE, what)
            if found is None:
                continue
            text = self._text(found, "text", f"the text of {what}")
            nxt = self._step_ref(found["next"][1], "next") if "next" in found else None
            score = (
                values.score(self.r, found["score"][1], f"score of {what}")
                if "score" in found
                else {}
            )
            effects = self._effects(found, what)
            when = self._when(found, what)
            if text is None or nxt is None or when is False:
                continue
            out.append(
                Choice(
                    index=index,
                    text=text,
                    next=nxt,
                    score=frozen_map(score),
                    effects=effects,
                    feedback=self._text(found, "feedback") or "",
                    when=when or None,
                    pos=pos(item),
                )
            )
        return tuple(out)

    def _routes(self, node: Node, where: str) -> tuple[Route, ...]:
        r = self.r
        out = []
        else_at: Node | None = None
        for index, item in enumerate(self._items(node, f"routes of {where}")):
            what = f"route {index + 1} of {where}"
            is_else = item.kind == MAPPING and any(k.value == "else" for k, _ in item.value)
            found = r.fields(item, ELSE_ROUTE if is_else else ROUTE, what)
            if found is None:
                continue
            if is_else:
                if else_at is not None:
                    r.error(
                        item,
                        f"{where} has a second 'else' route (first at line {else_at.line})",
                        "keep one 'else'; it takes every reply that matched nothing",
                    )
                    continue
                else_at = item
                nxt = self._step_ref(found["else"][1], "else") if "else" in found else None
                if nxt is not None:
                    out.append(
                        Route(
                            index=index,
                            next=nxt,
                            effects=self._effects(found, what),
                            is_else=True,
                            pos=pos(item),
                        )
                    )
                continue
            like = r.text_list(found["like"][1], "like") if "like" in found else None
            if like == ():
                r.error(
                    found["like"][1],
                    f"{what} has no 'like' phrases",
                    "list short phrases a rep would say, e.g. [what does it cost you]",
                )
            nxt = self._step_ref(found["next"][1], "next") if "next" in found else None
            effects = self._effects(found, what)
            when = self._when(found, what)
            if like and nxt is not None and when is not False:
                out.append(
                    Route(
                        index=index,
                        next=nxt,
                        like=like,
                        effects=effects,
                        when=when or None,
                        pos=pos(item),
                    )
                )
        return tuple(out)

    # -- references and small languages ----------------------------------------------
    def _step_ref(self, node: Node, key: str) -> str | None:
        if node.kind != "scalar":
            self.r.wrong_kind(node, f"'{key}'", "scalar")
            return None
        target = node.value
        if target not in self.step_ids:
            ids = list(self.step_ids)
            hint = did_you_mean(target, ids) or (
                "steps are: " + ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
                if ids
                else "add it under 'steps:'"
            )
            self.r.error(node, f"'{key}: {target}' names no step", hint)
            return None
        return target

    def _cast_ref(self, node: Node) -> str | None:
        if node.kind != "scalar":
            self.r.wrong_kind(node, "'speaker'", "scalar")
            return None
        key = node.value
        if key not in self.cast:
            if self.cast or not self.r.has_errors:
                hint = did_you_mean(key, self.cast) or (
                    "the cast is: " + ", ".join(self.cast) if self.cast else "add it under cast:"
                )
                self.r.error(node, f"'speaker: {key}' is not in the cast", hint)
            return None
        return key

    def _when(self, found: Mapping, what: str):
        """The Condition, ``None`` when there is no ``when``, ``False`` when it is bad."""
        if "when" not in found:
            return None
        cond = values.condition(self.r, found["when"][1], self.types, f"'when' of {what}")
        return False if cond is None else cond

    def _effects(self, found: Mapping, what: str):
        if "effects" not in found:
            return ()
        return values.effects(
            self.r, found["effects"][1], self.cast, self.vars, f"effects of {what}"
        )
