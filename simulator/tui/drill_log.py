"""How a drill round is written to the practice log (mode ``drill``). No Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.practice.records import NewSession

if TYPE_CHECKING:
    from simulator.engine.drill import Drill, DrillAnswer
    from simulator.tui.practice_store import PracticeStore


def start_drill(store: PracticeStore | None, drill: Drill) -> int | None:
    if store is None:
        return None
    return store.start(NewSession(**drill.log_fields()))


def record_answer(store: PracticeStore | None, sid: int | None, answer: DrillAnswer) -> None:
    if store is not None:
        store.record(sid, answer.to_dict(), answer.seconds)


def finish_drill(store: PracticeStore | None, sid: int | None, drill: Drill) -> dict:
    report = drill.report()
    if store is not None:
        store.finish(sid, {**report, "ending": None})
    return report
