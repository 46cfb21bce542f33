"""Conditions, effects, scores and names in scenario files: each mistake at its line.

Helpers and ``HEAD`` (10 lines, steps from line 11) come from test_loader_errors."""

from __future__ import annotations

from simulator.scenario import check_text
from tests.test_loader_errors import HEAD, choice_with, one, problems, steps

# -- conditions -------------------------------------------------------------------------


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


# -- hints for what trainers type from other tools ------------------------------------------


def test_a_second_dot_in_a_name_says_names_have_one_dot():
    d = one(choice_with("when: cfo.trust.real > 1"))
    assert (d.line, d.col) == (17, 24) and "unexpected '.'" in d.message
    assert "at most one dot" in d.hint


def test_text_in_a_condition_says_conditions_compare_numbers_and_truth_values():
    d = one(choice_with('when: cfo.trust == "x"'))
    assert (d.line, d.col) == (17, 28) and "never text" in d.hint


def test_signs_from_other_tools_suggest_ours():
    cases = {
        "cfo.trust ≥ 40": ("≥", ">="),
        "cfo.trust ≤ 40": ("≤", "<="),
        "cfo.trust ≠ 40": ("≠", "!="),
        "cfo.trust => 40": ("=>", ">="),
        "cfo.trust =< 40": ("=<", "<="),
        "cfo.trust <> 40": ("<>", "!="),
    }
    for condition, (theirs, ours) in cases.items():
        d = one(choice_with(f"when: {condition}"))
        assert d.line == 17 and d.hint == f"write {ours} for {theirs}", (condition, d.format())


def test_an_effect_on_a_member_attribute_suggests_a_variable():
    d = one(choice_with("effects: {cfo.mood: +10}"))
    assert "a cast member has only trust and belief" in d.message
    assert "declare a variable under 'vars:'" in d.hint
    assert "cfo_mood: 0" in d.hint and "cfo_mood: +10" in d.hint
    d = one(choice_with("effects: {cfo.angry: true}"))
    assert "cfo_angry: false" in d.hint and "cfo_angry: true" in d.hint


def test_a_condition_on_a_member_attribute_suggests_a_variable():
    d = one(choice_with("when: cfo.mood > 3"))
    assert "only trust and belief" in d.hint and "cfo_mood: 0" in d.hint


# -- a 'when' over several lines: the error at its own line ---------------------------------


def test_folded_when_points_at_the_line_of_the_mistake():
    d = one(
        choice_with("when: >-", "  cfo.trust >= 40", "  and not discounted", "  and cfo.belif > 3")
    )
    assert (d.line, d.col) == (20, 15), d.format()
    assert "unknown name 'cfo.belif'" in d.message


def test_literal_when_points_at_the_line_of_the_mistake():
    d = one(choice_with("when: |", "  cfo.trust >= 40 and", "    offers = 2"))
    assert (d.line, d.col) == (19, 20) and d.hint == "use == to compare", d.format()


def test_plain_when_over_two_lines_points_at_the_second_line():
    d = one(choice_with("when: cfo.trust >= 40 and", "  discountd"))
    assert (d.line, d.col) == (18, 11) and "discountd" in d.message, d.format()


def test_when_that_ends_too_soon_on_a_later_line_points_after_its_last_word():
    d = one(choice_with("when: >-", "  cfo.trust >=", "  40 and"))
    assert (d.line, d.col) == (19, 17) and "ends too soon" in d.message, d.format()


def test_double_quoted_when_over_two_lines_keeps_the_value_start():
    d = one(choice_with('when: "cfo.trust >= 40 and', '  discountd"'))
    assert (d.line, d.col) == (17, 15), d.format()


def test_an_effect_or_a_variable_with_no_value_says_so():
    d = one(choice_with("effects: {cfo.trust: ~}"))
    assert "the effect on 'cfo.trust' has no value" in d.message and "+10" in d.hint
    d = one(HEAD.replace("offers: 0", "offers:") + "  open: {end: win}\n")
    assert (d.line, d.message) == (8, "variable 'offers' has no value")
