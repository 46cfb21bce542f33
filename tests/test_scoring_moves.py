"""Moves: what a rep does in a reply, with spans into the reply as typed."""

from __future__ import annotations

import json

import pytest

from simulator.scoring import score_reply
from simulator.scoring.moves import MOVES, moves_summary
from tests.conftest import run_cli


def kinds(text: str) -> list[str]:
    return [m.move for m in score_reply(text).moves]


@pytest.mark.parametrize(
    "text",
    [
        "Deal?",
        "Worth a 90-day shot?",
        "Can Sam and I build the plan with you Thursday?",
        "Would you be willing to sign the pilot order this week?",
        "Let's book Tuesday at 10 to decide.",
    ],
)
def test_asks_with_or_without_keywords(text):
    assert "ask" in kinds(text)


@pytest.mark.parametrize(
    "text",
    ["How many seats do you run today?", "Have you heard of the program?", "What broke last time?"],
)
def test_questions_that_commit_no_one_are_not_asks(text):
    got = kinds(text)
    assert "question" in got and "ask" not in got


@pytest.mark.parametrize(
    "text",
    ["What does it cost you today to close the books?", "Who keeps the books for you today?"],
)
def test_a_commit_word_used_as_a_noun_for_a_thing_is_not_an_ask(text):
    # "the books" are accounts, not "book a call": a discovery question.
    got = kinds(text)
    assert "question" in got and "ask" not in got
    assert "asks_for_commitment" not in {e.rule for e in score_reply(text).evidence}


@pytest.mark.parametrize(
    "text", ["Can we book the pilot for Monday?", "Would you make a commitment today?"]
)
def test_commitment_nouns_still_ask(text):
    assert "ask" in kinds(text)


def test_a_give_in_return_is_a_trade_not_a_concession():
    assert kinds("I can do 5% if you sign for two years by Friday.") == ["trade"]
    assert "concession" in kinds("I can knock 10% off.")


def test_declining_a_false_claim_is_a_refusal_not_the_claim():
    got = kinds("Uncapped liability, no.")
    assert got == ["refusal"]


def test_negated_overclaim_is_honest():
    got = kinds("I won't promise a guaranteed ROI.")
    assert "overclaim" not in got
    assert "overclaim" in kinds("We guarantee a 300% ROI.")


def test_empathy_is_not_contempt():
    assert "empathy" in kinds("ugh, that stings")


def test_a_connective_with_nothing_concrete_is_not_evidence():
    assert "evidence" not in kinds("It works because studies show it works.")
    assert "evidence" in kinds("It works because approvals stop waiting on the controller's inbox.")
    assert "evidence" in kinds("Northgate cut their close from 11 days to 4.")


def test_number_words_are_not_figures():
    assert "evidence" not in kinds("We have helped many teams for three years.")


def test_spans_index_the_reply_as_typed():
    text = "Fair point\u2019s well made. Deal?  Thursday\u2019s fine: shall we sign then?"
    moves = score_reply(text).moves
    assert moves
    for m in moves:
        assert text[m.start : m.end] == m.text
        assert m.move in MOVES


def test_summary_counts_turns():
    turns = [score_reply(t).moves for t in ("Deal?", "It is what it is.", "Can we sign Friday?")]
    assert moves_summary(turns).startswith("you asked for the business in 2 of 3 turns")


def test_score_json_rows_carry_moves():
    p = run_cli("score", "--json", input="Deal?\nHow big is the team?\n\n")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert [m["move"] for m in rows[0]["moves"]] == ["ask"]
    assert rows[0]["moves"][0] == {"move": "ask", "text": "Deal?", "start": 0, "end": 5}
    assert [m["move"] for m in rows[1]["moves"]] == ["question"]
    assert rows[2]["moves"] == []
    assert "evidence" in rows[0] and "scores" in rows[0]  # the old keys stay


def rules_of(text: str, context=None) -> dict[str, float]:
    out: dict[str, float] = {}
    for ev in score_reply(text, context).evidence:
        out[ev.rule] = out.get(ev.rule, 0) + ev.weight
    return out


@pytest.mark.parametrize(
    "text", ["Deal?", "Worth a 90-day shot?", "Can Sam and I build the plan with you Thursday?"]
)
def test_keyword_less_asks_earn_courage(text):
    scored = score_reply(text)
    assert scored.scores["courage"] > 50
    ev = [e for e in scored.evidence if e.dimension == "courage" and e.weight > 0]
    assert ev and all(text[e.start : e.end] == e.text for e in ev)


def test_a_trade_is_not_penalised_as_a_discount():
    got = rules_of("I can do 5% if you sign for two years by Friday.")
    assert "discount" not in got and got["trades"] > 0
    assert score_reply("I can do 5% if you sign for two years by Friday.").scores["courage"] > 50
    # a discount to close this week is still a discount
    assert "discount" in rules_of("I can take 30% off if you sign this week.")


def test_a_concession_for_nothing_costs_courage():
    assert score_reply("We'll include onboarding at no cost.").scores["courage"] < 50


def test_refusing_a_false_claim_earns_credit_not_the_penalty():
    from simulator.scoring import ReplyContext

    ctx = ReplyContext(false_claims=("uncapped liability",))
    got = rules_of("Uncapped liability, no.", ctx)
    assert "false_claim" not in got
    assert got["corrects_false_claim"] > 0 and got["refuses"] > 0
    assert "false_claim" in rules_of("We offer uncapped liability.", ctx)


def test_declining_to_overclaim_is_honest_and_brave():
    scored = score_reply("I won't promise a guaranteed ROI.")
    assert scored.scores["authenticity"] > 50 and scored.scores["courage"] > 50
    assert "overclaim" not in rules_of("I won't promise a guaranteed ROI.")


def test_empathy_is_authenticity_not_contempt():
    got = rules_of("ugh, that stings")
    assert "hostile" not in got and got["empathy"] > 0
    assert "hostile" in rules_of("Ugh. Whatever.")


@pytest.mark.parametrize(
    "lower, capitalised",
    [
        (
            "i hear you. lets look at approvals first, i think thats where it breaks",
            "I hear you. Lets look at approvals first, I think thats where it breaks",
        ),
        ("it works. it just does.", "It works. It just does."),
        ("sounds good, i dont see why not", "Sounds good, I dont see why not"),
    ],
)
def test_casing_is_style_and_costs_nothing(lower, capitalised):
    # A reply stands for words said on a call: no buyer hears capitals (rubric 1.6).
    def rules(text):  # the rubric's evidence (the belief model reads cased embeddings)
        return [(e.rule, e.dimension, e.weight) for e in score_reply(text).evidence]

    assert "sloppy_writing" not in {r for r, _, _ in rules(lower)}
    assert [r for r in rules(lower) if r[0] != "belief_model"] == [
        r for r in rules(capitalised) if r[0] != "belief_model"
    ]


def test_text_speak_still_reads_as_careless():
    speak = score_reply("i think u should try it, its gr8")
    assert [e.text for e in speak.evidence if e.rule == "sloppy_writing"] == ["u", "gr8"]
    assert speak.scores["belief"] < score_reply("i think you should try it").scores["belief"]


def test_scorecard_counts_the_turns_that_asked():
    from simulator.scoring import score_session

    turns = [
        score_reply(t) for t in ("Deal?", "It is what it is.", "We can include setup for free.")
    ]
    card = score_session(turns)
    assert card.moves_summary.startswith("you asked for the business in 1 of 3 turns")
    assert "gave something away for nothing in 1" in card.moves_summary
    assert card.move_turns["ask"] == 1 and card.move_turns["trade"] == 0


def test_drill_prints_the_moves_line():
    p = run_cli(
        "drill", "--seed", "1", "--count", "2", "--no-log", "--script", "-", input="Deal?\nDeal?\n"
    )
    assert p.returncode == 0, p.stderr
    assert "Moves: you asked for the business in 2 of 2 turns" in p.stdout


def test_score_answers_a_live_pipe_line_by_line():
    """Chunked reading never waits for more input than is there: each line written
    to a live pipe is answered before the next is sent."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "score", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        for reply, move in (("Deal?", "ask"), ("How big is the team?", "question")):
            proc.stdin.write(reply + "\n")
            proc.stdin.flush()
            row = json.loads(proc.stdout.readline())
            assert row["reply"] == reply and [m["move"] for m in row["moves"]] == [move]
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()


@pytest.mark.parametrize(
    "text",
    [
        "I can't promise it will be live in a week.",
        "We don't guarantee 100% uptime, we commit to 99.9% in the contract.",
        "We're not the best at reporting.",
    ],
)
def test_negated_hype_and_promises_are_not_overclaims(text):
    assert "overclaim" not in kinds(text)


def test_conditional_gives_are_trades_and_hype_is_an_overclaim():
    assert "trade" in kinds("If you sign for three years, I can include onboarding.")
    assert "trade" in kinds("At twelve cases I can do 8%.")
    assert "overclaim" in kinds("It's the best platform, a true game-changer.")


def test_a_refusal_and_an_ask_in_one_reply_have_their_own_spans():
    text = "Not on six. Want me to put twelve on Tuesday's van?"
    moves = score_reply(text).moves
    got = {(m.move, m.text) for m in moves}
    assert ("refusal", "Not on six.") in got
    assert ("ask", "Want me to put twelve on Tuesday's van?") in got


def test_an_information_request_without_a_question_mark_is_a_question():
    got = kinds("Then help me understand why your team worked forty weekends last year.")
    assert "question" in got and "ask" not in got
