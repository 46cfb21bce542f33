"""walk: state exploration with meters and conditions, counts, coverage, bounds."""

from __future__ import annotations

import random
import textwrap
import time

import pytest

from simulator.authoring.explore import Stepper, explore
from simulator.authoring.random_play import random_walk
from simulator.authoring.walk import walk
from simulator.engine import Session
from simulator.scenario.library import resolve
from simulator.scenario.loader import check_file, check_text


def load(text: str):
    scenario, diagnostics = check_text(textwrap.dedent(text), "test.yaml")
    assert scenario is not None, [d.format() for d in diagnostics]
    return scenario


GATED = """\
scenario: 1
id: gated
title: Gated
cast:
  cfo: {name: Dana, role: CFO, trust: 30}
vars:
  asked: false
start: open
steps:
  open:
    speaker: cfo
    line: Why pay more?
    choices:
      - text: What does it cost you?
        score: {courage: 2, belief: 1}
        effects: {cfo.trust: +20, asked: true}
        next: middle
      - text: I can discount.
        score: {courage: -3}
        next: lost
  middle:
    speaker: cfo
    line: Ten days.
    choices:
      - text: Decide by Friday?
        when: cfo.trust >= 50 and asked
        score: {courage: 3}
        next: won
      - text: Only offered with huge trust
        when: cfo.trust >= 95
        next: won
      - text: Let me think.
        next: stalled
    routes:
      - like: [send a proposal]
        when: cfo.trust > 90
        next: stalled
  won:
    line: Deal.
    speaker: cfo
    end: win
  lost:
    end: loss
  stalled:
    end: stall
"""


def test_conditions_and_effects_decide_what_is_offered():
    report = walk(load(GATED))
    assert set(report["endings"]) == {"win", "loss", "stall"}  # only reachable kinds
    assert report["endings"]["win"]["paths"] == 1
    assert report["endings"]["stall"]["paths"] == 1
    assert report["endings"]["loss"]["paths"] == 1
    assert report["endings"]["win"]["shortest"] == 2
    offered = [(c["step"], c["choice"], c["index"]) for c in report["never_offered"]]
    assert offered == [("middle", "Only offered with huge trust", 2)]
    line = GATED.splitlines().index("      - text: Only offered with huge trust") + 1
    assert report["never_offered"][0]["line"] == line
    untaken = {(r["step"], r["kind"], r["reply"]) for r in report["never_taken"]}
    assert untaken == {
        ("middle", "choice", "Only offered with huge trust"),
        ("middle", "route", "send a proposal"),
    }
    assert report["unreached"] == []
    assert report["coverage"]["steps"] == {"reached": 5, "total": 5}
    assert report["coverage"]["replies"] == {"taken": 4, "total": 6}
    assert report["truncated"] is False


def test_best_and_worst_paths_by_authored_score():
    report = walk(load(GATED))
    best, worst = report["best"], report["worst"]
    assert best["ending"] == "win" and best["score"] == 6
    assert best["scores"] == {"courage": 5, "authenticity": 0, "belief": 1}
    assert [r["choice"] for r in best["replies"]] == [1, 1]
    assert best["meters"]["cfo"]["trust"] == 50 and best["vars"] == {"asked": True}
    assert worst["ending"] == "loss" and worst["score"] == -3 and worst["turns"] == 1


def test_unreached_step_and_a_choice_hidden_by_a_variable():
    scenario = load(
        """\
        scenario: 1
        id: hidden
        title: Hidden
        cast: {cfo: {name: Dana}}
        vars: {discounted: false}
        start: open
        steps:
          open:
            speaker: cfo
            line: Hi.
            choices:
              - text: Go on.
                next: won
              - text: Only after a discount
                when: discounted
                next: secret
          secret:
            speaker: cfo
            line: You will never see this.
            choices:
              - text: Fine.
                next: won
          won:
            end: win
        """
    )
    report = walk(scenario)
    assert report["unreached"] == [
        {"step": "secret", "line": 17, "says": "You will never see this."}
    ]
    assert report["never_offered"][0]["when"] == "discounted"
    whys = {r["reply"]: r["why"] for r in report["never_taken"]}
    assert whys["Fine."] == "its step is never reached"
    assert list(report["endings"]) == ["win"]


LOOPY = """\
scenario: 1
id: loopy
title: Loopy
cast: {cfo: {name: Dana, trust: 10}}
vars: {pushes: 0, patience: 1000}
start: open
steps:
  open:
    speaker: cfo
    line: Again?
    choices:
      - text: Push once more
        effects: {pushes: +1, cfo.trust: +1}
        next: open
      - text: Ask for the meeting
        when: cfo.trust >= 40 and pushes < patience
        score: {courage: 2}
        next: won
      - text: Give up
        next: lost
  won: {end: win}
  lost: {end: loss}
"""


def test_unbounded_counter_is_cut_off_with_a_note_not_a_hang():
    # 'pushes' is compared with another variable, so every value is its own state
    started = time.perf_counter()
    report = walk(load(LOOPY), max_states=500)
    assert time.perf_counter() - started < 5
    assert report["truncated"] is True
    assert report["states"] == 500
    assert any("cut off" in n for n in report["notes"])
    # every push is a new state (pushes grows): a way forward, never a cycle
    assert report["loops"] == 0
    # the win needs 30 pushes: found within the budget, going round the loop
    assert report["endings"]["win"]["shortest"] == 31
    assert report["endings"]["win"]["paths"] >= 1
    assert report["best"]["ending"] == "win" and report["best"]["turns"] == 31
    assert report["endings"]["loss"]["paths"] >= 1
    assert report["paths_exact"] is False


def test_path_counts_cap_at_max_paths():
    steps = ["scenario: 1", "id: wide", "title: Wide", "cast: {cfo: {name: Dana}}", "start: s0"]
    steps.append("steps:")
    for i in range(12):  # 2**12 paths to the win
        nxt = f"s{i + 1}" if i < 11 else "won"
        steps += [f"  s{i}:", "    speaker: cfo", "    line: Next?", "    choices:"]
        steps += [f"      - {{text: A, next: {nxt}}}", f"      - {{text: B, next: {nxt}}}"]
    steps += ["  won: {end: win}"]
    scenario = load("\n".join(steps) + "\n")
    assert walk(scenario)["endings"]["win"]["paths"] == 4096
    capped = walk(scenario, max_paths=1000)
    assert capped["endings"]["win"] == {**capped["endings"]["win"], "paths": 1000, "capped": True}
    assert any("--max-paths" in n for n in capped["notes"])


def test_dead_end_found_from_meter_values():
    scenario = load(
        """\
        scenario: 1
        id: trap
        title: Trap
        cast: {cfo: {name: Dana, trust: 50}}
        start: open
        steps:
          open:
            speaker: cfo
            line: Hm.
            choices:
              - text: Be rude
                effects: {cfo.trust: = 0}
                next: circle
              - text: Be kind
                next: circle
          circle:
            speaker: cfo
            line: Round we go.
            choices:
              - text: Close
                when: cfo.trust > 10
                next: won
              - text: Wait
                next: again
          again:
            speaker: cfo
            line: Still here.
            choices:
              - text: Back
                next: circle
          won: {end: win}
        """
    )
    report = walk(scenario)
    dead = {d["step"]: d for d in report["dead_ends"]}
    assert set(dead) == {"circle", "again"}
    assert dead["circle"]["example"]["meters"]["cfo"]["trust"] == 0


def test_nothing_on_offer_is_a_stall_as_in_the_engine():
    scenario = load(
        """\
        scenario: 1
        id: stuck
        title: Stuck
        cast: {cfo: {name: Dana, trust: 20}}
        start: open
        steps:
          open:
            speaker: cfo
            line: Hm.
            choices:
              - text: Only when trusted
                when: cfo.trust > 50
                next: won
              - text: Sometimes
                when: cfo.trust > 60
                next: won
          won: {end: win}
        """
    )
    report = walk(scenario)
    assert list(report["endings"]) == ["stall"]
    assert report["endings"]["stall"]["steps"] == ["open (nothing on offer)"]
    assert Session(scenario, seed=1).ending == "stall"


@pytest.mark.parametrize("scenario_id", ["cfo-price-pushback", "buying-committee"])
def test_moves_agree_with_the_engine(scenario_id):
    """Random plays through the walk's state machine, replayed in a real Session:
    the same choices on offer, the same next steps, meters and variables."""
    scenario, _ = check_file(resolve(scenario_id, []))
    stepper = Stepper(scenario)
    rng = random.Random(7)
    for _game in range(25):
        session = Session(scenario, seed=1)
        key = stepper.start
        for _turn in range(40):
            expansion = stepper.expand(key)
            if expansion.ending is not None:
                assert session.ending == expansion.ending
                break
            offered = session.offered()
            walk_choices = [m.item for m in expansion.moves if m.kind == "choice"]
            assert walk_choices == offered
            move = rng.choice(expansion.moves)
            if move.kind == "choice":
                session.choose(offered.index(move.item) + 1)
            else:
                reply = "zzz qqq" if move.item.is_else else move.item.like[0]
                session.reply(reply)
                if session.turns[-1].route["index"] != move.item.index:
                    break  # another route's phrase matched better: a different move
            key = move.target
            assert session.run.state == key[0]
            assert stepper.describe(key) == {
                "meters": session.run.meters_dict(),
                # a counter past every number it is compared with is one state
                "vars": stepper.canonical_vars(session.run.vars_dict()),
            }


def test_random_play_is_seeded_and_counts_hits():
    scenario = load(GATED)
    a = random_walk(scenario, 300, seed=4)
    assert a == random_walk(scenario, 300, seed=4)
    assert sum(a["endings"].values()) + a["unfinished"] == 300
    hits = {s["step"]: s["games"] for s in a["steps"]}
    assert hits["open"] == 300
    assert hits["middle"] + hits["lost"] == 300
    assert 100 < hits["lost"] < 200  # two choices at the start, uniformly
    assert a["never_hit"] == []


def test_random_play_stops_endless_games():
    scenario = load(LOOPY.replace("      - text: Give up\n        next: lost\n", ""))
    report = random_walk(scenario, 50, seed=1, max_turns=20)
    assert report["unfinished"] > 0
    assert sum(report["endings"].values()) + report["unfinished"] == 50


def test_state_graph_is_explored_once_per_state():
    graph = explore(load(GATED))
    assert len(graph.keys) == len(set(graph.keys)) == 5
    assert graph.depth[0] == 0
