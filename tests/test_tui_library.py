"""Library search: Up/Down from the search box move the highlight, Enter starts the
highlighted row that matches, and filtering never leaves the highlight on a hidden row."""

from __future__ import annotations

import asyncio

from textual.widgets import DataTable, Input

from tests.test_tui_support import PRICE, SIZE, TIMED, build_app, settle, type_text, write

OTHER = PRICE.replace("id: price-check", "id: another-price").replace(
    "title: The buyer says it costs too much", "title: Another price talk"
)


def run(coro):
    return asyncio.run(coro)


def library(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "other.yaml", OTHER)
    write(tmp_path / "scenarios", "timed.yaml", TIMED.format(else_line="      - else: silent"))
    return build_app(tmp_path)


def highlighted(app) -> str:
    row = app.screen._highlighted()
    return row.id if row else ""


def test_arrows_from_the_search_box_move_the_highlight_and_enter_starts_it(tmp_path):
    async def go():
        app = library(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            screen = app.screen
            await pilot.press("slash")
            await type_text(pilot, "price")
            await pilot.pause()
            shown = [r.id for r in screen.shown]
            assert sorted(shown) == ["another-price", "price-check"]
            assert highlighted(app) == shown[0]
            await pilot.press("down")
            assert highlighted(app) == shown[1]
            assert isinstance(app.focused, Input)  # still typing
            await pilot.press("down")  # no further than the last match
            assert highlighted(app) == shown[1]
            await pilot.press("up", "up")
            assert highlighted(app) == shown[0]
            await pilot.press("down", "enter")
            assert type(app.screen).__name__ == "BriefingScreen"
            started = app.screen.scenario.id
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.focused, DataTable)  # back in the list: keys work
        return shown, started

    shown, started = run(go())
    assert started == shown[1]


def test_enter_straight_after_typing_starts_a_matching_row(tmp_path):
    """Enter is a priority key: it can arrive before the last keystroke has filtered."""

    async def go():
        app = library(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            first = app.screen.shown[0].id
            assert first != "timed-check"
            app.screen.query_one("#search", Input).value = "patience"
            app.screen.action_start()  # before Input.Changed is handled
            await pilot.pause()
            return first, app.screen.scenario.id

    first, started = run(go())
    assert started == "timed-check"


def test_filtering_keeps_the_highlight_on_a_matching_row(tmp_path):
    async def go():
        app = library(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            screen = app.screen
            ids = [r.id for r in screen.shown]
            screen.query_one(DataTable).move_cursor(row=ids.index("price-check"))
            await pilot.pause()
            await pilot.press("slash")
            await type_text(pilot, "price")
            await pilot.pause()
            kept = highlighted(app)  # still matches: stays put
            await type_text(pilot, " another")
            await pilot.pause()
            moved = highlighted(app)  # no longer matches: the first row that does
            await pilot.press("ctrl+u")
            await type_text(pilot, "nothing like this")
            await pilot.pause()
            none = highlighted(app)
        return kept, moved, none

    assert run(go()) == ("price-check", "another-price", "")


HONEST = """\
scenario: 1
id: honest-limits
title: The feature you do not have
difficulty: 2
skills: [authenticity]
tags: [honesty]
cast:
  buyer: {name: Lee Park, role: Buyer}
start: open
steps:
  open:
    speaker: buyer
    line: Do you have SSO?
    choices:
      - text: Not yet.
        next: done
  done:
    end: win
"""


def test_the_skill_filter_is_what_the_recommendation_aims_at_and_attempts_are_apart(tmp_path):
    from simulator.practice import PracticeLog
    from simulator.practice.records import NewSession
    from tests.test_tui_support import _at, fill_log

    write(tmp_path / "scenarios", "price.yaml", PRICE)
    write(tmp_path / "scenarios", "other.yaml", OTHER)
    write(tmp_path / "scenarios", "honest.yaml", HONEST)
    db = tmp_path / "practice.sqlite3"
    fill_log(db, [(1, 20, (40, 70, 60))])  # price-check, finished: courage the lowest
    log = PracticeLog.open(db)
    log.start_session(NewSession("price-check", "x", "", difficulty=2, started_at=_at(0)))
    log.close()  # an attempt left empty: not a session, not "played"

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            screen = app.screen
            status = screen.query_one("#status").render().plain
            played = {r.id: r.played for r in screen.rows}
            first = next(r for r in screen.rows if r.recommended)
            await pilot.press("s", "s")  # any -> courage -> authenticity
            await settle(pilot, app)
            focused = next(r for r in screen.rows if r.recommended)
            return status, played, (first.id, first.reason), (focused.id, focused.reason)

    status, played, (first, why), (focused, focused_why) = run(go())
    assert status.startswith("3 scenarios · 1 session · 1 unfinished · ")
    assert played["price-check"] == 1
    # the weakest (courage), in a scenario of the kind the rep plays (tag: price)
    assert first == "another-price"
    assert why.startswith("Courage is your lowest: 40 over your last session")
    assert "it shares price with 1 session you finished" in why
    assert focused == "honest-limits"
    assert focused_why.startswith("You narrowed the library to authenticity: 70 over")
