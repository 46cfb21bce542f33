"""A ``Session`` plays one scenario: a ``transitions`` machine over the steps.

Steps are states; each choice is a ``pick_<i>`` trigger and each route a
``route_<i>`` trigger (``i`` = its place in the step's list, so one event serves
every step); ``when`` conditions are the guards (what is on offer is what the
machine ``may`` trigger), effects run as ``before`` callbacks, i.e. after the guard
passed and before the next step is entered, and ``end:`` steps are final states:
entering one ends the conversation (``on_final``).
All run state (meters, variables, turns, current step) lives in one
``ConversationState`` that can be serialised apart from the immutable scenario.
No I/O here: front ends feed replies in and read prompts and turns out.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from transitions import Machine

from simulator.engine.matching import best_route
from simulator.engine.turns import Prompt, Turn, Utterance
from simulator.scenario.model import Choice, Effect, Route, Scenario, Step, holds
from simulator.scoring import (
    AuthoredAnswer,
    ReplyContext,
    ReplyScore,
    Scorecard,
    score_reply,
    score_session,
)
from simulator.scoring.rubric import Rubric


class ReplyError(ValueError):
    """A reply the current step cannot take (a number not on offer, text with no routes)."""


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


def _plain(value: Any) -> Any:
    """Whole floats as ints, so reports read ``40`` rather than ``40.0``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def reply_context(scenario: Scenario, buyer_line: str, **extra: Any) -> ReplyContext:
    """What the scorer knows when a rep answers ``buyer_line`` in ``scenario``."""
    product = scenario.product
    return ReplyContext(
        buyer_line=buyer_line,
        facts=product.facts,
        false_claims=product.false_claims,
        cast_names=tuple(m.name for m in scenario.cast.values()),
        product_name=product.name,
        **extra,
    )


def step_answers(step: Step, choices: Sequence[Choice] | None = None) -> tuple[AuthoredAnswer, ...]:
    """The answers the author wrote and scored at ``step`` (``choices``: those on offer,
    default all), and its model answer, scored as the best choice on each dimension."""
    choices = step.choices if choices is None else choices
    out = [
        AuthoredAnswer(c.text, dict(c.score), c.feedback, f'the choice "{_clip(c.text)}"')
        for c in choices
        if c.score
    ]
    if step.model_answer.strip() and step.choices:
        best: dict[str, int] = {}
        for c in step.choices:
            for dim, s in c.score.items():
                best[dim] = max(best.get(dim, s), s)
        if best:
            note = "what a top performer would say here"
            out.append(AuthoredAnswer(step.model_answer.strip(), best, note, "the model answer"))
    return tuple(out)


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class ConversationState:
    """Everything that changes while a scenario is played; the machine's model."""

    state: str  # the current step id, maintained by ``transitions``

    def __init__(self, scenario: Scenario):
        self.meters: dict[str, dict[str, float]] = {
            key: {"trust": float(m.trust), "belief": float(m.belief)}
            for key, m in scenario.cast.items()
        }
        self.vars: dict[str, float | bool] = dict(scenario.vars)
        self.turns: list[Turn] = []
        self.prompt: Prompt | None = None
        self.ending: str | None = None
        self.closing: Prompt | None = None

    def lookup(self, name: str) -> float | bool:
        """Value of ``member.meter`` or a variable, for conditions."""
        if "." in name:
            member, meter = name.split(".", 1)
            return self.meters[member][meter]
        return self.vars[name]

    def apply(self, effects: tuple[Effect, ...]) -> None:
        for effect in effects:
            if effect.is_meter:
                member, meter = effect.target.split(".", 1)
                old = self.meters[member][meter]
                new = old + effect.value if effect.op == "add" else effect.value
                self.meters[member][meter] = _clamp(float(new))
            elif effect.op == "add":
                self.vars[effect.target] = self.vars[effect.target] + effect.value
            else:
                self.vars[effect.target] = effect.value

    def meters_dict(self) -> dict[str, dict[str, float]]:
        return {k: {m: _plain(v) for m, v in meters.items()} for k, meters in self.meters.items()}

    def vars_dict(self) -> dict[str, float | bool]:
        return {k: _plain(v) for k, v in self.vars.items()}


class Session:
    """One play of a scenario. Answer with :meth:`choose`, :meth:`reply` or :meth:`timeout`."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int | None = None,
        *,
        rubric: Rubric | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.scenario = scenario
        self.seed = seed if seed is not None else random.randrange(2**31)
        self.rubric = rubric
        self._rng = random.Random(self.seed)
        self._clock = clock
        self.run = ConversationState(scenario)
        # Building makes many small acyclic objects; pausing the cyclic GC keeps
        # it from rescanning them all over and over (linear, not quadratic, time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self.machine = Machine(
                model=self.run,
                states=[{"name": s.id, "final": s.is_ending} for s in scenario.steps.values()],
                initial=scenario.start,
                auto_transitions=False,  # else one to_<step> trigger per pair: quadratic
                send_event=False,
                on_final=self._reached_final,
            )
            for step in scenario.steps.values():
                self._add_step_transitions(step)
        finally:
            if collecting:
                gc.enable()
        self.started_at = clock()
        self.ended_at: float | None = None
        self._prompt_at = self.started_at
        if self.machine.get_state(scenario.start).final:  # no transition enters the start
            self._reached_final()
        self._enter(scenario.start)

    # -- building -------------------------------------------------------------

    def _guard(self, item: Choice | Route) -> list[str | Callable[..., bool | None]]:
        if item.when is None:
            return []
        run = self.run
        return [lambda *_a, **_k: holds(item, run.lookup)]

    def _effects(self, item: Choice | Route) -> list[str | Callable[..., bool | None]]:
        if not item.effects:
            return []
        effects, run = item.effects, self.run
        return [lambda *_a, **_k: run.apply(effects)]

    def _reached_final(self, *_args: Any, **_kwargs: Any) -> None:
        """The machine entered a final state: the conversation has ended there."""
        self.run.ending = self.scenario.steps[self.run.state].end

    def _add_step_transitions(self, step: Step) -> None:
        for kind, items in (("pick", step.choices), ("route", step.routes)):
            for item in items:
                self.machine.add_transition(
                    f"{kind}_{item.index}",
                    step.id,
                    item.next,
                    conditions=self._guard(item),
                    before=self._effects(item),
                )

    # -- reading --------------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.scenario.steps[self.run.state]

    @property
    def prompt(self) -> Prompt | None:
        """What the rep is answering now; None once the conversation has ended."""
        return None if self.ended else self.run.prompt

    @property
    def ended(self) -> bool:
        return self.run.ending is not None

    @property
    def ending(self) -> str | None:
        return self.run.ending

    @property
    def closing(self) -> Prompt | None:
        return self.run.closing

    @property
    def turns(self) -> list[Turn]:
        return self.run.turns

    def offered(self) -> list[Choice]:
        """The choices on offer now, in file order: those whose ``when`` holds."""
        if self.ended:
            return []
        return [c for c in self.step.choices if getattr(self.run, f"may_pick_{c.index}")()]

    def live_routes(self) -> list[Route]:
        """The routes a typed reply may take now (``when`` holds)."""
        if self.ended:
            return []
        return [r for r in self.step.routes if getattr(self.run, f"may_route_{r.index}")()]

    def accepts_text(self) -> bool:
        return bool(self.live_routes())

    # -- answering ------------------------------------------------------------

    def choose(self, number: int, seconds: float | None = None) -> Turn:
        """Pick the ``number``-th (1-based) offered choice."""
        offered = self._require_open().offered()
        if not 1 <= number <= len(offered):
            text = self._offer_text(number, offered)
            if not offered and self.accepts_text():
                text += " (this step takes typed replies: write the reply itself)"
            raise ReplyError(text)
        choice = offered[number - 1]
        getattr(self.run, f"pick_{choice.index}")()
        context = self._context(
            authored=dict(choice.score), kind="choice", feedback=choice.feedback
        )
        return self._record(
            choice.text, "choice", context, seconds, choice=number, feedback=choice.feedback
        )

    def reply(self, text: str, seconds: float | None = None) -> Turn:
        """A typed reply: routed to the best-matching route, ``else``, or the same step."""
        routes = self._require_open().live_routes()
        if not routes:
            raise ReplyError(
                f"step '{self.run.state}' takes no typed replies; pick a choice by number: "
                + self._choice_listing(self.offered())
            )
        # The step's authored answers, read before the transition leaves the step.
        answers = step_answers(self.step, self.offered())
        match = best_route(text, routes, self.step, self.offered())
        if match.choice is not None:  # said what a choice says: the same reaction
            getattr(self.run, f"pick_{match.choice.index}")()
        elif match.route is not None:
            getattr(self.run, f"route_{match.route.index}")()
        return self._record(
            text,
            "typed",
            self._context(kind="typed", answers=answers),
            seconds,
            route=match.to_dict(),
        )

    def timeout(self, seconds: float | None = None) -> Turn:
        """No answer in time: the ``else`` route if there is one, else the buyer presses again."""
        self._require_open()
        fallback = next((r for r in self.live_routes() if r.is_else), None)
        route = None
        if fallback is not None:
            getattr(self.run, f"route_{fallback.index}")()
            route = {
                "index": fallback.index,
                "like": None,
                "match": "timeout",
                "else": True,
                "next": fallback.next,
            }
        return self._record("", "timeout", self._context(kind="timeout"), seconds, route=route)

    # -- internals ------------------------------------------------------------

    def _require_open(self) -> Session:
        if self.ended:
            raise ReplyError(f"the conversation has ended ({self.run.ending})")
        return self

    @staticmethod
    def _choice_listing(offered: list[Choice]) -> str:
        if not offered:
            return "no choices are offered here"
        return "offered are " + "; ".join(f"{i}. {c.text}" for i, c in enumerate(offered, 1))

    @classmethod
    def _offer_text(cls, number: int, offered: list[Choice]) -> str:
        return f"there is no choice {number}: {cls._choice_listing(offered)}"

    def _context(
        self,
        *,
        authored: dict | None = None,
        kind: str,
        feedback: str = "",
        answers: tuple[AuthoredAnswer, ...] = (),
    ) -> ReplyContext:
        prompt = self.run.prompt
        line = (prompt.line or "") if prompt else ""
        return reply_context(
            self.scenario, line, authored=authored, kind=kind, feedback=feedback, answers=answers
        )

    def _record(
        self, text: str, kind: str, context: ReplyContext, seconds: float | None, **extra: Any
    ) -> Turn:
        now = self._clock()
        prompt = self.run.prompt
        assert prompt is not None
        scored = score_reply(text, context, self.rubric)
        turn = Turn(
            step=prompt.step,
            speaker=prompt.speaker,
            line=prompt.line,
            interjections=prompt.interjections,
            reply=text,
            kind=kind,
            next=self.run.state,
            scores=dict(scored.scores),
            evidence=tuple(scored.evidence),
            moves=tuple(scored.moves),
            seconds=round(seconds if seconds is not None else now - self._prompt_at, 3),
            **extra,
        )
        self.run.turns.append(turn)
        self._prompt_at = now
        self._enter(self.run.state)
        return turn

    def _enter(self, step_id: str) -> None:
        """Say the step's line (a seeded pick among its phrasings) and its interjections."""
        step = self.scenario.steps[step_id]
        phrasings = step.phrasings
        line = self._rng.choice(phrasings) if len(phrasings) > 1 else (step.line or None)
        spoken = tuple(Utterance(i.speaker, i.line) for i in step.speaking(self.run.lookup))
        prompt = Prompt(step_id, step.speaker, line, spoken)
        self.run.prompt = prompt
        if self.ended:  # a final state (see _reached_final): its line closes the talk
            self._finish(prompt)
        elif not self.offered() and not self.live_routes():
            self.run.ending = "stall"  # nothing can be offered: the talk stalls
            self._finish(prompt)

    def _finish(self, closing: Prompt) -> None:
        self.run.closing = closing if (closing.line or closing.interjections) else None
        self.ended_at = self._clock()

    # -- results --------------------------------------------------------------

    def belief_shift(self) -> float:
        """Mean change of the buyers' belief meters since the start."""
        cast = self.scenario.cast
        if not cast:
            return 0.0
        moves = [self.run.meters[k]["belief"] - m.belief for k, m in cast.items()]
        return sum(moves) / len(moves)

    def scorecard(self) -> Scorecard:
        replies = [ReplyScore(t.scores, t.evidence, t.moves) for t in self.run.turns]
        return score_session(replies, self.belief_shift(), self.rubric)

    def seconds(self) -> float:
        end = self.ended_at if self.ended_at is not None else self._clock()
        return round(end - self.started_at, 3)

    def report(self) -> dict:
        """The JSON report of DESIGN.md (stable keys), plus the seed and coaching notes."""
        card = self.scorecard()
        closing = self.run.closing
        return {
            "scenario": self.scenario.id,
            "rubric": card.rubric,
            "ending": self.run.ending,
            "turns": [t.to_dict() for t in self.run.turns],
            "closing": closing.to_dict() if closing else None,
            "scores": dict(card.scores),
            "meters": self.run.meters_dict(),
            "vars": self.run.vars_dict(),
            "seconds": self.seconds(),
            "seed": self.seed,
            "notes": [n.to_dict() for n in card.notes],
            "moves_summary": card.moves_summary,
        }
