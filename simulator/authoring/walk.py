"""``walk``: every way through a scenario, from its state graph (see ``explore.py``).

What is counted, and how it stays bounded:

- **paths** to each ending kind: a path is a sequence of replies through
  states (step + meters + variables). It may come back to a step in another
  state (a loop that raises a counter, moves a meter or sets a flag is a way
  forward), never to a state it has been in: going round such a cycle is not a
  new path. ``loops``
  counts the groups of states that lead round into each other. Counting is in
  ``paths.py``: exact, except in a group with too many ways round, counted over
  one tree (a lower bound, with a note and ``paths_exact`` false). Counts stop
  growing at ``max_paths`` and are then shown as "N+" (``capped``).
- **states** are added breadth-first up to ``max_states``; past that the walk
  is cut off, says so (``truncated``), and everything it reports is a lower
  bound (what it found is real, what it did not find may still exist).
- **score** of a path: the sum of the authored ``score`` of each choice taken,
  all dimensions added, each choice counted only the first time it is taken on
  the path (a session's score is a mean of turns, so repeating a reply does not
  raise it, and a best path must not farm a loop). A typed reply (a route)
  scores 0 here, because its real score comes from the rubric reading the rep's
  actual words. Best and worst paths are the highest and lowest total among
  complete paths, the shorter path winning a tie (``best_worst.py``).
"""

from __future__ import annotations

import gc
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from simulator.authoring.best_worst import Extremes, Way, end_distances, extremes
from simulator.authoring.explore import Move, StateGraph, Stepper, explore
from simulator.authoring.limits import DEFAULT_MAX_PATHS, DEFAULT_MAX_STATES
from simulator.authoring.paths import analyse_paths
from simulator.scenario.model import DIMENSIONS, ENDINGS, Choice, Route, Scenario


def _reply_text(item: Choice | Route) -> str:
    if isinstance(item, Choice):
        return item.text
    return "else" if item.is_else else (item.like[0] if item.like else "")


def _path(graph: StateGraph, way: Way | None, stepper: Stepper) -> dict | None:
    if way is None:
        return None
    replies, dims, node = [], dict.fromkeys(DIMENSIONS, 0), 0
    seen, revisits, taken = {graph.keys[0][0]}, 0, set()
    for node, k in way.moves:
        move, j = graph.edges[node][k]
        item = move.item
        offered = [m.item for m, _ in graph.edges[node] if isinstance(m.item, Choice)]
        entry: dict[str, Any] = {
            "step": graph.keys[node][0],
            "kind": move.kind,
            "reply": _reply_text(item),
        }
        repeat = id(item) in taken  # a reply scores only the first time on a path
        taken.add(id(item))
        if isinstance(item, Choice):
            entry["choice"] = offered.index(item) + 1  # the number to type in a script
            for dim, value in item.score.items():
                dims[dim] += 0 if repeat else value
        entry["score"] = 0 if repeat else move.score
        entry["repeat"] = repeat
        entry["next"] = item.next
        replies.append(entry)
        revisits += item.next in seen
        seen.add(item.next)
        assert j is not None  # a way takes no move the budget cut
        node = j
    final = graph.keys[node]
    return {
        "score": way.score,
        "scores": dims,
        "ending": graph.expansions[node].ending,
        "ending_step": final[0],
        "turns": way.turns,
        "revisits": revisits,  # replies that lead back to a step already on the path
        "replies": replies,
        **stepper.describe(final),
    }


def _line(item: Choice | Route) -> int:
    return item.pos.line


def walk(
    scenario: Scenario,
    *,
    max_paths: int = DEFAULT_MAX_PATHS,
    max_states: int = DEFAULT_MAX_STATES,
) -> dict:
    """The walk report (a JSON-ready dict). See the module docstring for the rules."""
    # A walk makes a great many small objects and no garbage cycles worth finding
    # on the way: the cycle collector, left on, would rescan them again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _walk(scenario, max_paths, max_states)
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Coverage:
    """What the walk did not reach or take, and the reply totals."""

    unreached: list[dict] = field(default_factory=list)
    never_offered: list[dict] = field(default_factory=list)
    never_taken: list[dict] = field(default_factory=list)
    replies_total: int = 0


def _endings(graph: StateGraph, counts: dict[str, int], max_paths: int) -> dict[str, dict]:
    """Each ending kind reached: its path count, the steps it ends on, the shortest way."""
    endings: dict[str, dict[str, Any]] = {}
    for i in graph.terminals():
        exp = graph.expansions[i]
        step_id = graph.keys[i][0]
        entry = endings.setdefault(
            exp.ending or "",  # a terminal always has its ending
            {"paths": 0, "capped": False, "steps": [], "shortest": graph.depth[i]},
        )
        label = f"{step_id} (nothing on offer)" if exp.stalled else step_id
        if label not in entry["steps"]:
            entry["steps"].append(label)
        entry["shortest"] = min(entry["shortest"], graph.depth[i])
    for kind, entry in endings.items():
        entry["paths"] = counts.get(kind, 0)
        entry["capped"] = entry["paths"] >= max_paths
    return {k: endings[k] for k in ENDINGS if k in endings}


def _beyond_cut(graph: StateGraph) -> list[bool]:
    """States from which a move the budget cut off can be reached: whether an ending
    lies beyond them is unknown."""
    reverse: list[list[int]] = [[] for _ in graph.keys]
    for i, edges in enumerate(graph.edges):
        for _, j in edges:
            if j is not None:
                reverse[j].append(i)
    unknown = [any(j is None for _, j in edges) for edges in graph.edges]
    queue = deque(i for i, u in enumerate(unknown) if u)
    while queue:
        for p in reverse[queue.popleft()]:
            if not unknown[p]:
                unknown[p] = True
                queue.append(p)
    return unknown


def _dead_ends(
    scenario: Scenario, graph: StateGraph, stepper: Stepper, distances: list[int]
) -> list[dict]:
    """Steps with states from which no ending can be reached."""
    unknown = _beyond_cut(graph)
    dead_ends: dict[str, dict] = {}
    for i, distance in enumerate(distances):
        if distance >= 0 or unknown[i]:
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
    return list(dead_ends.values())


def _coverage(scenario: Scenario, graph: StateGraph, reached_steps: set[str]) -> _Coverage:
    taken: set[tuple[str, str, int]] = set()
    for i, edges in enumerate(graph.edges):
        for move, _ in edges:
            taken.add((graph.keys[i][0], move.kind, move.item.index))
    out = _Coverage()
    for step in scenario.steps.values():
        reached = step.id in reached_steps
        if not reached:
            out.unreached.append({"step": step.id, "line": step.pos.line, "says": step.line or ""})
        replies: list[tuple[str, Choice | Route]] = [("choice", c) for c in step.choices]
        replies += [("route", r) for r in step.routes]
        for kind, item in replies:
            out.replies_total += 1
            if (step.id, kind, item.index) not in taken:
                _not_taken(out, step.id, kind, item, reached)
    return out


def _not_taken(
    out: _Coverage, step_id: str, kind: str, item: Choice | Route, reached: bool
) -> None:
    cond = item.when.source if item.when else ""
    if reached and kind == "choice" and isinstance(item, Choice):
        out.never_offered.append(
            {
                "step": step_id,
                "choice": item.text,
                "index": item.index + 1,
                "when": cond,
                "line": _line(item),
            }
        )
    why = f"its when never holds: {cond}" if reached else "its step is never reached"
    out.never_taken.append(
        {"step": step_id, "kind": kind, "reply": _reply_text(item), "line": _line(item), "why": why}
    )


def _plural(n: int) -> str:
    return "s" * (n != 1)


def _path_notes(
    graph: StateGraph, endings: dict[str, dict], loops: int, max_paths: int, max_states: int
) -> list[str]:
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
            f"{loops} loop{_plural(loops)} can come back to the same state (same step, "
            "meters and variables): a path never comes back to a state it has been in, so "
            "going round such a cycle is not a new path"
        )
    return notes


def _extreme_notes(
    best: dict | None, worst: dict | None, approximate: list[int], ends: Extremes
) -> list[str]:
    notes = []
    rounds = {k: p["revisits"] for k, p in (("best", best), ("worst", worst)) if p}
    if any(rounds.values()):
        said = " and ".join(f"the {k} path {n} time{_plural(n)}" for k, n in rounds.items())
        notes.append(
            f"paths go back to steps they have passed ({said}): a reply scores only the first "
            "time it is taken on a path, so a best or worst path goes round a loop again only "
            "to reach its ending or replies it has not taken yet"
        )
    if approximate:
        groups = len(approximate)
        notes.append(
            f"{groups} loop{_plural(groups)} ({sum(approximate)} states) "
            f"ha{'ve' if groups != 1 else 's'} too many ways round to list: paths through "
            f"{'them' if groups != 1 else 'it'} are counted along one way round, so counts "
            "are at least what is shown"
        )
    why = []
    if ends.trees:
        why.append(
            f"through {ends.trees} loop{_plural(ends.trees)} with too many ways round, "
            "only a few ways in and one way round from each were tried"
        )
    if ends.beamed:
        why.append(
            f"{ends.beamed} state{_plural(ends.beamed)} can be reached with too many "
            "different sets of replies already taken, and only the highest and lowest "
            "scoring ways in were followed"
        )
    if why:
        notes.append(
            "the best and worst paths are the best and worst found, not surely the best and "
            "worst there are: " + "; ".join(why)
        )
    return notes


def _walk(scenario: Scenario, max_paths: int, max_states: int) -> dict:
    graph = explore(scenario, max_states)
    stepper = Stepper(scenario)
    table = analyse_paths(graph, max_paths)
    reached_steps: set[str] = {k[0] for k in graph.keys}
    endings = _endings(graph, table.counts[0] or {}, max_paths)
    distances = end_distances(graph)
    cover = _coverage(scenario, graph, reached_steps)
    steps_total = len(scenario.steps)
    taken_count = cover.replies_total - len(cover.never_taken)
    ends = extremes(graph, table, distances)
    best, worst = _path(graph, ends.best, stepper), _path(graph, ends.worst, stepper)
    notes = _path_notes(graph, endings, table.loops, max_paths, max_states)
    notes += _extreme_notes(best, worst, table.approximate, ends)
    return {
        "scenario": scenario.id,
        "path": scenario.path,
        "endings": endings,
        "unreached": cover.unreached,
        "never_offered": cover.never_offered,
        "never_taken": cover.never_taken,
        "dead_ends": _dead_ends(scenario, graph, stepper, distances),
        "coverage": {
            "steps": {"reached": len(reached_steps), "total": steps_total},
            "replies": {"taken": taken_count, "total": cover.replies_total},
            "percent": round(
                100
                * (len(reached_steps) + taken_count)
                / max(1, steps_total + cover.replies_total),
                1,
            ),
        },
        "best": best,
        "worst": worst,
        "states": len(graph.keys),
        "loops": table.loops,
        "paths_exact": not graph.truncated and not table.approximate,
        "truncated": graph.truncated,
        "limits": {"max_paths": max_paths, "max_states": max_states},
        "notes": notes,
    }


__all__ = ["DEFAULT_MAX_PATHS", "DEFAULT_MAX_STATES", "Move", "walk"]
