"""The state graph of a scenario, as the engine would play it.

A *state* is (step, meters, variables): two visits to the same step with
different meters are different states, because ``when`` conditions may offer
different replies there. Moving between states uses the engine's own code
(``ConversationState.apply`` for effects and clamping, ``lookup`` for
conditions), so ``walk`` cannot disagree with ``play`` about what is on offer.

From a state the moves are the choices offered (``when`` holds) and the live
routes (``when`` holds; ``else`` included). A typed reply that matches no route
keeps the same state (the buyer presses again), so it is not a move. A step
where nothing is offered ends the conversation as ``stall``, as in the engine.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from simulator.authoring.limits import DEFAULT_MAX_STATES
from simulator.engine.session import ConversationState
from simulator.scenario.model import METERS, Choice, Interjection, Route, Scenario

StateKey = tuple[str, tuple]  # (step id, meter values + variable values)


class Move(NamedTuple):
    """One reply from a state: the choice or route taken, and the state it leads to.

    ``score``: the authored choice score, all dimensions summed; routes carry
    none (0), since a typed reply is scored by the rubric on the real words.
    """

    item: Choice | Route
    target: StateKey
    kind: str  # "choice" or "route"
    score: int


class Expansion(NamedTuple):
    """What can happen at a state: an ending kind, or the moves on offer."""

    ending: str | None
    moves: tuple[Move, ...] = ()
    stalled: bool = False  # an ending because nothing was on offer (not an `end:` step)


class Stepper:
    """Computes the moves from a state with the engine's semantics.

    A state's meters and variables are one flat tuple (meters first, in cast
    order, then variables), so that states hash fast; conditions read it
    through a name index, and effects go through the engine's own ``apply``.
    """

    def __init__(self, scenario: Scenario):
        self.scenario = scenario
        self.cast_keys = tuple(scenario.cast)
        self.var_names = tuple(scenario.vars)
        names = [f"{k}.{m}" for k in self.cast_keys for m in METERS] + list(self.var_names)
        self.index = {name: i for i, name in enumerate(names)}
        self.n_meters = len(self.cast_keys) * len(METERS)
        self.run = ConversationState(scenario)
        self._caps = _saturation_caps(scenario)
        self.start: StateKey = (scenario.start, self._values())
        self._info = {}
        for step in scenario.steps.values():
            for c in step.choices:
                self._info[id(c)] = ("choice", sum(c.score.values()))
            for r in step.routes:
                self._info[id(r)] = ("route", 0)

    def _values(self) -> tuple:
        run = self.run
        meters = tuple(run.meters[k][m] for k in self.cast_keys for m in METERS)
        values = tuple(run.vars[v] for v in self.var_names)
        if self._caps:
            values = tuple(
                _saturate(v, self._caps.get(name))
                for name, v in zip(self.var_names, values, strict=True)
            )
        return meters + values

    def canonical_vars(self, variables: dict) -> dict:
        """Variables as a state holds them (saturated counters, see _saturation_caps)."""
        return {k: _saturate(v, self._caps.get(k)) for k, v in variables.items()}

    def load(self, key: StateKey) -> ConversationState:
        """Put the engine's run state at ``key`` (meters and variables) and return it."""
        values = key[1]
        it = iter(values)
        self.run.meters = {k: {m: next(it) for m in METERS} for k in self.cast_keys}
        self.run.vars = dict(zip(self.var_names, values[self.n_meters :], strict=True))
        return self.run

    def describe(self, key: StateKey) -> dict:
        """Meters and variables of a state, as the JSON report shows them."""
        run = self.load(key)
        return {"meters": run.meters_dict(), "vars": run.vars_dict()}

    def expand(self, key: StateKey) -> Expansion:
        step = self.scenario.steps[key[0]]
        if step.is_ending:
            return Expansion(step.end)
        values, index = key[1], self.index

        def lookup(name: str) -> float | bool:
            return values[index[name]]

        live: list[Choice | Route] = [*step.offered(lookup), *step.live_routes(lookup)]
        if not live:
            return Expansion("stall", stalled=True)
        moves = []
        for item in live:
            if item.effects:
                self.load(key).apply(item.effects)
                target = (item.next, self._values())
            else:
                target = (item.next, values)
            moves.append(Move(item, target, *self._info[id(item)]))
        return Expansion(None, tuple(moves))


def _saturation_caps(scenario: Scenario) -> dict[str, tuple[str, float]]:
    """Counters whose exact value stops mattering past the conditions' constants.

    A numeric variable that only ever grows (every ``+N`` non-negative) and is
    compared only with numbers: once it is above the largest number it is compared
    with, every condition reads the same whatever it is, so those values are one
    state. Likewise below the smallest for one that only shrinks. This keeps
    ``concessions: +1`` in a loop from making endless states, without changing
    what any condition sees.
    """
    signs = _add_signs(scenario)
    bounds, unsafe = _compared_with(scenario)
    caps: dict[str, tuple[str, float]] = {}
    for name, value in scenario.vars.items():
        if isinstance(value, bool) or name in unsafe or name not in signs:
            continue
        limits = bounds.get(name, [])
        moves = signs[name] - {0}
        if moves == {1}:
            caps[name] = ("above", (max(limits) if limits else value) + 1)
        elif moves == {-1}:
            caps[name] = ("below", (min(limits) if limits else value) - 1)
    return caps


def _add_signs(scenario: Scenario) -> dict[str, set[int]]:
    """For each variable, the signs (-1, 0, 1) of the ``+N`` effects on it."""
    signs: dict[str, set[int]] = {}
    for step in scenario.steps.values():
        items: list[Choice | Route] = [*step.choices, *step.routes]
        for item in items:
            for e in item.effects:
                if not e.is_meter and e.op == "add" and not isinstance(e.value, bool):
                    signs.setdefault(e.target, set()).add((e.value > 0) - (e.value < 0))
    return signs


def _compared_with(scenario: Scenario) -> tuple[dict[str, list[float]], set[str]]:
    """The numbers each variable is compared with in a ``when``, and the variables
    compared with another name (those are kept exact)."""
    bounds: dict[str, list[float]] = {}
    unsafe: set[str] = set()

    def visit(node: tuple) -> None:
        if node[0] in ("and", "or"):
            visit(node[1])
            visit(node[2])
        elif node[0] == "not":
            visit(node[1])
        elif node[0] == "cmp":
            left, right = node[2], node[3]
            for a, b in ((left, right), (right, left)):
                if a[0] == "name" and "." not in a[1]:
                    if b[0] == "num":
                        bounds.setdefault(a[1], []).append(b[1])
                    else:
                        unsafe.add(a[1])

    for step in scenario.steps.values():
        items: list[Choice | Route | Interjection] = [
            *step.choices,
            *step.routes,
            *step.interjections,
        ]
        for item in items:
            if item.when is not None:
                visit(item.when.tree)
    return bounds, unsafe


def _saturate(value: float, cap: tuple[str, float] | None) -> float:
    if cap is None or isinstance(value, bool):
        return value
    side, limit = cap
    if side == "above":
        return min(value, limit)
    return max(value, limit)


# Stands in for a state's expansion until the loop reaches it (every added state is).
_PENDING = Expansion(None)


@dataclass
class StateGraph:
    """Every state reached from the start (up to a budget), with its moves.

    ``edges[i]`` holds ``(move, j)`` with ``j`` the target's number, or None
    when the budget stopped the target from being added. ``depth[i]``: the
    fewest replies from the start to state ``i``.
    """

    keys: list[StateKey] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)
    edges: list[list[tuple[Move, int | None]]] = field(default_factory=list)
    depth: list[int] = field(default_factory=list)
    truncated: bool = False
    cut_edges: int = 0

    def terminals(self) -> Iterator[int]:
        return (i for i, e in enumerate(self.expansions) if e.ending is not None)


def explore(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES) -> StateGraph:
    """Every state from the start, up to ``max_states``.

    States at a step not seen before are expanded first, the rest breadth
    first: when the budget is too small for every state, the walk still gets
    to as many steps (and endings) as it can instead of piling up meter
    variations near the start. Without a cut-off the order does not matter.
    """
    stepper = Stepper(scenario)
    graph = StateGraph()
    index: dict[StateKey, int] = {stepper.start: 0}
    graph.keys.append(stepper.start)
    graph.expansions.append(_PENDING)
    graph.edges.append([])
    seen_steps = {scenario.start}
    fresh, queue = deque([0]), deque[int]()
    while fresh or queue:
        i = fresh.popleft() if fresh else queue.popleft()
        expansion = graph.expansions[i] = stepper.expand(graph.keys[i])
        out: list[tuple[Move, int | None]] = []
        for move in expansion.moves:
            j = index.get(move.target)
            if j is None:
                if len(graph.keys) >= max_states:
                    graph.truncated = True
                    graph.cut_edges += 1
                    out.append((move, None))
                    continue
                j = index[move.target] = len(graph.keys)
                graph.keys.append(move.target)
                graph.expansions.append(_PENDING)
                graph.edges.append([])
                if move.target[0] in seen_steps:
                    queue.append(j)
                else:
                    seen_steps.add(move.target[0])
                    fresh.append(j)
            out.append((move, j))
        graph.edges[i] = out
    graph.depth = _depths(graph)
    return graph


def _depths(graph: StateGraph) -> list[int]:
    """Fewest replies from the start to each state (breadth first over the edges)."""
    depth = [-1] * len(graph.keys)
    depth[0] = 0
    queue = deque([0])
    while queue:
        i = queue.popleft()
        for _, j in graph.edges[i]:
            if j is not None and depth[j] < 0:
                depth[j] = depth[i] + 1
                queue.append(j)
    return depth
