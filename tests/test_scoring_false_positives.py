"""Everyday sales wording must not trip the contempt and hedge rules."""

from __future__ import annotations

import pytest

from simulator.scoring import ReplyContext, score_reply


def rules(text: str) -> set[str]:
    return {e.rule for e in score_reply(text, ReplyContext()).evidence}


@pytest.mark.parametrize(
    "text",
    [
        "So what does a slow close cost you today?",
        "We can deal with it together by Friday.",
        "Who cares most about this on your team?",
        "The delays will go away once the sync runs nightly.",
        "We screwed up the rollout and I own that.",
    ],
)
def test_ordinary_phrases_are_not_contempt(text):
    assert "hostile" not in rules(text)


@pytest.mark.parametrize("text", ["So what?", "Grow up.", "Deal with it!", "who cares"])
def test_dismissive_retorts_are_contempt(text):
    assert "hostile" in rules(text)


@pytest.mark.parametrize(
    "text", ["It is priced fairly for a team your size.", "Either way, we start Monday."]
)
def test_plain_statements_are_not_hedges(text):
    assert "hedge" not in rules(text)


def test_owning_a_mistake_takes_courage_too():
    scored = score_reply("That outage was our fault, and I own it.", ReplyContext())
    owned = {e.dimension for e in scored.evidence if e.rule == "owns_mistake"}
    assert {"authenticity", "courage"} <= owned
