"""How a drill round is written to the practice log (mode ``drill``). No Textual."""

from __future__ import annotations

from typing import Any

from simulator.scoring import DIMENSIONS

DRILL_ID = "drill"


def start_drill(store: Any, drill: Any) -> int | None:
    if store is None:
        return None
    return store.start(
        DRILL_ID,
        f"Drill: {len(drill.lines)} buyer lines",
        "",
        difficulty=None,
        skills=DIMENSIONS,
        seed=drill.seed,
        mode="drill",
    )


def record_answer(store: Any, sid: int | None, answer: Any) -> None:
    if store is not None:
        store.record(sid, answer.to_dict(), answer.seconds)


def finish_drill(store: Any, sid: int | None, drill: Any) -> dict:
    report = drill.report()
    if store is not None:
        store.finish(sid, {**report, "ending": None})
    return report
