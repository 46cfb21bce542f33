"""What a conversation produces: utterances, the prompt the rep answers, and turns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from simulator.scoring import Evidence, Move

REPLY_KINDS = ("choice", "typed", "timeout")


@dataclass(frozen=True)
class Utterance:
    """Someone in the room saying a line (cast key and the words)."""

    speaker: str | None
    line: str

    def to_dict(self) -> dict:
        return {"speaker": self.speaker, "line": self.line}


@dataclass(frozen=True)
class Prompt:
    """What the rep faces at a step: the line actually said and any interjections."""

    step: str
    speaker: str | None
    line: str | None
    interjections: tuple[Utterance, ...] = ()

    def to_dict(self) -> dict:
        return {"step": self.step, "speaker": self.speaker, "line": self.line}


@dataclass(frozen=True)
class Turn:
    """One answered prompt: what was said to the rep, the reply, where it led, its scores."""

    step: str
    speaker: str | None
    line: str | None
    interjections: tuple[Utterance, ...]
    reply: str
    kind: str  # choice | typed | timeout
    next: str
    route: Mapping | None = None  # for typed/timeout replies: RouteMatch.to_dict() or None
    choice: int | None = None  # the number the rep picked (1-based among those offered)
    feedback: str = ""
    scores: Mapping[str, int] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    seconds: float | None = None  # time the rep took to answer, when known
    moves: tuple[Move, ...] = ()  # what the reply did, sentence by sentence

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "speaker": self.speaker,
            "line": self.line,
            "interjections": [u.to_dict() for u in self.interjections],
            "reply": self.reply,
            "kind": self.kind,
            "route": dict(self.route) if self.route is not None else None,
            "next": self.next,
            "choice": self.choice,
            "feedback": self.feedback,
            "scores": dict(self.scores),
            "evidence": [e.to_dict() for e in self.evidence],
            "moves": [m.to_dict() for m in self.moves],
            "seconds": self.seconds,
        }
