"""The scenario's own judgement of a typed reply: close to an authored answer, it is
scored as the author scored that answer (and the scorecard says so)."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.engine import Session
from simulator.engine.session import step_answers
from simulator.scenario.loader import load_scenario
from simulator.scoring import DIMENSIONS, AuthoredAnswer, ReplyContext, score_reply
from simulator.scoring.judgement import nearest_answer
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parent.parent
CFO = REPO / "scenarios" / "cfo-price-pushback.yaml"


def _best_choice(step):
    return max(step.choices, key=lambda c: sum(c.score.values()))


def test_typing_the_best_choice_scores_at_least_as_well_as_picking_it():
    scenario = load_scenario(CFO)
    best = _best_choice(scenario.steps[scenario.start])
    number = next(
        i for i, c in enumerate(Session(scenario, seed=1).offered(), 1) if c.text == best.text
    )
    picked = Session(scenario, seed=1).choose(number).scores
    typed_turn = Session(scenario, seed=1).reply(best.text)
    for dim in DIMENSIONS:
        assert typed_turn.scores.get(dim, 50) >= picked.get(dim, 50), dim
    notes = [e.note for e in typed_turn.evidence if e.rule == "authored"]
    assert notes and all(n.startswith("Close to the choice") for n in notes)


def test_typing_the_model_answer_scores_at_least_as_well_as_the_best_choice():
    scenario = load_scenario(CFO)
    step = scenario.steps[scenario.start]
    best = _best_choice(step)
    number = next(
        i for i, c in enumerate(Session(scenario, seed=1).offered(), 1) if c.text == best.text
    )
    picked = Session(scenario, seed=1).choose(number).scores
    typed = Session(scenario, seed=1).reply(step.model_answer).scores
    for dim in DIMENSIONS:
        assert typed.get(dim, 50) >= picked.get(dim, 50), dim


def test_a_paraphrase_of_a_bad_choice_inherits_its_bad_score_and_note():
    scenario = load_scenario(CFO)
    step = scenario.steps[scenario.start]
    answers = step_answers(step)
    found = nearest_answer("I could do 15% off if you sign this quarter", answers)
    assert found is not None
    answer, close = found
    assert answer.score.get("courage", 0) < 0 and close.nearness >= 0.5
    scored = score_reply(
        "I could do 15% off if you sign this quarter",
        ReplyContext(buyer_line=step.line or "", answers=answers),
    )
    assert scored.scores["courage"] < 30
    assert any(e.rule == "authored" and "Discounting" in e.note for e in scored.evidence)


def test_a_reply_far_from_every_answer_is_judged_by_the_rubric_alone():
    answers = (AuthoredAnswer("I can take 15% off if you sign this quarter.", {"courage": -2}),)
    ctx = ReplyContext(answers=answers)
    scored = score_reply("Let me send you a brochure about our team.", ctx)
    assert scored.close_to is None
    assert not any(e.rule == "authored" for e in scored.evidence)


def test_halfway_between_two_differently_scored_answers_inherits_neither():
    answers = (
        AuthoredAnswer("We hold the price.", {"courage": 2}),
        AuthoredAnswer("We hold the price.", {"courage": -2}),
    )
    assert nearest_answer("We hold the price.", answers) is None


def test_a_picked_choice_keeps_its_own_score_whatever_the_answers_say():
    answers = (AuthoredAnswer("We hold the price.", {"courage": -3}),)
    ctx = ReplyContext(authored={"courage": 2}, kind="choice", answers=answers)
    assert score_reply("We hold the price.", ctx).close_to is None


def test_score_cli_says_the_reply_is_close_to_the_model_answer():
    scenario = load_scenario(CFO)
    answer = " ".join(scenario.steps[scenario.start].model_answer.split())
    out = run_cli("score", "--json", "--context", f"{CFO}:open", input=answer + "\nok\n")
    assert out.returncode == 0, out.stderr
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["close_to"]["label"] == "the model answer"
    assert any("Close to the model answer" in e["note"] for e in first["evidence"])
    assert second["close_to"] is None
    text = run_cli("score", "--context", f"{CFO}:open", input=answer + "\n")
    assert "close to the model answer" in text.stdout


def test_a_reply_that_denies_an_answer_does_not_inherit_its_judgement():
    # Sentence vectors put the denial near the overclaim; read as the rep meant it,
    # it is the honest answer, not the false claim.
    overclaim = AuthoredAnswer(
        "Yes, we're ISO certified, and everything is hosted in the EU.", {"authenticity": -3}
    )
    reply = "honestly we are not iso certified yet but we have soc2 and eu hosting"
    assert nearest_answer(reply, (overclaim,)) is None
    assert nearest_answer("yes we are iso certified and hosted in the eu", (overclaim,)) is not None
