"""Reviewed snapshots of every screen at 80x24 (a first-class size) and 120x40.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at every SVG in tests/__snapshots__/ before committing.
Everything that could vary is pinned: inline scenarios, seed, clock, "today", and
a practice log written with fixed timestamps.
"""

from __future__ import annotations

import pytest

from simulator.practice.records import NewSession
from tests.test_tui_support import (
    PRICE,
    build_app,
    fake_clock,
    fill_log,
    settle,
    type_text,
    write,
)


@pytest.fixture
def app_for(tmp_path, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)  # review snapshots in colour
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    def make(**options):
        options.setdefault("clock", fake_clock())
        options.setdefault("drill_seconds", None)
        options.setdefault("cursor_blink", False)
        return build_app(tmp_path, **options)

    return make


SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


async def _ready(pilot) -> None:
    await settle(pilot, pilot.app)


def _keys(*keys: str):
    """A run_before that presses ``keys`` once the library is up, settling after each."""

    async def run(pilot) -> None:
        await _ready(pilot)
        for key in keys:
            await pilot.press(key)
            await _ready(pilot)

    return run


@SIZES
def test_library_screen(snap_compare, app_for, size):
    assert snap_compare(app_for(), terminal_size=size, run_before=_ready)


@SIZES
def test_briefing_screen(snap_compare, app_for, size):
    assert snap_compare(app_for(), terminal_size=size, run_before=_keys("enter"))


@SIZES
def test_conversation_screen(snap_compare, app_for, size):
    keys = _keys("enter", "enter", "2", "enter")
    assert snap_compare(app_for(), terminal_size=size, run_before=keys)


@SIZES
def test_keys_dialog(snap_compare, app_for, size):
    keys = _keys("enter", "enter", "question_mark")
    assert snap_compare(app_for(), terminal_size=size, run_before=keys)


@SIZES
def test_scorecard_screen(snap_compare, app_for, size):
    keys = _keys("enter", "enter", "2", "enter", "1", "enter", "enter")  # a lone digit + Enter
    assert snap_compare(app_for(), terminal_size=size, run_before=keys)


@SIZES
def test_progress_screen(snap_compare, app_for, tmp_path, size):
    fill_log(
        tmp_path / "practice.sqlite3",
        [(20, 12, (40, 50, 35)), (9, 25, (55, 48, 50)), (2, 8, (60, 52, 58)),
         (1, 15, (70, 61, 66)), (0, 30, (74, 58, 72))],
    )  # fmt: skip
    assert snap_compare(app_for(), terminal_size=size, run_before=_keys("p"))


@SIZES
def test_drill_screen(snap_compare, app_for, size):
    async def one_answer(pilot):
        await _ready(pilot)
        await pilot.press("d")
        await _ready(pilot)
        await type_text(pilot, "Can we book Friday?")
        await pilot.press("enter")
        await _ready(pilot)

    app = app_for(drill_count=2)
    assert snap_compare(app, terminal_size=size, run_before=one_answer)


def _played_log(path) -> None:
    """One played session of PRICE (choices 2 then 1) in the log, at fixed times."""
    from simulator.engine import Session
    from simulator.practice import PracticeLog
    from simulator.scenario.loader import check_text
    from tests.test_tui_support import _at

    scenario, _ = check_text(PRICE, "price.yaml")
    session = Session(scenario, seed=1, clock=fake_clock())
    for number in (2, 1):
        session.choose(number)
    log = PracticeLog.open(path)
    start = _at(1, hour=9)
    sid = log.start_session(NewSession(
        scenario.id, scenario.title, scenario.content_hash, difficulty=2,
        skills=scenario.skills, seed=1,
        started_at=start,
    ))  # fmt: skip
    for n, turn in enumerate(session.turns, 1):
        log.record_turn(sid, turn.to_dict(), reply_seconds=5.0, at=start + 10 * n)
    log.finish_session(sid, {**session.report(), "seconds": 125.0}, ended_at=start + 125)
    log.close()


@SIZES
def test_history_screen(snap_compare, app_for, tmp_path, size):
    _played_log(tmp_path / "practice.sqlite3")
    assert snap_compare(app_for(), terminal_size=size, run_before=_keys("h"))


@SIZES
def test_past_session_screen(snap_compare, app_for, tmp_path, size):
    _played_log(tmp_path / "practice.sqlite3")
    assert snap_compare(app_for(), terminal_size=size, run_before=_keys("h", "enter"))
