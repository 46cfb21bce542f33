"""One reviewed snapshot per screen at 100x30 (and the conversation at 80x24).

Regenerate after an intended change with ``pytest tests/test_tui_snapshots.py
--snapshot-update`` and look at every SVG in tests/__snapshots__/ before committing.
Everything that could vary is pinned: inline scenarios, seed, clock, "today", and
a practice log written with fixed timestamps.
"""

from __future__ import annotations

import pytest

from tests.test_tui_support import (
    PRICE,
    SIZE,
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


async def _ready(pilot) -> None:
    await settle(pilot, pilot.app)


def test_library_screen(snap_compare, app_for):
    assert snap_compare(app_for(), terminal_size=SIZE, run_before=_ready)


def test_briefing_screen(snap_compare, app_for):
    assert snap_compare(app_for(), press=["enter"], terminal_size=SIZE, run_before=_ready)


def test_conversation_screen(snap_compare, app_for):
    assert snap_compare(app_for(), press=["enter", "enter", "2", "enter"], terminal_size=SIZE)


def test_conversation_screen_small_terminal(snap_compare, app_for):
    assert snap_compare(app_for(), press=["enter", "enter", "2", "enter"], terminal_size=(80, 24))


def test_scorecard_screen(snap_compare, app_for):
    keys = ["enter", "enter", "2", "enter", "1", "enter", "enter"]  # a lone digit + Enter
    assert snap_compare(app_for(), press=keys, terminal_size=SIZE)


def test_progress_screen(snap_compare, app_for, tmp_path):
    fill_log(
        tmp_path / "practice.sqlite3",
        [(20, 12, (40, 50, 35)), (9, 25, (55, 48, 50)), (2, 8, (60, 52, 58)),
         (1, 15, (70, 61, 66)), (0, 30, (74, 58, 72))],
    )  # fmt: skip

    async def open_progress(pilot):
        await _ready(pilot)
        await pilot.press("p")
        await _ready(pilot)

    assert snap_compare(app_for(), terminal_size=SIZE, run_before=open_progress)


def test_drill_screen(snap_compare, app_for):
    async def one_answer(pilot):
        await _ready(pilot)
        await pilot.press("d")
        await _ready(pilot)
        await type_text(pilot, "Can we book Friday?")
        await pilot.press("enter")
        await _ready(pilot)

    app = app_for(drill_count=2)
    assert snap_compare(app, terminal_size=SIZE, run_before=one_answer)
