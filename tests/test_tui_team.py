"""The team screen (``repcraft team --app``): every rep and scenario from the log, names
shown literally, and only your own sessions when the team view is not yours."""

from __future__ import annotations

import asyncio
import os
from datetime import date

import pytest
from textual.widgets import DataTable, Static

from simulator.practice import open_store
from simulator.practice.records import NewSession
from simulator.tui.team_screen import TeamApp
from tests.practice_helpers import local_ts, sample_report, sample_turn

TODAY = date(2026, 3, 3)


def _fill(db):
    for rep, scores, day in (("ana", (70, 55, 60), 1), ("ana", (80, 65, 50), 2),
                             ("bo [red]x[/red]", (30, 55, 60), 2)):  # fmt: skip
        with open_store(db, rep=rep) as log:
            start = local_ts(2026, 3, day)
            sid = log.start_session(
                NewSession(
                    "cfo", "The CFO", "h", difficulty=2, skills=[], seed=None, started_at=start
                )
            )
            log.record_turn(sid, sample_turn(1), reply_seconds=2.0, at=start + 60)
            log.finish_session(sid, sample_report([sample_turn(1)], scores=scores),
                               ended_at=start + 300)  # fmt: skip


async def _loaded(pilot) -> None:
    # The screen starts its loading worker once mounted, which a busy machine can put
    # after the first wait: wait until the table is filled (bounded), then settle.
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.app.screen.workers.wait_for_complete()
        await pilot.pause()
        tables = pilot.app.screen.query("#reps")
        if tables and tables.first().row_count:
            break
    # The columns take their widths from the rows on a later refresh: on a busy machine
    # the header was caught still at its empty-table widths. Let the layout settle.
    for delay in (None, 0.05, None):
        await pilot.pause(delay)


@pytest.fixture
def team_db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative log path: the same on every machine
    _fill("team.sqlite3")
    return "team.sqlite3"


def test_team_screen_lists_every_rep_and_scenario_literally(team_db):
    asyncio.run(_lists_every_rep(team_db))


async def _lists_every_rep(team_db):
    app = TeamApp(team_db, "ana", today=TODAY)
    async with app.run_test(size=(110, 30)) as pilot:
        await _loaded(pilot)
        reps = app.screen.query_one("#reps", DataTable)
        assert reps.row_count == 2
        first, second = (reps.get_row_at(i) for i in range(2))
        assert str(first[0]) == "ana" and first[1] == "2" and first[3] == "2"
        assert str(second[0]) == "bo [red]x[/red]"  # a name from the log is never markup
        scenarios = app.screen.query_one("#scenarios", DataTable)
        (cfo,) = (scenarios.get_row_at(i) for i in range(scenarios.row_count))
        assert str(cfo[0]) == "The CFO" and cfo[1] == "3" and cfo[3] == "100%"
        note = str(app.screen.query_one("#team-note", Static).render())
        assert "2 reps in team.sqlite3" in note


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_team_screen_shows_only_your_own_sessions_when_not_yours(team_db):
    os.chown(team_db, 4242, 4242)
    asyncio.run(_only_your_own(team_db))


async def _only_your_own(team_db):
    app = TeamApp(team_db, "ana", today=TODAY)
    async with app.run_test(size=(110, 30)) as pilot:
        await _loaded(pilot)
        assert app.screen.query_one("#reps", DataTable).row_count == 1
        note = str(app.screen.query_one("#team-note", Static).render())
        assert "Only ana's sessions" in note


def test_team_screen_snapshot(snap_compare, team_db, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert snap_compare(TeamApp(team_db, "ana", today=TODAY), terminal_size=(110, 30),
                        run_before=_loaded)  # fmt: skip


def test_t_on_the_progress_screen_opens_the_team_view_and_escape_comes_back(tmp_path):
    from simulator.tui.screens.progress_screen import ProgressScreen
    from simulator.tui.team_screen import TeamScreen
    from tests.test_tui_support import PRICE, build_app, fill_log, settle, write

    write(tmp_path / "scenarios", "price.yaml", PRICE)
    fill_log(tmp_path / "practice.sqlite3", [(1, 10, (60, 50, 40))])

    async def go() -> None:
        app = build_app(tmp_path, cursor_blink=False)
        async with app.run_test(size=(110, 30)) as pilot:
            await settle(pilot, app)
            await pilot.press("p")
            await settle(pilot, app)
            assert isinstance(app.screen, ProgressScreen)
            await pilot.press("t")
            await _loaded(pilot)
            assert isinstance(app.screen, TeamScreen)
            assert app.screen.query_one("#reps", DataTable).row_count == 1
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ProgressScreen)

    asyncio.run(go())
