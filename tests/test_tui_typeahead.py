"""No keystroke is lost while a screen opens (#14 item 1): keys typed straight after
the Enter that opens the conversation, the drill or the app itself wait until the new
screen's box has the focus, and then arrive in order, as text."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import DataTable, Input

from simulator.tui.widgets.reply_input import ReplyInput
from tests.test_tui_support import KEY_NAMES, PRICE, SIZE, build_app, settle, write


def run(coro):
    return asyncio.run(coro)


def _send(app, keys: list[str] | str) -> None:
    """Keys as a terminal sends them, all at once: none waits for the screen."""
    for key in keys:
        name = {**KEY_NAMES, "/": "slash", "%": "percent_sign"}.get(key, key)
        app.post_message(events.Key(name, "\r" if key == "enter" else key))


async def _drain(pilot, app) -> None:
    for _ in range(4):
        await pilot.pause()
    await settle(pilot, app)


def test_a_reply_typed_as_the_conversation_opens_keeps_every_key(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")  # the briefing
            await settle(pilot, app)
            # Enter starts, and the reply is typed before the conversation has mounted;
            # a leading "1" must not pick choice 1 either.
            _send(app, ["enter", *"1.8% is what"])
            await _drain(pilot, app)
            conv = app.screen
            return conv.query_one(ReplyInput).value, list(conv.session.turns)

    value, turns = run(go())
    assert value == "1.8% is what"
    assert turns == []


def test_enter_typed_ahead_sends_the_typed_ahead_reply(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            await settle(pilot, app)
            _send(app, ["enter", *"30 seconds: what does it cost you today?", "enter"])
            await _drain(pilot, app)
            return [(t.kind, t.reply) for t in app.screen.session.turns]

    assert run(go()) == [("typed", "30 seconds: what does it cost you today?")]


def test_an_answer_typed_while_the_drill_draws_its_lines_is_kept(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, drill_count=2, drill_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            _send(app, ["d", *"30 days of close"])
            await _drain(pilot, app)
            return app.screen.query_one(ReplyInput).value

    assert run(go()) == "30 days of close"


def test_keys_typed_before_the_library_is_listed_wait_for_it(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "other.yaml", PRICE.replace("price-check", "other-check"))

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            _send(app, ["/", *"other"])  # before anything settled
            await _drain(pilot, app)
            search = app.screen.query_one("#search", Input).value
            rows = app.screen.query_one(DataTable).row_count
            return search, rows

    assert run(go()) == ("other", 1)


def test_keys_typed_after_enter_start_the_next_reply(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            _send(app, [*"what does it cost you today", "enter", *"10 days"])
            await _drain(pilot, app)
            conv = app.screen
            return conv.query_one(ReplyInput).value, [t.reply for t in conv.session.turns]

    assert run(go()) == ("10 days", ["what does it cost you today"])


def test_enter_typed_before_the_app_took_the_terminal_still_starts(tmp_path):
    # Typed while the terminal was still in line mode, Enter arrives as a newline.
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            app.post_message(events.Key("ctrl+j", "\n"))
            await _drain(pilot, app)
            return type(app.screen).__name__

    assert run(go()) == "BriefingScreen"


def test_a_digit_typed_straight_after_enter_picks_at_a_choice_only_moment(tmp_path):
    # The next moment takes only a choice: the reply box closes and the choice list
    # takes the focus, after the Enter; the "1" typed at once must wait for that.
    only_choices = PRICE.replace(
        """    routes:
      - like: [book, friday, next step]
        effects: {cfo.belief: +20}
        next: won
""",
        "",
    )
    write(tmp_path / "scenarios", "price.yaml", only_choices)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await settle(pilot, app)
            _send(app, [*"what does it cost you today", "enter", "1"])
            await _drain(pilot, app)
            conv = app.screen
            turns = [(t.kind, t.step) for t in conv.session.turns]
            return turns, conv.query_one(ReplyInput).value, conv.session.ending

    turns, box, ending = run(go())
    assert turns == [("typed", "open"), ("choice", "cost")] and ending == "win"
    assert box == ""


def test_repcraft_play_takes_keys_while_the_library_underneath_still_lists(tmp_path, monkeypatch):
    # `repcraft play ID` opens the briefing at once; the library below it may still be
    # reading files (a slow disk): its keys are the briefing's, not held for the list.
    from simulator.tui.screens.library_screen import LibraryScreen
    from tests.test_tui_support import load

    monkeypatch.setattr(LibraryScreen, "load", lambda self, refresh=False: None)
    scenario = load(write(tmp_path / "scenarios", "price.yaml", PRICE))

    async def go():
        app = build_app(tmp_path, play=scenario)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            await _drain(pilot, app)
            return type(app.screen).__name__

    assert run(go()) == "ConversationScreen"
