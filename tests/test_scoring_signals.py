"""Each scoring signal: positive, negative and negated examples, with exact spans."""

from __future__ import annotations

import pytest

from simulator.scoring import ReplyContext, score_reply

FACTS = (
    "Customers cut month-end close from 10 days to 4 (median of 40 finance teams)",
    "Implementation takes six weeks at a fixed fee",
)
CLAIMS = (
    "no implementation effort",
    "plugs straight into any ERP",
    "every customer closes in four days",
)
CTX = ReplyContext(buyer_line="Your price is 30% too high.", facts=FACTS, false_claims=CLAIMS)


def rules(text: str, ctx: ReplyContext = CTX) -> dict[str, list[str]]:
    """rule -> the words it matched (spans checked against the text on the way)."""
    out: dict[str, list[str]] = {}
    for ev in score_reply(text, ctx).evidence:
        assert text[ev.start : ev.end] == ev.text, ev
        out.setdefault(ev.rule, []).append(ev.text)
    return out


# (rule, reply that shows it, reply that does not, reply where it is negated or absent)
CASES = [
    ("hedge", "Maybe we could look at it.", "We will look at it on Monday.", None),
    ("hedge", "I'm not sure that fits.", "That fits your team.", None),
    ("apology", "Sorry to bother you again.", "Thanks for the time today.", None),
    ("permission_seeking", "If that's okay with you, no pressure.", "Here is the plan.", None),
    (
        "passive_close",
        "Just let me know if you ever want to chat.",
        "Let's book Tuesday at 10am.",
        None,
    ),
    ("defers", "I'll run it by my manager and see what I can do.", "The price stands.", None),
    (
        "discount",
        "I can take 30% off if you sign this week.",
        "The price reflects the work.",
        "I won't discount, and here is why.",
    ),
    ("holds_price", "It is higher, and it's worth it.", "I can lower the price.", None),
    (
        "next_step",
        "Let's book fifteen minutes to decide.",
        "Talk soon.",
        "Let's not book anything yet.",
    ),
    ("dated_next_step", "Can we meet on Thursday at 3pm?", "Can we meet sometime?", None),
    ("commitment_question", "What would you need to see to say yes?", "Does that help?", None),
    ("names_objection", "Sounds like the real concern is the budget.", "Great, thanks.", None),
    ("disagrees_respectfully", "Respectfully, I see it differently.", "You're right.", None),
    ("plain_no", "No. It will not fix forecasting.", "Nobody has asked that.", None),
    ("specific_figure", "It matches 94% of lines.", "It matches most lines.", None),
    ("proper_name", "Northgate and Harlow Foods use it.", "Lots of firms use it.", None),
    (
        "honest_limit",
        "I don't know, I'll find out by Friday.",
        "We know everything about it.",
        None,
    ),
    ("honest_limit", "Only with Okta today.", "With every provider.", None),
    (
        "owns_mistake",
        "We closed your case without fixing it. That shouldn't have happened.",
        "We value your feedback.",
        None,
    ),
    ("buzzword", "Our revolutionary, best-in-class platform.", "Our reconciliation tool.", None),
    ("cliche", "We strive for excellence and value your feedback.", "We fixed 40 bugs.", None),
    (
        "overclaim",
        "It is guaranteed to work for every customer.",
        "It worked for 38 of 40.",
        "I can't guarantee that.",
    ),
    (
        "absolute_claim",
        "Honestly, we don't really have any weaknesses.",
        "Reporting is our weak spot.",
        None,
    ),
    ("vague", "Tons of companies use it for various things.", "Harlow uses it for AP.", None),
    (
        "outcome_for_you",
        "Your audit prep drops from three weeks to one.",
        "It has audit features.",
        None,
    ),
    ("outcome", "Month-end finishes faster.", "Month-end exists.", None),
    ("customer_story", "Northgate cut their close from eleven days to five.", "It is good.", None),
    (
        "teaches_insight",
        "Most finance teams lose a day to approvals, not matching.",
        "It is good.",
        None,
    ),
    (
        "gives_reason",
        "It reconciles overnight, which means clean numbers by nine.",
        "It is good.",
        None,
    ),
    ("gives_example", "For example, Harlow stopped keying invoices.", "It is good.", None),
    ("cites_evidence", "According to the audit, the median is four days.", "It is good.", None),
    (
        "risk_reversal",
        "We put the target in the contract: if we miss it, you don't pay.",
        "It will work.",
        None,
    ),
    ("plain_yes", "Yes. Six weeks of setup.", "Yesterday we shipped.", None),
    (
        "claimed_conviction",
        "I truly believe this is right for you.",
        "This is right for you.",
        None,
    ),
    (
        "feature_list",
        "You get dashboards, reports, workflows, alerts, exports and templates.",
        "You get your evenings back.",
        None,
    ),
    ("hostile", "That's a stupid question.", "That's a fair question.", None),
    ("shouting", "THIS IS THE BEST DEAL!!!", "This is a good deal.", None),
    ("flippant", "Sign here lol ;)", "Sign here.", None),
    ("sloppy_writing", "i think u should try it", "I think you should try it.", None),
    (
        "trust_me",
        "Trust me, it works.",
        "Here is the audit that shows it works.",
        "Don't just take my word for it: call Northgate.",
    ),
    ("trust_me", "Take my word for it.", "Take the pilot data.", None),
    ("hedge", "In my opinion it's worth a look.", "It's worth a look.", None),
    ("hedge", "It can be either way, it all depends.", "It goes live either way.", None),
    ("hostile", "Try again.", "If the pilot slips we try again in May.", None),
    ("flippant", "I'm too lazy to explain.", "I'll explain.", None),
    (
        "recalls_buyer",
        "Because you said the chillers run overnight, the night rate matters.",
        "The night rate matters.",
        None,
    ),
    ("holds_price", "I can't get to 30.", "I can get to 30.", None),
    ("holds_price", "We won't do a cancel-anytime contract.", "We can do month to month.", None),
    ("next_step", "Let me book 20 minutes with you this week.", "Let me book a room.", None),
    ("next_step", "Shall I draft it that way?", "I drafted it that way.", None),
    ("next_step", "When does the committee next meet?", "The committee met.", None),
    (
        "next_step",
        "Can the three of us, you, Karen and I, take 20 minutes on Thursday?",
        "The three of us met on Thursday.",
        None,
    ),
    ("honest_limit", "Neither did I when I started here.", "It is simple.", None),
    ("holds_price", "I can't keep it at last year's figure.", "I'll keep it at that.", None),
    (
        "asks_specific_question",
        "How many days does your month-end close take today?",
        "How are you today?",
        None,
    ),
    ("next_step", "I can get it signed today at the new number.", "It got signed.", None),
    ("next_step", "Call at 3 to decide which you want?", "Did you call them at 3?", None),
    (
        "commitment_question",
        "Do you want to go in at 30 under with a quick completion instead?",
        "They went in at 30 under instead.",
        None,
    ),
    ("defers", "Sure thing, I'll pass it on and see what they say!", "I'll send it.", None),
    ("caves", "Ok sure, let's do that.", "Sure, but what will you compare it against?", None),
    ("caves", "Of course, I'll send it over.", "Of course. Can we book Friday?", None),
    ("addresses_other_side", "They might. But a 1% rise costs you £180.", "Rates rise.", None),
    ("cliche", "It's quite straightforward really.", "Ignore page one; line 4 is yours.", None),
    (
        "brushes_off",
        "Oh, don't worry about that, it won't break.",
        "Inverters do fail, usually around year ten.",
        None,
    ),
    ("vague", "Customers save up to 70%.", "Bakeries like yours save 25 to 35%.", None),
    ("overclaim", "No problem at all, consider it done!", "I've got 80 cases in bond.", None),
    ("honest_limit", "I'll know on the 15th.", "It's all in stock.", None),
    ("honest_limit", "I'm not sure; let's check postcodes first.", "It is cheaper.", None),
    ("next_step", "Happy to go ahead if I book the survey for the 2nd?", "Happy new year.", None),
]


@pytest.mark.parametrize(("rule", "yes", "no", "negated"), CASES)
def test_signal_positive_negative_negated(rule, yes, no, negated):
    assert rule in rules(yes), (rule, yes, rules(yes))
    assert rule not in rules(no), (rule, no, rules(no))
    if negated is not None:
        assert rule not in rules(negated), (rule, negated, rules(negated))


AUDIT = ReplyContext(buyer_line="Our auditors keep flagging the invoice backlog.")


def test_echoing_the_buyer_counts_for_belief_once():
    one = score_reply("The backlog clears in six weeks of setup.", AUDIT)
    assert [e.dimension for e in one.evidence if e.rule == "echo_buyer"] == [
        "authenticity",
        "belief",
    ]
    twice = score_reply("The backlog clears; your auditors see the invoice trail.", AUDIT)
    assert sum(e.rule == "echo_buyer" for e in twice.evidence) == 2  # one hit, two dimensions


def test_echo_is_of_the_buyers_content_not_their_filler():
    ctx = ReplyContext(buyer_line="Yeah, maybe. Is the rollout really better? Good question.")
    assert "echo_buyer" not in rules("Yeah, maybe it is better. Good question.", ctx)
    assert "echo_buyer" in rules("The rollout is where it pays.", ctx)


@pytest.mark.parametrize(
    "buyer, reply",
    [
        ("Your price is 30% too high.", "The price is what it is, and the price buys uptime."),
        (
            "I don't have time for this, just tell me the cost.",
            "It costs 40k. I know time is short.",
        ),
        ("We had three outages.", "Three is too many."),
    ],
)
def test_common_words_and_numbers_are_not_the_buyers_own_words(buyer, reply):
    # "price", "time", "cost", "three": any buyer says them; echoing them shows nothing.
    assert "echo_buyer" not in rules(reply, ReplyContext(buyer_line=buyer))


def test_the_buyers_substantive_words_are_echoed():
    ctx = ReplyContext(
        buyer_line="We've had three outages this quarter and the auditors are furious."
    )
    got = rules("Three outages in a quarter would make any auditor furious.", ctx)
    assert set(got["echo_buyer"]) == {"outages"}  # once, on two dimensions


@pytest.mark.parametrize(
    "text",
    [
        "I can't do Tuesday, but Wednesday works.",
        "I can't do much about the price.",
        "We can't match it without a longer term.",
    ],
)
def test_declining_a_day_or_a_condition_is_not_holding_price(text):
    assert "holds_price" not in rules(text)


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Maybe 20 or 25?", False),
        ("The market 20 years ago was smaller.", False),
        ("We made 20 decisions.", False),
        ("Can we meet on May 20?", True),
        ("Can we sign by 1 October?", True),
        ("Can we start on the 3rd of March?", True),
    ],
)
def test_dates_are_month_names_not_words_that_start_like_one(text, dated):
    assert ("dated_next_step" in rules(text)) is dated, rules(text)


def test_that_way_is_a_reason_only_where_it_starts_a_clause():
    assert "gives_reason" in rules("We start with approvals. That way your team sees it first.")
    assert "gives_reason" not in rules("Shall I draft it that way?")


def test_cheaper_is_a_discount_only_when_offered():
    assert "discount" not in rules("I quoted it in full instead of leaving it out to look cheaper.")
    assert "discount" in rules("I can make it cheaper if you sign today.")


def test_a_sincere_honestly_is_not_a_cliche():
    assert "cliche" not in rules("I'm honestly not sure, so let's check postcodes first.")
    assert "cliche" in rules("To be honest, it is the best solution.")


def test_careless_writing_ignores_ellipses_abbreviations_and_links():
    for text in (
        "It works... mostly on Mondays.",
        "Pick a format, e.g. the CSV one.",
        "It handles invoices, receipts etc. and more.",
        "See the report. https://example.com/report",
    ):
        assert "sloppy_writing" not in rules(text), text


def test_negated_discount_is_holding_price():
    for text in (
        "No discount.",
        "I won't discount this.",
        "I'd rather earn the 30% than discount it.",
    ):
        got = rules(text)
        assert "discount" not in got
        assert "holds_price" in got, text
    assert "won't discount" in rules("I won't discount this.")["holds_price"]


def test_negated_overclaim_is_an_honest_limit():
    got = rules("I can't guarantee that every rollout goes smoothly.")
    assert "honest_limit" in got and "overclaim" not in got


def test_claimed_conviction_is_not_a_transfer():
    claim = score_reply("I truly believe this is right for you.", CTX)
    transfer = score_reply("Your audit prep drops from three weeks to one.", CTX)
    assert claim.scores.get("belief", 50) == 50
    assert transfer.scores["belief"] > claim.scores.get("belief", 50)


def test_negated_conviction_is_a_hedge():
    assert "hedge" in rules("I'm not confident it fits.")


def test_false_claim_paraphrase_and_denial():
    assert "false_claim" in rules("It plugs right into your ERP.")
    assert "false_claim" in rules("There's no implementation effort at all.")
    assert "false_claim" in rules("Every customer closes in 4 days.")
    denied = rules("It does not plug into your ERP; you export a file.")
    assert "corrects_false_claim" in denied and "false_claim" not in denied
    assert "corrects_false_claim" in rules("Implementation takes real effort: six weeks.")
    assert "false_claim" not in rules("Customers cut their close from 10 days to 4.")


def test_one_leftover_word_of_a_claim_is_not_the_claim():
    # "no implementation effort" turns on "effort" (~ "setup"), but a sentence must
    # also be about the claim to assert or deny it.
    got = rules("It really depends on your setup.")
    assert "corrects_false_claim" not in got and "false_claim" not in got


def test_proof_point_from_facts():
    got = rules("Our customers cut month-end close from ten days to four.")
    assert "proof_point" in got
    assert "proof_point" not in rules("It is a nice tool.")
    assert "proof_point" not in rules("Customers cut close.", ReplyContext())


def test_admitted_limit_beats_polished_overclaim():
    honest = score_reply("Two of forty saw no change, because their delay was approvals.", CTX)
    polished = score_reply("Every customer sees results, guaranteed, in minutes.", CTX)
    assert honest.scores["authenticity"] > polished.scores["authenticity"]


def test_plain_dated_ask_beats_confident_vague_reply():
    plain = score_reply("Can we book 20 minutes Thursday with your controller?", CTX)
    confident = score_reply("We're absolutely the right choice for you, trust me.", CTX)
    assert plain.scores["courage"] > confident.scores.get("courage", 50)


def test_evidence_fields_and_weights_add_up():
    text = "Sorry, maybe I could take 10% off. Let me know."
    scored = score_reply(text, CTX)
    for dim, score in scored.scores.items():
        total = sum(ev.weight for ev in scored.evidence if ev.dimension == dim)
        assert score == max(0, min(100, round(50 + total)))
    for ev in scored.evidence:
        assert ev.note and ev.rule and ev.dimension in ("courage", "authenticity", "belief")
        assert text[ev.start : ev.end] == ev.text


def test_curly_apostrophes_match_and_keep_spans():
    text = "I don\u2019t know, I\u2019ll find out."
    assert "honest_limit" in rules(text)


def test_evidence_keeps_accented_words_whole():
    ctx = ReplyContext(
        facts=("Brews 40 cups an hour, tested by 12 cafés",),
        false_claims=("works in every café",),
    )
    got = rules("It brews 40 cups an hour, tested by 12 cafés.", ctx)["proof_point"]
    assert set(got) == {"brews 40 cups an hour, tested by 12 cafés"}
    assert set(rules("It works in every café.", ctx)["false_claim"]) == {"It works in every café"}
    assert rules("I spoke with Zoë Müller at noon.", ctx)["proper_name"] == ["Zoë", "Müller"]


def test_a_repeated_sentence_is_evidence_once():
    once = "Your team closes faster. "
    assert score_reply(once * 25, CTX).scores == score_reply(once, CTX).scores


def test_a_figure_inside_a_discount_or_a_name_inside_a_false_claim_is_not_evidence():
    assert "specific_figure" not in rules("I can do 20% off today.")
    ctx = ReplyContext(buyer_line="Will it replace lawyers?", false_claims=("replaces lawyers",))
    got = rules("It replaces your lawyers.", ctx)
    assert "false_claim" in got and "echo_buyer" not in got


def test_your_inside_a_stock_phrase_is_not_an_outcome_for_this_buyer():
    got = rules("We help finance teams close faster, and are committed to your success.")
    assert "outcome_for_you" not in got and "outcome" in got
    assert "outcome_for_you" in rules("Your team closes faster.")


def test_rather_than_is_a_comparison_not_an_outcome():
    assert "outcome" not in rules("Rather than a brochure, here is one number.")


def test_conceding_the_buyers_point_is_not_a_hedge():
    got = rules("They might. But on your loan a 1% rise adds £180 a month.")
    assert "addresses_other_side" in got and "hedge" not in got
    assert "hedge" in rules("It might help your team.")


def test_agreeing_to_do_that_is_not_a_next_step():
    assert "next_step" not in rules("Ok sure let's do that.")
    assert "next_step" in rules("Let's do it on Thursday.")


def test_at_thirty_is_a_figure_not_a_time():
    assert "dated_next_step" not in rules("Can we go in at 30 under?")
    assert "dated_next_step" in rules("Can we talk at 3?")
