"""Reviewed snapshots of every screen at 80x24 (a first-class size) and 120x40.

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at every SVG in tests/__snapshots__/ before committing.
Everything that could vary is pinned: inline scenarios, seed, clock, "today", and
a practice log written with fixed timestamps.
"""

from __future__ import annotations

import pytest

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
