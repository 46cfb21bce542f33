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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator.engine import ReplyError, Session, Turn
from simulator.engine.replay import Answer, give
from simulator.scenario.model import Scenario
from simulator.tui.past_session import LogRecord, turn_of
from simulator.tui.turn_story import Story, TurnRecord, tell, values_of


@dataclass(frozen=True)
class PastStory:
    """The story of a logged play, or why there is none (``story`` None, ``note`` says)."""

    story: Story | None
    note: str = ""


def _logged_meters(session: LogRecord) -> dict[str, float]:
    meters = session.get("meters")
    out: dict[str, float] = {}
    if not isinstance(meters, Mapping):
        return out
    for member, values in meters.items():
        if isinstance(values, Mapping):
            for meter, value in values.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    out[f"{member}.{meter}"] = float(value)
    return out


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


def past_story(scenario: Scenario | None, session: LogRecord) -> PastStory:
    """Replay a logged play of ``scenario`` and tell its story; see the module docstring."""
    if session.get("mode") == "drill":
        return PastStory(None)  # lines from many scenarios: no meters to follow
    items = [t for t in session.get("turns") or [] if isinstance(t, Mapping)]
    if not items:
        return PastStory(None)
    if scenario is None:
        return PastStory(None, "This scenario is no longer in the library: no meter moves.")
    if str(session.get("content_hash") or "") != scenario.content_hash:
        return PastStory(
            None, "The scenario file has changed since this session: its meter moves are not shown."
        )
    seed = session.get("seed")
    if not isinstance(seed, int):
        return PastStory(None, "The log kept no seed for this session: no meter moves.")
    logged = [turn_of(item) for item in items]
    replayed, records, problem = _replay(scenario, seed, logged)
    if not problem and _logged_meters(session) not in ({}, _meters_now(replayed)):
        problem = "the meters at the end differ from the log's"
    if problem:
        return PastStory(
            None,
            f"Replaying this session no longer follows the log ({problem}): "
            "its meter moves are not shown.",
        )
    ending = str(session.get("ending")) if session.get("ending") else None
    return PastStory(tell(scenario, logged, records, ending))


def _meters_now(session: Session) -> dict[str, float]:
    return {
        f"{member}.{meter}": float(value)
        for member, meters in session.run.meters.items()
        for meter, value in meters.items()
    }
