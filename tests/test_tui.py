"""The app driven headless with Textual's Pilot: keys in, state and text out."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest
from textual.widgets import DataTable, OptionList

from simulator.practice import PracticeLog
from tests.test_tui_support import (
    HOSTILE,
    PRICE,
    SIZE,
    TIMED,
    build_app,
    load,
    pick,
    settle,
    shown_text,
    slow_timed,
    type_text,
    write,
)


def run(coro):
    import asyncio

    return asyncio.run(coro)


def sessions(db):
    log = PracticeLog.open(db)
    try:
        return list(log.sessions())
    finally:
        log.close()


def screen_name(app) -> str:
    return type(app.screen).__name__


async def open_library_row(pilot, app, scenario_id: str) -> None:
    await settle(pilot, app)
    ids = [row.id for row in app.screen.shown]
    app.screen.query_one(DataTable).move_cursor(row=ids.index(scenario_id))
    await pilot.pause()


def first_route_phrase(session) -> str:
    """A typed reply that one of the live routes takes, preferring an unvisited step."""
    visited = {t.step for t in session.turns}
    routes = [r for r in session.live_routes() if not r.is_else and r.like]
    fresh = [r for r in routes if r.next not in visited] or routes
    if fresh:
        return "So " + fresh[0].like[0]  # never a leading digit: that would pick a choice
    return "Can we book thirty minutes on Friday to decide?"


# -- playing -----------------------------------------------------------------------


def test_play_bundled_scenario_to_an_ending_by_digit_keys(tmp_path):
    async def go():
        app = build_app(tmp_path, bundled=True, seed=3)
        async with app.run_test(size=SIZE) as pilot:
            await open_library_row(pilot, app, "cfo-price-pushback")
            await pilot.press("enter")  # library -> briefing
            assert screen_name(app) == "BriefingScreen"
            await pilot.press("enter")  # briefing -> the first buyer line
            assert screen_name(app) == "ConversationScreen"
            conv = app.screen
            assert conv.session.prompt.line in shown_text(app)
            for _ in range(30):
                if conv.session.ended:
                    break
                before = len(conv.session.turns)
                offered = conv.session.offered()
                # the last choice on offer, so the path differs from "always 1"
                await pick(pilot, len(offered))
                await pilot.pause()
                assert len(conv.session.turns) == before + 1
            assert conv.session.ended
            assert "Ending:" in shown_text(app)
            await pilot.press("enter")
            assert screen_name(app) == "ScorecardScreen"
            text = shown_text(app)
            for dim in ("Courage", "Authenticity", "Belief"):
                assert dim in text
            await pilot.press("escape")
            assert screen_name(app) == "LibraryScreen"
        return conv.session

    session = run(go())
    logged = sessions(tmp_path / "practice.sqlite3")
    assert [s["scenario"] for s in logged] == ["cfo-price-pushback"]
    assert logged[0]["status"] == "finished"
    assert logged[0]["ending"] == session.ending
    assert len(logged[0]["turns"]) == len(session.turns)


@pytest.mark.slow
def test_play_bundled_scenario_to_an_ending_by_typed_replies(tmp_path):
    async def go():
        app = build_app(tmp_path, bundled=True, seed=5)
        async with app.run_test(size=SIZE) as pilot:
            await open_library_row(pilot, app, "send-me-information")
            await pilot.press("enter", "enter")
            conv = app.screen
            for _ in range(25):
                if conv.session.ended:
                    break
                if not conv.session.accepts_text():
                    await pick(pilot, 1)
                    continue
                await type_text(pilot, first_route_phrase(conv.session))
                await pilot.press("enter")
                await pilot.pause()
            assert conv.session.ended
            kinds = {t.kind for t in conv.session.turns}
            assert "typed" in kinds
            assert screen_name(app) == "ConversationScreen", [
                (t.step, t.reply) for t in conv.session.turns
            ]
        return conv.session

    session = run(go())
    logged = sessions(tmp_path / "practice.sqlite3")
    assert logged[0]["status"] == "finished"
    assert [t["reply"] for t in logged[0]["turns"]] == [t.reply for t in session.turns]


def test_digit_after_typing_is_text_and_tab_reaches_the_choices(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            conv = app.screen
            await type_text(pilot, "a 2")
            assert conv.query_one("#reply").value == "a 2"
            assert conv.session.turns == []
            await pilot.press("ctrl+u")  # clear the box
            await pilot.press("tab")
            assert isinstance(app.focused, OptionList) or app.focused.id == "choices"
            await pilot.press("down", "enter")  # choice 2 by arrows and Enter
            assert conv.session.turns[0].choice == 2
            assert conv.session.prompt.step == "cost"
            # the meters moved: trust went up by 15
            assert conv.session.run.meters["cfo"]["trust"] == 45
            assert "▲15" in shown_text(app)

    run(go())


def test_unmatched_typed_reply_keeps_the_buyer_pressing_with_inline_feedback(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await type_text(pilot, "Did you catch the game last night?")
            await pilot.press("enter")
            await pilot.pause()
            conv = app.screen
            assert conv.session.prompt.step == "open"
            assert "presses again" in shown_text(app)
            # the next key still goes to the conversation: no modal in the way
            await pick(pilot, 2)
            assert conv.session.prompt.step == "cost"

    run(go())


@pytest.mark.parametrize(
    ("else_line", "expected_step", "ending"),
    [("      - else: silent", None, "loss"), ("", "open", None)],
)
def test_timer_expiry_is_a_timeout_turn(tmp_path, else_line, expected_step, ending):
    path = write(tmp_path / "scenarios", "timed.yaml", TIMED.format(else_line=else_line))
    quick = dataclasses.replace(load(path), reply_seconds=0.3)

    async def go():
        app = build_app(tmp_path, play=quick)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert "0:01 to answer" in shown_text(app) or "to answer each line" in shown_text(app)
            await pilot.press("enter")
            conv = app.screen
            for _ in range(150):  # a 0.3 s timer; a busy machine may take seconds
                await pilot.pause(0.1)
                if conv.session.turns:
                    break
            turn = conv.session.turns[0]
            assert turn.kind == "timeout"
            assert conv.session.ending == ending
            if expected_step:
                assert conv.session.prompt.step == expected_step
                assert conv.query_one("#countdown").running  # the clock restarted
            assert "no answer" in shown_text(app).lower()

    run(go())


def test_the_clock_holds_while_a_dialog_covers_the_conversation(tmp_path):
    slow = slow_timed(tmp_path)

    async def go():
        app = build_app(tmp_path, play=slow)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            conv = app.screen
            countdown = conv.query_one("#countdown")
            assert countdown.running
            await pilot.press("question_mark")
            await pilot.pause(0.1)
            assert app.screen is not conv and not countdown.running
            held = countdown.remaining
            await pilot.pause(0.5)
            resumed = time.monotonic()
            await pilot.press("escape")
            await pilot.pause(0.1)
            assert app.screen is conv and countdown.running
            # no time lost under the dialog: only what passed since it closed (a loaded
            # machine can make that pause far longer than 0.1 s)
            since = time.monotonic() - resumed
            assert held - since - 0.3 <= countdown.remaining <= held + 0.01

    run(go())


def test_drill_round_scores_each_answer_and_ends_with_a_summary(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, drill_count=2, drill_seconds=None)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("d")
            await settle(pilot, app)
            drill = app.screen
            assert screen_name(app) == "DrillScreen"
            assert drill.drill is not None and len(drill.drill.lines) == 2
            await type_text(pilot, "What does a day of close cost you today?")
            await pilot.press("enter")
            assert len(drill.drill.answers) == 1
            assert "A top performer" in shown_text(app)
            await type_text(pilot, "Can we book Friday to decide?")
            await pilot.press("enter")
            assert drill.drill.done
            assert "Round over" in shown_text(app)
            shown = shown_text(app)
            assert "What your answers did: you asked for the business in" in shown
            # the mid-conversation line ("Ten days, three people...") came with its lead-in,
            # the scripted reply not passed off as the rep's own words
            assert "Earlier, Dana Ruiz (CFO): “You're 30% above the other vendor." in shown
            assert "The rep answered: “Fair. What does a day" in shown
            assert "You: “Fair." not in shown and "  You: " not in shown
            # and every line comes with its scenario's briefing facts, the only facts
            # the buyer line and the model answer rest on
            assert shown.count("What is true about Ledgerly (from the briefing)") == 2
            assert "• Customers cut month-end close from 10 days to 4" in shown
            await pilot.press("escape")
            assert screen_name(app) == "LibraryScreen"

    run(go())
    logged = sessions(tmp_path / "practice.sqlite3")
    assert [(s["mode"], s["status"], len(s["turns"])) for s in logged] == [("drill", "finished", 2)]


@pytest.mark.slow
def test_every_screen_opens_and_keys_are_shown(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            seen = [screen_name(app)]
            await pilot.press("question_mark")
            assert screen_name(app) == "KeysDialog"
            assert "Drill" in shown_text(app)
            await pilot.press("question_mark")
            assert screen_name(app) == "LibraryScreen"
            await pilot.press("p")
            await settle(pilot, app)
            seen.append(screen_name(app))
            assert "Practice" in shown_text(app)
            await pilot.press("escape", "d")
            await settle(pilot, app)
            seen.append(screen_name(app))
            await pilot.press("escape", "enter")
            seen.append(screen_name(app))
            await pilot.press("enter")
            seen.append(screen_name(app))
            await pilot.press("question_mark")  # empty reply box: ? is help, not text
            assert screen_name(app) == "KeysDialog"
            assert "Pick that choice" in shown_text(app)
            await pilot.press("escape")
            assert app.screen.query_one("#reply").value == ""
            await pick(pilot, 2, 1)
            await pilot.press("enter")
            seen.append(screen_name(app))
            await pilot.press("p")
            seen.append(screen_name(app))
            assert seen == [
                "LibraryScreen",
                "ProgressScreen",
                "DrillScreen",
                "BriefingScreen",
                "ConversationScreen",
                "ScorecardScreen",
                "ProgressScreen",
            ]

    run(go())


def test_leaving_mid_way_asks_and_leaves_the_session_abandoned(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await pick(pilot, 2)
            await pilot.press("escape")
            assert screen_name(app) == "LeaveDialog"
            await pilot.press("n")
            assert screen_name(app) == "ConversationScreen"
            await pilot.press("escape", "y")
            assert screen_name(app) == "LibraryScreen"

    run(go())
    logged = sessions(tmp_path / "practice.sqlite3")
    assert logged[0]["status"] == "abandoned"
    assert len(logged[0]["turns"]) == 1


def test_no_log_writes_nothing(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, no_log=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await pick(pilot, 2, 1)
            assert app.screen.session.ended

    run(go())
    assert not (tmp_path / "practice.sqlite3").exists()


def test_library_search_filters_and_enter_starts_from_the_search_box(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "timed.yaml", TIMED.format(else_line="      - else: silent"))

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            assert len(app.screen.shown) == 2
            await pilot.press("s")  # skill filter: courage (the timed one stresses none)
            assert [r.id for r in app.screen.shown] == ["price-check"]
            await pilot.press("s", "s", "s")  # authenticity, belief, back to any
            assert len(app.screen.shown) == 2
            await pilot.press("slash")
            await type_text(pilot, "patience")
            assert [r.id for r in app.screen.shown] == ["timed-check"]
            await pilot.press("enter")
            assert screen_name(app) == "BriefingScreen"
            assert app.screen.scenario.id == "timed-check"

    run(go())


def test_scenario_text_is_shown_literally(tmp_path):
    write(tmp_path / "scenarios", "hostile.yaml", HOSTILE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, app)
            library = shown_text(app)
            await pilot.press("enter")
            briefing = shown_text(app)
            await pilot.press("enter")
            conversation = shown_text(app) + "\n".join(
                plain(o.prompt) for o in app.screen.query_one(OptionList)._options
            )
            await pick(pilot, 1)
            await pilot.press("enter")
            scorecard = shown_text(app)
            svg = app.export_screenshot()
        return library, briefing, conversation, scorecard, svg

    library, briefing, conversation, scorecard, svg = run(go())
    assert "[bold red]x[/]" in library  # the title
    assert "\\x1b[2J" in library  # the summary, escape shown, not sent
    assert "[blink]Eve[/blink]" in briefing and "\\x1b[31m" in briefing
    assert "[link=http://x]click[/link]" in briefing
    assert "Look: [bold red]x[/] and \\x1b[2J here" in conversation
    assert "Answer [/] with [b]markup[/b]" in conversation
    assert "Feedback [red]stays[/red] text" in scorecard
    assert "Model [i]answer[/i]" in scorecard
    assert "\x1b" not in svg  # no raw escape reaches the terminal


def test_hot_reload_replays_and_survives_a_broken_file(tmp_path):
    path = write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, play=load(path), authoring=True)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            await pick(pilot, 2)
            conv = app.screen
            assert conv.session.prompt.step == "cost"
            # the trainer edits the next line and reloads: the rep stays where they were
            path.write_text(PRICE.replace("Fine, what would change?", "So what changes?"))
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert conv.session.prompt.step == "cost"
            assert len(conv.session.turns) == 1
            assert "So what changes?" in shown_text(app)
            # a broken file shows its diagnostics and the conversation carries on
            path.write_text(PRICE.replace("next: won", "next: nowhere", 1))
            await pilot.press("f5")
            await pilot.pause()
            problem = conv.query_one("#problem")
            assert problem.display and "nowhere" in shown_text(app)
            await pick(pilot, 1)
            assert conv.session.ended and conv.session.ending == "win"

    run(go())


def test_watch_reloads_when_the_file_changes(tmp_path):
    path = write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path, play=load(path), watch=True, watch_interval=0.05)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter")
            path.write_text(PRICE.replace("Why would I pay that?", "Why pay that much?"))
            for _ in range(40):
                await pilot.pause(0.05)
                if "Why pay that much?" in shown_text(app):
                    break
            assert "Why pay that much?" in shown_text(app)

    run(go())


def plain(renderable) -> str:
    """What a Rich renderable shows, as plain text (markup and styles dropped)."""
    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(width=200, color_system=None, record=True, file=sink)
        console.print(renderable)
        return console.export_text()
