"""A scenario's false claims said in other words (issue 13, item 3), read through the
language layer's nearness and contradiction, without flagging the true facts."""

from __future__ import annotations

from simulator.scoring import ReplyContext, score_reply

CONTEXT = ReplyContext(
    false_claims=("works with every telematics provider", "guaranteed billion-dollar company"),
    facts=("Works with Geotab and Samsara telematics",),
)


def _claim_rules(text: str) -> set[str]:
    return {e.rule for e in score_reply(text, CONTEXT).evidence if "claim" in e.rule}


def test_a_false_claim_in_other_words_is_asserted():
    assert "false_claim" in _claim_rules("It works with whatever telematics you use.")
    rules = _claim_rules("This is going to be a billion-dollar business, no question.")
    assert "false_claim" in rules
    evidence = score_reply("It works with whatever telematics you use.", CONTEXT).evidence
    note = next(e.note for e in evidence if e.rule == "false_claim")
    assert "works with every telematics provider" in note


def test_the_true_fact_near_a_false_claim_is_not_one():
    # Near in meaning, but it names two providers; the claim turns on "every".
    assert "false_claim" not in _claim_rules("Works with Geotab and Samsara telematics.")
    assert "false_claim" not in _claim_rules("We work with Geotab, and with Samsara.")


def test_typing_a_true_fact_verbatim_is_never_a_false_claim():
    # The fact shares the claim's words ("ISO 27001"), and its first part, up to the
    # semicolon, holds two of the claim's three; it states the fact all the same.
    context = ReplyContext(
        false_claims=("ISO 27001 certified",),
        facts=("ISO 27001 audit is scheduled for Q3; not certified today",),
    )
    text = "ISO 27001 audit is scheduled for Q3; not certified today"
    assert "false_claim" not in {e.rule for e in score_reply(text, context).evidence}
    said = "Yes, we're ISO 27001 certified."
    assert "false_claim" in {e.rule for e in score_reply(said, context).evidence}
