"""One scenario being played in the app: the session, its log entry, and hot reload.

Kept apart from the screen (and from Textual) so the rules can be tested alone:
every answered turn goes to the practice log at once, the finished report once,
and a reload replays the rep's answers so far on the edited scenario.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from simulator.engine import Session, Turn
from simulator.engine.replay import Answer, Replayed, give, replay
from simulator.practice.records import NewSession
from simulator.scenario.model import Scenario
from simulator.scoring.rubric import Rubric
from simulator.tui.practice_store import PracticeStore
from simulator.tui.turn_story import Story, TurnRecord, tell, values_of


class LivePlay:
    """A play in progress: answer it, and every turn is logged as it happens."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        seed: int | None = None,
        rubric: Rubric | None = None,
        store: PracticeStore | None = None,
        clock: Callable[[], float] | None = None,
    ):
        self.rubric = rubric
        self.store = store  # a PracticeStore, or None to log nothing
        self.clock = clock or time.monotonic
        self.session = Session(scenario, seed=seed, rubric=rubric, clock=self.clock)
        self.answers: list[Answer] = []
        self.records: list[TurnRecord] = []  # the session around each reply, for the story
        self.finished = False
        self.log_id: int | None = None
        self._start_log()

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def seed(self) -> int:
        return self.session.seed

    def _start_log(self) -> None:
        sc = self.scenario
        if self.store is None:
            return
        self.log_id = self.store.start(NewSession.of(sc, self.session.seed))

    # -- answering ------------------------------------------------------------------

    def choose(self, number: int) -> Turn:
        return self._give(Answer("choice", number))

    def reply(self, text: str, *, clock_ran_out: bool = False) -> Turn:
        """A typed reply; ``clock_ran_out`` when the clock sent what was in the box."""
        return self._give(Answer("typed", text), clock_ran_out=clock_ran_out)

    def timeout(self) -> Turn:
        return self._give(Answer("timeout", None))

    def _give(self, answer: Answer, *, clock_ran_out: bool = False) -> Turn:
        turn, record = _recorded(self.session, answer)
        self.records.append(record)
        return self._logged(turn, clock_ran_out=clock_ran_out)

    def story(self) -> Story:
        """What each reply moved, and (once over) why the conversation ended."""
        session = self.session
        return tell(self.scenario, session.turns, self.records, session.ending)

    def sent_by_clock(self, index: int) -> bool:
        """Whether turn ``index`` was half-typed text sent when the clock ran out."""
        return 0 <= index < len(self.answers) and self.answers[index].clock_ran_out

    def _logged(self, turn: Turn, *, clock_ran_out: bool = False) -> Turn:
        self.answers.append(Answer.of(turn, clock_ran_out=clock_ran_out))
        if self.store is not None:
            self.store.record(self.log_id, turn.to_dict(), turn.seconds)
        return turn

    def finish(self) -> dict:
        """The report; written to the log the first time it is asked for after the end."""
        report = self.session.report()
        if self.session.ended and not self.finished:
            self.finished = True
            if self.store is not None:
                self.store.finish(self.log_id, report)
        return report

    # -- hot reload -----------------------------------------------------------------

    def reload(self, scenario: Scenario) -> Replayed:
        """Swap in an edited scenario and replay the answers so far on it.

        When every answer replays, the log entry carries on. When the edit cut the
        path short, the old entry stays abandoned and a new one holds what replayed.
        """
        steps = [t.step for t in self.session.turns]
        result = replay(
            scenario, self.seed, self.answers, steps, rubric=self.rubric, clock=self.clock
        )
        complete = result.applied == len(self.answers)
        self.answers = self.answers[: result.applied]
        # Once more, keeping the record around each reply (the edit may move meters).
        self.session, self.records = _replayed(
            scenario, self.seed, self.answers, rubric=self.rubric, clock=self.clock
        )
        if not complete:
            self.finished = False
            self._start_log()
            if self.store is not None:
                for turn in self.session.turns:
                    self.store.record(self.log_id, turn.to_dict(), turn.seconds)
        return result


def _recorded(session: Session, answer: Answer) -> tuple[Turn, TurnRecord]:
    before, offered = values_of(session), tuple(session.offered())
    turn = give(session, answer)
    return turn, TurnRecord(before, values_of(session), offered)


def _replayed(
    scenario: Scenario,
    seed: int,
    answers: list[Answer],
    *,
    rubric: Rubric | None,
    clock: Callable[[], float],
) -> tuple[Session, list[TurnRecord]]:
    """A new session given ``answers`` (all known to apply), with their records."""
    session = Session(scenario, seed=seed, rubric=rubric, clock=clock)
    records = [_recorded(session, answer)[1] for answer in answers]
    return session, records
