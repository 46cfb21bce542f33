"""How a drill round is written to the practice log (mode ``drill``). No Textual."""

from __future__ import annotations

from typing import Any

from simulator.practice.records import NewSession


def start_drill(store: Any, drill: Any) -> int | None:
    if store is None:
        return None
    return store.start(NewSession(**drill.log_fields()))


def record_answer(store: Any, sid: int | None, answer: Any) -> None:
    if store is not None:
        store.record(sid, answer.to_dict(), answer.seconds)


def finish_drill(store: Any, sid: int | None, drill: Any) -> dict:
    report = drill.report()
    if store is not None:
        store.finish(sid, {**report, "ending": None})
    return report
