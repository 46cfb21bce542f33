"""Checks over the whole conversation graph, linear in steps and replies.

Every ``next`` counts as possible whatever its ``when`` (we cannot know meter
values ahead of time), as the format page says. We report:

- steps no path reaches (warning);
- reachable steps from which no ending can be reached: loops no reply can leave
  (error), and a start from which no ending is reachable (error);
- choices, routes and interjections whose ``when`` can never hold (warning),
  found by evaluating the condition over what the scenario can change: a name
  no effect touches keeps its starting value, a meter stays in 0..100.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Mapping
from typing import Any

from simulator.scenario.conditions import Condition
from simulator.scenario.model import CastMember, Position, Step
from simulator.scenario.reading import Reader
from simulator.scenario.yaml_nodes import Node


def check_graph(
    r: Reader,
    steps: Mapping[str, Step],
    start: str,
    start_node: Node,
    cast: Mapping[str, CastMember],
    variables: Mapping[str, float | bool],
) -> None:
    reachable = _forward(steps, start)
    for step in steps.values():
        if step.id not in reachable:
            r.warning(
                (step.pos.line, step.pos.col),
                f"step '{step.id}' can never be reached from start '{start}'",
                "lead to it with a choice's or route's 'next' (or 'else'), or remove it",
            )
    can_end = _can_reach_ending(steps)
    if not any(s.is_ending for s in steps.values()):
        r.error(
            start_node,
            "the scenario has no ending step",
            "add a step with 'end: win' (or advance, stall, loss)",
        )
        return
    if start not in can_end:
        r.error(
            start_node,
            f"no ending can be reached from start '{start}'",
            "make sure some path of replies leads to a step with 'end:'",
        )
    for step in steps.values():
        if step.id in reachable and step.id not in can_end and not step.is_ending:
            targets = list(dict.fromkeys(step.targets()))
            shown = ", ".join(targets[:5]) + (", ..." if len(targets) > 5 else "")
            r.error(
                (step.pos.line, step.pos.col),
                f"no ending can be reached from step '{step.id}': its replies lead only "
                f"to {shown}, in a loop no reply can leave",
                "give one of the steps in the loop a reply that leads towards an ending",
            )
    _never_offered(r, steps, cast, variables)


def _forward(steps: Mapping[str, Step], start: str) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in steps[queue.popleft()].targets():
            if target not in seen and target in steps:
                seen.add(target)
                queue.append(target)
    return seen


def _can_reach_ending(steps: Mapping[str, Step]) -> set[str]:
    """Steps from which some path reaches an ending: a BFS over reversed edges."""
    incoming: dict[str, list[str]] = {}
    for step in steps.values():
        for target in step.targets():
            incoming.setdefault(target, []).append(step.id)
    done = {s.id for s in steps.values() if s.is_ending}
    queue = deque(done)
    while queue:
        for source in incoming.get(queue.popleft(), ()):
            if source not in done:
                done.add(source)
                queue.append(source)
    return done


# -- conditions that can never hold ---------------------------------------------------

_INF = math.inf


def _known_values(
    steps: Mapping[str, Step],
    cast: Mapping[str, CastMember],
    variables: Mapping[str, float | bool],
) -> tuple[set[str], dict[str, object]]:
    """The names some effect changes, and what is known of each name's value: a
    bool, a (low, high) range, or None (a flag that changes)."""
    changed: set[str] = set()
    for step in steps.values():
        for reply in step.choices + step.routes:
            changed.update(e.target for e in reply.effects)
    known: dict[str, object] = {}
    for key, member in cast.items():
        for meter in ("trust", "belief"):
            name = f"{key}.{meter}"
            start = getattr(member, meter)
            known[name] = (0, 100) if name in changed else (start, start)
    for name, value in variables.items():
        if isinstance(value, bool):
            known[name] = None if name in changed else value
        else:
            known[name] = (-_INF, _INF) if name in changed else (value, value)
    return changed, known


def _never_offered(
    r: Reader,
    steps: Mapping[str, Step],
    cast: Mapping[str, CastMember],
    variables: Mapping[str, float | bool],
) -> None:
    changed, known = _known_values(steps, cast, variables)

    def report(cond: Condition, where: Position, what: str) -> None:
        if _truth(cond.tree, known) is False:
            fixed = sorted({n for n, _ in cond.names() if n not in changed})
            why = f" (no effect ever changes {', '.join(fixed)})" if fixed else ""
            r.warning(
                (where.line, where.col),
                f"{what} can never happen: 'when: {cond.source}' is always false{why}",
                "check the condition, or add an effect that makes it true",
            )

    for step in steps.values():
        for c in step.choices:
            if c.when is not None:
                report(c.when, c.pos, f"choice {c.index + 1} of step '{step.id}' (never offered)")
        for route in step.routes:
            if route.when is not None:
                report(route.when, route.pos, f"route {route.index + 1} of step '{step.id}'")
        for i in step.interjections:
            if i.when is not None:
                report(i.when, i.pos, f"the interjection by '{i.speaker}' in step '{step.id}'")


def _truth(node: tuple, known: Mapping[str, object]) -> bool | None:
    """True, False, or None (depends on play) for a truth-valued node."""
    tag = node[0]
    if tag == "bool":
        return node[1]
    if tag == "name":
        value = known.get(node[1])
        return value if isinstance(value, bool) else None
    if tag == "not":
        inner = _truth(node[1], known)
        return None if inner is None else not inner
    if tag in ("and", "or"):
        a, b = _truth(node[1], known), _truth(node[2], known)
        if tag == "and":
            return False if False in (a, b) else (True if a is True and b is True else None)
        return True if True in (a, b) else (False if a is False and b is False else None)
    if tag == "cmp":
        return _compare(node[1], _value(node[2], known), _value(node[3], known))
    return None


def _value(node: tuple, known: Mapping[str, object]) -> Any:
    tag = node[0]
    if tag == "num":
        return (node[1], node[1])
    if tag == "bool":
        return node[1]
    if tag == "name":
        return known.get(node[1])
    return _truth(node, known)


def _compare(op: str, a: Any, b: Any) -> bool | None:
    if a is None or b is None:
        return None
    if isinstance(a, bool) or isinstance(b, bool):
        if not (isinstance(a, bool) and isinstance(b, bool)):
            return None
        return (a == b) if op == "==" else (a != b) if op == "!=" else None
    (alo, ahi), (blo, bhi) = a, b
    if op == "<":
        return True if ahi < blo else False if alo >= bhi else None
    if op == "<=":
        return True if ahi <= blo else False if alo > bhi else None
    if op == ">":
        return True if alo > bhi else False if ahi <= blo else None
    if op == ">=":
        return True if alo >= bhi else False if ahi < blo else None
    same = alo == ahi == blo == bhi
    apart = ahi < blo or bhi < alo
    if op == "==":
        return True if same else False if apart else None
    return False if same else True if apart else None
