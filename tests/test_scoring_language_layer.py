"""Scoring reads words, negators and number words as the language layer defines them
(one language layer for routing and scoring)."""

from __future__ import annotations

from simulator.language import words as language_words
from simulator.language.negation import negator_words
from simulator.language.numbers import WORD_VALUES
from simulator.scoring import ReplyContext, default_rubric, score_reply
from simulator.scoring import text as scoring_text


def test_phrase_tokens_are_the_language_layers_words_and_marks():
    sample = "Zoë's follow-up: we cut 3,000 invoices to 1.8 days, didn't we?"
    words = [m.group() for m in language_words.WORD.finditer(sample)]
    toks = [t for t, _, _ in scoring_text.tokens(sample)]
    assert [t for t in toks if t[0].isalnum()] == words
    assert ":" in toks and "?" in toks


def test_content_words_keep_compounds_and_figures_whole():
    # Facts and claims are matched by the share of their words a sentence holds:
    # "month-end" and "3,000" are one word each there.
    got = [w for w, _, _ in scoring_text.words("A month-end close of 3,000 invoices.")]
    assert got == ["a", "month-end", "close", "of", "3,000", "invoices"]
    ctx = ReplyContext(facts=("Customers cut month-end close from 10 days to 4",))
    asked = score_reply("What does a day of month-end close cost you today?", ctx)
    assert "proof_point" not in {e.rule for e in asked.evidence}


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
