"""Drill: rapid-fire buyer lines drawn from across the library, each reply scored at once.

A drill takes the steps of many scenarios that carry a ``model_answer`` (the steps
a trainer marked as worth practising), draws ``count`` of them with a seeded
random generator, and scores each typed reply with that step's context, the same
way a typed reply in a full conversation is scored. Pure: no I/O, no Textual; the
TUI and ``repcraft drill --script`` feed replies in and read results out.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from simulator.engine.session import reply_context, step_answers
from simulator.scenario.model import Scenario, Step
from simulator.scoring import (
    DIMENSIONS,
    Evidence,
    Move,
    ReplyContext,
    ReplyScore,
    Scorecard,
    score_reply,
    score_session,
)
from simulator.scoring.rubric import Rubric

DEFAULT_COUNT = 10
DEFAULT_SECONDS = 30.0


DRILL_ID = "drill"  # the practice log's scenario id for drill rounds


class DrillError(ValueError):
    """A drill that cannot be run (no steps with a model answer) or is already over."""


@dataclass(frozen=True)
class DrillLine:
    """One buyer line to answer: where it comes from, who says it, and the model answer."""

    scenario_id: str
    scenario_title: str
    step: str
    speaker: str | None
    speaker_label: str
    line: str
    model_answer: str
    context: ReplyContext
    # What led here in the scenario, so a line like "Fine. Who will I be talking
    # to?" makes sense out of its conversation. None for a scenario's opening line.
    lead_in: LeadIn | None = None
    # The scenario briefing's "what is true" list: the only facts the line, the
    # scoring and the model answer may rest on, so the rep is shown them first.
    facts: tuple[str, ...] = ()
    product_name: str = ""


@dataclass(frozen=True)
class LeadIn:
    """The buyer line before a drill line, and the scripted reply that led on from it.

    ``reply`` is a choice's full text (a line a rep says in the scenario), never a
    typed route's ``like`` example (a matching phrase, not something anyone said);
    None when only a typed route leads here. The rep in the drill never said it, so
    it is shown as "the rep answered", not as the rep's own words.
    """

    speaker_label: str
    line: str
    reply: str | None = None

    def to_dict(self) -> dict:
        return {"speaker": self.speaker_label, "line": self.line, "reply": self.reply}


@dataclass(frozen=True)
class DrillAnswer:
    """The rep's answer to one drill line and how it scored."""

    item: DrillLine
    reply: str
    kind: str  # typed | timeout
    scores: Mapping[str, int] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    seconds: float | None = None
    moves: tuple[Move, ...] = ()

    def to_dict(self) -> dict:
        """Shaped like a turn of the play report, plus where the line came from."""
        item = self.item
        return {
            "scenario": item.scenario_id,
            "step": item.step,
            "speaker": item.speaker,
            "line": item.line,
            "interjections": [],
            "reply": self.reply,
            "kind": self.kind,
            "route": None,
            "next": None,
            "scores": dict(self.scores),
            "evidence": [e.to_dict() for e in self.evidence],
            "moves": [m.to_dict() for m in self.moves],
            "model_answer": item.model_answer,
            "lead_in": item.lead_in.to_dict() if item.lead_in else None,
            "facts": list(item.facts),
            "seconds": self.seconds,
        }


def _drillable(step: Step) -> bool:
    return bool(step.model_answer.strip()) and not step.is_ending and bool(step.phrasings)


def candidates(scenarios: Iterable[Scenario]) -> list[tuple[Scenario, Step]]:
    """Every (scenario, step) a drill may draw from, in a stable order."""
    found = [
        (sc, step)
        for sc in sorted(scenarios, key=lambda s: s.id)
        for step in sc.steps.values()
        if _drillable(step)
    ]
    return found


def lead_in(scenario: Scenario, step: Step) -> LeadIn | None:
    """The buyer line that first leads to ``step`` in the file, with the choice that
    leads on from it; a line a typed route leads on from comes without a reply."""
    if step.id == scenario.start:
        return None
    routed: LeadIn | None = None
    for before in scenario.steps.values():
        if before.id == step.id or not before.line:
            continue
        label = scenario.speaker_label(before.speaker) or "Buyer"
        for choice in before.choices:
            if choice.next == step.id:
                return LeadIn(label, before.line, choice.text)
        if routed is None and any(route.next == step.id for route in before.routes):
            routed = LeadIn(label, before.line)
    return routed


def _line(scenario: Scenario, step: Step, rng: random.Random) -> DrillLine:
    phrasings = step.phrasings
    said = rng.choice(phrasings) if len(phrasings) > 1 else phrasings[0]
    context = reply_context(scenario, said, kind="typed", answers=step_answers(step))
    return DrillLine(
        scenario_id=scenario.id,
        scenario_title=scenario.title,
        step=step.id,
        speaker=step.speaker,
        speaker_label=scenario.speaker_label(step.speaker) or "Buyer",
        line=said,
        model_answer=step.model_answer.strip(),
        context=context,
        lead_in=lead_in(scenario, step),
        facts=tuple(scenario.product.facts),
        product_name=scenario.product.name or "",
    )


def draw(
    scenarios: Iterable[Scenario], count: int = DEFAULT_COUNT, seed: int | None = None
) -> list[DrillLine]:
    """``count`` distinct lines (fewer if the library has fewer), seeded.

    Lines are spread over scenarios: a round never repeats a step, and when the
    library has enough scenarios no two lines in a row come from the same one.
    """
    pool = candidates(scenarios)
    rng = random.Random(seed)
    picked = rng.sample(pool, min(max(count, 0), len(pool)))
    # Avoid two lines in a row from the same scenario where a swap can fix it.
    for i in range(1, len(picked)):
        if picked[i][0].id == picked[i - 1][0].id:
            for j in range(i + 1, len(picked)):
                if picked[j][0].id != picked[i - 1][0].id:
                    picked[i], picked[j] = picked[j], picked[i]
                    break
    return [_line(sc, step, rng) for sc, step in picked]


class Drill:
    """One round of drill. Answer the :attr:`current` line with :meth:`answer` or
    :meth:`timeout` until :attr:`done`; then read :meth:`scorecard` or :meth:`report`."""

    def __init__(
        self,
        scenarios: Iterable[Scenario],
        count: int = DEFAULT_COUNT,
        seed: int | None = None,
        *,
        rubric: Rubric | None = None,
        seconds: float | None = DEFAULT_SECONDS,
    ):
        self.seed = seed if seed is not None else random.randrange(2**31)
        self.rubric = rubric
        self.seconds = seconds  # the timer per line; None for no timer
        self.lines = draw(scenarios, count, self.seed)
        if not self.lines:
            raise DrillError(
                "no scenario step has a model_answer to drill on "
                "(add model_answer to a step, or --scenarios DIR with such files)"
            )
        self.answers: list[DrillAnswer] = []
        self._scored: list[ReplyScore] = []

    @property
    def current(self) -> DrillLine | None:
        """The line to answer now; None when the round is over."""
        return None if self.done else self.lines[len(self.answers)]

    @property
    def position(self) -> int:
        """1-based number of the current line (``len(lines)`` once done)."""
        return min(len(self.answers) + 1, len(self.lines))

    @property
    def done(self) -> bool:
        return len(self.answers) >= len(self.lines)

    def answer(self, text: str, seconds: float | None = None) -> DrillAnswer:
        """Score a typed reply to the current line."""
        return self._record(text, "typed", seconds)

    def timeout(self, seconds: float | None = None) -> DrillAnswer:
        """No answer in time: recorded, scored as a timeout, and the drill moves on."""
        return self._record("", "timeout", seconds)

    def _record(self, text: str, kind: str, seconds: float | None) -> DrillAnswer:
        item = self.current
        if item is None:
            raise DrillError("the drill is over")
        context = item.context if kind == "typed" else _with_kind(item.context, kind)
        scored = score_reply(text, context, self.rubric)
        result = DrillAnswer(
            item,
            text,
            kind,
            dict(scored.scores),
            tuple(scored.evidence),
            None if seconds is None else round(seconds, 3),
            tuple(scored.moves),
        )
        self.answers.append(result)
        self._scored.append(scored)
        return result

    def scorecard(self) -> Scorecard:
        """The round's three scores (0..100) and its coaching notes."""
        return score_session(self._scored, 0.0, self.rubric)

    def log_fields(self) -> dict:
        """How a round is filed in the practice log (``start_session`` keywords)."""
        return {
            "scenario_id": DRILL_ID,
            "title": f"Drill: {len(self.lines)} buyer lines",
            "content_hash": "",
            "difficulty": None,
            "skills": DIMENSIONS,
            "seed": self.seed,
            "mode": "drill",
        }

    def report(self) -> dict:
        """JSON-ready: the seed, every line with reply, scores and evidence, the totals."""
        card = self.scorecard()
        return {
            "mode": "drill",
            "rubric": card.rubric,
            "seed": self.seed,
            "count": len(self.lines),
            "answered": sum(a.kind == "typed" for a in self.answers),
            "timeouts": sum(a.kind == "timeout" for a in self.answers),
            "turns": [a.to_dict() for a in self.answers],
            "scores": {d: card.scores.get(d) for d in DIMENSIONS},
            "notes": [n.to_dict() for n in card.notes],
            "moves_summary": card.moves_summary,
            "seconds": round(sum(a.seconds or 0.0 for a in self.answers), 3),
        }


def _with_kind(context: ReplyContext, kind: str) -> ReplyContext:
    return replace(context, kind=kind)
