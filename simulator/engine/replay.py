"""Giving a session its replies again: one way to apply a recorded answer, used by
headless play (script lines), golden playthroughs (``check-play``) and the app's
hot reload (the rep's answers so far, on the edited scenario)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.engine.session import ReplyError, Session
from simulator.engine.turns import Turn
from simulator.scenario.model import Scenario
from simulator.scoring.rubric import Rubric

# A script line that is a number picks that choice; anything else is typed text.
_NUMBER = re.compile(r"^\s*\d+\s*$")


@dataclass(frozen=True)
class Answer:
    """What the rep did at one prompt, enough to do it again: a choice number,
    typed text, or nothing (the clock ran out)."""

    kind: str  # choice | typed | timeout
    value: int | str | None
    seconds: float | None = None
    # A typed reply the clock sent: the rep had started typing when time ran out.
    clock_ran_out: bool = False

    @classmethod
    def of(cls, turn: Turn, *, clock_ran_out: bool = False) -> Answer:
        value = (
            turn.choice if turn.kind == "choice" else turn.reply if turn.kind == "typed" else None
        )
        return cls(turn.kind, value, turn.seconds, clock_ran_out and turn.kind == "typed")


@dataclass(frozen=True)
class Replayed:
    """A session rebuilt from answers: how many of them it took, and why it stopped early."""

    session: Session
    applied: int
    problem: str | None = None


def replay(
    scenario: Scenario,
    seed: int,
    answers: Sequence[Answer],
    steps: Sequence[str],
    *,
    rubric: Rubric | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Replayed:
    """A new Session (same seed) with ``answers`` given again, stopping where the
    edited scenario no longer leads to the step the rep answered (``steps[i]``)."""
    session = Session(scenario, seed=seed, rubric=rubric, clock=clock)
    for i, answer in enumerate(answers):
        where = f"reply {i + 1}"
        prompt = session.prompt
        if prompt is None:
            return Replayed(session, i, f"{where}: the conversation now ends before it")
        if i < len(steps) and prompt.step != steps[i]:
            return Replayed(
                session, i, f"{where}: was answered at step '{steps[i]}', now at '{prompt.step}'"
            )
        try:
            give(session, answer)
        except ReplyError as exc:
            return Replayed(session, i, f"{where}: {exc}")
    return Replayed(session, len(answers))


def script_answer(line: str) -> Answer:
    """A line of a script (or a golden playthrough) as an answer; ReplyError for a
    number no scenario could offer."""
    if _NUMBER.match(line):
        # int() raises on 4,301+ digits; no scenario offers a billion choices anyway
        digits = line.strip()
        if len(digits) > 9:
            raise ReplyError(f"there is no choice {digits[:9]}... ({len(digits):,} digits)")
        return Answer("choice", int(digits))
    return Answer("typed", line)


def give(session: Session, answer: Answer) -> Turn:
    """Answer the session's prompt with ``answer``; ReplyError when it cannot be given."""
    if answer.kind == "choice":
        return session.choose(int(answer.value or 0), seconds=answer.seconds)
    if answer.kind == "typed":
        return session.reply(str(answer.value or ""), seconds=answer.seconds)
    return session.timeout(seconds=answer.seconds)
