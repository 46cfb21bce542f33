"""The buyers' meters are Textual ProgressBars that glide to a new value, and a row
flashes green or red when a reply moved it."""

from __future__ import annotations

import asyncio

from textual.color import Color
from textual.widgets import ProgressBar

from simulator.tui.widgets.meters import MetersPanel
from tests.test_tui_support import PRICE, SIZE, build_app, pick, settle, shown_text, write


def run(coro):
    return asyncio.run(coro)


def test_a_reply_that_moves_a_meter_glides_its_bar_and_flashes_its_row(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            rows = app.screen.query_one(MetersPanel).rows()
            trust, belief = rows[("cfo", "trust")], rows[("cfo", "belief")]
            assert trust.query_one(ProgressBar).progress == 30 and trust.last_flash is None
            await pick(pilot, 2)  # +15 trust for Dana (the key press waits out the glide)
            assert trust.last_flash == "up" and belief.last_flash is None
            await pilot.wait_for_scheduled_animations()
            assert trust.query_one(ProgressBar).progress == 45
            assert trust.styles.tint == Color(0, 0, 0, 0)  # the flash has faded
            assert "45 ▲15" in shown_text(app)
            # caught in the act: the flash is on, the bar on its way
            trust.set(60)
            assert trust.styles.tint.a > 0 and trust.last_flash == "up"
            await pilot.wait_for_scheduled_animations()
            assert trust.query_one(ProgressBar).progress == 60
            assert trust.styles.tint == Color(0, 0, 0, 0)

    run(go())


def test_with_animations_off_the_bar_jumps_and_a_drop_is_marked_red(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            app.animation_level = "none"
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            belief = app.screen.query_one(MetersPanel).rows()[("cfo", "belief")]
            await pick(pilot, 1)  # the discount: -10 belief, and the conversation ends
            await pilot.pause()
            assert belief.query_one(ProgressBar).progress == 10
            assert belief.last_flash == "down"
            assert "10 ▼10" in shown_text(app)

    run(go())
