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


# -- empty values: no value, null and "" read the same way ----------------------------


def test_required_text_that_is_empty_has_no_value():
    for written in ('""', "''", '"  "', "~", ""):
        d = one(
            steps(f"""\
              open:
                speaker: cfo
                line: {written}
                choices: [{{text: Because., next: won}}]
            """)
        )
        assert (d.line, d.col, d.message) == (13, 5, "'line' has no value"), written
    for written in ('""', "~", ""):
        d = one(HEAD.replace("title: Mini", f"title: {written}") + "  open: {end: win}\n")
        assert (d.line, d.message) == (3, "'title' has no value"), written
        d = one(HEAD.replace("{name: Dana,", f"{{name: {written},") + "  open: {end: win}\n")
        assert (d.line, d.message) == (5, "'name' has no value"), written


def test_the_word_null_is_text_as_the_format_promises():
    for written, shown in (('"null"', "null"), ("null", "null"), ("Null", "Null")):
        text = HEAD.replace("title: Mini", f"title: {written}") + "  open: {end: win}\n"
        scenario, _ = check_text(text)
        assert scenario is not None and scenario.title == shown, written


def test_words_yaml_reads_as_yes_no_or_numbers_stay_text_when_required():
    for word in ("no", "off", "0", "2024-01-01"):
        scenario, _ = check_text(
            HEAD.replace("title: Mini", f"title: {word}") + "  open: {end: win}\n"
        )
        assert scenario is not None and scenario.title == word


def test_a_when_with_no_value_is_an_empty_condition_like_when_quoted_empty():
    messages = set()
    for written in ("", '""', "~"):
        d = one(choice_with(f"when: {written}"))
        assert d.line == 17, written
        assert "empty condition" in d.message and d.hint, written
        messages.add(d.message)
    assert len(messages) == 1


def test_optional_text_left_empty_is_simply_not_written():
    for written in ("", "~", '""'):
        scenario, diagnostics = check_text(choice_with(f"feedback: {written}"), "t.yaml")
        assert scenario is not None and diagnostics == [], written
        assert scenario.steps["open"].choices[0].feedback == ""


def test_a_list_item_with_no_value_is_reported():
    found = problems(
        steps("""\
          open:
            speaker: cfo
            line: Why?
            variants:
              - Why though?
              -
              - ~
            choices: [{text: Because., next: won}]
        """)
    )
    assert [d.line for d in found] == [16, 17]
    assert all("an item of variants has no value" in d.message for d in found)
    assert "quotes" not in found[0].hint and "'~', put it in quotes" in found[1].hint


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
