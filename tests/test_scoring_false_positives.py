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


def test_terminal_escape_sequences_are_not_words():
    text = "\x1b[31mRed\x1b[0m and \x1b]0;title\x07 done"
    scored = score_reply(text, ReplyContext())
    assert "specific_figure" not in {e.rule for e in scored.evidence}
    real = score_reply("\x1b[1mWe cut no-shows by 31%\x1b[0m", ReplyContext())
    figures = [e for e in real.evidence if e.rule == "specific_figure"]
    assert figures and all(e.text == "31%" for e in figures)
    assert all(
        real_text == e.text
        for e in real.evidence
        for real_text in ["\x1b[1mWe cut no-shows by 31%\x1b[0m"[e.start : e.end]]
    )
