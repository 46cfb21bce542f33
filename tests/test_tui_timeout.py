"""When the clock runs out: a half-typed reply is sent as the reply, marked as such;
an empty box is silence, as before. In conversations and in drills."""

from __future__ import annotations

import asyncio

from simulator.tui.widgets.countdown import Countdown
from simulator.tui.widgets.reply_input import ReplyInput
from tests.test_tui_support import (
    PRICE,
    SIZE,
    build_app,
    load,
    settle,
    shown_text,
    slow_timed,
    type_text,
    write,
)

HALF = "The price stays at 110 because"
MARK = "sent when the clock ran out"


def run(coro):
    return asyncio.run(coro)


def test_text_in_the_box_when_the_clock_runs_out_is_sent_as_the_reply(tmp_path):
    slow = slow_timed(tmp_path)

    async def go():
        app = build_app(tmp_path, play=slow)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            conv = app.screen
            await type_text(pilot, HALF)
            conv.query_one(Countdown).start(0.3)  # the clock is about to run out
            for _ in range(40):
                await pilot.pause(0.1)
                if conv.session.turns:
                    break
            turn = conv.session.turns[0]
            assert (turn.kind, turn.reply) == ("typed", HALF)  # the normal reply path
            assert conv.query_one(ReplyInput).value == ""
            assert MARK in shown_text(app)
            assert conv.live.answers[0].clock_ran_out
            # an empty box is still silence
            conv.query_one(Countdown).post_message(Countdown.Expired())
            await pilot.pause()
            assert conv.session.turns[1].kind == "timeout"
            conv.query_one(Countdown).stop()
            await type_text(pilot, "sorry")
            await pilot.press("enter")
            await pilot.pause()
            assert conv.session.ended
            await pilot.press("enter")
            scorecard = shown_text(app)
        return scorecard

    scorecard = run(go())
    assert "You said · " + MARK in scorecard
    assert scorecard.count(MARK) == 1


def test_text_waiting_at_a_choice_only_step_is_not_sent(tmp_path):
    """A step that takes no typed replies: the clock running out is a timeout."""
    only_choices = PRICE.replace(
        "    routes:\n      - like: [what does it cost, cost you today]\n"
        "        effects: {cfo.trust: +10}\n        next: cost\n"
        "      - like: [discount, lower the price]\n        next: lost\n",
        "",
    ).replace("difficulty: 2\n", "difficulty: 2\nreply_seconds: 30\n")
    path = write(tmp_path / "scenarios", "price.yaml", only_choices)

    async def go():
        app = build_app(tmp_path, play=load(path))
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            conv = app.screen
            assert not conv.session.accepts_text()
            conv.query_one(ReplyInput).value = "left over"
            conv.query_one(Countdown).post_message(Countdown.Expired())
            await pilot.pause()
            return [t.kind for t in conv.session.turns]

    assert run(go()) == ["timeout"]


def test_drill_sends_the_half_typed_answer_when_the_clock_runs_out(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, drill_count=2, drill_seconds=30)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("d")
            await settle(pilot, app)
            drill = app.screen
            await type_text(pilot, HALF)
            drill.query_one(Countdown).post_message(Countdown.Expired())
            await pilot.pause()
            first = drill.drill.answers[0]
            assert (first.kind, first.reply) == ("typed", HALF)
            assert MARK in shown_text(app)
            assert drill.query_one(ReplyInput).value == ""
            drill.query_one(Countdown).post_message(Countdown.Expired())  # nothing typed
            await pilot.pause()
            assert drill.drill.answers[1].kind == "timeout"

    run(go())
