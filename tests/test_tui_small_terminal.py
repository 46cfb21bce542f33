"""80x24 is a first-class size: every text reachable by keyboard, the rep's own last
reply in view after a turn, the keys dialog whole (by scrolling) and wide enough."""

from __future__ import annotations

import asyncio

from tests.test_tui_support import PRICE, build_app, pick, plain, settle, write

SMALL = (80, 24)

# Eight facts and a long persona: the briefing is taller than 24 rows.
LONG_BRIEF = PRICE.replace(
    "    - Customers cut month-end close from 10 days to 4\n",
    "".join(f"    - Proof point number {n} that a rep may cite\n" for n in range(1, 8))
    + "    - The last fact, at the very bottom of the briefing\n",
).replace("    persona: Numbers first.", "    persona: " + "Numbers first, always. " * 12)

# Feedback long enough that the reply, its feedback and the buyer's next line do not
# all fit in the conversation at 80x24.
LONG_FEEDBACK = PRICE.replace(
    "        feedback: You moved from price to the cost of the problem.",
    "        feedback: " + "You moved from price to the cost of the problem. " * 6,
)


def run(coro):
    return asyncio.run(coro)


def _visible(widget, scroller) -> bool:
    """Whether ``widget`` is at least partly inside ``scroller``'s visible rows."""
    top = widget.virtual_region.y
    bottom = top + widget.virtual_region.height
    return (
        bottom > scroller.scroll_y
        and top < scroller.scroll_y + scroller.scrollable_content_region.height
    )


def test_every_briefing_fact_is_reachable_by_keyboard(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", LONG_BRIEF)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            await settle(pilot, app)
            brief = app.screen.query_one("#brief")
            assert brief.max_scroll_y > 0  # taller than the screen
            assert app.focused is brief  # the keys scroll it (the old focus, the button, did not)
            start = brief.scroll_y
            await pilot.press("pagedown", "pagedown", "pagedown", "down")
            await pilot.pause()
            assert brief.scroll_y > start and brief.scroll_y == brief.max_scroll_y
            last = brief.virtual_size.height - 1  # the last fact is near the end
            assert brief.scroll_y + brief.scrollable_content_region.height > last - 8
            await pilot.press("home")
            await pilot.pause()
            assert brief.scroll_y == 0
            await pilot.press("enter")  # Enter still starts
            await settle(pilot, app)
            assert type(app.screen).__name__ == "ConversationScreen"

    run(go())


def test_the_reps_last_reply_stays_in_view_and_pgdn_reaches_the_buyer(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", LONG_FEEDBACK)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            await pick(pilot, 2)
            await settle(pilot, app)
            transcript = app.screen.query_one("#transcript")
            reply = transcript.query(".rep").last()
            buyer = transcript.query(".buyer").last()
            assert transcript.max_scroll_y > 0
            assert _visible(reply, transcript), (reply.virtual_region, transcript.scroll_y)
            below = app.screen.query_one("#below")
            # the buyer's answer is out of sight under the reply: the screen says so
            assert not _visible(buyer, transcript) and below.display
            await pilot.press("pagedown", "pagedown")  # from the reply box: the box keeps them
            await pilot.pause()
            assert transcript.scroll_y == transcript.max_scroll_y
            assert _visible(buyer, transcript)
            assert app.focused.id == "reply"
            assert not below.display
            await pilot.press("pageup")
            await pilot.pause()
            assert transcript.scroll_y < transcript.max_scroll_y
            assert below.display

    run(go())


def test_the_keys_dialog_fits_80_columns_and_scrolls_to_its_last_line(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            await pilot.press("question_mark")
            await settle(pilot, app)
            box = app.screen.query_one("#box")
            assert 70 <= box.outer_size.width <= 80
            assert box.max_scroll_y > 0  # taller than 24 rows: it scrolls
            await pilot.press("end")
            await pilot.pause()
            assert box.scroll_y == box.max_scroll_y
            shown = plain(app.screen.text, 70).splitlines()
            assert shown[-1].rstrip().endswith("? or esc closes")
            # the digits' description wraps in its own column, not under the keys
            at = next(i for i, line in enumerate(shown) if "Pick that choice" in line)
            assert shown[at + 1].startswith(" " * 8) and shown[at + 1].strip()

    run(go())


def test_a_drill_fact_that_wraps_stays_under_its_text_not_its_bullet(tmp_path):
    from simulator.engine.drill import Drill
    from simulator.tui.screens.drill_screen import drill_context
    from tests.test_tui_support import load, plain

    scenario = load(write(tmp_path, "price.yaml", PRICE))
    item = Drill([scenario], 1, 1, seconds=None).current
    lines = plain(drill_context(item), width=30).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("• Customers cut"))
    assert lines[at + 1].startswith("  ") and lines[at + 1].strip()  # indented, not flush


def test_the_library_highlight_stays_in_view_when_its_details_grow(tmp_path):
    # Short summaries, and one long one at the bottom: when the highlight reaches it,
    # its details take rows from the table, and the highlight must not drop out of view.
    for n in range(14):
        text = PRICE.replace("id: price-check", f"id: price-{n:02d}").replace(
            "title: The buyer says it costs too much", f"title: Price talk {n:02d}"
        )
        if n == 13:
            text = text.replace(
                "summary: A short price objection for the tests.",
                "summary: " + "A long story about the deal and the people in it. " * 8,
            )
        write(tmp_path / "scenarios", f"p{n:02d}.yaml", text)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SMALL) as pilot:
            await settle(pilot, app)
            await pilot.press(*["down"] * 13)  # the last row: the long summary
            await settle(pilot, app)
            table = app.screen.query_one("#scenarios")
            visible_rows = table.scrollable_content_region.height - table.header_height
            return table.cursor_row, table.scroll_y, visible_rows

    cursor, top, rows = run(go())
    assert cursor == 13
    assert top <= cursor < top + rows, (cursor, top, rows)
