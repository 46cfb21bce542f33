"""What each reply did, and why the conversation ended: for the scorecard.

A play records, around every reply, the meters and variables just before and just
after it and the choices that were on offer (:class:`TurnRecord`). From those and the
turns, :func:`tell` builds a :class:`Story`: per reply, which meter moved and by how
much and what points the reply earned or lost; and the ending explained in words
("Dana Ruiz's trust fell below 30 at reply 4"), from the ``when`` of the choice or
route that ended it and the ones that were closed at that moment.

Pure: no Textual. The scorecard renders a Story with :mod:`simulator.tui.turn_table`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from simulator.engine import Session, Turn
from simulator.scenario.conditions import Condition
from simulator.scenario.model import Choice, Route, Scenario, Step

Values = Mapping[str, "float | bool"]  # "cfo.trust" -> 45.0, "discounted" -> True
METERS = ("trust", "belief")


def values_of(session: Session) -> dict[str, float | bool]:
    """Every meter (``member.meter``) and variable of a session, now."""
    out: dict[str, float | bool] = {}
    for member, meters in session.run.meters.items():
        for meter, value in meters.items():
            out[f"{member}.{meter}"] = value
    out.update(session.run.vars)
    return out


@dataclass(frozen=True)
class TurnRecord:
    """The session around one reply: values before and after, and what was on offer."""

    before: Mapping[str, float | bool]
    after: Mapping[str, float | bool]
    offered: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class MeterMove:
    """One buyer meter moved by one reply."""

    member: str  # the cast member's name as the rep knows them
    meter: str  # trust | belief
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class TurnStep:
    """What one reply did: the meters it moved and its points on each score."""

    number: int  # 1-based
    turn: Turn
    meters: tuple[MeterMove, ...] = ()
    points: Mapping[str, float] = field(default_factory=dict)
    taken: Choice | Route | None = None  # what took the reply on; None: the buyer pressed again

    @property
    def lost_points(self) -> bool:
        return any(w < 0 for w in self.points.values())


@dataclass(frozen=True)
class Story:
    """The whole play, reply by reply, and the ending in words (empty if none)."""

    steps: tuple[TurnStep, ...]
    why_ended: tuple[str, ...] = ()

    @property
    def lost_points(self) -> bool:
        return any(s.lost_points for s in self.steps)


# -- one reply --------------------------------------------------------------------------


def _points(turn: Turn) -> dict[str, float]:
    out: dict[str, float] = {}
    for e in turn.evidence:
        out[e.dimension] = out.get(e.dimension, 0.0) + float(e.weight)
    return {d: w for d, w in out.items() if abs(w) >= 0.05}


def _meter_moves(scenario: Scenario, record: TurnRecord) -> tuple[MeterMove, ...]:
    moves = []
    for key, member in scenario.cast.items():
        for meter in METERS:
            name = f"{key}.{meter}"
            before, after = record.before.get(name), record.after.get(name)
            if isinstance(before, bool) or isinstance(after, bool):
                continue
            if before is None or after is None or abs(after - before) < 0.5:
                continue
            moves.append(MeterMove(member.name, meter, float(before), float(after)))
    return tuple(moves)


def taken_item(step: Step | None, turn: Turn, offered: Sequence[Choice]) -> Choice | Route | None:
    """The choice or route that took ``turn`` on (None when the buyer pressed again)."""
    if step is None:
        return None
    if turn.kind == "choice":
        number = turn.choice or 0
        return offered[number - 1] if 1 <= number <= len(offered) else None
    route = turn.route or {}
    if route.get("choice"):  # a typed reply that said what a choice says
        index = int(route["choice"]) - 1
        return next((c for c in step.choices if c.index == index), None)
    if route.get("index") is None:
        return None
    return next((r for r in step.routes if r.index == route["index"]), None)


# -- conditions in words ------------------------------------------------------------------

_SAID = {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "==": "", "!=": "not"}
_FELL = {
    "<": "fell below {}",
    "<=": "fell to {} or below",
    ">": "rose above {}",
    ">=": "reached {}",
}


def _name(scenario: Scenario, name: str) -> str:
    """``Dana Ruiz's trust`` for ``cfo.trust``; a variable as ‘discounted’."""
    if "." in name:
        key, meter = name.split(".", 1)
        member = scenario.cast.get(key)
        return f"{member.name if member else key}'s {meter}"
    return f"‘{name}’"


def _figure(value: float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{float(value):g}" if float(value) != round(value) else str(round(value))


def _since(node: tuple, history: Sequence[Values]) -> int:
    """The reply after which ``node`` has held ever since (0: from the start)."""
    condition = Condition("", node)
    k = len(history) - 1
    while k > 0 and condition.evaluate(history[k - 1].__getitem__):
        k -= 1
    return k


def _compare_words(scenario: Scenario, node: tuple, history: Sequence[Values]) -> str:
    op, left, right = node[1], node[2], node[3]
    if left[0] != "name" or right[0] not in ("num", "bool"):
        return ""
    now = history[-1].get(left[1])
    if now is None:
        return ""
    who, limit = _name(scenario, left[1]), _figure(right[1])
    since = _since(node, history)
    if since and op in _FELL:
        return f"{who} {_FELL[op].format(limit)} at reply {since} (it was {_figure(now)})"
    said = _SAID.get(op, "")
    told = f"{who} was {said + ' ' if said else ''}{limit}"
    return told + (f" (it was {_figure(now)})" if _figure(now) != limit else "")


def _flag_words(scenario: Scenario, name: str, wanted: bool, history: Sequence[Values]) -> str:
    node = ("name", name, 0) if wanted else ("not", ("name", name, 0), 0)
    since = _since(node, history)
    state = "true" if wanted else "false"
    when = f" since reply {since}" if since else ""
    return f"{_name(scenario, name)} was {state}{when}"


def condition_words(scenario: Scenario, node: tuple, history: Sequence[Values]) -> list[str]:
    """The parts of a condition that held at the end of ``history``, in words; for a
    part in the form ``name op number`` or a flag, with the reply it began at."""
    tag = node[0]
    holds = Condition("", node).evaluate(lambda n: history[-1][n])
    if tag in ("and", "or"):
        return condition_words(scenario, node[1], history) + condition_words(
            scenario, node[2], history
        )
    if not holds:
        return []
    if tag == "cmp":
        words = _compare_words(scenario, node, history)
        return [words] if words else [f"‘{_source(node)}’ held"]
    if tag == "name":
        return [_flag_words(scenario, node[1], True, history)]
    if tag == "not" and node[1][0] == "name":
        return [_flag_words(scenario, node[1][1], False, history)]
    return [f"‘{_source(node)}’ held"]


def _source(node: tuple) -> str:
    tag = node[0]
    if tag in ("num", "bool", "name"):
        return _figure(node[1]) if tag != "name" else node[1]
    if tag == "not":
        return "not " + _source(node[1])
    if tag in ("and", "or"):
        return f"{_source(node[1])} {tag} {_source(node[2])}"
    return f"{_source(node[2])} {node[1]} {_source(node[3])}"


def closed_words(scenario: Scenario, node: tuple, values: Values) -> str:
    """Why a closed choice or route was closed: the first part of its ``when`` that failed."""
    tag = node[0]
    if tag == "and":
        for part in (node[1], node[2]):
            if not Condition("", part).evaluate(lambda n: values[n]):
                return closed_words(scenario, part, values)
    if tag == "cmp" and node[2][0] == "name" and node[3][0] in ("num", "bool"):
        said = _SAID.get(node[1], "")
        now = values.get(node[2][1])
        need = f"{_name(scenario, node[2][1])} {said + ' ' if said else ''}{_figure(node[3][1])}"
        return need + (f" (it was {_figure(now)})" if now is not None else "")
    if tag == "name":
        return f"{_name(scenario, node[1])} true"
    if tag == "not" and node[1][0] == "name":
        return f"{_name(scenario, node[1][1])} false"
    return f"‘{_source(node)}’"


# -- the whole play ---------------------------------------------------------------------


def tell(
    scenario: Scenario,
    turns: Sequence[Turn],
    records: Sequence[TurnRecord],
    ending: str | None = None,
) -> Story:
    """The story of a play from its turns and the record kept around each of them."""
    steps = []
    for i, (turn, record) in enumerate(zip(turns, records, strict=False), 1):
        step = scenario.steps.get(turn.step)
        steps.append(
            TurnStep(
                i,
                turn,
                _meter_moves(scenario, record),
                _points(turn),
                taken_item(step, turn, record.offered),
            )
        )
    why = _why_ended(scenario, steps, records) if ending is not None and steps else ()
    return Story(tuple(steps), why)


def _how_led(scenario: Scenario, last: TurnStep) -> str:
    turn, n = last.turn, last.number
    if turn.kind == "timeout":
        return f"The clock ran out at reply {n}."
    if turn.kind == "choice":
        return f"Reply {n} led here: you chose “{' '.join(turn.reply.split())}”"
    route = turn.route or {}
    if isinstance(last.taken, Route) and last.taken.is_else:
        return f"Reply {n} led here: it was none of the answers this moment listens for."
    why = str(route.get("why") or "")
    return f"Reply {n} led here" + (f": {why}." if why else ".")


def _why_ended(
    scenario: Scenario, steps: Sequence[TurnStep], records: Sequence[TurnRecord]
) -> tuple[str, ...]:
    last = steps[-1]
    history = [records[0].before] + [r.after for r in records[: len(steps)]]
    before = history[:-1]  # a `when` is judged on the values just before the reply
    out = [_how_led(scenario, last)]
    taken = last.taken
    if taken is not None and taken.when is not None:
        parts = condition_words(scenario, taken.when.tree, before)
        if parts:
            out.append("That way was open because " + " and ".join(parts) + ".")
    out += _closed_ways(scenario, last, before[-1])
    out += _meter_arc(steps)
    return tuple(out)


def _closed_ways(scenario: Scenario, last: TurnStep, values: Values) -> list[str]:
    """Ways on from the last step that were closed then and lead elsewhere."""
    step = scenario.steps.get(last.turn.step)
    if step is None:
        return []
    went = last.turn.next
    needs: list[str] = []
    ways: list[Choice | Route] = [*step.choices, *step.routes]
    for item in ways:
        if item.when is None or item.next == went:
            continue
        if item.when.evaluate(lambda n: values[n]):
            continue
        need = closed_words(scenario, item.when.tree, values)
        if need not in needs:
            needs.append(need)
    if not needs:
        return []
    return ["Closed at that moment: a way on that needed " + "; or ".join(needs[:2]) + "."]


def _meter_arc(steps: Sequence[TurnStep]) -> list[str]:
    """The meter that moved most over the play, and the reply that moved it most."""
    total: dict[tuple[str, str], list[MeterMove]] = {}
    for s in steps:
        for move in s.meters:
            total.setdefault((move.member, move.meter), []).append(move)
    if not total:
        return ["No reply moved the buyers' trust or belief."]
    (member, meter), moves = max(
        total.items(), key=lambda kv: abs(kv[1][-1].after - kv[1][0].before)
    )
    start, end = moves[0].before, moves[-1].after
    biggest = max(moves, key=lambda m: abs(m.change))
    number = next(s.number for s in steps if biggest in s.meters)
    way = "rose" if end > start else "fell" if end < start else "ended where it began"
    arc = f"{member}'s {meter} {way}"
    if end != start:
        arc += f" from {round(start)} to {round(end)}"
    change = round(biggest.change)
    signed = f"+{change}" if change > 0 else f"−{-change}"
    return [arc + f"; reply {number} moved it most ({signed})."]
