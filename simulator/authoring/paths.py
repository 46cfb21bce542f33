"""Paths through the state graph (``explore.py``): how many reach each ending, and
the best and worst by authored score. Used by ``walk.py``.

A path is a sequence of replies from the start to an ending, through states
(step + meters + variables). It may come back to a step in another state (a
reply that raises a counter or a meter and loops back is a way forward), but
never to a state it has already been in: that is a cycle, and going round it
is not a new path. So the paths are the simple paths of the state graph, and
there are finitely many.

How, without listing every path: the graph is split into groups of states that
can lead round into each other (strongly connected components), taken sinks
first. A state in no loop sums what its moves lead to (memoised, linear). In a
group, the simple paths inside it are listed from each state where the group is
entered, each adding what its moves out of the group lead to; a path that
leaves a group never comes back to it, so this is exact. A group with too many
ways round (more than ``MAX_CYCLES`` independent cycles, or over
``GROUP_STEPS`` path steps) is counted over one depth-first
tree instead (moves back to a state on the way dropped): every path counted is
real, so its counts are lower bounds and its best path is the best found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from simulator.authoring.explore import StateGraph

GROUP_STEPS = 20_000  # path steps listed in one group before falling back
TOTAL_STEPS = 200_000  # and in all groups together (keeps a big walk fast)
# Ways round a group grow about exponentially with its independent cycles (moves
# inside it minus states plus one); past this many, listing is not even tried.
MAX_CYCLES = 32


class Way(NamedTuple):
    """The best (or worst) way from a state to an ending.

    ``edges``: indices into ``graph.edges`` to follow from the state, one after
    the other; where they stop, the state reached continues with its own Way.
    Empty at an ending.
    """

    score: int
    turns: int
    edges: tuple[int, ...]


@dataclass
class PathTable:
    """Per state: path counts by ending kind (None: no ending beyond), best, worst."""

    counts: list[dict[str, int] | None]
    best: list[Way | None]
    worst: list[Way | None]
    loops: int = 0  # groups of states that lead round into each other (self-loops too)
    approximate: list[int] = field(default_factory=list)  # sizes of groups counted by a tree


def _better(a: Way | None, score: int, turns: int, sign: int) -> bool:
    if a is None:
        return True
    return (sign * score, -turns) > (sign * a.score, -a.turns)


def _add(total: dict[str, int], counts: dict[str, int], cap: int) -> None:
    for kind, c in counts.items():
        total[kind] = min(cap, total.get(kind, 0) + c)


def components(graph: StateGraph) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components (Tarjan, iterative), sinks first."""
    n = len(graph.keys)
    index, low = [-1] * n, [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    groups: list[list[int]] = []
    stack: list[int] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            v, ei = work[-1]
            edges = graph.edges[v]
            if ei < len(edges):
                work[-1] = (v, ei + 1)
                w = edges[ei][1]
                if w is None:
                    continue
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = len(groups)
                    group.append(w)
                    if w == v:
                        break
                groups.append(group)
    return comp, groups


_END = Way(0, 0, ())


class _Exit(NamedTuple):
    """What a state's moves out of its group lead to."""

    counts: dict[str, int]
    best: Way | None  # ``edges`` is the one move out
    worst: Way | None


def analyse_paths(graph: StateGraph, cap: int) -> PathTable:
    """Counts (capped at ``cap``), best and worst way for every state that needs them."""
    n = len(graph.keys)
    table = PathTable([None] * n, [None] * n, [None] * n)
    comp, groups = components(graph)
    entries = [False] * n
    entries[0] = True
    for i, edges in enumerate(graph.edges):
        for _, j in edges:
            if j is not None and comp[j] != comp[i]:
                entries[j] = True
    budget = TOTAL_STEPS
    for g, group in enumerate(groups):
        if len(group) == 1:
            u = group[0]
            if any(j == u for _, j in graph.edges[u]):
                table.loops += 1
            _store(table, u, _exit(graph, table, comp, u, cap))
            continue
        exits = {u: _exit(graph, table, comp, u, cap) for u in group}
        table.loops += 1
        if not any(e.counts for e in exits.values()):
            continue  # nothing in the group leads out to an ending
        inner = {
            u: [
                (k, j, move.score)
                for k, (move, j) in enumerate(graph.edges[u])
                if j is not None and j != u and comp[j] == g
            ]
            for u in group
        }
        cycles = sum(len(moves) for moves in inner.values()) - len(group) + 1
        done, allowed = {}, min(GROUP_STEPS, budget) if cycles <= MAX_CYCLES else 0
        for s in sorted(u for u in group if entries[u]):
            done[s], used = _list_paths(s, inner, exits, cap, allowed)
            allowed -= used
            budget -= used
            if done[s] is None:
                break
        else:
            for s, (counts, best, worst) in done.items():
                table.counts[s], table.best[s], table.worst[s] = counts or None, best, worst
            continue
        table.approximate.append(len(group))
        _tree_count(table, group, inner, exits, entries, cap)
    return table


def _exit(graph: StateGraph, table: PathTable, comp: list[int], u: int, cap: int) -> _Exit:
    ending = graph.expansions[u].ending
    if ending is not None:
        return _Exit({ending: 1}, _END, _END)
    counts: dict[str, int] = {}
    best = worst = None
    group, all_counts, all_best, all_worst = comp[u], table.counts, table.best, table.worst
    for k, (move, j) in enumerate(graph.edges[u]):  # written out: this runs for every state
        if j is None or comp[j] == group or all_counts[j] is None:
            continue  # cut by the budget, inside the group, or no ending beyond
        for kind, c in all_counts[j].items():
            total = counts.get(kind, 0) + c
            counts[kind] = total if total < cap else cap
        way = all_best[j]
        score, turns = move.score + way.score, way.turns + 1
        if best is None or score > best.score or (score == best.score and turns < best.turns):
            best = Way(score, turns, (k,))
        way = all_worst[j]
        score, turns = move.score + way.score, way.turns + 1
        if worst is None or score < worst.score or (score == worst.score and turns < worst.turns):
            worst = Way(score, turns, (k,))
    return _Exit(counts, best, worst)


def _store(table: PathTable, u: int, exit_: _Exit) -> None:
    table.counts[u] = exit_.counts or None
    table.best[u], table.worst[u] = exit_.best, exit_.worst


def _list_paths(s, inner, exits, cap, budget):
    """Every simple path inside the group from ``s``, each followed by a move out.

    Returns ``((counts, best, worst), steps used)``; None instead of the three
    past ``budget``.
    """
    total: dict[str, int] = {}
    ways: list[Way | None] = [None, None]  # best, worst
    path: list[int] = []  # edge indices taken from s
    on_path = {s}
    steps = 0

    def arrive(u: int, score: int) -> None:
        e = exits[u]
        if not e.counts:
            return
        _add(total, e.counts, cap)
        for slot, way, sign in ((0, e.best, 1), (1, e.worst, -1)):
            sc, turns = score + way.score, len(path) + way.turns
            if _better(ways[slot], sc, turns, sign):
                ways[slot] = Way(sc, turns, (*path, *way.edges))

    arrive(s, 0)
    stack = [[s, 0, 0]]  # state, next inner move, score so far
    while stack:
        frame = stack[-1]
        u, i, score = frame
        moves = inner[u]
        if i < len(moves):
            frame[1] = i + 1
            k, j, move_score = moves[i]
            if j in on_path:
                continue  # back to a state on this path: a cycle
            steps += 1
            if steps > budget:
                return None, steps
            on_path.add(j)
            path.append(k)
            stack.append([j, 0, score + move_score])
            arrive(j, score + move_score)
            continue
        stack.pop()
        on_path.discard(u)
        if stack:
            path.pop()
    return (total, ways[0], ways[1]), steps


def _tree_count(table, group, inner, exits, entries, cap) -> None:
    """Fallback for a group with too many ways round: one depth-first tree from its
    entries, moves back to a state on the current way dropped (a lower bound)."""
    color = dict.fromkeys(group, 0)  # 0 new, 1 on the current way, 2 done
    for s in sorted(u for u in group if entries[u]):
        if color[s]:
            continue
        color[s] = 1
        stack = [(s, 0)]
        while stack:
            u, i = stack[-1]
            if i < len(inner[u]):
                stack[-1] = (u, i + 1)
                j = inner[u][i][1]
                if color[j] == 0:
                    color[j] = 1
                    stack.append((j, 0))
                continue
            stack.pop()
            color[u] = 2
            e = exits[u]
            counts, best, worst = dict(e.counts), e.best, e.worst
            for k, j, move_score in inner[u]:
                if color[j] != 2 or table.counts[j] is None:
                    continue  # a move back to the current way (dropped), or no ending
                _add(counts, table.counts[j], cap)
                b, w = table.best[j], table.worst[j]
                if _better(best, move_score + b.score, b.turns + 1, 1):
                    best = Way(move_score + b.score, b.turns + 1, (k,))
                if _better(worst, move_score + w.score, w.turns + 1, -1):
                    worst = Way(move_score + w.score, w.turns + 1, (k,))
            _store(table, u, _Exit(counts, best, worst))
