"""``walk``: every way through a scenario, from its state graph (see ``explore.py``).

What is counted, and how it stays bounded:

- **paths** to each ending kind are counted over the state graph, memoised per
  state, so the work is linear in states and moves however many paths there
  are. A path never comes back to a step it has been through: a move back to
  a step already on the way (a loop) is cut there and counted in ``loops``,
  so a loop is one way through, not infinitely many (and a rep cannot farm
  points by going round it in the best path). With loops, a state's count is
  memoised from the first way the walk got there, so counts are exact for
  loop-free scenarios and close otherwise. Counts stop growing at
  ``max_paths`` and are then shown as "N+" (``capped``).
- **states** are added breadth-first up to ``max_states``; past that the walk
  is cut off, says so (``truncated``), and everything it reports is a lower
  bound (what it found is real, what it did not find may still exist).
- **score** of a path: the sum of the authored ``score`` of each choice taken,
  all dimensions added. A typed reply (a route) scores 0 here, because its
  real score comes from the rubric reading the rep's actual words. Best and
  worst paths are the highest and lowest total among complete paths, the
  shorter path winning a tie.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from simulator.authoring.explore import Move, StateGraph, Stepper, explore
from simulator.authoring.limits import DEFAULT_MAX_PATHS, DEFAULT_MAX_STATES
from simulator.scenario.model import DIMENSIONS, ENDINGS, Choice, Route, Scenario


@dataclass
class _Best:
    score: int
    turns: int
    edge: int | None  # index into the state's edges, None at an ending


def _better(a: _Best | None, score: int, turns: int, sign: int) -> bool:
    if a is None:
        return True
    return (sign * score, -turns) > (sign * a.score, -a.turns)


def _analyse_paths(graph: StateGraph, cap: int):
    """Post-order over the state graph (iterative: no recursion limit)."""
    n = len(graph.keys)
    color = [0] * n  # 0 new, 1 on the current path, 2 done
    counts: list[dict[str, int] | None] = [None] * n
    best: list[_Best | None] = [None] * n
    worst: list[_Best | None] = [None] * n
    cut: list[set[int]] = [set() for _ in range(n)]
    loops = 0
    step_of = [k[0] for k in graph.keys]
    on_path: dict[str, int] = {step_of[0]: 1}  # steps on the current path
    color[0] = 1
    stack = [(0, 0)]
    while stack:
        node, ei = stack[-1]
        edges = graph.edges[node]
        if ei < len(edges):
            stack[-1] = (node, ei + 1)
            j = edges[ei][1]
            if j is None:
                continue
            if on_path.get(step_of[j]) or color[j] == 1:
                loops += 1  # back to a step already on this path: cut the loop here
                cut[node].add(ei)
            elif color[j] == 0:
                color[j] = 1
                on_path[step_of[j]] = on_path.get(step_of[j], 0) + 1
                stack.append((j, 0))
            continue
        stack.pop()
        on_path[step_of[node]] -= 1
        color[node] = 2
        ending = graph.expansions[node].ending
        if ending is not None:
            counts[node] = {ending: 1}
            best[node] = _Best(0, 0, None)
            worst[node] = _Best(0, 0, None)
            continue
        total: dict[str, int] = {}
        for k, (move, j) in enumerate(edges):
            if j is None or k in cut[node] or color[j] != 2 or counts[j] is None:
                continue  # cut by the budget, a loop back, or no ending beyond
            for kind, c in counts[j].items():
                total[kind] = min(cap, total.get(kind, 0) + c)
            for table, sign in ((best, 1), (worst, -1)):
                nxt = table[j]
                score, turns = move.score + nxt.score, nxt.turns + 1
                if _better(table[node], score, turns, sign):
                    table[node] = _Best(score, turns, k)
        counts[node] = total or None
    return counts, best, worst, loops


def _reply_text(item: Choice | Route) -> str:
    if isinstance(item, Choice):
        return item.text
    return "else" if item.is_else else (item.like[0] if item.like else "")


def _path(graph: StateGraph, table: list[_Best | None], stepper: Stepper) -> dict | None:
    head = table[0]
    if head is None:
        return None
    replies, dims, node = [], dict.fromkeys(DIMENSIONS, 0), 0
    while table[node].edge is not None:
        move, j = graph.edges[node][table[node].edge]
        item = move.item
        offered = [m.item for m, _ in graph.edges[node] if isinstance(m.item, Choice)]
        entry = {"step": graph.keys[node][0], "kind": move.kind, "reply": _reply_text(item)}
        if isinstance(item, Choice):
            entry["choice"] = offered.index(item) + 1  # the number to type in a script
            for dim, value in item.score.items():
                dims[dim] += value
        entry["score"] = move.score
        entry["next"] = item.next
        replies.append(entry)
        node = j
    final = graph.keys[node]
    return {
        "score": head.score,
        "scores": dims,
        "ending": graph.expansions[node].ending,
        "ending_step": final[0],
        "turns": head.turns,
        "replies": replies,
        **stepper.describe(final),
    }


def _line(item) -> int:
    return item.pos.line


def walk(
    scenario: Scenario,
    *,
    max_paths: int = DEFAULT_MAX_PATHS,
    max_states: int = DEFAULT_MAX_STATES,
) -> dict:
    """The walk report (a JSON-ready dict). See the module docstring for the rules."""
    graph = explore(scenario, max_states)
    stepper = Stepper(scenario)
    counts, best, worst, loops = _analyse_paths(graph, max_paths)

    reached_steps: set[str] = {k[0] for k in graph.keys}
    taken: set[tuple[str, str, int]] = set()
    for i, edges in enumerate(graph.edges):
        for move, _ in edges:
            taken.add((graph.keys[i][0], move.kind, move.item.index))

    endings: dict[str, dict] = {}
    root = counts[0] or {}
    for i in graph.terminals():
        exp = graph.expansions[i]
        step_id = graph.keys[i][0]
        entry = endings.setdefault(
            exp.ending, {"paths": 0, "capped": False, "steps": [], "shortest": graph.depth[i]}
        )
        label = f"{step_id} (nothing on offer)" if exp.stalled else step_id
        if label not in entry["steps"]:
            entry["steps"].append(label)
        entry["shortest"] = min(entry["shortest"], graph.depth[i])
    for kind, entry in endings.items():
        entry["paths"] = root.get(kind, 0)
        entry["capped"] = entry["paths"] >= max_paths
    endings = {k: endings[k] for k in ENDINGS if k in endings}

    # States from which no ending can be reached: reverse reachability from endings.
    reverse: list[list[int]] = [[] for _ in graph.keys]
    for i, edges in enumerate(graph.edges):
        for _, j in edges:
            if j is not None:
                reverse[j].append(i)
    can_end = [False] * len(graph.keys)
    queue = deque(graph.terminals())
    for i in queue:
        can_end[i] = True
    while queue:
        for p in reverse[queue.popleft()]:
            if not can_end[p]:
                can_end[p] = True
                queue.append(p)
    # Where the budget cut moves off, whether an ending lies beyond is unknown.
    unknown = [any(j is None for _, j in edges) for edges in graph.edges]
    queue = deque(i for i, u in enumerate(unknown) if u)
    while queue:
        for p in reverse[queue.popleft()]:
            if not unknown[p]:
                unknown[p] = True
                queue.append(p)
    dead_ends: dict[str, dict] = {}
    for i, ok in enumerate(can_end):
        if ok or unknown[i]:
            continue
        step_id = graph.keys[i][0]
        entry = dead_ends.get(step_id)
        if entry is None:
            step = scenario.steps[step_id]
            dead_ends[step_id] = {
                "step": step_id,
                "line": step.pos.line,
                "states": 1,
                "example": stepper.describe(graph.keys[i]),
            }
        else:
            entry["states"] += 1

    unreached, never_offered, never_taken = [], [], []
    replies_total = 0
    for step in scenario.steps.values():
        if step.id not in reached_steps:
            unreached.append({"step": step.id, "line": step.pos.line, "says": step.line or ""})
        for kind, items in (("choice", step.choices), ("route", step.routes)):
            for item in items:
                replies_total += 1
                if (step.id, kind, item.index) in taken:
                    continue
                if step.id not in reached_steps:
                    why = "its step is never reached"
                else:
                    cond = item.when.source if item.when else ""
                    why = f"its when never holds: {cond}"
                    if kind == "choice":
                        never_offered.append(
                            {
                                "step": step.id,
                                "choice": item.text,
                                "index": item.index + 1,
                                "when": item.when.source if item.when else "",
                                "line": _line(item),
                            }
                        )
                never_taken.append(
                    {
                        "step": step.id,
                        "kind": kind,
                        "reply": _reply_text(item),
                        "line": _line(item),
                        "why": why,
                    }
                )

    steps_total = len(scenario.steps)
    taken_count = replies_total - len(never_taken)
    notes = []
    if graph.truncated:
        notes.append(
            f"cut off: stopped adding states at {max_states} (--max-states), usually "
            "because a loop keeps changing a meter or counter; "
            f"{graph.cut_edges} moves were not followed, so counts are lower bounds and "
            "'never' means 'not found within the budget'"
        )
    if any(e["capped"] for e in endings.values()):
        notes.append(f"path counts stop at {max_paths} (--max-paths); 'N+' means at least N")
    if loops:
        notes.append(
            f"{loops} loop{'s' * (loops != 1)} cut: a path that comes back to a step it has "
            "been through is counted without going round again"
        )
    return {
        "scenario": scenario.id,
        "path": scenario.path,
        "endings": endings,
        "unreached": unreached,
        "never_offered": never_offered,
        "never_taken": never_taken,
        "dead_ends": list(dead_ends.values()),
        "coverage": {
            "steps": {"reached": len(reached_steps), "total": steps_total},
            "replies": {"taken": taken_count, "total": replies_total},
            "percent": round(
                100 * (len(reached_steps) + taken_count) / max(1, steps_total + replies_total), 1
            ),
        },
        "best": _path(graph, best, stepper),
        "worst": _path(graph, worst, stepper),
        "states": len(graph.keys),
        "loops": loops,
        "truncated": graph.truncated,
        "limits": {"max_paths": max_paths, "max_states": max_states},
        "notes": notes,
    }


__all__ = ["DEFAULT_MAX_PATHS", "DEFAULT_MAX_STATES", "Move", "walk"]
