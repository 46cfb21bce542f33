"""The scoring layer's public types: what goes in (a reply in context), what comes out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# One definition of the dimensions, in the scenario model; re-exported here.
from simulator.scenario.model import DIMENSIONS as DIMENSIONS
from simulator.scoring.moves import Move


@dataclass(frozen=True)
class Evidence:
    """One reason a score moved: the words (``text`` at ``start:end`` in the reply),
    the rule that matched, its signed weight in points, and one line of coaching."""

    dimension: str
    rule: str
    text: str
    start: int
    end: int
    weight: float
    note: str

    def to_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "rule": self.rule,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "weight": self.weight,
            "note": self.note,
        }


@dataclass(frozen=True)
class AuthoredAnswer:
    """An answer the scenario's author wrote and scored at a step: a choice, or the
    model answer (scored as the best of the step's choices on each dimension)."""

    text: str
    score: Mapping[str, int]
    feedback: str = ""
    label: str = ""  # how the scorecard names it: 'the model answer', 'choice "..."'


@dataclass(frozen=True)
class ReplyContext:
    """What the scorer may know about the moment a reply was made."""

    buyer_line: str = ""
    facts: tuple[str, ...] = ()
    false_claims: tuple[str, ...] = ()
    cast_names: tuple[str, ...] = ()
    product_name: str = ""
    # The authored ``score`` of a picked choice (-3..+3 per dimension), None when typed.
    authored: Mapping[str, int] | None = None
    kind: str = "typed"  # choice | typed | timeout
    # A picked choice's authored ``feedback``: the note on its ``authored`` evidence.
    feedback: str = ""
    # The step's authored answers: a typed reply close in meaning to one of them
    # inherits its authored score and feedback (scoring/judgement.py).
    answers: tuple[AuthoredAnswer, ...] = ()


@dataclass(frozen=True)
class ReplyScore:
    """Scores 0..100 for the dimensions this reply gave evidence on, and that evidence."""

    scores: Mapping[str, int] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    # What the rep did, sentence by sentence (simulator/scoring/moves.py).
    moves: tuple[Move, ...] = ()
    # The authored answer a typed reply was close to in meaning, when it was.
    close_to: CloseTo | None = None

    def to_dict(self) -> dict:
        return {
            "scores": dict(self.scores),
            "evidence": [ev.to_dict() for ev in self.evidence],
            "moves": [m.to_dict() for m in self.moves],
            "close_to": self.close_to.to_dict() if self.close_to else None,
        }


@dataclass(frozen=True)
class CloseTo:
    """A typed reply judged by an authored answer it is close to in meaning."""

    label: str
    text: str
    nearness: float

    def to_dict(self) -> dict:
        return {"label": self.label, "text": self.text, "nearness": round(self.nearness, 3)}


@dataclass(frozen=True)
class CoachingNote:
    """One of a session's most useful notes, pointing at a turn and the words."""

    turn: int  # 0-based index into the session's turns
    dimension: str
    text: str
    note: str
    weight: float

    def to_dict(self) -> dict:
        return {
            "turn": self.turn,
            "dimension": self.dimension,
            "text": self.text,
            "note": self.note,
            "weight": self.weight,
        }


@dataclass(frozen=True)
class Scorecard:
    """A session's three scores (0..100) and its top coaching notes."""

    scores: Mapping[str, int]
    notes: tuple[CoachingNote, ...] = ()
    rubric: str = ""
    # How each score was reached, for showing it: the mean of the turn scores (None
    # where no turn gave evidence), and the buyers' mean belief-meter change with the
    # points it added to belief.
    turn_means: Mapping[str, float | None] = field(default_factory=dict)
    belief_shift: float = 0.0
    belief_points: float = 0.0
    # What the rep did over the session, in one line ("you asked for the business in
    # 2 of 7 turns; ..."), and how many turns held each move (moves.moves_summary).
    moves_summary: str = ""
    move_turns: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "scores": dict(self.scores),
            "notes": [n.to_dict() for n in self.notes],
            "rubric": self.rubric,
            "moves_summary": self.moves_summary,
            "move_turns": dict(self.move_turns),
        }
