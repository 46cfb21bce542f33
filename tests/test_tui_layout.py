"""What the screens show and where: nothing covering the review, nothing cut off on a
small terminal, keys listed once, a timer that does not read like a timeout."""

from __future__ import annotations

import asyncio

from tests.test_tui_support import PRICE, SIZE, build_app, settle, write


def run(coro):
    return asyncio.run(coro)


def test_up_next_is_a_line_in_the_scorecard_not_a_toast_over_it(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "other.yaml", PRICE.replace("id: price-check", "id: other"))

    async def go():
        app = build_app(tmp_path)
        toasts = []
        app.notify = lambda message, *args, **kwargs: toasts.append(message)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter", "2", "1", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "ScorecardScreen"
            ending = app.screen.query_one("#ending").render().plain
        return ending, toasts

    ending, toasts = run(go())
    assert toasts == []
    assert "\nUp next, press n: The buyer says it costs too much" in ending
