"""The scorecard's review: every piece of evidence with its points, score cards that
say how they were reached, and coaching notes said once each."""

from __future__ import annotations

import asyncio

import pytest

from simulator.engine import Session
from simulator.scenario.loader import check_text
from simulator.scoring import Evidence
from simulator.tui.coaching import things_to_change, things_to_keep
from simulator.tui.review import evidence_rows, points, turn_feedback
from simulator.tui.widgets.countdown import Countdown
from tests.test_tui_support import (
    PRICE,
    SIZE,
    TIMED,
    build_app,
    pick,
    settle,
    shown_text,
    type_text,
    write,
)

# The timed scenario with a clock that will not run out while keys are typed.
SLOW = TIMED.format(else_line="").replace("reply_seconds: 1\n", "reply_seconds: 60\n")
HEDGED = "Maybe, if that helps, teams cut close from 10 days to 4, and I think you will see value."


def run(coro):
    return asyncio.run(coro)


def scenario(text: str):
    sc, diagnostics = check_text(text, "inline.yaml")
    assert sc is not None, [d.format() for d in diagnostics]
    return sc


def test_points_are_rounded_as_a_rep_reads_them():
    assert [points(w) for w in (33.33, 16.67, -16.67, 2.5, -1.5, -6.0, 0.0, 0.2)] == [
        "+33", "+17", "−17", "+2.5", "−1.5", "−6", "0", "0",
    ]  # fmt: skip


def test_one_rule_on_the_same_words_is_one_row_with_points_per_dimension():
    evidence = [
        Evidence("courage", "hedge", "Maybe", 0, 5, -6.0, "Hedges..."),
        Evidence("belief", "hedge", "Maybe", 0, 5, -6.0, "Hedges..."),
        Evidence("courage", "authored", "Whole reply", 0, 11, 33.33, "Good."),
        Evidence("belief", "hedge", "I think", 20, 27, -3.0, "Hedges..."),
    ]
    rows = evidence_rows(evidence)
    assert [(r.rule, r.text) for r in rows] == [
        ("authored", "Whole reply"), ("hedge", "Maybe"), ("hedge", "I think"),
    ]  # fmt: skip
    assert rows[1].points_text().plain == "−6 courage, −6 belief"
    assert rows[0].words().plain == "The scenario's score for this choice"


@pytest.mark.slow
def test_the_review_lists_every_piece_of_evidence_with_its_points(tmp_path):
    write(tmp_path / "scenarios", "price.yaml", PRICE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            conv = app.screen
            await type_text(pilot, HEDGED)
            await pilot.press("enter")
            await pilot.pause()
            typed = conv.session.turns[0]
            rows = evidence_rows(typed.evidence)
            assert len(rows) > 2
            during = shown_text(app)
            # the inline feedback stays short and says what it leaves out
            assert f"+{len(rows) - 2} more in the review" in during
            await type_text(pilot, "Did you catch the game last night?")
            await pilot.press("enter")
            await pilot.pause()
            assert "no scoring evidence in this reply" in shown_text(app)
            await pick(pilot, 2, 1)
            await pilot.press("enter")
            assert type(app.screen).__name__ == "ScorecardScreen"
            card = app.screen.card
            turns = conv.session.turns
            return shown_text(app), turns, card

    text, turns, card = run(go())
    for e in turns[0].evidence:  # all of them, each with its signed points
        assert f"“{e.text}”" in text
        assert e.note in text
        assert f"{points(e.weight)} " in text
    # the picked choice's authored score: courage 2 -> +33, authenticity 1 -> +17
    assert "The scenario's score for this choice" in text
    assert "+33 " in text and "+17 " in text and "33.33" not in text
    assert "No scoring evidence in this reply" in text
    # the cards say how each number was reached
    courage = [t for t in turns if "courage" in t.scores]
    assert f"= mean of {len(courage)} scored replies" in text
    shift = points(card.belief_shift)
    assert f"buyers' belief {shift} → {points(card.belief_points)}" in text
    assert card.belief_shift != 0


def test_a_dimension_with_no_evidence_shows_50_and_says_so(tmp_path):
    write(tmp_path / "scenarios", "timed.yaml", SLOW)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            await type_text(pilot, "sorry")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            return shown_text(app), app.screen.card

    text, card = run(go())
    assert card.turn_means["authenticity"] is None and card.scores["authenticity"] == 50
    assert "no evidence in any reply: 50" in text


# -- coaching notes ------------------------------------------------------------------

COMMITTEE = """\
scenario: 1
id: overclaim-loop
title: An overclaim picked twice
product:
  name: Tessera
  facts: [Review goes from nine days to three]
  false_claims: [replaces your lawyers]
cast:
  gc:
    name: Priya
    role: General counsel
start: open
steps:
  open:
    speaker: gc
    line: What does it do for my team?
    choices:
      - text: It replaces your lawyers for most reviews.
        score: {authenticity: -3}
        feedback: Claiming software replaces the legal team is an overclaim.
        next: doubt
  doubt:
    speaker: gc
    line: Really?
    choices:
      - text: Yes, it replaces your lawyers for most reviews.
        score: {authenticity: -3}
        feedback: Claiming software replaces the legal team is an overclaim.
        next: done
  done:
    speaker: gc
    line: We're done.
    end: loss
"""


def test_a_choice_gets_one_note_and_the_same_feedback_is_said_once():
    session = Session(scenario(COMMITTEE), seed=1)
    session.choose(1)
    session.choose(1)
    rules = {e.rule for t in session.turns for e in t.evidence}
    assert {"authored", "false_claim"} <= rules  # both the trainer and the rubric spoke
    card = session.scorecard()
    notes = [t.plain for t in things_to_change(card.notes, session.turns)]
    assert len(notes) == 1, notes
    assert notes[0].startswith("authenticity: Claiming software replaces")
    assert "(replies 1 and 2)" in notes[0]


def test_two_timeouts_are_one_courage_note_and_no_reply_label(tmp_path):
    write(tmp_path / "scenarios", "timed.yaml", SLOW)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")
            conv = app.screen
            countdown = conv.query_one(Countdown)
            for _ in range(2):  # the clock runs out twice, with nothing typed
                countdown.post_message(Countdown.Expired())
                await pilot.pause()
            assert [t.kind for t in conv.session.turns] == ["timeout", "timeout"]
            countdown.stop()
            await type_text(pilot, "sorry")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("enter")
            screen = app.screen
            return screen.query_one("#notes").render().plain, screen

    notes, screen = run(go())
    assert notes.count("The clock ran out") == 1, notes
    assert "courage: The clock ran out" in notes and "(replies 1 and 2)" in notes
    assert "reply:" not in notes
    keep = things_to_keep(screen.card.notes, screen.live.session.turns)
    assert all(not t.plain.startswith("reply:") for t in keep)


def test_inline_feedback_shows_all_evidence_when_asked():
    session = Session(scenario(PRICE), seed=1)
    turn = session.reply(HEDGED)
    full = turn_feedback(turn, evidence_count=None).plain
    assert "more in the review" not in full
    for row in evidence_rows(turn.evidence):
        assert row.note in full


def test_a_choice_with_no_feedback_gives_no_note_of_its_own():
    session = Session(scenario(PRICE), seed=1)
    session.choose(2)
    session.choose(1)  # "Teams like yours close in four days...": scored, no feedback
    assert not session.turns[1].feedback
    card = session.scorecard()
    notes = [t.plain for t in things_to_keep(card.notes, session.turns)]
    assert notes and not any("own score for this choice" in n for n in notes), notes
