"""The typing rule: in the reply box every key is text, digits included; a digit is a
choice only from the focused choice list, or alone in the box when Enter sends it."""

from __future__ import annotations

import asyncio

from textual.widgets import OptionList

from simulator.tui.widgets.reply_input import ReplyInput
from tests.test_tui_support import PRICE, SIZE, build_app, settle, shown_text, write


def run(coro):
    return asyncio.run(coro)


async def _conversation(pilot, app):
    await settle(pilot, app)
    await pilot.press("enter", "enter")  # library -> briefing -> the first buyer line
    return app.screen


def test_a_reply_that_starts_with_a_digit_is_text_and_keeps_every_key(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            conv = await _conversation(pilot, app)
            assert len(conv.session.offered()) == 2  # so "1" and "2" would name choices
            # typed as fast as Pilot can, no pause between the keys
            keys = ["1", "full_stop", "8", "percent_sign", "space", *"is", "space", *"what"]
            await pilot.press(*keys, "enter")
            await pilot.pause()
            return conv.session.turns

    turns = run(go())
    assert [(t.kind, t.reply) for t in turns] == [("typed", "1.8% is what")]


def test_a_lone_digit_sent_with_enter_is_that_choice(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            conv = await _conversation(pilot, app)
            box = conv.query_one(ReplyInput)
            await pilot.press("2")
            assert box.value == "2" and not conv.session.turns  # not yet: it is text
            await pilot.press("enter")
            assert box.value == ""
            return conv.session.turns

    turns = run(go())
    assert [(t.kind, t.choice) for t in turns] == [("choice", 2)]


def test_a_digit_picks_at_once_from_the_focused_choice_list(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            conv = await _conversation(pilot, app)
            conv.query_one(OptionList).focus()
            await pilot.press("2")
            return conv.session.turns

    turns = run(go())
    assert [(t.kind, t.choice) for t in turns] == [("choice", 2)]


def test_the_rule_is_stated_in_the_help(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await _conversation(pilot, app)
            await pilot.press("question_mark")
            return " ".join(shown_text(app).split())

    text = run(go())
    assert "every key is text, digits too" in text
    assert "nothing but that digit and you press Enter" in text
    assert "Pick that choice (choice list focused, or the digit alone + Enter)" in text
