"""Paths through the state graph (``explore.py``): how many reach each ending.
Used by ``walk.py``.

A path is a sequence of replies from the start to an ending, through states
(step + meters + variables). It may come back to a step in another state (a
reply that raises a counter or a meter and loops back is a way forward), but
never to a state it has already been in: that is a cycle, and going round it
is not a new path. So the paths are the simple paths of the state graph, and
there are finitely many.

How, without listing every path: the graph is split into groups of
states that can lead round into each other (strongly connected components),
taken sinks first. A state in no loop sums what its moves lead to (memoised,
linear). In a group, the simple paths inside it are listed from each state where
the group is entered, each adding what its moves out of the group lead to; a
path that leaves a group never comes back to it, so this is exact. A group with
too many ways round (more than ``MAX_CYCLES`` independent cycles, or over
``GROUP_STEPS`` path steps) is counted over one depth-first tree instead
(moves back to a state on the way dropped): every path counted is real, so its
counts are lower bounds.

The best and worst paths are found in ``best_worst.py``, over the same groups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.authoring.explore import StateGraph

GROUP_STEPS = 20_000  # path steps listed in one group before falling back
TOTAL_STEPS = 200_000  # and in all groups together (keeps a big walk fast)
# Ways round a group grow about exponentially with its independent cycles (moves
# inside it minus states plus one); past this many, listing is not even tried.
MAX_CYCLES = 32

# Per state of a group: (edge index, target) of its moves.
GroupMoves = dict[int, list[tuple[int, int]]]


@dataclass
class PathTable:
    """Per state: path counts by ending kind (None: no ending beyond)."""

    counts: list[dict[str, int] | None]
    comp: list[int] = field(default_factory=list)  # state -> its group
    groups: list[list[int]] = field(default_factory=list)  # sinks first
    trees: set[int] = field(default_factory=set)  # groups counted over a tree
    loops: int = 0  # groups of states that lead round into each other (self-loops too)
    approximate: list[int] = field(default_factory=list)  # sizes of groups counted by a tree


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


def analyse_paths(graph: StateGraph, cap: int) -> PathTable:
    """Path counts (capped at ``cap``) for every state that needs them."""
    n = len(graph.keys)
    comp, groups = components(graph)
    table = PathTable([None] * n, comp, groups)
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
            table.counts[u] = _exit(graph, table, u, cap) or None
            continue
        exits = {u: _exit(graph, table, u, cap) for u in group}
        table.loops += 1
        if not any(exits.values()):
            continue  # nothing in the group leads out to an ending
        inner = _inner(graph, comp, group, g)
        cycles = sum(len(moves) for moves in inner.values()) - len(group) + 1
        done, allowed = {}, min(GROUP_STEPS, budget) if cycles <= MAX_CYCLES else 0
        for s in sorted(u for u in group if entries[u]):
            done[s], used = _list_paths(s, inner, exits, cap, allowed)
            allowed -= used
            budget -= used
            if done[s] is None:
                break
        else:
            for s, counts in done.items():
                table.counts[s] = counts or None
            continue
        table.approximate.append(len(group))
        table.trees.add(g)
        _tree_count(table, group, inner, exits, entries, cap)
    return table


def _inner(graph: StateGraph, comp: list[int], group: list[int], g: int) -> GroupMoves:
    """Per state of a group: its moves to other states of the group, (edge, target)."""
    return {
        u: [
            (k, j)
            for k, (_, j) in enumerate(graph.edges[u])
            if j is not None and j != u and comp[j] == g
        ]
        for u in group
    }


def group_moves(
    graph: StateGraph, table: PathTable, g: int, live: list[bool]
) -> tuple[GroupMoves, GroupMoves]:
    """Per state of group ``g``: its moves inside the group, and its moves out of
    it to states an ending can be reached from, each as (edge index, target)."""
    comp, group = table.comp, table.groups[g]
    exits = {
        u: [
            (k, j)
            for k, (_, j) in enumerate(graph.edges[u])
            if j is not None and comp[j] != g and live[j]
        ]
        for u in group
    }
    return _inner(graph, comp, group, g), exits


def _exit(graph: StateGraph, table: PathTable, u: int, cap: int) -> dict[str, int]:
    """Paths by ending kind through a state's moves out of its group."""
    ending = graph.expansions[u].ending
    if ending is not None:
        return {ending: 1}
    counts: dict[str, int] = {}
    comp, all_counts = table.comp, table.counts
    group = comp[u]
    for _, j in graph.edges[u]:  # written out: this runs for every state
        if j is None or comp[j] == group:
            continue  # cut by the budget, or inside the group
        beyond = all_counts[j]
        if beyond is None:
            continue  # no ending beyond
        for kind, c in beyond.items():
            total = counts.get(kind, 0) + c
            counts[kind] = total if total < cap else cap
    return counts


def _list_paths(
    s: int, inner: GroupMoves, exits: dict[int, dict[str, int]], cap: int, budget: int
) -> tuple[dict[str, int] | None, int]:
    """Counts over every simple path inside the group from ``s``, each followed by
    a move out. Returns ``(counts, steps used)``; None instead of counts past
    ``budget``."""
    total: dict[str, int] = {}
    on_path = {s}
    steps = 0
    _add(total, exits[s], cap)
    stack = [[s, 0]]  # state, next inner move
    while stack:
        frame = stack[-1]
        u, i = frame
        moves = inner[u]
        if i < len(moves):
            frame[1] = i + 1
            j = moves[i][1]
            if j in on_path:
                continue  # back to a state on this path: a cycle
            steps += 1
            if steps > budget:
                return None, steps
            on_path.add(j)
            stack.append([j, 0])
            _add(total, exits[j], cap)
            continue
        stack.pop()
        on_path.discard(u)
    return total, steps


def _tree_count(
    table: PathTable,
    group: list[int],
    inner: GroupMoves,
    exits: dict[int, dict[str, int]],
    entries: list[bool],
    cap: int,
) -> None:
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
            counts = dict(exits[u])
            for _, j in inner[u]:
                beyond = table.counts[j]
                if color[j] == 2 and beyond is not None:
                    _add(counts, beyond, cap)  # else dropped, or no ending
            table.counts[u] = counts or None
