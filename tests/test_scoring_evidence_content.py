"""Evidence that is content: a connective, a number word or a name alone earns nothing."""

from __future__ import annotations

import pytest

from simulator.scoring import ReplyContext, score_reply

CTX = ReplyContext(buyer_line="Why should I care about this?")


def _rules(text: str) -> set[str]:
    return {e.rule for e in score_reply(text, CTX).evidence if e.weight}


@pytest.mark.parametrize(
    "hollow",
    [
        "Because.",
        "Because it's better.",
        "According to studies, it works.",
        "Studies show it helps.",
    ],
)
def test_a_connective_with_nothing_concrete_after_it_earns_nothing(hollow):
    assert not _rules(hollow) & {"gives_reason", "cites_evidence", "belief_model"}


@pytest.mark.parametrize(
    "solid",
    [
        "Because your close takes ten days, three people lose a week every month.",
        "According to the Gartner survey, 41% of teams close in under five days.",
        "It reconciles overnight, which means clean numbers by nine.",
    ],
)
def test_a_connective_followed_by_content_still_counts(solid):
    assert _rules(solid) & {"gives_reason", "cites_evidence"}


def test_a_number_word_is_not_a_figure():
    assert "specific_figure" not in _rules("It saves three days.")
    assert "specific_figure" in _rules("It saves 3 days.")


def test_a_name_and_a_past_tense_verb_is_not_a_customer_story():
    assert "customer_story" not in _rules("Sarah called yesterday.")
    assert "customer_story" in _rules("Harlow cut their close from ten days to four.")
