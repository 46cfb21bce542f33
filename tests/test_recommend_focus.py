"""The recommendation matches the rep's focus and says why in their own figures (#14):
the kind of scenario they practise (tags they have finished), the skill they narrowed
the library to, and never an investor pitch for a rep who plays price objections."""

from __future__ import annotations

from simulator.practice import ScenarioInfo, recommend

CFO = ScenarioInfo(
    "cfo", "The CFO says you're 30% too expensive", 3, ("courage", "belief"),
    ("objection", "price", "cfo", "late-stage"),
)  # fmt: skip
INVESTOR = ScenarioInfo(
    "investor", "The investor pitch", 3, ("belief", "authenticity", "courage"),
    ("fundraising", "vision", "beyond-revenue", "honesty"),
)  # fmt: skip
PROCUREMENT = ScenarioInfo(
    "procurement", "Procurement squeeze", 4, ("courage", "belief"),
    ("negotiation", "procurement", "pricing", "objection"),
)  # fmt: skip
BRUSH_OFF = ScenarioInfo(
    "brush-off", "Just send me some information", 1, ("courage",), ("brush-off", "early-stage")
)
RECRUITING = ScenarioInfo(
    "recruiting", "A top candidate", 3, ("authenticity", "belief"), ("recruiting", "honesty")
)
LIBRARY = [CFO, INVESTOR, PROCUREMENT, BRUSH_OFF, RECRUITING]
RECENT = {"courage": 41.0, "authenticity": 62.0, "belief": 66.0}


def _next(**options):
    base = dict(
        weakest="courage", recent=RECENT, last_played="cfo", played={"cfo": 3},
        finished={"cfo": 3}, max_recent_difficulty=3, scored_sessions=dict.fromkeys(RECENT, 3),
    )  # fmt: skip
    return recommend(LIBRARY, **{**base, **options})


def test_a_rep_who_plays_price_objections_is_not_sent_to_the_investor_pitch():
    # The investor pitch stresses courage at exactly the target difficulty (3); the
    # procurement squeeze is one step off, but it is the kind of scenario the rep plays.
    rec = _next()
    assert rec["id"] == "procurement"
    assert rec["reason"].startswith(
        "Courage is your lowest: 41 over your last 3 sessions (authenticity 62, belief 66)."
    )
    assert (
        "Like what you practise: it shares objection with 3 sessions you finished."
        in (rec["reason"])
    )


def test_a_new_kind_is_chosen_only_with_nothing_alike_and_says_so():
    rec = recommend(
        [CFO, INVESTOR], weakest="courage", recent=RECENT, last_played="cfo",
        played={"cfo": 3}, finished={"cfo": 3},
    )  # fmt: skip
    assert rec["id"] == "investor"
    assert (
        "Nothing stressing courage is like what you practise (objection, price, cfo)"
        in (rec["reason"])
    )


def test_the_kind_is_what_the_rep_finished_not_what_they_opened_and_left():
    # Three empty attempts at the investor pitch do not make it the rep's kind.
    rec = _next(played={"cfo": 3, "investor": 3}, finished={"cfo": 3})
    assert rec["id"] == "procurement"


def test_the_library_skill_filter_is_the_focus_and_named_in_the_reason():
    rec = _next(focus="authenticity")
    assert rec["dimension"] == "authenticity"
    assert rec["id"] in {"investor", "recruiting"}  # the ones stressing authenticity
    assert rec["reason"].startswith(
        "You narrowed the library to authenticity: 62 over your last 3 sessions."
    )
    same = _next(focus="courage")
    assert same["reason"].startswith("You narrowed the library to courage, your lowest: 41")


def test_a_new_rep_with_a_skill_filter_starts_gently_on_that_skill():
    rec = recommend(
        LIBRARY, weakest=None, recent=dict.fromkeys(RECENT), last_played=None, played={},
        focus="authenticity",
    )  # fmt: skip
    assert rec["id"] in {"investor", "recruiting"} and rec["dimension"] == "authenticity"
    assert rec["reason"].startswith("You narrowed the library to authenticity.")
