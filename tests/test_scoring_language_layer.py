"""Scoring reads words, negators and number words as the language layer defines them
(one language layer for routing and scoring)."""

from __future__ import annotations

import pytest

from simulator.language import words as language_words
from simulator.language.negation import negator_words
from simulator.language.numbers import WORD_VALUES
from simulator.scoring import ReplyContext, default_rubric, score_reply
from simulator.scoring import text as scoring_text


def test_scoring_words_are_the_language_layers_words():
    assert scoring_text.WORD is language_words.WORD
    sample = "Zoë's follow-up: we cut 3,000 invoices to 1.8 days, didn't we?"
    assert scoring_text.words(sample) == language_words.word_spans(sample)
    toks = [t for t, _, _ in scoring_text.tokens(sample)]
    assert "zoë's".lower() in [t.lower() for t in toks] and ":" in toks


def test_every_language_negator_negates_a_rubric_phrase():
    negation = default_rubric().negation
    for word in sorted(negator_words()):
        text = f"We {word} discount."
        assert negation.negator_before(text, text.index("discount")) is not None, word


def test_number_words_meet_their_digits_in_facts():
    assert WORD_VALUES["four"] == "4"
    ctx = ReplyContext(facts=("Customers cut month-end close from 10 days to 4",))
    got = score_reply("Customers cut month-end close from ten days to four.", ctx)
    assert "proof_point" in {e.rule for e in got.evidence}


@pytest.mark.parametrize(
    "text, rule",
    [
        ("We ensure a seamless, hassle-free installation every time.", "false_claim"),
        ("Implementation is not effort-free: plan six weeks.", "corrects_false_claim"),
    ],
)
def test_a_free_compound_negates_its_first_word(text, rule):
    # "hassle-free" says "no hassle": it asserts "no implementation effort".
    ctx = ReplyContext(false_claims=("no implementation effort",))
    got = {e.rule for e in score_reply(text, ctx).evidence}
    assert rule in got
    assert ({"false_claim", "corrects_false_claim"} - {rule}).isdisjoint(got)
