"""A past session's story (why it ended, which reply moved which meter), rebuilt by replay.

The practice log keeps each turn's reply, scores and evidence, and the meters only as
they stood at the end. The moves per reply come from giving the logged replies again,
with the logged seed, to the same version of the scenario (its content hash), through
the engine, as the app's hot reload does. The replay is trusted only when it follows
the log exactly: every reply answered at the logged step and leading where the log
says, and the same meters at the end. Otherwise (the file was edited since, or typed
replies now route differently) the past session says so and shows no moves rather
than moves the rep never saw. No Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.engine import ReplyError, Session, Turn
from simulator.engine.replay import Answer, give
from simulator.scenario.model import Scenario
from simulator.tui.past_session import LoggedSession, turn_of
from simulator.tui.turn_story import Story, TurnRecord, tell, values_of


@dataclass(frozen=True)
class PastStory:
    """The story of a logged play, or why there is none (``story`` None, ``note`` says)."""

    story: Story | None
    note: str = ""


def _mismatch(turn: Turn, logged: Turn, number: int) -> str:
    if turn.next != logged.next:
        return f"reply {number} now leads to '{turn.next}', the log says '{logged.next}'"
    return ""


def _replay(
    scenario: Scenario, seed: int, logged: Sequence[Turn]
) -> tuple[Session, list[TurnRecord], str]:
    """The session given the logged replies again, the record around each, and the
    first place it left the log ('' when it followed it all the way)."""
    session = Session(scenario, seed=seed, clock=lambda: 0.0)
    records: list[TurnRecord] = []
    for number, past in enumerate(logged, 1):
        prompt = session.prompt
        if prompt is None or prompt.step != past.step:
            at = prompt.step if prompt is not None else "the ending"
            return session, records, f"reply {number} now comes at '{at}', not '{past.step}'"
        before, offered = values_of(session), tuple(session.offered())
        try:
            turn = give(session, Answer.of(past))
        except ReplyError as exc:
            return session, records, f"reply {number}: {exc}"
        records.append(TurnRecord(before, values_of(session), offered))
        problem = _mismatch(turn, past, number)
        if problem:
            return session, records, problem
    return session, records, ""


def past_story(scenario: Scenario | None, session: LoggedSession) -> PastStory:
    """Replay a logged play of ``scenario`` and tell its story; see the module docstring."""
    if session.mode == "drill" or not session.turns:
        return PastStory(None)  # a drill's lines come from many scenarios: no meters
    if scenario is None:
        return PastStory(None, "This scenario is no longer in the library: no meter moves.")
    if session.content_hash != scenario.content_hash:
        return PastStory(
            None, "The scenario file has changed since this session: its meter moves are not shown."
        )
    if session.seed is None:
        return PastStory(None, "The log kept no seed for this session: no meter moves.")
    logged = [turn_of(item) for item in session.turns]
    replayed, records, problem = _replay(scenario, session.seed, logged)
    if not problem and session.meters and session.meters != _meters_now(replayed):
        problem = "the meters at the end differ from the log's"
    if problem:
        return PastStory(
            None,
            f"Replaying this session no longer follows the log ({problem}): "
            "its meter moves are not shown.",
        )
    return PastStory(tell(scenario, logged, records, session.ending))


def _meters_now(session: Session) -> dict[str, dict[str, float]]:
    return {
        member: {meter: float(value) for meter, value in meters.items()}
        for member, meters in session.run.meters.items()
    }
