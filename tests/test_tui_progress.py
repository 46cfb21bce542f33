"""The progress screen's milestone estimate is the one `repcraft stats` prints."""

from __future__ import annotations

import asyncio
import re

import pytest

from simulator.commands.stats import render
from tests.test_tui_support import PRICE, SIZE, build_app, fill_log, settle, write

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
        ([(2, 20, SCORES), (20, 30, SCORES)], r"about [\d,]+ days at your recent pace"),
        # nothing in the last 14 days: the 30-day pace
        ([(20, 30, SCORES)], r"about [\d,]+ days at your recent pace"),
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
