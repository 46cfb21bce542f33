"""How reps actually phrase things: each signal across inflections, contractions with
and without apostrophes, curly quotes and time expressions; negation still works."""

from __future__ import annotations

import pytest

from simulator.scoring import DIMENSIONS, ReplyContext, score_reply

CTX = ReplyContext(buyer_line="Do you support SAP, and can you do better on price?")


def rules(text: str, ctx: ReplyContext = CTX) -> set[str]:
    got = set()
    for ev in score_reply(text, ctx).evidence:
        assert text[ev.start : ev.end] == ev.text, ev
        got.add(ev.rule)
    return got


# (rule, replies that must show it)
SHOWS = [
    (
        "honest_limit",
        [
            "Honestly I don't know whether we support SAP; I'll check with our engineers.",
            "I dont know yet, and I won't guess.",
            "That's something I can't answer yet.",
            "I'd be guessing if I gave you a date.",
            "I won\u2019t pretend it\u2019s finished.",
            "Real-time sync is not something we do today.",
            "We don't support tablets yet.",
            "We're not ISO 27001 yet; that audit is booked for autumn.",
            "I'm not sure we cover that. Let me check and come back to you tomorrow.",
            "Brightline has better dashboards, I'll give them that.",
        ],
    ),
    (
        "dated_commitment",
        [
            "I'll check with our engineers and get back to you by Friday.",
            "I will email you the figures by end of day.",
            "Let me confirm with our security lead and call you tomorrow at 9.",
            "Ill email you the notes on the 14th.",
            "We'll have the draft to you next week.",
        ],
    ),
    (
        "next_step",
        [
            "Can we put twenty minutes in the diary?",
            "Shall we walk your CFO through it?",
            "Are you open to a call with your ops lead?",
            "Would you be willing to introduce me to legal?",
            "Let\u2019s lock in a kickoff date.",
            "Lets go through it line by line with legal.",
        ],
    ),
    (
        "dated_next_step",
        [
            "Can we meet on Thursday at 3pm?",
            "Shall we pencil in 10:30 next Tuesday?",
            "Are you open to a call on the 14th?",
            "Can we agree a date before end of day?",
            "Could we get your CFO on a call within 48 hours?",
        ],
    ),
    (
        "discount",
        [
            "I could knock 10% off.",
            "Let me sharpen the pencil for you.",
            "Happy to meet you halfway on that.",
            "We can match their price.",
            "I'll throw in premium support.",
            "We could waive the setup fee.",
            "We can drop the quote if you sign.",
        ],
    ),
    (
        "holds_price",
        [
            "The price stands.",
            "I'd rather not discount this.",
            "We don't discount.",
            "We dont discount, and here is why.",
            "The price won't move, but the start date can.",
            "This is my best price and I'll stand behind it.",
        ],
    ),
    (
        "names_objection",
        [
            "You're worried about the rollout.",
            "Youre worried about the rollout.",
            "The real issue is who owns the approvals.",
            "It sounds like price is the sticking point.",
        ],
    ),
    (
        "disagrees_respectfully",
        [
            "I see it differently.",
            "I'd push back on that.",
            "With respect, your team told me otherwise.",
        ],
    ),
    (
        "cliche",
        [
            "We are passionate about your success.",
            "We pride ourselves on being a trusted partner.",
            "We apologise for any inconvenience going forward.",
        ],
    ),
    (
        "buzzword",
        ["Our AI-powered platform is future-proof.", "It's best in class and plug-and-play."],
    ),
    (
        "overclaim",
        [
            "It always works.",
            "There is zero risk.",
            "It works with every single ERP.",
            "100% of teams see it.",
            "It scales infinitely.",
        ],
    ),
    ("absolute_claim", ["It never fails.", "There's no catch."]),
    (
        "cites_evidence",
        [
            "Last quarter the median close fell to five days.",
            "Here is the case study from Northgate.",
            "The benchmark was audited by an outside firm.",
        ],
    ),
    (
        "outcome_for_you",
        [
            "Your team will stop re-keying invoices.",
            "You'd cut two days from the close.",
            "It flags the exceptions so your auditors sign off in a week.",
        ],
    ),
    ("gives_reason", ["We start with approvals because that is where it breaks."]),
    ("gives_example", ["Take the case of Harlow: they froze hiring."]),
    ("claimed_conviction", ["I truly believe this is the right solution for you."]),
]


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in SHOWS for text in texts]
)
def test_phrasing_variants_show_the_signal(rule, text):
    assert rule in rules(text), (rule, text, rules(text))


# (rule, replies that must NOT show it: negated, or a look-alike)
NOT_SHOWS = [
    ("discount", ["No discount.", "I won't knock anything off.", "We never waive the fee."]),
    ("next_step", ["How can we help?", "Let's not book anything yet."]),
    ("dated_next_step", ["We shipped it on Thursday."]),
    ("dated_commitment", ["I'll check back in a few months.", "I'll get back to you."]),
    ("honest_limit", ["Let me check with my manager what I can do on price."]),
    ("specific_figure", ["It's 100% guaranteed."]),
    ("outcome_for_you", ["I'll get back to you."]),
    ("next_step", ["It lets you add a new entity in a day.", "Can I ask what budget you have?"]),
    ("outcome", ["Stop me if this sounds familiar.", "What's the catch?"]),
    ("overclaim", ["I'd love it if you could share the spec."]),
]


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in NOT_SHOWS for text in texts]
)
def test_look_alikes_and_negations_do_not_show_the_signal(rule, text):
    assert rule not in rules(text), (rule, text, rules(text))


def test_not_sure_is_a_hedge_and_with_a_plan_also_an_honest_limit():
    alone = rules("I'm not sure we support SAP.")
    assert "hedge" in alone and "honest_limit" not in alone
    planned = rules("I'm not sure we support SAP. Let me check and come back to you tomorrow.")
    assert {"hedge", "honest_limit", "dated_commitment"} <= planned


def test_lead_spot_checks_score_for_the_right_reasons():
    a = score_reply(
        "Honestly I don't know whether we support SAP; I'll check with our engineers and "
        "get back to you by Friday.",
        CTX,
    )
    assert a.scores["courage"] > 50 and a.scores["authenticity"] > 50
    b = score_reply(
        "That's a good question I can't answer yet - I'll ask our security lead and email "
        "you by Thursday.",
        CTX,
    )
    assert {"honest_limit", "dated_commitment"} <= {ev.rule for ev in b.evidence}
    c = score_reply(
        "I truly believe this is the right solution for you, we are passionate about your success.",
        CTX,
    )
    assert c.scores["authenticity"] < 50
    assert c.scores.get("belief", 50) <= 50


NEUTRAL = (
    " We talked about the project and the plan for the team, and the meeting room on the"
    " third floor was booked as usual for the review of the numbers."
)
WEAK = "Sorry, I guess we could maybe look at the price, just let me know."
STRONG_SHORT = (
    "No. The price stands: your close drops from eleven days to five, and I'll send the "
    "Northgate case study by Friday. Can we decide on Tuesday?"
)
RAMBLE = (
    "Well, I think it's a really great product honestly, and we're passionate about our"
    " customers and their journey, and there's a lot of value there, so many features,"
    " and I'm sure you'd love it, and at the end of the day it's about partnership. " * 8
)


def test_padding_a_weak_reply_with_neutral_filler_never_raises_it():
    base = score_reply(WEAK, CTX).scores
    for n in (1, 3, 10, 50):
        padded = score_reply(WEAK + NEUTRAL * n, CTX).scores
        for dim in DIMENSIONS:
            assert padded.get(dim, 50) <= base.get(dim, 50), (n, dim)


def test_strong_short_reply_beats_long_rambling_one_on_every_dimension():
    strong = score_reply(STRONG_SHORT, CTX).scores
    ramble = score_reply(RAMBLE, CTX).scores
    for dim in DIMENSIONS:
        assert strong.get(dim, 50) > ramble.get(dim, 50), dim
