"""The progress screen's milestone estimate is the one `repcraft stats` prints."""

from __future__ import annotations

import asyncio
import re

import pytest

from simulator.commands.stats import render
from simulator.practice.records import NewSession
from tests.test_tui_support import PRICE, SIZE, _at, build_app, fill_log, settle, write

SCORES = (60, 55, 50)


def run(coro):
    return asyncio.run(coro)


def stats_line(stats: dict) -> str:
    """What `repcraft stats` says about the next milestone."""
    text = render(stats, "log")
    line = next(row for row in text.splitlines() if row.strip().startswith("·"))
    return line.split(" to go, ", 1)[1]


@pytest.mark.parametrize(
    ("plays", "expected"),
    [
        # recent practice: the 14-day pace, not the 30-day one (which is half of it)
        ([(2, 20, SCORES), (20, 30, SCORES)], r"about [\d,]+ (days|months) at your recent pace"),
        # nothing in the last 14 days: the 30-day pace
        ([(20, 30, SCORES)], r"about [\d,]+ (days|months) at your recent pace"),
        ([(45, 30, SCORES)], r"no practice in the last 30 days to set a pace"),
    ],
)
def test_the_next_milestone_reads_as_repcraft_stats_says_it(tmp_path, plays, expected):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    fill_log(tmp_path / "practice.sqlite3", plays)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("p")
            await settle(pilot, app)
            screen = app.screen
            return screen.query_one("#milestone").render().plain, screen.stats

    shown, stats = run(go())
    said = stats_line(stats)
    assert re.fullmatch(expected, said), said
    assert shown.endswith(" · " + said), (shown, said)


def test_practice_time_reads_in_hours_and_minutes():
    from simulator.tui.text import hours_text

    assert [hours_text(s) for s in (0, 719, 3600, 5400, 36000 + 59, 3_600_000)] == [
        "0 min", "12 min", "1 h", "1 h 30 min", "10 h 1 min", "1,000 h",
    ]  # fmt: skip


def test_the_trend_moves_after_every_session():
    from simulator.tui.progress_data import trend_text

    figures = {"recent": 55.0}
    assert "after your next session" in trend_text("courage", figures, [50.0]).plain
    assert trend_text("courage", figures, [50.0, 60.0]).plain.endswith(
        "▲10 latest vs the one before"
    )
    assert trend_text("courage", figures, [50.0, 60.0, 40.0]).plain.endswith(
        "▼15 latest vs 2 before"
    )


def test_progress_counts_finished_sessions_and_keeps_attempts_apart(tmp_path):
    """An empty retry is an attempt, not a session; hours read in h and min; the trend
    moves after two sessions; a goal within reach this month."""
    from simulator.practice import PracticeLog

    write(tmp_path / "scenarios", "price.yaml", PRICE)
    db = tmp_path / "practice.sqlite3"
    fill_log(db, [(1, 45, (50, 50, 50)), (0, 50, (60, 55, 58))])
    log = PracticeLog.open(db)
    started = _at(0, hour=13)  # today, in the app's fixed calendar
    log.start_session(
        NewSession("price-check", "x", "", difficulty=2, skills=(), seed=1, started_at=started)
    )
    log.close()

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("p")
            await settle(pilot, app)
            screen = app.screen

            def text(name: str) -> str:
                return screen.query_one(name).render().plain

            return {n: text(n) for n in ("#box-total", "#box-today", "#trend-courage")} | {
                "month": text("#month-goal"),
                "milestone": text("#milestone"),
            }

    shown = run(go())
    assert shown["#box-total"].splitlines() == [
        "Practice",
        "1 h 35 min",
        "2 sessions · 1 unfinished",
    ]
    assert shown["#box-today"].splitlines()[2] == "1 session · 1 unfinished"
    assert "▲10 latest vs the one before" in shown["#trend-courage"]
    assert shown["month"].startswith("This month  ") and "h is within reach" in shown["month"]
    assert "next 10 h: 1 h 35 min done, 8 h 25 min to go" in shown["milestone"]


def test_month_goal_is_within_reach_only_when_the_pace_gets_there():
    from datetime import date

    from simulator.tui.progress_data import month_goal

    # 2 minutes in 14 days: the next hour takes far longer than the 28 days left.
    slow = month_goal(2 / 60, 2 / 60 / 14, date(2026, 12, 4))
    assert (slow.hours, slow.days_left, slow.within_reach) == (1, 28, False)
    # an hour a day: 27 more hours by the month's end, reached in time
    fast = month_goal(3.0, 1.0, date(2026, 12, 4))
    assert (fast.hours, fast.days, fast.within_reach) == (31, 28, True)
    assert month_goal(0.5, None, date(2026, 12, 31)).days_left == 1


def test_one_short_session_promises_nothing_and_draws_no_trend_line(tmp_path):
    """After one 2-minute session, "1 h is within reach ... about 541 days" and a full
    bar for a single score were shown; now: what it takes a day, and no line yet."""
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    fill_log(tmp_path / "practice.sqlite3", [(0, 2, SCORES)])

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("p")
            await settle(pilot, app)
            screen = app.screen
            month = screen.query_one("#month-goal").render().plain
            return month, screen.query_one("#spark-courage").display

    month, spark_shown = run(go())
    # TODAY is 18 March: 14 days left, today included; 58 min / 14 = 4.1 -> 5 min
    assert month == (
        "This month  1 h: 58 min more, 5 min a day for the 14 days left "
        "(your recent pace: under 1 min a day)"
    )
    assert "within reach" not in month and "days at your recent pace" not in month
    assert spark_shown is False
