"""walk with loops: a path goes through (step, state) pairs, so a loop that changes a
counter, a meter or a flag is a way forward; only coming back to the very same
state is a cycle, which is not a new path."""

from __future__ import annotations

import random
import textwrap
import time

import pytest

from simulator.authoring.explore import Stepper
from simulator.authoring.walk import walk
from simulator.engine import Session
from simulator.scenario.library import bundled_dir, resolve
from simulator.scenario.loader import check_file, check_text


def load(text: str):
    scenario, diagnostics = check_text(textwrap.dedent(text), "test.yaml")
    assert scenario is not None, [d.format() for d in diagnostics]
    return scenario


COUNTER = """\
scenario: 1
id: loop-counter
title: Loop
cast:
  b: {name: B}
vars: {n: 0}
start: a
steps:
  a:
    speaker: b
    line: Again?
    choices:
      - {text: again, effects: {n: +1}, next: a}
      - {text: stop, when: n >= 3, next: done}
  done: {end: win}
"""


def test_a_counter_loop_reaches_its_ending():
    report = walk(load(COUNTER))
    win = report["endings"]["win"]
    # n is one state from 4 on (nothing compares it with more than 3), so:
    # 'again' x3 then 'stop', and 'again' x4 (or more: the same state) then 'stop'
    assert win["paths"] == 2
    assert win["shortest"] == 4
    best = report["best"]
    assert best is not None and best["ending"] == "win" and best["turns"] == 4
    assert [r["reply"] for r in best["replies"]] == ["again"] * 3 + ["stop"]
    assert best["vars"] == {"n": 3}
    assert report["loops"] == 1  # 'again' at n >= 4 comes back to the same state
    assert any("same state" in n for n in report["notes"])


def test_the_trainers_file_with_a_counter_and_a_meter():
    text = COUNTER.replace("effects: {n: +1}", "effects: {n: +1, b.trust: +1}")
    report = walk(load(text))
    assert report["endings"]["win"]["paths"] >= 1
    assert report["endings"]["win"]["shortest"] == 4
    assert report["best"]["turns"] == 4 and report["worst"] is not None


METER = """\
scenario: 1
id: meter-loop
title: Meter loop
cast:
  cfo: {name: Dana, trust: 50}
start: ask
steps:
  ask:
    speaker: cfo
    line: Convince me.
    choices:
      - text: Press again
        score: {courage: 1}
        effects: {cfo.trust: +10}
        next: ask
      - text: Can we book it?
        when: cfo.trust >= 80
        score: {courage: 2}
        next: won
      - text: I'll leave it.
        score: {courage: -1}
        next: lost
  won: {end: win}
  lost: {end: loss}
"""


def test_a_meter_loop_counts_one_path_per_state_on_the_way():
    report = walk(load(METER))
    # trust 50, 60, ..., 100: the close is offered at 80, 90 and 100
    assert report["endings"]["win"]["paths"] == 3
    assert report["endings"]["loss"]["paths"] == 6
    assert report["endings"]["win"]["shortest"] == 4
    assert report["states"] == 6 + 3 + 6
    assert report["loops"] == 1  # pressing at 100 (clamped) is the same state


def test_best_path_goes_round_a_meter_loop_only_as_far_as_it_needs():
    scenario = load(METER)
    report = walk(scenario)
    best, worst = report["best"], report["worst"]
    # 'Press again' scores the first time only, so pressing past 80 (the close) adds
    # nothing: press three times (+1, 0, 0) then book (+2), not five times
    assert best["ending"] == "win" and best["score"] == 3 and best["turns"] == 4
    assert [r["choice"] for r in best["replies"]] == [1, 1, 1, 2]
    assert [r["score"] for r in best["replies"]] == [1, 0, 0, 2]
    assert [r["repeat"] for r in best["replies"]] == [False, True, True, False]
    assert best["scores"] == {"courage": 3, "authenticity": 0, "belief": 0}
    assert best["meters"]["cfo"]["trust"] == 80
    assert worst == {**worst, "ending": "loss", "score": -1, "turns": 1}
    # the best path, played in the engine, ends the same way
    session = Session(scenario, seed=1)
    for r in best["replies"]:
        session.choose(r["choice"])
    assert session.ending == "win"
    assert session.run.meters_dict()["cfo"]["trust"] == 80


SCORING_LOOP = """\
scenario: 1
id: scoring-loop
title: Scoring loop
cast:
  cfo: {name: Dana, trust: 50}
start: pitch
steps:
  pitch:
    speaker: cfo
    line: Everybody says that.
    choices:
      - text: You're right, that was a brochure answer.
        score: {courage: 2, authenticity: 2}
        effects: {cfo.trust: +5}
        next: pitch
      - text: Let's book the pilot.
        score: {courage: 1}
        next: won
      - text: I'll send case studies.
        score: {courage: -2}
        effects: {cfo.trust: -5}
        next: pitch
      - text: Fine, goodbye.
        when: cfo.trust < 40
        next: lost
  won: {end: win}
  lost: {end: loss}
"""


def test_best_path_does_not_farm_a_scoring_loop():
    report = walk(load(SCORING_LOOP))
    best, worst = report["best"], report["worst"]
    # before, the best path owned the brochure answer ten times (trust 50 -> 100, +4
    # each): +41 in 11 replies. A reply scores the first time only: +4 once, then book
    assert (best["score"], best["turns"]) == (5, 2)
    assert [r["choice"] for r in best["replies"]] == [1, 2]
    # the worst path needs the case studies three times to be let go (trust 50 -> 35
    # < 40): -2 the first time, 0 after, and not ten times down to trust 0 (-20)
    assert (worst["score"], worst["turns"], worst["ending"]) == (-2, 4, "loss")
    assert [r["choice"] for r in worst["replies"]] == [3, 3, 3, 4]
    assert [r["score"] for r in worst["replies"]] == [-2, 0, 0, 0]
    assert report["endings"]["win"]["paths"] > 10  # the laps are still paths


def test_a_loop_needed_for_the_ending_is_taken_the_fewest_times():
    # 'again' scores +2 but is needed three times before 'stop' is offered: the best
    # path takes it three times (scoring once), not four (n = 4 is a state too)
    text = COUNTER.replace("effects: {n: +1}", "score: {courage: 2}, effects: {n: +1}")
    text = text.replace("next: done}", "score: {belief: 1}, next: done}")
    report = walk(load(text))
    best, worst = report["best"], report["worst"]
    assert report["endings"]["win"]["paths"] == 2
    assert (best["score"], best["turns"]) == (3, 4)
    assert [r["reply"] for r in best["replies"]] == ["again"] * 3 + ["stop"]
    assert [r["score"] for r in best["replies"]] == [2, 0, 0, 1]
    assert best["scores"] == {"courage": 2, "authenticity": 0, "belief": 1}
    # the other path (again x4) scores the same: the shorter one is also the worst
    assert (worst["score"], worst["turns"]) == (3, 4)


def test_between_equal_scores_the_path_with_fewer_replies_wins():
    # pressing (+1, trust +10) opens the close at trust 60; pressing more adds
    # nothing, so every 'press n times, then book' scores +3: the shortest wins
    text = METER.replace("cfo.trust >= 80", "cfo.trust >= 60")
    report = walk(load(text))
    best = report["best"]
    assert report["endings"]["win"]["paths"] == 5  # book at trust 60, 70, 80, 90, 100
    assert (best["score"], best["turns"], best["revisits"]) == (3, 2, 1)
    assert [r["choice"] for r in best["replies"]] == [1, 2]
    # and with no loop: +2 in one reply beats +1 +1 in two
    plain = """\
    scenario: 1
    id: ties
    title: Ties
    cast: {cfo: {name: Dana}}
    start: open
    steps:
      open:
        speaker: cfo
        line: Go on.
        choices:
          - {text: Ask first, score: {courage: 1}, next: probe}
          - {text: Close now, score: {courage: 2}, next: won}
      probe:
        speaker: cfo
        line: And?
        choices:
          - {text: Close, score: {belief: 1}, next: won}
      won: {end: win}
    """
    best = walk(load(plain))["best"]
    assert (best["score"], best["turns"]) == (2, 1)


PURE_CYCLE = """\
scenario: 1
id: pure-cycle
title: Pure cycle
cast: {cfo: {name: Dana}}
start: open
steps:
  open:
    speaker: cfo
    line: Where to?
    choices:
      - {text: Ask about A, next: a}
      - {text: Ask about B, next: b}
  a:
    speaker: cfo
    line: A.
    choices:
      - {text: Say nothing, next: a}
      - {text: Now B, score: {courage: 1}, next: b}
      - {text: Close from A, next: won}
  b:
    speaker: cfo
    line: B.
    choices:
      - {text: Now A, score: {courage: 1}, next: a}
      - {text: Close from B, score: {courage: 2}, next: won}
  won: {end: win}
"""


def test_a_cycle_without_state_change_is_finite_and_counted_exactly():
    started = time.perf_counter()
    report = walk(load(PURE_CYCLE))
    assert time.perf_counter() - started < 2
    # open-a-won, open-a-b-won, open-b-won, open-b-a-won: 'Say nothing' and
    # going back to a step already passed (same state) are cycles, not new paths
    assert report["endings"]["win"]["paths"] == 4
    assert report["loops"] == 1  # one group of states that lead round into each other
    best = report["best"]
    assert [r["step"] for r in best["replies"]] == ["open", "a", "b"]
    assert best["score"] == 3 and best["turns"] == 3


def test_a_cycle_nothing_can_leave_is_a_dead_end_not_a_hang():
    text = """\
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
          - {text: Go round, effects: {cfo.trust: = 0}, next: round}
          - {text: Win, next: won}
      round:
        speaker: cfo
        line: Round.
        choices:
          - {text: Again, next: round}
          - {text: Back, next: other}
          - {text: Leave, when: cfo.trust > 10, next: won}
      other:
        speaker: cfo
        line: Other.
        choices:
          - {text: Round again, next: round}
      won: {end: win}
    """
    report = walk(load(text))
    assert report["endings"]["win"]["paths"] == 1
    assert {d["step"] for d in report["dead_ends"]} == {"round", "other"}


def test_a_big_tangle_falls_back_to_a_lower_bound_quickly():
    # every step leads to every other: far too many ways round to list them all
    n = 14
    lines = ["scenario: 1", "id: tangle", "title: Tangle", "cast: {cfo: {name: D}}"]
    lines += ["start: s0", "steps:"]
    for i in range(n):
        lines += [f"  s{i}:", "    speaker: cfo", "    line: Hm.", "    choices:"]
        lines += [f"      - {{text: to {j}, next: s{j}}}" for j in range(n) if j != i]
        lines += ["      - {text: close, score: {courage: 1}, next: won}"]
    lines += ["  won: {end: win}"]
    scenario = load("\n".join(lines) + "\n")
    started = time.perf_counter()
    report = walk(scenario)
    assert time.perf_counter() - started < 5
    assert report["endings"]["win"]["paths"] >= n
    assert any("at least" in note for note in report["notes"])
    assert any("one way round" in n and "best and worst found" in n for n in report["notes"])
    assert report["paths_exact"] is False
    steps = [r["step"] for r in report["best"]["replies"]]
    assert len(steps) == len(set(steps))  # the best path found never repeats a state


def test_a_state_reached_with_too_many_sets_of_replies_falls_back_and_says_so(monkeypatch):
    from simulator.authoring import best_worst

    text = METER.replace(
        "      - text: Can we book it?",
        "      - text: Push harder\n"
        "        score: {courage: 2}\n"
        "        effects: {cfo.trust: +10}\n"
        "        next: ask\n"
        "      - text: Can we book it?",
    )
    scenario = load(text)
    exact = walk(scenario)
    # press and push once each (+3), once more (0), then book (+2): +5 in 4
    assert (exact["best"]["score"], exact["best"]["turns"]) == (5, 4)
    assert not any("best and worst found" in n for n in exact["notes"])
    monkeypatch.setattr(best_worst, "KEYS", 0)  # as if a big file had used the budget
    monkeypatch.setattr(best_worst, "BEAM", 1)
    report = walk(scenario)
    assert any("best and worst found" in n and "sets of replies" in n for n in report["notes"])
    best = report["best"]
    assert best["score"] <= 5 and best["ending"] == "win"
    session = Session(scenario, seed=1)
    for r in best["replies"]:
        session.choose(r["choice"])
    assert session.ending == "win"


def _random_scenario(rng: random.Random) -> str:
    steps = [f"s{i}" for i in range(rng.randint(2, 5))]
    ends = ["won", "lost"]
    out = ["scenario: 1", "id: rnd", "title: Random", "cast: {cfo: {name: D, trust: 50}}"]
    out += ["vars: {n: 0, flag: false}", "start: s0", "steps:"]
    for s in steps:
        out += [f"  {s}:", "    speaker: cfo", "    line: Hm.", "    choices:"]
        for _ in range(rng.randint(1, 3)):
            parts = [f"text: t{rng.randint(0, 999)}", f"next: {rng.choice(steps + ends)}"]
            parts.append(f"score: {{courage: {rng.randint(-3, 3)}}}")
            effect = rng.choice(["", "n: +1", "cfo.trust: +25", "cfo.trust: -25", "flag: true"])
            if effect:
                parts.append(f"effects: {{{effect}}}")
            when = rng.choice(["", "", "n >= 2", "cfo.trust > 60", "not flag"])
            if when:
                parts.append(f"when: {when}")
            out.append("      - {" + ", ".join(parts) + "}")
    out += ["  won: {end: win}", "  lost: {end: loss}"]
    return "\n".join(out) + "\n"


def _brute_force(scenario):
    """Every simple path through the state graph, by plain enumeration, each scored
    with a reply counting only the first time it is taken on the path."""
    stepper = Stepper(scenario)
    counts: dict[str, int] = {}
    scores: list[tuple[int, int]] = []

    def go(key, seen, taken, score, turns):
        exp = stepper.expand(key)
        if exp.ending is not None:
            counts[exp.ending] = counts.get(exp.ending, 0) + 1
            scores.append((score, turns))
            return
        for move in exp.moves:
            if move.target not in seen:
                gain = 0 if id(move.item) in taken else move.score
                after = taken | {id(move.item)}
                go(move.target, seen | {move.target}, after, score + gain, turns + 1)

    go(stepper.start, {stepper.start}, frozenset(), 0, 0)
    return counts, scores


def test_counts_and_best_paths_match_plain_enumeration_of_simple_paths():
    rng = random.Random(11)
    checked = 0
    for _ in range(150):
        scenario, _diags = check_text(_random_scenario(rng), "rnd.yaml")
        if scenario is None:
            continue
        counts, scores = _brute_force(scenario)
        report = walk(scenario)
        assert {k: v["paths"] for k, v in report["endings"].items() if v["paths"]} == counts
        if scores:
            top = max(scores, key=lambda p: (p[0], -p[1]))
            low = min(scores, key=lambda p: (p[0], p[1]))
            assert (report["best"]["score"], report["best"]["turns"]) == top
            assert (report["worst"]["score"], report["worst"]["turns"]) == low
        else:
            assert report["best"] is None
        checked += 1
    assert checked > 100


def test_text_report_writes_a_repeated_lap_once():
    from simulator.authoring.walk_text import format_walk

    text = COUNTER.replace("n >= 3", "n >= 40")
    report = walk(load(text))
    best = report["best"]
    assert best["turns"] == 41 and best["revisits"] == 40
    out = format_walk(report)
    assert out.count('a: [1] "again"') == 2  # best and worst, each written once
    assert "the same 1 reply 39 more times" in out
    assert "go back to steps they have passed" in out
    assert "scores only the first time" in out
    assert len(out.splitlines()) < 40
    # a choice that scored the first time says why it scores 0 when taken again
    out = format_walk(walk(load(METER)))
    assert out.count("  +0 (taken again: scores only the first time)") == 1  # one lap line
    assert "the same 1 reply 1 more time" in out


BUNDLED = sorted(p.stem for p in bundled_dir().glob("*.yaml"))


@pytest.mark.parametrize("scenario_id", BUNDLED)
def test_every_bundled_best_and_worst_path_plays_in_the_engine(scenario_id):
    scenario, _ = check_file(resolve(scenario_id, []))
    report = walk(scenario)
    for key in ("best", "worst"):
        path = report[key]
        # no farming: a path no longer than a few laps of the scenario's steps
        assert path["turns"] <= 2 * len(scenario.steps)
        firsts = [r for r in path["replies"] if not r["repeat"]]
        assert sum(r["score"] for r in firsts) == path["score"]
        assert all(r["score"] == 0 for r in path["replies"] if r["repeat"])
        session = Session(scenario, seed=1)
        for r in path["replies"]:
            assert session.ending is None
            if r["kind"] == "choice":
                session.choose(r["choice"])
            else:
                session.reply("zzzz qqqq" if r["reply"] == "else" else r["reply"])
            assert session.run.state == r["next"]
        assert session.ending == path["ending"]
        assert session.run.meters_dict() == path["meters"]
