"""Length invariance, bad input, authored choices, timeouts and the session scorecard."""

from __future__ import annotations

import time

import pytest

from simulator.scoring import (
    DIMENSIONS,
    RUBRIC_VERSION,
    ReplyContext,
    ReplyScore,
    Scorecard,
    coaching_notes,
    score_reply,
    score_session,
)

CTX = ReplyContext(buyer_line="Can you knock off 20%?")
STRONG = "No. I can give you a longer term at the same rate. Which matters more?"
FILLER = (
    " And so, as I was saying, there are a few points here to go over with you in the"
    " conversation we are having today about the product and the way it goes."
)


def test_padding_a_strong_reply_with_filler_never_raises_it():
    base = score_reply(STRONG, CTX).scores
    for n in (1, 5, 40):
        padded = score_reply(STRONG + FILLER * n, CTX).scores
        for dim in DIMENSIONS:
            assert padded.get(dim, 50) <= base.get(dim, 50), (n, dim)


def test_repeating_a_signal_is_capped():
    once = score_reply("Let's book Tuesday at 10am.", CTX).scores["courage"]
    many = score_reply("Let's book Tuesday at 10am. " * 30, CTX).scores["courage"]
    assert many == once
    hedges = score_reply("maybe " * 200, CTX)
    assert len([e for e in hedges.evidence if e.rule == "hedge"]) <= 2 * 3
    assert hedges.scores["courage"] >= 50 - 6 * (1 + 0.5 + 0.25) - 0.01


def test_long_rambling_reply_does_not_beat_short_strong_one():
    ramble = (
        "Well, I mean, it's a good question, and there's a lot to say about pricing, and"
        " the market, and how things have been going, and what other vendors do, and I"
        " suppose at the end of the day it's about value, which is a big topic. " * 10
    )
    for dim in ("courage",):
        assert score_reply(STRONG, CTX).scores[dim] > score_reply(ramble, CTX).scores.get(dim, 50)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\U0001f600",
        "\x00\x01\x1b[31mred\x07",
        "Das ist zu teuer, wir brauchen einen Rabatt.",
        "\u4ef7\u683c\u592a\u9ad8\u4e86",
        "a" * 20_000,
        "NO NO NO " * 2_500,
        "!!!" * 7_000,
        "from 1 to 2 " * 2_000,
        "I " * 10_000,
        "\ud800 lone surrogate",
    ],
)
def test_bad_input_never_crashes_and_stays_fast(text):
    score_reply("Can we sign today?")  # the sentence model loads once per process
    start = time.perf_counter()
    scored = score_reply(
        text,
        ReplyContext(
            buyer_line="Price?", facts=("Close in 4 days",), false_claims=("integrates with SAP",)
        ),
    )
    assert time.perf_counter() - start < 2.0
    assert all(0 <= v <= 100 for v in scored.scores.values())
    for ev in scored.evidence:
        assert text[ev.start : ev.end] == ev.text


def test_non_string_and_missing_context_are_tolerated():
    assert score_reply(None, None).scores == {}  # type: ignore[arg-type]
    assert score_reply(42).evidence[0].text == "42"  # type: ignore[arg-type]


def test_empty_reply_has_no_evidence():
    assert score_reply("", ReplyContext()) == ReplyScore({}, ())


def test_timeout_is_courage_evidence_of_not_answering():
    scored = score_reply("", ReplyContext(kind="timeout"))
    assert scored.scores["courage"] < 50
    (ev,) = scored.evidence
    assert (ev.rule, ev.dimension, ev.text, ev.start, ev.end) == ("no_answer", "courage", "", 0, 0)


def test_authored_choice_reads_50_plus_50s_over_3_then_text_refines():
    neutral = "The quarterly review is on the agenda."
    scored = score_reply(
        neutral, ReplyContext(authored={"courage": 3, "belief": -3}, kind="choice")
    )
    assert scored.scores == {"courage": 100, "belief": 0}
    # the text counts too, at half weight: a discount in the choice text pulls courage down
    text = "I can take 30% off if you sign this week."
    authored = {"courage": 0}
    choice = score_reply(text, ReplyContext(authored=authored, kind="choice"))
    typed = score_reply(text, ReplyContext())
    assert choice.scores["courage"] == 50 + (typed.scores["courage"] - 50) / 2
    auth_ev = [e for e in choice.evidence if e.rule == "authored"]
    assert auth_ev and auth_ev[0].text == text and auth_ev[0].weight == 0


def test_authored_feedback_becomes_the_note():
    ctx = ReplyContext(authored={"courage": -2}, kind="choice", feedback="Discounting early.")
    ev = next(e for e in score_reply("OK.", ctx).evidence if e.rule == "authored")
    assert ev.note == "Discounting early." and ev.weight == pytest.approx(-33.33)


def test_session_is_the_mean_of_turns_with_evidence():
    a = ReplyScore({"courage": 80}, ())
    b = ReplyScore({"courage": 40, "authenticity": 70}, ())
    card = score_session([a, b, ReplyScore()])
    assert isinstance(card, Scorecard)
    assert card.scores == {"courage": 60, "authenticity": 70, "belief": 50}
    assert card.rubric == RUBRIC_VERSION


def test_session_is_monotonic_in_each_turn_and_in_belief_shift():
    base = [ReplyScore({"belief": 60, "courage": 50}, ()), ReplyScore({"belief": 40}, ())]
    better = [ReplyScore({"belief": 70, "courage": 55}, ()), base[1]]
    s0, s1 = score_session(base), score_session(better)
    for dim in DIMENSIONS:
        assert s1.scores[dim] >= s0.scores[dim]
    shifts = [score_session(base, x).scores["belief"] for x in (-40, -10, 0, 10, 40, 400)]
    assert shifts == sorted(shifts)
    assert shifts[2] == 50 and shifts[4] == 70 and shifts[-1] == 100
    assert score_session(base, float("nan")).scores["belief"] == 50


def test_session_notes_point_at_turn_and_words():
    t0 = score_reply("Sorry, maybe I could take 10% off.", CTX)
    t1 = score_reply("Let's book Tuesday at 10am.", CTX)
    card = score_session([t0, t1])
    assert 1 <= len(card.notes) <= 3
    rules = [(n.turn, n.text) for n in card.notes]
    assert (0, "take 10% off") in rules
    assert any(n.turn == 1 and n.weight > 0 for n in card.notes)  # one strength kept
    for n in card.notes:
        assert n.note and n.dimension in DIMENSIONS
    assert coaching_notes([]) == ()


def test_to_dict_shapes():
    scored = score_reply("Let's book Tuesday.", CTX)
    d = scored.to_dict()
    assert set(d) == {"scores", "evidence", "moves", "close_to"}
    assert set(d["evidence"][0]) == {"dimension", "rule", "text", "start", "end", "weight", "note"}
    card = score_session([scored]).to_dict()
    assert set(card) == {"scores", "notes", "rubric", "moves_summary", "move_turns"}


def test_scorecard_says_how_each_score_was_reached():
    from simulator.scoring import ReplyScore, score_session

    turns = [ReplyScore({"belief": 60, "courage": 40}), ReplyScore({"belief": 80})]
    card = score_session(turns, belief_shift=10)
    assert card.turn_means == {"courage": 40.0, "authenticity": None, "belief": 70.0}
    assert card.belief_shift == 10 and card.belief_points == 5
    assert card.scores["belief"] == 75 and card.scores["authenticity"] == 50
