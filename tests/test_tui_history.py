"""History: every past session in a table; Enter reopens one's transcript and review."""

from __future__ import annotations

import asyncio
import dataclasses

from textual.widgets import DataTable

from simulator.tui.past_session import LoggedSession, outcome, turn_of
from tests.test_tui_support import PRICE, SIZE, build_app, pick, settle, shown_text, write


def run(coro):
    return asyncio.run(coro)


def test_a_played_session_is_reopened_from_the_history(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")  # briefing, then play
            await settle(pilot, app)
            await pick(pilot, 2, 1)
            await pilot.press("enter")  # the scorecard
            await settle(pilot, app)
            await pilot.press("escape")  # the library
            await settle(pilot, app)
            await pilot.press("enter", "escape")  # the briefing and back: no session starts
            await settle(pilot, app)
            await pilot.press("h")
            await settle(pilot, app)
            assert type(app.screen).__name__ == "HistoryScreen"
            table = app.screen.query_one(DataTable)
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            await pilot.press("enter")  # the newest: the played one
            await settle(pilot, app)
            assert type(app.screen).__name__ == "PastSessionScreen"
            shown = shown_text(app)
            await pilot.press("escape")
            await settle(pilot, app)
            back = type(app.screen).__name__
            return rows, shown, back

    rows, shown, back = run(go())
    assert len(rows) == 1 and rows[0][1] == "The buyer says it costs too much"
    assert rows[0][2] == "win" and rows[0][3].count("·") == 2
    # the cast's names from the library, the replies with their review, the scores
    assert "1. Dana Ruiz (CFO): You're 30% above the other vendor." in shown
    assert "Fair. What does a day of month-end close cost you today?" in shown
    assert "2. Dana Ruiz (CFO): Ten days, three people." in shown
    assert "Scored courage" in shown and "win" in shown
    # why it ended and what each reply moved, replayed from the logged seed and replies
    assert "Why: Reply 2 led here: you chose “Teams like yours close in four days." in shown
    assert "Dana trust ▲15 →45" in shown and "Dana belief ▲30 →50" in shown
    # and what each reply did, from the moves the log kept ("Can we book Friday" asks)
    rows = [line.split() for line in shown.splitlines() if "→" in line]
    assert any(row[0] == "2" and "ask" in " ".join(row) for row in rows), rows
    assert back == "HistoryScreen"


def test_a_logged_turn_reads_back_as_a_turn_and_damage_is_left_out():
    item = {
        "step": "open", "speaker": "cfo", "line": "Why?", "reply": "Because", "kind": "typed",
        "scores": {"courage": 60, "bad": "x"},
        "evidence": [
            {"dimension": "courage", "rule": "r", "text": "Because", "start": 0, "end": 7,
             "weight": 10, "note": "n"},
            {"rule": "no dimension"},
            "not a dict",
        ],
        "interjections": [{"speaker": "champion", "line": "Hm."}],
        "reply_seconds": 4.5,
    }  # fmt: skip
    turn = turn_of(item)
    assert turn.reply == "Because" and turn.scores == {"courage": 60}
    assert [(e.dimension, e.weight) for e in turn.evidence] == [("courage", 10.0)]
    assert turn.interjections[0].line == "Hm." and turn.seconds == 4.5
    assert outcome(LoggedSession.of({"status": "abandoned", "turns": []})) == "left empty"
    assert outcome(LoggedSession.of({"status": "abandoned", "turn_count": 2})) == "left after 2"
    assert outcome(LoggedSession.of({"status": "finished", "mode": "drill"})) == "drill round"
    damaged = LoggedSession.of({"scores": "x", "seed": "7", "turns": [1, {"step": "a"}]})
    assert damaged.scores == {} and damaged.seed is None and len(damaged.turns) == 1


def _logged(scenario, answers, seed=7):
    """A play of ``scenario`` as the practice log keeps it."""
    from simulator.engine import Session
    from simulator.engine.replay import give

    session = Session(scenario, seed=seed)
    turns = [give(session, answer).to_dict() for answer in answers]
    return LoggedSession.of({
        "scenario": scenario.id, "content_hash": scenario.content_hash, "seed": seed,
        "mode": "play", "status": "finished", "ending": session.ending, "turns": turns,
        "meters": {key: dict(m) for key, m in session.run.meters.items()},
    })  # fmt: skip


def test_a_past_story_is_told_only_when_the_replay_follows_the_log(tmp_path):
    from simulator.engine.replay import Answer
    from simulator.tui.past_story import past_story
    from tests.test_tui_support import load

    scenario = load(write(tmp_path, "price.yaml", PRICE))
    logged = _logged(scenario, [Answer("choice", 2), Answer("choice", 1)])
    told = past_story(scenario, logged)
    assert told.note == "" and told.story is not None
    moves = [[(m.meter, m.before, m.after) for m in s.meters] for s in told.story.steps]
    assert moves == [[("trust", 30.0, 45.0)], [("belief", 20.0, 50.0)]]
    assert told.story.why_ended[0].startswith("Reply 2 led here")
    # the file was edited since: no moves the rep never saw
    edited = past_story(scenario, dataclasses.replace(logged, content_hash="0" * 64))
    assert edited.story is None and "has changed since this session" in edited.note
    # a reply that now leads elsewhere (say, routing changed): said, not shown
    turns = (dict(logged.turns[0], next="lost"), logged.turns[1])
    astray = past_story(scenario, dataclasses.replace(logged, turns=turns))
    assert astray.story is None
    assert "reply 1 now leads to 'cost', the log says 'lost'" in astray.note
    gone = past_story(None, logged)
    assert gone.story is None and "no longer in the library" in gone.note
    assert past_story(scenario, dataclasses.replace(logged, mode="drill")) == type(told)(None)
