"""The engine: conditions, effects, clamping, interjections, variants, routing.

Each test builds a tiny scenario from an inline string, plays it, and asserts on
exactly what was said and where it went (the inkle tests' way).
"""

from __future__ import annotations

import textwrap

import pytest

from simulator.engine import ReplyError, Session, best_route
from simulator.scenario.loader import check_text


def scenario(body: str):
    text = textwrap.dedent(body)
    sc, diags = check_text(text, "inline.yaml")
    errors = [d.format() for d in diags if d.is_error]
    assert sc is not None, errors
    return sc


BASE = """
scenario: 1
id: t
title: T
cast:
  cfo: {name: Dana, role: CFO, trust: 30, belief: 20}
  champ: {name: Sam, trust: 70, belief: 60}
vars:
  discounted: false
  rounds: 0
start: open
steps:
  open:
    speaker: cfo
    line: Why pay more?
    variants: [Convince me., Your quote is high.]
    interjections:
      - speaker: champ
        when: champ.belief >= 60
        line: I told you so.
      - speaker: champ
        when: champ.belief < 60
        line: Hmm.
    choices:
      - text: I can take 30% off.
        score: {courage: -2, belief: -2}
        effects: {cfo.belief: -30, discounted: true}
        feedback: Discounting first says you do not believe the price.
        next: spiral
      - text: What does a day of close cost you?
        score: {courage: 2}
        effects: {cfo.trust: +80, rounds: +1}
        next: cost
      - text: Only when trusted.
        when: cfo.trust >= 50
        next: won
    routes:
      - like: [what does it cost you, how long is your close]
        effects: {rounds: +1}
        next: cost
      - like: [discount, lower the price]
        effects: {discounted: true}
        next: spiral
      - else: probe
  cost:
    speaker: cfo
    line: Ten days.
    choices:
      - text: Decide by Friday?
        when: cfo.trust >= 100 and not discounted
        next: won
      - text: Back to the start.
        effects: {cfo.trust: = 5}
        next: open
    routes:
      - like: [friday]
        next: won
  probe:
    speaker: cfo
    line: Nothing new.
    routes:
      - like: [numbers]
        next: stalled
  spiral:
    speaker: cfo
    line: Your price was never real.
    end: loss
  won:
    speaker: cfo
    line: Fine.
    end: win
  stalled:
    end: stall
"""


def test_starts_at_start_with_a_seeded_variant():
    sc = scenario(BASE)
    lines = {Session(sc, seed=s).prompt.line for s in range(30)}
    assert lines == {"Why pay more?", "Convince me.", "Your quote is high."}
    assert Session(sc, seed=7).prompt.line == Session(sc, seed=7).prompt.line


def test_interjections_follow_their_conditions():
    session = Session(scenario(BASE), seed=1)
    assert [u.line for u in session.prompt.interjections] == ["I told you so."]


def test_offered_choices_respect_when_and_keep_file_order():
    session = Session(scenario(BASE), seed=1)
    assert [c.text for c in session.offered()] == [
        "I can take 30% off.",
        "What does a day of close cost you?",
    ]


def test_effects_apply_and_meters_clamp():
    session = Session(scenario(BASE), seed=1)
    session.choose(2)  # cfo.trust +80 from 30 -> clamps at 100
    assert session.run.meters["cfo"]["trust"] == 100
    assert session.run.vars["rounds"] == 1
    assert session.step.id == "cost"
    # now 'Decide by Friday?' holds: trust 100 and not discounted
    assert [c.text for c in session.offered()][0] == "Decide by Friday?"
    session.choose(2)  # = 5 sets the meter
    assert session.run.meters["cfo"]["trust"] == 5
    assert session.step.id == "open"


def test_negative_effects_clamp_at_zero_and_bools_set():
    session = Session(scenario(BASE), seed=1)
    turn = session.choose(1)
    assert session.run.meters["cfo"]["belief"] == 0
    assert session.run.vars["discounted"] is True
    assert session.ended and session.ending == "loss"
    assert turn.feedback.startswith("Discounting first")
    assert session.closing.line == "Your price was never real."


def test_a_choice_not_on_offer_is_refused_with_what_is():
    session = Session(scenario(BASE), seed=1)
    with pytest.raises(ReplyError, match="offered are 1. I can take"):
        session.choose(3)


def test_typed_reply_routes_by_contained_phrase_and_says_which():
    session = Session(scenario(BASE), seed=1)
    turn = session.reply("Honestly -- what does it COST you, today?")
    assert turn.kind == "typed"
    assert turn.route["like"] == "what does it cost you"
    assert turn.route["match"] == "contains"
    assert turn.next == "cost"
    assert session.run.vars["rounds"] == 1


def test_typed_reply_routes_by_meaning():
    session = Session(scenario(BASE), seed=1)
    turn = session.reply("How long does your month-end close take?")
    assert turn.route["match"] == "nearest"
    assert turn.route["nearest"] == {"text": "how long is your close", "kind": "like"}
    assert turn.route["nearness"] >= turn.route["threshold"]
    assert "how long is your close" in turn.route["why"]
    assert turn.next == "cost"


CHOICE_HOLDS_A_PHRASE = """
scenario: 1
id: t2
title: T2
cast:
  vc: {name: Ana, role: Partner}
start: ask
steps:
  ask:
    speaker: vc
    line: How much are you raising?
    choices:
      - text: Four million, to reach 600 restaurants.
        next: partner
      - text: Four million. If you'd rather see June first, can we talk again on July 10?
        next: later
    routes:
      - like: [four million, partner meeting]
        next: partner
      - like: [talk again, july 10]
        next: later
      - else: later
  partner: {end: advance}
  later: {end: stall}
"""


@pytest.mark.parametrize(
    "typed",
    [
        "Four million. If you'd rather see June first, can we talk again on July 10?",
        "four million -- if you'd rather see june first can we talk again on july 10",
    ],
)
def test_typing_a_choice_verbatim_gets_what_picking_it_gets(typed):
    # The choice's words also contain the other route's 'four million': the whole
    # choice, being the longer thing said, decides (self-consistency, issue 12).
    picked = Session(scenario(CHOICE_HOLDS_A_PHRASE), seed=1)
    picked.choose(2)
    session = Session(scenario(CHOICE_HOLDS_A_PHRASE), seed=1)
    turn = session.reply(typed)
    assert turn.route["match"] == "choice"
    assert turn.next == picked.turns[-1].next == "later"
    assert "says a choice's words" in turn.route["why"]


def test_a_paraphrase_of_a_choice_goes_its_way_when_it_says_more_of_its_route():
    # 'four million' (the partner route) and 'talk again' + 'july 10' (the later
    # route) are equally long; the reply says more of the later route's phrases.
    session = Session(scenario(CHOICE_HOLDS_A_PHRASE), seed=1)
    turn = session.reply("four million, and if June matters, can we talk again on july 10")
    assert turn.route["match"] == "contains"
    assert turn.next == "later"
    # One phrase each: the earlier route still takes the tie, as the format says.
    session = Session(scenario(CHOICE_HOLDS_A_PHRASE), seed=1)
    assert session.reply("four million, and can we talk again").next == "partner"


def test_negated_phrase_is_not_contained():
    from simulator.engine.matching import contained_phrase

    routes = scenario(BASE).steps["open"].routes
    assert contained_phrase("we won't lower the price", routes) is None
    found = contained_phrase("ok, we can lower the price", routes)
    assert found is not None and found[1] == "lower the price"


def test_whole_words_only():
    session = Session(scenario(BASE), seed=1)
    turn = session.reply("That would be priceless")  # not 'lower the price'
    assert turn.route["else"] is True
    assert turn.next == "probe"


def test_unmatched_typed_reply_without_else_stays_and_is_a_turn():
    session = Session(scenario(BASE), seed=1)
    session.choose(2)
    turn = session.reply("the weather is nice")
    assert turn.route["match"] == "none"
    assert turn.route["why"].startswith("no route close enough")
    assert turn.next == "cost"
    assert session.step.id == "cost"
    assert len(session.turns) == 2


def test_typed_text_where_no_routes_is_an_error():
    text = BASE.replace(
        """    routes:
      - like: [friday]
        next: won
""",
        "",
    )
    session = Session(scenario(text), seed=1)
    session.choose(2)
    with pytest.raises(ReplyError, match="takes no typed replies"):
        session.reply("hello")


def test_timeout_takes_else_or_presses_again():
    session = Session(scenario(BASE), seed=1)
    turn = session.timeout()
    assert turn.kind == "timeout" and turn.next == "probe"
    session2 = Session(scenario(BASE), seed=1)
    session2.choose(2)
    turn2 = session2.timeout()
    assert turn2.next == "cost" and turn2.route is None


def test_nothing_on_offer_is_a_stall():
    text = BASE.replace(
        """    routes:
      - like: [numbers]
        next: stalled
""",
        """    choices:
      - text: Hidden.
        when: cfo.trust > 99
        next: stalled
""",
    )
    session = Session(scenario(text), seed=1)
    session.reply("blah")  # else -> probe, where nothing can be offered
    assert session.ended and session.ending == "stall"


def test_report_has_the_stable_keys():
    session = Session(scenario(BASE), seed=3)
    session.choose(2)
    session.reply("we decide by Friday")
    report = session.report()
    assert set(report) >= {
        "scenario",
        "rubric",
        "ending",
        "turns",
        "closing",
        "scores",
        "meters",
        "vars",
        "seconds",
    }
    assert report["ending"] == "win"
    assert report["closing"] == {"step": "won", "speaker": "cfo", "line": "Fine."}
    first = report["turns"][0]
    assert set(first) >= {
        "step",
        "speaker",
        "line",
        "interjections",
        "reply",
        "kind",
        "route",
        "next",
        "scores",
        "evidence",
    }
    assert first["kind"] == "choice" and first["next"] == "cost"
    assert set(report["scores"]) == {"courage", "authenticity", "belief"}
    assert report["meters"]["cfo"]["trust"] == 100
    assert report["vars"] == {"discounted": False, "rounds": 1}


def test_best_route_prefers_contained_and_longer_and_earlier():
    sc = scenario(BASE)
    routes = sc.steps["open"].routes
    assert best_route("discount", routes).phrase == "discount"
    assert best_route("please lower the price", routes).phrase == "lower the price"
    assert best_route("zzz", routes).how == "else"
