"""Reading the ``steps:`` of a scenario: steps, their replies, and every reference.

Split from ``loader.py``; ``StepsReader`` knows the cast, the variables and every
step id before reading any step, so ``next`` may point forward in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from simulator.scenario import values
from simulator.scenario.conditions import Condition
from simulator.scenario.fields import CHOICE, ELSE_ROUTE, ENDING_KINDS, INTERJECTION, ROUTE, STEP
from simulator.scenario.model import (
    CastMember,
    Choice,
    Effect,
    Interjection,
    Route,
    Step,
    frozen_map,
)
from simulator.scenario.reading import Reader, did_you_mean, pos
from simulator.scenario.yaml_nodes import MAPPING, SEQUENCE, Node

_WORD = re.compile(r"\w")


class StepsReader:
    """Builds Step objects; the top-level reader hands it the cast and variables."""

    def __init__(
        self,
        r: Reader,
        cast: Mapping[str, CastMember],
        variables: Mapping[str, float | bool],
        cast_keys: Iterable[str] = (),
    ) -> None:
        self.r = r
        self.cast = cast
        self.cast_keys = set(cast_keys) | set(cast)
        self.vars = variables
        # Members reported invalid already still have meters: no cascade of errors.
        self.types = values.name_types(dict.fromkeys(sorted(self.cast_keys)), variables)
        self.step_ids: dict[str, Node] = {}

    def text(self, found: Mapping, key: str, what: str | None = None) -> str | None:
        return self.r.text(found[key][1], what or key) if key in found else None

    # -- steps --------------------------------------------------------------------
    def steps(self, node: Node) -> dict[str, Step]:
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
        line = self.text(found, "line")
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
        elif not choices and not routes and not self._has_replies(found, node):
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
            model_answer=self.text(found, "model_answer") or "",
            end=end,
            pos=pos(key),
        )

    @staticmethod
    def _has_replies(found: Mapping, node: Node) -> bool:
        # Replies that failed to read (or a misspelt key) were already reported:
        # don't add "no way out" on top.
        if any(STEP.field(k.value) is None for k, _ in node.value):
            return True
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
            line = self.text(found, "line")
            when = self._when(found, f"an interjection in {where}")
            if speaker is not None and line is not None and when is not False:
                out.append(Interjection(speaker, line, when or None, pos(item)))
        return tuple(out)

    def _choices(self, node: Node, where: str) -> tuple[Choice, ...]:
        out: list[Choice] = []
        for index, item in enumerate(self._items(node, f"choices of {where}")):
            what = f"choice {index + 1} of {where}"
            found = self.r.fields(item, CHOICE, what)
            if found is None:
                continue
            text = self.text(found, "text", f"the text of {what}")
            nxt = self.step_ref(found["next"][1], "next") if "next" in found else None
            score = (
                values.score(self.r, found["score"][1], f"score of {what}")
                if "score" in found
                else {}
            )
            effects = self._effects(found, what)
            when = self._when(found, what)
            if text is None or nxt is None or when is False:
                continue
            self._same_choice(out, text, when or None, found["text"][1], what)
            out.append(
                Choice(
                    index=index,
                    text=text,
                    next=nxt,
                    score=frozen_map(score),
                    effects=effects,
                    feedback=self.text(found, "feedback") or "",
                    when=when or None,
                    pos=pos(item),
                )
            )
        return tuple(out)

    def _same_choice(
        self, earlier: list[Choice], text: str, when: Condition | None, node: Node, what: str
    ) -> None:
        # Same words under the same condition: the rep would see one option twice.
        # (Same words under different conditions is a deliberate either/or.)
        words = " ".join(text.lower().split())
        source = when.source if when else None
        for other in earlier:
            if " ".join(other.text.lower().split()) == words and (
                (other.when.source if other.when else None) == source
            ):
                self.r.warning(
                    node,
                    f"{what} has the same text as choice {other.index + 1}",
                    "the rep would see the same reply twice; reword one or remove it",
                )
                return

    def _routes(self, node: Node, where: str) -> tuple[Route, ...]:
        r = self.r
        out = []
        else_at: Node | None = None
        for index, item in enumerate(self._items(node, f"routes of {where}")):
            what = f"route {index + 1} of {where}"
            is_else = item.kind == MAPPING and _is_else(item)
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
                nxt = self.step_ref(found["else"][1], "else") if "else" in found else None
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
            phrase_nodes = found["like"][1].value if like else ()
            for phrase, phrase_node in zip(like or (), phrase_nodes, strict=False):
                if not _WORD.search(phrase):
                    r.error(
                        phrase_node,
                        f"a 'like' phrase of {what} has no words",
                        "write the words a rep would say, e.g. what does it cost you",
                    )
            nxt = self.step_ref(found["next"][1], "next") if "next" in found else None
            effects = self._effects(found, what)
            when = self._when(found, what)
            bar = (
                r.number(
                    found["threshold"][1], f"the threshold of {what}", ROUTE.field("threshold")
                )
                if "threshold" in found
                else None
            )
            if like and nxt is not None and when is not False:
                out.append(
                    Route(
                        index=index,
                        next=nxt,
                        like=like,
                        effects=effects,
                        when=when or None,
                        pos=pos(item),
                        threshold=None if bar is None else float(bar),
                    )
                )
        return tuple(out)

    # -- references and small languages ----------------------------------------------
    def step_ref(self, node: Node, key: str) -> str | None:
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
            if key not in self.cast_keys:  # an invalid member was reported already
                hint = did_you_mean(key, self.cast_keys) or (
                    "the cast is: " + ", ".join(sorted(self.cast_keys))
                    if self.cast_keys
                    else "add it under cast:"
                )
                self.r.error(node, f"'speaker: {key}' is not in the cast", hint)
            return None
        return key

    def _when(self, found: Mapping, what: str) -> Condition | Literal[False] | None:
        """The Condition, ``None`` when there is no ``when``, ``False`` when it is bad."""
        if "when" not in found:
            return None
        cond = values.condition(self.r, found["when"][1], self.types, f"'when' of {what}")
        return False if cond is None else cond

    def _effects(self, found: Mapping, what: str) -> tuple[Effect, ...]:
        if "effects" not in found:
            return ()
        return values.effects(
            self.r,
            found["effects"][1],
            dict.fromkeys(sorted(self.cast_keys)),
            self.vars,
            f"effects of {what}",
        )


def _is_else(item: Node) -> bool:
    """An ``else`` route, or one whose misspelt key (``els:``) was meant as ``else``."""
    keys = [k.value for k, _ in item.value if isinstance(k.value, str)]
    if "else" in keys:
        return True
    return "like" not in keys and any(did_you_mean(k, ["else"]) for k in keys if k != "next")
