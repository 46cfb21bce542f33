"""The language layer: one stemmer, negation scope, numbers, sentence similarity."""

from __future__ import annotations

import json
import subprocess
import sys

from simulator.language.contradiction import contradicts, figures
from simulator.language.negation import scoped_words
from simulator.language.numbers import canonical_dates, find_numbers
from simulator.language.similarity import coverage, nearness, similarities
from simulator.language.stemming import stem
from simulator.language.words import content_stems, content_words
from tests.conftest import REPO, run_cli


def test_one_stemmer_meets_inflections():
    assert stem("costs") == stem("costing") == stem("cost")
    assert stem("discounting") == stem("discounted") == stem("discount")
    assert stem("won't") == "won't"  # a negator, not "won"
    assert content_stems("The costs of discounting") == {stem("cost"), stem("discount")}


def test_negation_governs_to_the_end_of_its_clause():
    words = {
        w.word: w.negated
        for w in scoped_words("I won't promise a guaranteed ROI, but the pilot pays back")
    }
    assert words["promise"] and words["guaranteed"] and words["roi"]
    assert not words["pilot"] and not words["pays"]
    typed_fast = {w.word: w.negated for w in scoped_words("we dont discount")}
    assert typed_fast["discount"]


def test_numbers_are_told_apart_from_number_words():
    kinds = [
        (n.kind, n.text)
        for n in find_numbers("Save $40k, 30% faster, by March 3, in three weeks, 1.8x")
    ]
    assert ("money", "$40k") in kinds
    assert ("percent", "30%") in kinds
    assert ("date", "March 3") in kinds
    assert ("word", "three") in kinds
    assert ("figure", "1.8x") in kinds
    assert not [n for n in find_numbers("three weeks") if n.is_figure]


def test_contradiction_is_what_vectors_miss_denials_and_other_figures():
    assert contradicts("we are not ISO certified yet", "we're ISO certified")
    assert contradicts("some discount", "no discounts")
    assert contradicts("net 60", "net 90 and")
    # One denied word in another clause is not a contradiction of the whole.
    flexible = "we can be flexible, I don't want price to stall it"
    assert not contradicts(flexible, "flexibility on price")
    assert not contradicts("can we book Friday?", "book friday")
    # The same value written two ways is the same figure.
    assert figures("$40k a year") == figures("40,000") == figures("40 thousand") == {40000.0}
    assert not contradicts("$40k a year", "40,000 dollars")
    assert figures("version 1.2.3") == frozenset()


def test_a_reply_that_denies_an_exemplar_is_not_routed_by_it():
    from simulator.engine.matching import best_route
    from simulator.scenario.model import Route

    routes = [
        Route(0, "catch", like=("we're iso certified", "fully certified")),
        Route(1, "honest", like=("audit is in q3", "soc 2 report")),
        Route(2, "parked", is_else=True),
    ]
    match = best_route("honestly we aren't iso certified", routes)
    assert match.next != "catch", match.why()


def test_similarity_ranks_a_paraphrase_above_an_unrelated_reply():
    near, far = similarities(
        "can we lock in thursday to make the call",
        ["Can we book Thursday to decide?", "My cat is called Biscuit"],
    )
    assert near > far
    assert similarities("", ["anything"]) == [0.0]


def test_coverage_finds_a_short_phrase_said_inside_a_long_reply():
    reply = (
        "That's impressive. Most heads of fleet we work with told us breakdowns were "
        "rare too, until they looked at the data."
    )
    phrase, unrelated = "thought breakdowns were rare", "send me the contract"
    said, not_said = coverage(reply, [phrase, unrelated])
    assert said > 0.7 > 0.3 > not_said
    # the whole-sentence cosine alone dilutes the phrase in the long reply
    assert nearness(reply, [phrase])[0] > similarities(reply, [phrase])[0]
    assert coverage("", [phrase]) == [0.0]
    assert content_words("can we?") == ["can", "we"]  # all stop words: keep them


def test_the_bar_is_higher_for_short_replies_and_never_below_the_floor():
    from simulator.engine.matching import FLOOR, THRESHOLD, threshold_for

    ten = "one two three four five six seven eight nine ten"
    assert threshold_for(ten) == THRESHOLD
    assert threshold_for("deal?") > threshold_for("can we book thursday") > THRESHOLD
    assert threshold_for(" ".join(["word"] * 500)) == FLOOR


def test_list_and_help_do_not_import_the_model():
    code = (
        "import sys; from simulator.cli import main\n"
        "try:\n    main(['list'])\nexcept SystemExit:\n    pass\n"
        "print('wordllama' in sys.modules, 'simulator.language.similarity' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_routes_try_ranks_exemplars_and_says_where_the_reply_goes():
    out = run_cli(
        "routes",
        "cfo-price-pushback",
        "--try",
        "open",
        "how many days does your close take",
        "--json",
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["next"] == "cost_of_close"
    assert data["ranking"][0]["next"] == "cost_of_close"
    nearness = [r["nearness"] for r in data["ranking"]]
    assert nearness == sorted(nearness, reverse=True)


def test_routes_reports_a_thin_route_with_its_position(tmp_path):
    path = tmp_path / "thin.yaml"
    path.write_text(
        """\
scenario: 1
id: thin
title: Thin routes
cast:
  cfo: {name: Dana, role: CFO}
start: open
steps:
  open:
    speaker: cfo
    line: Why pay more?
    choices:
      - text: What does a day of close cost you?
        next: won
    routes:
      - like: [cost]
        next: won
      - like: [discount]
        next: lost
      - else: lost
  won: {speaker: cfo, line: Deal., end: win}
  lost: {speaker: cfo, line: No., end: loss}
""",
        encoding="utf-8",
    )
    out = run_cli("routes", str(path))
    assert out.returncode == 1
    assert f"{path}:17:9: few:" in out.stdout
    assert "route to 'lost' has 1 exemplar" in out.stdout
    bad = run_cli("routes", str(path), "--try", "nowhere", "hi")
    assert bad.returncode == 2 and "takes no typed replies" in bad.stdout


def test_typing_a_choice_gets_the_reaction_of_picking_it():
    from simulator.engine.session import Session
    from simulator.scenario.library import resolve
    from simulator.scenario.loader import load_scenario

    scenario = load_scenario(resolve("cfo-price-pushback"))
    for choice in scenario.steps["open"].choices:
        picked = Session(scenario, seed=1)
        picked.choose(choice.index + 1)
        typed = Session(scenario, seed=1)
        turn = typed.reply(choice.text)
        assert turn.next == picked.turns[-1].next, (choice.text, turn.route)


def test_loading_the_model_leaves_logging_alone():
    # wordllama calls logging.basicConfig(INFO) on import; that would flood the
    # rep's terminal with every library's INFO lines.
    code = (
        "import logging; from simulator.language import similarity\n"
        "similarity.warm_up(); root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60
    )
    assert out.stdout.split() == ["0", str(30)], out.stdout + out.stderr


ROUTE_WITH_ITS_OWN_BAR = """\
scenario: 1
id: own-bar
title: A route with its own bar
cast:
  cfo: {name: Dana, role: CFO}
start: open
steps:
  open:
    speaker: cfo
    line: The last vendor's rollout took fourteen months.
    routes:
      - like: [what went wrong last time, where did it stall]
        threshold: %s
        next: listened
      - else: pitched
  listened: {end: advance}
  pitched: {end: stall}
"""


def test_a_route_may_set_its_own_bar_and_a_bad_one_is_reported(tmp_path):
    from simulator.engine import Session
    from simulator.scenario.loader import load_scenario

    reply = "how did the rollout fall apart"  # near, but below the calibrated bar
    outcomes = {}
    for bar in ("0.05", "0.95"):
        path = tmp_path / f"bar-{bar}.yaml"
        path.write_text(ROUTE_WITH_ITS_OWN_BAR % bar, encoding="utf-8")
        turn = Session(load_scenario(path), seed=1).reply(reply)
        outcomes[bar] = (turn.next, turn.route["threshold"])
    assert outcomes["0.05"] == ("listened", 0.05)
    assert outcomes["0.95"] == ("pitched", 0.95)
    path = tmp_path / "bad.yaml"
    path.write_text(ROUTE_WITH_ITS_OWN_BAR % "1.5", encoding="utf-8")
    done = run_cli("validate", str(path))
    assert done.returncode != 0
    assert f"{path}:13:20: error: the threshold of route 1 of step 'open' is 1.5" in done.stdout
    assert "hint: use a number from 0 to 1" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_every_bundled_scenario_routes_its_own_choices_and_phrases_where_they_lead():
    # Self-consistency for the library reps practise on: no choice or phrase, typed,
    # goes elsewhere; no two routes' exemplars are near-twins; no route is thin.
    from simulator.authoring.routes import check_routes
    from simulator.scenario.loader import load_scenario

    for path in sorted((REPO / "scenarios").glob("*.yaml")):
        findings = check_routes(load_scenario(path))
        assert not findings, (path.name, [f.message for f in findings])


def test_a_date_phrase_is_found_however_the_rep_writes_the_date():
    from simulator.engine.matching import contained_phrase
    from simulator.scenario.model import Route

    routes = [Route(0, "later", like=("july 10", "talk again")), Route(1, "lost", is_else=True)]
    for typed in ("could we pencil in the 10th of July?", "July 10th works", "10 jul then"):
        found = contained_phrase(typed, routes)
        assert found is not None and found[1] == "july 10", typed
    assert contained_phrase("july 1 or 7/10", routes) is None  # not July 10; 7/10 left alone
    cohort = [Route(0, "later", like=("june cohort",))]
    found = contained_phrase("if you'd rather wait for June's cohort data", cohort)
    assert found is not None and found[1] == "june cohort"  # a possessive says the phrase
    assert canonical_dates("Sept 3rd and 3 Sep") == "september 3 and september 3"


def test_a_short_clause_ending_in_a_bare_no_denies_the_words_before_it():
    negated = {w.word for w in scoped_words("EU hosting yes, ISO no, not yet.") if w.negated}
    assert negated == {"iso"}
    # Only a short clause: a long one ending in "no" is a question or a report.
    assert not any(w.negated for w in scoped_words("is that a yes or a no"))
