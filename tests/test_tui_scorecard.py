"""The scorecard explains itself: why the conversation ended, which reply moved which
meter and cost which points, and no "nothing cost you points" when something did."""

from __future__ import annotations

import asyncio

from simulator.scenario.loader import check_text
from simulator.tui.live_play import LivePlay
from simulator.tui.turn_story import condition_words
from tests.test_tui_support import SIZE, build_app, pick, settle, shown_text, write

# Trust falls with each blunt reply; at the last step the way to the win needs trust
# of at least 30, so with trust below 30 only the way to the loss is open.
SLIDE = """\
scenario: 1
id: slide
title: Trust slides away
cast:
  cfo:
    name: Dana Ruiz
    role: CFO
    trust: 40
    belief: 30
start: open
steps:
  open:
    speaker: cfo
    line: Why are you here?
    choices:
      - text: To sell you something.
        score: {authenticity: -1}
        effects: {cfo.trust: -5}
        next: mid
      - text: To hear what slows your close.
        effects: {cfo.trust: +10, cfo.belief: +5}
        next: mid
  mid:
    speaker: cfo
    line: Go on.
    choices:
      - text: Our product is the best.
        score: {courage: -2}
        effects: {cfo.trust: -10}
        next: last
      - text: What does a day of close cost you?
        next: last
  last:
    speaker: cfo
    line: So?
    choices:
      - text: Let me send a brochure.
        when: cfo.trust < 30
        next: lost
      - text: Can we book Friday to decide?
        when: cfo.trust >= 30
        next: won
  lost:
    speaker: cfo
    line: We're done here.
    end: loss
  won:
    speaker: cfo
    line: Friday it is.
    end: win
"""


def slide():
    sc, problems = check_text(SLIDE, "slide.yaml")
    assert sc is not None, [p.format() for p in problems]
    return sc


def test_the_story_names_the_reply_and_the_meter_that_ended_it():
    live = LivePlay(slide(), seed=1)
    for number in (1, 1, 1):
        live.choose(number)
    story = live.story()
    assert live.session.ending == "loss"
    moves = [[(m.member, m.meter, m.before, m.after) for m in s.meters] for s in story.steps]
    assert moves == [[("Dana Ruiz", "trust", 40, 35)], [("Dana Ruiz", "trust", 35, 25)], []]
    assert story.steps[0].points["authenticity"] < 0 and story.steps[2].points == {}
    why = "\n".join(story.why_ended)
    assert "Reply 3 led here: you chose “Let me send a brochure.”" in why
    assert "That way was open because Dana Ruiz's trust fell below 30 at reply 2 (it was 25)" in why
    assert "Closed at that moment: a way on that needed Dana Ruiz's trust at least 30" in why
    assert "Dana Ruiz's trust fell from 40 to 25; reply 2 moved it most (−10)" in why


def test_a_condition_that_held_from_the_start_says_so():
    sc = slide()
    tree = sc.steps["last"].choices[1].when.tree  # cfo.trust >= 30
    history = [{"cfo.trust": 40.0, "cfo.belief": 30.0}] * 3
    assert condition_words(sc, tree, history) == ["Dana Ruiz's trust was at least 30 (it was 40)"]


def run(coro):
    return asyncio.run(coro)


def _scorecard(tmp_path, *choices: int) -> str:
    write(tmp_path / "scenarios", "slide.yaml", SLIDE)

    async def go():
        app = build_app(tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("enter", "enter")  # the library's first entry, then start
            await settle(pilot, app)
            await pick(pilot, *choices)
            await settle(pilot, app)
            await pilot.press("enter")  # past the ending, to the scorecard
            await settle(pilot, app)
            assert type(app.screen).__name__ == "ScorecardScreen"
            return shown_text(app)

    return run(go())


def test_the_scorecard_says_why_it_ended_and_what_each_turn_moved(tmp_path):
    shown = _scorecard(tmp_path, 1, 1, 1)
    assert "Why: Reply 3 led here" in shown
    assert "Dana Ruiz's trust fell below 30 at reply 2" in shown
    assert "Turn by turn" in shown
    rows = {line.split()[0]: line.split() for line in shown.splitlines() if "→" in line}
    # the meters each reply moved, then its points (scoring may change the figures),
    # then what it did (the scoring's moves)
    assert rows["1"][:5] == ["1", "Dana", "trust", "▼5", "→35"]
    assert rows["1"][5].startswith("−") and rows["1"][6:] == ["authenticity", "—"]
    assert rows["2"][:5] == ["2", "Dana", "trust", "▼10", "→25"]
    assert rows["2"][5].startswith("−") and rows["2"][6:] == ["courage", "overclaim"]


def test_points_lost_with_no_coaching_note_are_never_nothing_cost_you(tmp_path):
    # the choices' scores carry no feedback, so there is no note to coach on; the old
    # card said "Nothing cost you points this time"
    shown = _scorecard(tmp_path, 1, 1, 1)
    assert "Nothing cost you points" not in shown and "No reply cost you points" not in shown
    assert "Do differently next time" in shown
    assert "Reply 1 lost −" in shown and "Reply 2 lost −" in shown
    lost = [line for line in shown.splitlines() if line.startswith("• Reply ")]
    assert [line.split()[2] for line in lost] == ["1", "2"], lost
    assert lost[0].endswith("authenticity (below)") and lost[1].endswith("courage (below)")


def test_a_loss_with_no_points_lost_says_so_and_points_to_why(tmp_path):
    # reply 1 gains trust, reply 2 costs nothing; but trust 50 opens the win, so lose
    # it the other way: a clean first reply, then the blunt one (-10 trust, -2 courage)
    shown = _scorecard(tmp_path, 2, 2, 1)
    assert "Ending: WIN" in shown and "No reply cost you points" in shown
    assert "Why: Reply 3 led here: you chose “Can we book Friday to decide?”" in shown
