"""Every mistake a trainer can make in the format is reported at its line, with a hint.

``HEAD`` is 10 lines long and ends with ``steps:``, so the first step id written
after it is on line 11."""

from __future__ import annotations

import textwrap

from simulator.scenario import check_text

HEAD = """\
scenario: 1
id: mini
title: Mini
cast:
  cfo: {name: Dana, trust: 30}
vars:
  discounted: false
  offers: 0
start: open
steps:
"""

ENDINGS = """\
  won:
    end: win
  lost:
    end: loss
"""


def problems(text: str, severity: str = "error"):
    scenario, diagnostics = check_text(text, "t.yaml")
    found = [d for d in diagnostics if d.severity == severity]
    if severity == "error":
        assert scenario is None
    return found


def one(text: str, severity: str = "error"):
    found = problems(text, severity)
    assert len(found) == 1, "\n".join(d.format() for d in found)
    return found[0]


def block(text: str) -> str:
    """Step definitions written indented in the test, indented two spaces under steps:."""
    return textwrap.indent(textwrap.dedent(text), "  ")


def steps(text: str) -> str:
    return HEAD + block(text) + ENDINGS


def test_the_head_is_valid_with_a_simple_step():
    scenario, diagnostics = check_text(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices:
              - {text: Because., next: won}
              - {text: Sorry., next: lost}
        """)
    )
    assert scenario is not None and diagnostics == []


# -- keys -----------------------------------------------------------------------


def test_duplicate_step_is_reported_at_its_second_occurrence():
    d = one(
        steps("""\
          open:
            end: win
          open:
            end: loss
        """)
    )
    assert (d.line, d.col) == (13, 3)
    assert "duplicate step id 'open'" in d.message and "line 11" in d.message


def test_duplicate_key_inside_a_choice():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices:
              - text: Because.
                next: won
                next: lost
        """)
    )
    assert (d.line, d.col) == (17, 9) and "duplicate key 'next'" in d.message


def test_duplicate_top_level_key():
    d = one(
        HEAD.replace("title: Mini\n", "title: Mini\ntitle: Other\n")
        + ENDINGS.replace("  won:", "  open:\n    end: stall\n  won:"),
        "error",
    )
    assert (d.line, d.col) == (4, 1) and "duplicate key 'title'" in d.message


def test_unknown_key_with_did_you_mean_and_no_extra_missing_error():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            chioces:
              - {text: Because., next: won}
        """)
    )
    assert (d.line, d.col) == (14, 5)
    assert d.message == "unknown key 'chioces' in step 'open'"
    assert d.hint == "did you mean 'choices'?"


def test_unknown_key_far_from_any_lists_the_allowed_keys():
    d = one(HEAD.replace("title: Mini\n", "title: Mini\nauthor: Kim\n") + "  open: {end: win}\n")
    assert (d.line, d.col) == (4, 1) and "allowed here:" in d.hint and "summary" in d.hint


def test_missing_required_top_level_fields():
    found = problems("scenario: 1\nid: x\ncast: {cfo: {name: D}}\n")
    assert {(d.line, d.message) for d in found} >= {
        (1, "the scenario is missing 'title'"),
        (1, "the scenario is missing 'start'"),
        (1, "the scenario is missing 'steps'"),
    }


def test_missing_next_in_a_choice_points_at_the_choice():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices:
              - text: Because.
        """)
    )
    assert (d.line, d.col) == (15, 9) and "missing 'next'" in d.message


def test_step_without_speaker_is_reported_at_its_id():
    d = one(
        steps("""\
          open:
            line: Why?
            choices: [{text: Because., next: won}]
        """)
    )
    assert (d.line, d.col) == (11, 3) and "missing 'speaker'" in d.message
    assert "end:" in d.hint


def test_empty_value_of_a_required_key():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line:
            choices: [{text: Because., next: won}]
        """)
    )
    assert (d.line, d.message) == (13, "'line' has no value")


# -- types and ranges ---------------------------------------------------------------


def test_wrong_types_are_named_in_plain_words():
    d = one(HEAD.replace("title: Mini", "title: Mini\ndifficulty: hard") + "  open: {end: win}\n")
    assert (d.line, d.col) == (
        4,
        13,
    ) and d.message == "difficulty must be a whole number, not 'hard'"
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices: {text: Because., next: won}
        """)
    )
    assert d.line == 14 and "should be a list" in d.message
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            variants: Tell me why.
            choices: [{text: Because., next: won}]
        """)
    )
    assert d.line == 14 and "variants should be a list" in d.message


def test_cast_as_a_list_is_reported():
    text = (
        HEAD.replace("  cfo: {name: Dana, trust: 30}", "  - cfo")
        .replace("  discounted: false\n  offers: 0\n", "")
        .replace("vars:\n", "")
    )
    found = problems(text + "  open: {end: win}\n")
    assert any(
        d.line == 5 and "cast should be a set of 'key: value' lines" in d.message for d in found
    )


def test_out_of_range_numbers():
    d = one(HEAD.replace("title: Mini", "title: Mini\ndifficulty: 7") + "  open: {end: win}\n")
    assert (d.line, d.message) == (4, "difficulty is 7, outside 1..5")
    d = one(HEAD.replace("trust: 30", "trust: 120") + "  open: {end: win}\n")
    assert (d.line, d.col) == (5, 28) and "outside 0..100" in d.message


def test_format_version_must_be_one():
    d = one(HEAD.replace("scenario: 1", "scenario: 2") + "  open: {end: win}\n")
    assert (d.line, d.col) == (1, 11) and "version 1" in d.message


def test_names_follow_the_rules():
    d = one(HEAD.replace("id: mini", "id: Mini Deal") + "  open: {end: win}\n")
    assert (d.line, d.hint) == (2, "use lowercase letters, digits and '-', e.g. 'mini-deal'")
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices: [{text: Because., next: won}]
          Next-Step:
            end: stall
        """),
        "error",
    )
    assert d.line == 15 and "not a valid name" in d.message and "'next_step'" in d.hint


def test_a_variable_may_not_share_a_cast_key():
    text = HEAD.replace("  offers: 0\n", "  cfo: 0\n") + "  open: {end: win}\n"
    d = one(text)
    assert (d.line, d.col) == (8, 3) and "same name as a cast member" in d.message


# -- references -------------------------------------------------------------------


def test_dangling_next_speaker_else_and_start():
    found = problems(
        HEAD.replace("start: open", "start: opne")
        + block("""\
          open:
            speaker: cfoo
            line: Why?
            choices: [{text: Because., next: wonn}]
            routes:
              - else: lots
        """)
        + ENDINGS
    )
    by_line = {d.line: d for d in found}
    assert by_line[9].message == "'start: opne' names no step"
    assert by_line[9].hint == "did you mean 'open'?"
    assert by_line[12].message == "'speaker: cfoo' is not in the cast"
    assert by_line[14].message == "'next: wonn' names no step" and by_line[14].col == 38
    assert by_line[16].message == "'else: lots' names no step"
    assert by_line[16].hint == "did you mean 'lost'?"


def test_interjection_speaker_must_be_in_the_cast():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            interjections:
              - {speaker: champ, line: Hear hear.}
            choices: [{text: Because., next: won}]
        """)
    )
    assert d.line == 15 and "'speaker: champ' is not in the cast" in d.message


# -- steps and the graph --------------------------------------------------------------


def test_step_with_no_way_out_that_is_not_an_ending():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices: [{text: Because., next: stuck}]
          stuck:
            speaker: cfo
            line: Hmm.
        """)
    )
    assert (d.line, d.col) == (15, 3) and "no way out" in d.message


def test_ending_with_replies_or_half_a_closing_line():
    d = one(
        steps("""\
          open:
            speaker: cfo
            end: win
        """)
    )
    assert d.line == 12 and "has a speaker but no line" in d.message
    d = one(
        steps("""\
          open:
            end: win
            choices: [{text: Again, next: won}]
        """)
    )
    assert d.line == 13 and "ending step 'open' has choices" in d.message


def test_two_else_routes():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            routes:
              - else: won
              - else: lost
        """)
    )
    assert d.line == 16 and "second 'else'" in d.message


def test_unreachable_step_is_a_warning():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices: [{text: Because., next: won}, {text: No., next: lost}]
          orphan:
            end: stall
        """),
        "warning",
    )
    assert (d.line, d.col) == (15, 3) and "'orphan' can never be reached" in d.message


def test_loop_no_reply_can_leave():
    found = problems(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            choices:
              - {text: Because., next: won}
              - {text: Tell me more., next: circle}
          circle:
            speaker: cfo
            line: Round we go.
            routes: [{else: again}]
          again:
            speaker: cfo
            line: And again.
            choices: [{text: Hm, next: circle}]
        """)
    )
    assert [(d.line, d.col) for d in found] == [(17, 3), (21, 3)]
    assert "no ending can be reached from step 'circle'" in found[0].message
    assert "loop no reply can leave" in found[0].message


def test_no_reachable_ending_is_reported_at_start():
    found = problems(
        HEAD
        + block("""\
          open:
            speaker: cfo
            line: Why?
            routes: [{else: open}]
          won:
            end: win
        """)
    )
    assert found[0].line == 9 and found[0].message == "no ending can be reached from start 'open'"


def test_no_ending_at_all():
    d = one(HEAD + "  open:\n    speaker: cfo\n    line: Hi\n    routes: [{else: open}]\n")
    assert d.line == 9 and d.message == "the scenario has no ending step"


# -- conditions -------------------------------------------------------------------------


def choice_with(*extra: str) -> str:
    """A step whose first choice (line 15) gets the extra lines from line 17 on."""
    lines = "".join(f"          {e}\n" for e in extra)
    return (
        HEAD + "  open:\n    speaker: cfo\n    line: Why?\n    choices:\n"
        "      - text: Because.\n        next: won\n"
        + lines.replace("          ", "        ", -1)
        + "      - {text: No., next: lost}\n"
        + ENDINGS
    )


def test_bad_when_points_at_the_bad_character():
    d = one(choice_with("when: cfo.trust = 40"))
    assert (d.line, d.col) == (17, 25) and "unexpected '='" in d.message
    assert d.hint == "use == to compare"


def test_unknown_name_in_when_suggests_a_declared_one():
    d = one(choice_with("when: cfo.trust >= 40 and discountd"))
    assert (d.line, d.col) == (17, 35) and "unknown name 'discountd'" in d.message
    assert d.hint == "did you mean 'discounted'?"
    d = one(choice_with("when: cfo.patience > 3"))
    assert d.col == 15 and "only trust and belief" in d.hint


def test_truth_value_compared_with_a_number():
    d = one(choice_with("when: discounted > 3"))
    assert (d.line, d.col) == (17, 26) and "truth value with a number" in d.message


def test_quoted_when_columns_skip_the_quote():
    d = one(choice_with('when: "offers >= 1 &&"'))
    assert (d.line, d.col) == (17, 28) and d.hint == "write 'and' / 'or'"


def test_choice_that_can_never_be_offered_is_a_warning():
    d = one(choice_with("when: discounted"), "warning")
    assert (d.line, d.col) == (15, 9) and "never offered" in d.message
    assert "no effect ever changes discounted" in d.message
    d = one(choice_with("when: cfo.trust > 100"), "warning")
    assert d.line == 15
    # a meter some effect changes can reach 40: no warning
    scenario, diagnostics = check_text(
        choice_with("when: cfo.trust >= 40", "effects: {cfo.trust: +10}")
    )
    assert scenario is not None and diagnostics == []


# -- effects and scores -------------------------------------------------------------------


def test_effect_without_a_sign():
    d = one(choice_with("effects: {cfo.trust: 10}"))
    assert (d.line, d.col) == (17, 30)
    assert d.hint == "write +10 to add or = 10 to set"


def test_effect_on_undeclared_names():
    found = problems(choice_with("effects: {discount: true, boss.trust: +1, cfo.mood: +1}"))
    assert [(d.line, d.col) for d in found] == [(17, 19), (17, 35), (17, 51)]
    assert found[0].hint == "did you mean 'discounted'?"
    assert "'boss' is not in the cast" in found[1].message
    assert "only trust and belief" in found[2].message


def test_set_outside_meter_range_and_wrong_kind_of_value():
    found = problems(choice_with("effects: {cfo.trust: = 180, discounted: +1, offers: yes}"))
    assert [(d.line, d.col) for d in found] == [(17, 30), (17, 49), (17, 61)]
    assert "outside 0..100" in found[0].message
    assert found[1].hint == "write true or false"


def test_decimal_effects_and_sets_are_allowed():
    scenario, diagnostics = check_text(
        choice_with("effects: {offers: = 2.5, cfo.belief: -0.5, cfo.trust: = 0}")
    )
    assert diagnostics == []
    effects = scenario.steps["open"].choices[0].effects
    assert [(e.op, e.value) for e in effects] == [("set", 2.5), ("add", -0.5), ("set", 0)]


def test_scores_outside_range_not_integer_or_unknown_dimension():
    found = problems(choice_with("score: {courage: 4, belief: 1.5, Authenticity: 1}"))
    assert [(d.line, d.col) for d in found] == [(17, 26), (17, 37), (17, 42)]
    assert "outside -3..+3" in found[0].message
    assert "whole number" in found[1].message
    assert found[2].hint == "did you mean 'authenticity'?"


def test_unknown_skill():
    d = one(
        HEAD.replace("title: Mini", "title: Mini\nskills: [courage, beleif]")
        + "  open: {end: win}\n"
    )
    assert (d.line, d.col) == (4, 19) and d.hint == "did you mean 'belief'?"


def test_names_may_not_be_words_of_the_when_language():
    d = one(HEAD.replace("  offers: 0", "  not: 0") + "  open: {end: win}\n")
    assert (d.line, d.col) == (8, 3) and "word of the 'when' language" in d.message


def test_a_key_in_the_wrong_place_says_where_it_belongs():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            routes:
              - {like: [because], next: won, score: {courage: 1}}
              - {else: lost, when: offers > 1}
        """).replace("- {else: lost, when: offers > 1}", "- {else: lost}")
    )
    assert (d.line, d.col) == (15, 38) and d.hint.startswith("'score' belongs in a choice")
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            routes:
              - {else: lost, when: offers > 1}
        """)
    )
    assert (d.line, d.col) == (15, 22) and "here the keys are: else, effects" in d.hint


def test_like_phrase_without_words():
    d = one(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            routes:
              - {like: [because, "?!"], next: won}
        """)
    )
    assert (d.line, d.col) == (15, 26) and "has no words" in d.message
