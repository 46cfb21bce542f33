"""The best and the worst path through the state graph, by authored score. Used by
``walk.py``; the paths are those ``paths.py`` counts (simple paths of states).

The rule: a reply scores only the first time it is taken on a path, and between
equal scores the path with fewer replies wins (then the first found, replies in
the order the file lists them). Going round a loop again (a meter or counter
changed, so the states are new) then scores 0: a lap is worth taking only to
reach the ending or new replies, and a best path cannot farm a loop. It matches
the app, where a session's score is a mean of turn scores, so repeating a reply
does not raise it.

What a path can still score depends on the scoring replies it has taken that
can still come up again. So the search runs over keys (state, those replies as
one bit set): forward through the groups of ``paths.py`` in their order (a path
that leaves a group never comes back), each key listing every simple path
through its group followed by a move out, and handing on the best and worst
score it can be reached with; then backward, each key's best and worst way on.
This is exact wherever counting is exact, with two fallbacks, both reported:

- a group counting had to take by one tree (too many ways round), or one that
  runs over the listing budget here, is followed along one tree of ways round
  from each state it is entered at;
- in a group followed along trees, only the ``TREE_BEAM`` best-scoring and
  ``TREE_BEAM`` worst-scoring ways in are followed (each costs a whole tree);
- past ``KEYS`` keys in all, a state reached with more than ``BEAM`` different
  sets of replies taken follows only the ``BEAM`` best-scoring and ``BEAM``
  worst-scoring ways in (many loops that score, one after the other, can
  otherwise make sets without end).

Either way every path reported is real; it is then the best (worst) found.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from simulator.authoring.explore import StateGraph
from simulator.authoring.paths import GROUP_STEPS, TOTAL_STEPS, PathTable, group_moves

KEYS = 20_000  # (state, replies taken) pairs followed before BEAM applies
BEAM = 6  # then: sets of replies taken followed into one state, by best and by worst
TREE_BEAM = 3  # into a whole group followed along trees (each costs a tree), always


class Way(NamedTuple):
    """A best or worst path: its score (each reply counted the first time it is
    taken), its replies, and its moves from the start as (state, index into
    ``graph.edges[state]``)."""

    score: int
    turns: int
    moves: tuple[tuple[int, int], ...]


@dataclass
class Extremes:
    best: Way | None
    worst: Way | None
    trees: int = 0  # groups followed along one tree of ways round
    beamed: int = 0  # states reached in more ways than followed (see BEAM)


def end_distances(graph: StateGraph) -> list[int]:
    """Fewest replies from each state to an ending (-1: no ending can be reached)."""
    reverse: list[list[int]] = [[] for _ in graph.keys]
    for i, edges in enumerate(graph.edges):
        for _, j in edges:
            if j is not None:
                reverse[j].append(i)
    dist = [-1] * len(graph.keys)
    todo = deque(graph.terminals())
    for i in todo:
        dist[i] = 0
    while todo:
        i = todo.popleft()
        for p in reverse[i]:
            if dist[p] < 0:
                dist[p] = dist[i] + 1
                todo.append(p)
    return dist


# A way on from a key: (score, replies, index of the option taken).
_WayOn = tuple[int, int, int]


@dataclass(slots=True)
class _Key:
    """What the search knows of one key (state, scoring replies taken): the best and
    worst (score, replies) it is reached with, its options and the keys they lead to
    (None where nothing scores on), and its best and worst way on."""

    best_in: int
    best_turns: int
    worst_in: int
    worst_turns: int
    options: list = field(default_factory=list)
    kids: list[_Key | None] = field(default_factory=list)
    best_on: _WayOn | None = None
    worst_on: _WayOn | None = None

    def reached(self, best: int, best_turns: int, worst: int, worst_turns: int) -> None:
        if best > self.best_in or (best == self.best_in and best_turns < self.best_turns):
            self.best_in, self.best_turns = best, best_turns
        if worst < self.worst_in or (worst == self.worst_in and worst_turns < self.worst_turns):
            self.worst_in, self.worst_turns = worst, worst_turns


def extremes(graph: StateGraph, table: PathTable, dist: list[int]) -> Extremes:
    """The best and the worst path from the start (``dist``: ``end_distances``)."""
    out = Extremes(None, None)
    if dist[0] < 0:
        return out
    walker = _Walker(graph, table, dist)
    if walker.future[table.comp[0]] == 0:  # nothing on the way scores: the shortest path
        out.best = out.worst = Way(0, dist[0], tuple(_shortest(graph, dist, 0)))
        return out
    rec: dict[tuple[int, int], _Key] = {(0, 0): _Key(0, 0, 0, 0)}
    order = _forward(walker, table, rec, out)
    out.trees = len(walker.trees)
    _backward(order)
    out.best, out.worst = _follow(graph, rec, True, dist), _follow(graph, rec, False, dist)
    return out


def _forward(walker: _Walker, table: PathTable, rec: dict, out: Extremes) -> list[_Key]:
    """Groups in order (sinks come first in ``groups``, so counting down): each key
    lists its options (trail, at, score, replies, next key) and hands on the best and
    worst (score, replies) it is reached with. The keys in the order followed."""
    comp = table.comp
    waiting: dict[int, list] = {comp[0]: [(0, 0)]}
    order = []
    for g in range(comp[0], -1, -1):
        keys = waiting.pop(g, None)
        if keys is None:
            continue
        tree = g in table.trees or g in walker.trees
        if len(keys) > (TREE_BEAM if tree else BEAM) and (tree or len(rec) > KEYS):
            keys = _beam(keys, rec, tree, out)
        for key in keys:
            r = rec[key]
            r.options = walker.options(key, g)
            order.append(r)
            for _, _, score, turns, child in r.options:
                if child.__class__ is int:  # nothing scores from there: no key needed
                    r.kids.append(None)
                    continue
                b, w = r.best_in + score, r.worst_in + score
                bturns, wturns = r.best_turns + turns, r.worst_turns + turns
                c = rec.get(child)
                if c is None:
                    rec[child] = c = _Key(b, bturns, w, wturns)
                    waiting.setdefault(comp[child[0]], []).append(child)
                else:
                    c.reached(b, bturns, w, wturns)
                r.kids.append(c)
    return order


def _backward(order: list[_Key]) -> None:
    """Each key's best and worst way on, from the keys after it."""
    for r in reversed(order):
        b = w = None
        for idx, (option, c) in enumerate(zip(r.options, r.kids, strict=True)):
            score, turns = option[2], option[3]
            if c is None:
                bs, bt, ws, wt = score, turns, score, turns
            else:
                nb, nw = c.best_on, c.worst_on
                if nb is None or nw is None:
                    continue  # not followed (see BEAM)
                bs, bt, ws, wt = score + nb[0], turns + nb[1], score + nw[0], turns + nw[1]
            if b is None or bs > b[0] or (bs == b[0] and bt < b[1]):
                b = (bs, bt, idx)
            if w is None or ws < w[0] or (ws == w[0] and wt < w[1]):
                w = (ws, wt, idx)
        r.best_on, r.worst_on = b, w


def _beam(keys: list, rec: dict, tree: bool, out: Extremes) -> list:
    """Of the keys at one state, at most BEAM by best score in and BEAM by worst;
    in a group followed along trees, TREE_BEAM of each for the whole group."""
    by_state: dict[int, list] = {}
    for key in keys:
        by_state.setdefault(-1 if tree else key[0], []).append(key)
    limit = TREE_BEAM if tree else BEAM
    kept = []
    for same in by_state.values():
        if len(same) <= limit:
            kept += same
            continue
        out.beamed += not tree  # (a tree group is reported as such)
        top = sorted(same, key=lambda k: (-rec[k].best_in, rec[k].best_turns))[:limit]
        low = sorted(same, key=lambda k: (rec[k].worst_in, rec[k].worst_turns))[:limit]
        chosen = set(top) | set(low)
        kept += [k for k in same if k in chosen]
    return kept


def _follow(graph: StateGraph, rec: dict, best: bool, dist: list[int]) -> Way | None:
    """The moves of a key's chosen option, then of the key it leads to, and so on."""
    key = (0, 0)
    first = rec[key].best_on if best else rec[key].worst_on
    if first is None:
        return None
    score, turns, _ = first
    moves = []
    while key.__class__ is not int:
        u = key[0]
        r = rec[key]
        way = r.best_on if best else r.worst_on
        assert way is not None  # every key on a followed way has one
        trail, at, _, _, key = r.options[way[2]]
        if trail is None:  # a single move from the key's state
            moves.append((u, at))
        else:
            back = []
            while at >= 0:
                at, u, k = trail[at]
                back.append((u, k))
            moves += reversed(back)
    # nothing scores from there on: the shortest way to an ending
    return Way(score, turns, (*moves, *_shortest(graph, dist, key)))


def _shortest(graph: StateGraph, dist: list[int], u: int) -> list[tuple[int, int]]:
    """The moves of the shortest way from ``u`` to an ending, first listed first."""
    moves = []
    while dist[u]:
        k, j = next(
            (k, j)
            for k, (_, j) in enumerate(graph.edges[u])
            if j is not None and dist[j] == dist[u] - 1
        )
        moves.append((u, k))
        u = j
    return moves


class _Walker:
    """A key's options: its moves, or every way through its group (one tree of
    them, in a group too big to list), each ending with a move out of it.

    An option is ``(trail, at, score, replies, next key)``; ``next key`` is a
    state alone where nothing scores from there on (``replies`` then counts its
    shortest way to an ending). A single move has ``trail`` None, ``at`` the move.
    A group's moves are a trail: entries ``(previous entry, state, move)``,
    ``at`` the last (-1 before the first).
    """

    def __init__(self, graph: StateGraph, table: PathTable, dist: list[int]):
        self.graph, self.table, self.dist = graph, table, dist
        # One bit per reply that scores: the replies a path has taken are one int.
        bit_of: dict[int, int] = {}
        self.bits = [
            [bit_of.setdefault(id(m.item), 1 << len(bit_of)) if m.score else 0 for m, _ in row]
            for row in graph.edges
        ]
        # Per group, the scoring replies that can still be taken from it: others
        # taken make no difference from there on, so they are left out of the key.
        comp, future = table.comp, [0] * len(table.groups)
        for g, group in enumerate(table.groups):
            f = 0
            for u in group:
                for (_, j), b in zip(graph.edges[u], self.bits[u], strict=True):
                    if j is not None and dist[j] >= 0:
                        f |= b | future[comp[j]]  # (its own group's: still 0)
            future[g] = f
        self.future = future
        self.live = [d >= 0 for d in dist]
        self.budget = TOTAL_STEPS
        self.trees: set[int] = set()
        self._moves: dict[int, tuple] = {}

    def options(self, key: tuple[int, int], g: int) -> list:
        s, used = key
        graph, future, comp, dist = self.graph, self.future, self.table.comp, self.dist
        if len(self.table.groups[g]) > 1:
            return self._group(s, used, g)
        opts: list = []
        bits = self.bits[s]
        for k, (move, j) in enumerate(graph.edges[s]):
            if j is None or j == s or dist[j] < 0:
                continue
            b = bits[k]
            score = 0 if used & b else move.score
            fj = future[comp[j]]
            if fj:
                opts.append((None, k, score, 1, (j, (used | b) & fj)))
            else:  # nothing scores from j on: its shortest way (see _follow)
                opts.append((None, k, score, 1 + dist[j], j))
        return opts

    def _group(self, s: int, used: int, g: int) -> list:
        if g not in self._moves:
            self._moves[g] = group_moves(self.graph, self.table, g, self.live)
        if g not in self.table.trees and g not in self.trees:
            opts = self._ways(s, used, g, min(GROUP_STEPS, self.budget))
            if opts is not None:
                return opts
        self.trees.add(g)
        return self._ways(s, used, g, None) or []  # no budget: never None

    def _ways(self, s: int, used: int, g: int, budget: int | None) -> list | None:
        """Every simple path in the group from ``s`` (``budget`` None: one tree of
        them), each with every move out; None past ``budget`` steps."""
        inner, exits = self._moves[g]
        edges, bits, future, comp = self.graph.edges, self.bits, self.future, self.table.comp
        dist = self.dist
        opts: list = []
        trail: list[tuple[int, int, int]] = []
        seen = {s}

        def arrive(u: int, at: int, taken: int, score: int, turns: int) -> None:
            row = bits[u]
            for k, j in exits[u]:
                b = row[k]
                gain = 0 if taken & b else edges[u][k][0].score
                trail.append((at, u, k))
                if future[comp[j]]:
                    child, more = (j, (taken | b) & future[comp[j]]), 1
                else:
                    child, more = j, 1 + dist[j]
                opts.append((trail, len(trail) - 1, score + gain, turns + more, child))

        arrive(s, -1, used, 0, 0)
        stack = [[s, 0, -1, used, 0]]  # state, next inner move, trail entry, taken, score
        steps = 0
        while stack:
            frame = stack[-1]
            u, i, at, taken, score = frame
            moves = inner[u]
            if i < len(moves):
                frame[1] = i + 1
                k, j = moves[i]
                if j in seen:
                    continue  # back to a state on this path (in a tree: already reached)
                steps += 1
                if budget is not None and steps > budget:
                    self.budget -= steps
                    return None
                b = bits[u][k]
                score += 0 if taken & b else edges[u][k][0].score
                seen.add(j)
                trail.append((at, u, k))
                stack.append([j, 0, len(trail) - 1, taken | b, score])
                arrive(j, len(trail) - 1, taken | b, score, len(stack) - 1)
                continue
            stack.pop()
            if budget is not None:
                seen.discard(u)
        if budget is not None:
            self.budget -= steps
        return opts
