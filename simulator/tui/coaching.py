"""The few things to change (or keep doing) after a session, each said once.

Built from every reply's evidence, in the scorecard's own order first (its coaching
notes), then by points. One note per rule: a rule that cost points in several replies
is one note naming them all. A picked choice gets one note at most: the trainer's
feedback and a rule on the choice's words are the same point. Rich only, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.text import Text

from simulator.scoring.types import CoachingNote
from simulator.tui.review import ReviewedTurn
from simulator.tui.text import literal

Notes = Sequence[CoachingNote]
Turns = Sequence[ReviewedTurn]  # a conversation's turns, or a drill's answers

_FIX_BONUS = 1.25  # as the scoring layer ranks notes: a fix is worth more than praise


@dataclass
class _Point:
    """One rule on one reply's words, over every dimension it moved."""

    turn: int
    rule: str
    text: str
    note: str
    weights: dict[str, float] = field(default_factory=dict)
    replies: list[int] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What makes two notes the same lesson: the rule, or a choice's own feedback."""
        if self.rule == "authored":
            return "authored:" + " ".join(self.note.split())
        return self.rule

    @property
    def total(self) -> float:
        return sum(self.weights.values())

    def dimensions(self, gain: bool) -> str:
        dims = [d for d, w in self.weights.items() if (w > 0 if gain else w < 0)]
        dims.sort(key=lambda d: -abs(self.weights[d]))
        return ", ".join(dims)


def _points(turns: Turns) -> list[_Point]:
    out: dict[tuple, _Point] = {}
    for i, turn in enumerate(turns):
        for e in turn.evidence:
            if not (e.note or "").strip():
                continue
            if e.rule == "authored" and not (turn.feedback or "").strip():
                continue  # a choice with no feedback: its note says nothing to coach on
            key = (i, e.rule, int(e.start), int(e.end))
            p = out.get(key)
            if p is None:
                p = out[key] = _Point(i, e.rule, e.text, e.note)
            p.weights[e.dimension] = p.weights.get(e.dimension, 0.0) + float(e.weight)
    return list(out.values())


def _ranked(notes: Notes, turns: Turns, gain: bool) -> list[_Point]:
    """The points of one sign: those behind the scorecard's notes first, in its order,
    then the rest by points (fixes counting 1.25x, as the scorecard ranks them)."""
    points = [p for p in _points(turns) if p.total != 0 and (p.total > 0) == gain]

    def first_note(p: _Point) -> int:
        for n, note in enumerate(notes):
            if (
                note.turn == p.turn
                and note.note == p.note
                and note.text == p.text
                and note.dimension in p.weights
            ):
                return n
        return len(notes)

    def useful(p: _Point) -> float:
        size = max(abs(w) for w in p.weights.values())
        return size * (_FIX_BONUS if not gain else 1.0)

    return sorted(points, key=lambda p: (first_note(p), -useful(p), p.turn, p.rule))


def _replies(numbers: list[int]) -> str:
    shown = [str(n + 1) for n in sorted(set(numbers))]
    if len(shown) == 1:
        return f"reply {shown[0]}"
    return "replies " + ", ".join(shown[:-1]) + " and " + shown[-1]


def _item(point: _Point, gain: bool) -> Text:
    dims = point.dimensions(gain)
    line = literal((f"{dims}: ", "bold")) if dims else Text()
    line.append_text(literal(" ".join(point.note.split())))
    where = _replies(point.replies)
    words = " ".join((point.text or "").split())
    # The authored score spans the whole choice: the reply itself is shown in the review.
    if words and point.rule != "authored":
        words = words if len(words) <= 60 else words[:59] + "…"
        where += f": “{words}”"
    line.append_text(literal((f"  ({where})", "dim"), one_line=True))
    return line


def _pick(notes: Notes, turns: Turns, n: int, gain: bool) -> list[Text]:
    picked: list[_Point] = []
    by_key: dict[str, _Point] = {}
    noted_choices: set[int] = set()
    for p in _ranked(notes, turns, gain):
        is_choice = turns[p.turn].kind == "choice"
        if p.key in by_key:
            by_key[p.key].replies.append(p.turn)  # the same lesson, another reply
            if is_choice:
                noted_choices.add(p.turn)
            continue
        if is_choice and p.turn in noted_choices:
            continue  # the choice already has its note
        if len(picked) >= n:
            continue  # keep going: later replies with a picked rule are still named
        p.replies.append(p.turn)
        picked.append(p)
        by_key[p.key] = p
        if is_choice:
            noted_choices.add(p.turn)
    return [_item(p, gain) for p in picked]


def things_to_change(notes: Notes, turns: Turns, n: int = 3) -> list[Text]:
    """The top ``n`` things to do differently, costliest first, each rule once."""
    return _pick(notes, turns, n, gain=False)


def things_to_keep(notes: Notes, turns: Turns, n: int = 3) -> list[Text]:
    """The strongest things done well, for a run with nothing to fix."""
    return _pick(notes, turns, n, gain=True)
