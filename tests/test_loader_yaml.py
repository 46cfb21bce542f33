"""The YAML subset: syntax errors in plain words, and hostile files refused at their line."""

from __future__ import annotations

import time

from simulator.scenario import check_text

GOOD = """\
scenario: 1
id: mini
title: Mini
cast:
  cfo: {name: Dana}
start: open
steps:
  open:
    speaker: cfo
    line: Why?
    choices:
      - text: Because.
        next: won
  won:
    end: win
"""


def only(data, severity: str = "error"):
    scenario, diagnostics = check_text(data, "t.yaml")
    found = [d for d in diagnostics if d.severity == severity]
    assert len(found) == 1, "\n".join(d.format() for d in diagnostics)
    if severity == "error":
        assert scenario is None
    return found[0]


def with_line(line: str) -> str:
    return GOOD.replace("line: Why?", line)


def test_good_file_has_no_diagnostics():
    scenario, diagnostics = check_text(GOOD)
    assert scenario is not None and diagnostics == []


# -- text YAML would cut or refuse ---------------------------------------------------------


def test_colon_space_inside_unquoted_text():
    d = only(with_line("line: No: we can't do that"))
    assert (d.line, d.col) == (10, 13)
    assert "': ' inside unquoted text" in d.message and "quotes" in d.hint


def test_line_starting_with_a_bracket():
    d = only(with_line("line: [pause] Why would I?"))
    assert d.line == 10 and "starting with '['" in d.message and "quotes" in d.hint


def test_line_starting_with_a_star():
    d = only(with_line("line: *sighs* Why would I?"))
    assert d.line == 10 and "'*'" in d.message and "quotes" in d.hint


def test_line_starting_with_an_at_sign():
    d = only(with_line("line: @Sam what do you think?"))
    assert (d.line, d.col) == (10, 11) and "'@'" in d.message and d.hint == "put the line in quotes"


def test_hash_inside_unquoted_text_is_a_warning_and_the_text_is_cut():
    scenario, diagnostics = check_text(with_line("line: We are the #1 vendor # really"))
    assert [(d.severity, d.line, d.col) for d in diagnostics] == [("warning", 10, 22)]
    assert "'#1 vendor # really'" in diagnostics[0].message
    assert scenario.steps["open"].line == "We are the"


def test_comment_after_a_number_field_is_fine():
    scenario, diagnostics = check_text(GOOD.replace("scenario: 1", "scenario: 1  # version"))
    assert scenario is not None and diagnostics == []


# -- syntax errors ---------------------------------------------------------------------------


def test_bad_indentation():
    d = only(GOOD.replace("    line: Why?", "   line: Why?"))
    assert d.line == 10 and "indent" in (d.message + d.hint)
    assert "mapping" not in d.message and "block" not in d.message


def test_tab_indentation():
    d = only(GOOD.replace("    line: Why?", "\tline: Why?"))
    assert (d.line, d.col) == (10, 1) and "tab" in d.message and d.hint == "indent with spaces"


def test_unclosed_quote():
    d = only(with_line('line: "Why?'))
    assert d.line >= 10 and "never closed" in d.message


def test_unclosed_flow_list():
    d = only(GOOD.replace("cast:\n", "tags: [a, b\ncast:\n"))
    assert d.line in (4, 5) and "[ ]" in d.message


# -- the subset -------------------------------------------------------------------------------


def test_python_tag_is_refused_at_its_line():
    d = only(with_line("line: !!python/object/apply:os.system [echo hi]"))
    assert (d.line, d.col) == (10, 11)
    assert "'!!python/object/apply:os.system' is a YAML tag" in d.message


def test_any_tag_is_refused():
    d = only(GOOD.replace("scenario: 1", "scenario: !!int 1"))
    assert (d.line, d.col) == (1, 11) and "tag" in d.message


def test_anchor_is_refused_at_the_anchor():
    d = only(GOOD.replace("  cfo: {name: Dana}", "  cfo: &dana {name: Dana}"))
    assert (d.line, d.col) == (5, 8) and "'&dana' is a YAML anchor" in d.message


def test_merge_key_is_refused():
    text = GOOD.replace("  cfo: {name: Dana}", "  cfo: {name: Dana}\n  cfo2:\n    <<: *x")
    d = only(text)
    assert d.line == 7 and "alias" in d.message


def test_alias_bomb_is_refused_fast():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.perf_counter()
    d = only("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 1.0
    assert (d.line, d.col) == (1, 5) and "anchor" in d.message


def test_second_document_is_refused():
    d = only(GOOD + "---\nscenario: 1\n")
    assert d.line == 16 and "second YAML document" in d.message


def test_nesting_deeper_than_16_is_refused():
    d = only("scenario: 1\nx: " + "[" * 40 + "]" * 40 + "\n")
    assert d.line == 2 and "more than 16 levels" in d.message


def test_deep_nesting_bomb_does_not_crash():
    d = only("a: " + "[" * 200_000)
    assert d.line == 1


def test_file_over_one_megabyte():
    d = only(GOOD + "# " + "x" * 1_000_000 + "\n")
    assert (d.line, d.col) == (1, 1) and "at most 1 MB" in d.message


def test_non_utf8_bytes_are_reported_at_their_line():
    data = GOOD.replace("line: Why?", "line: Caf\u00e9?").encode("latin-1")
    d = only(data)
    assert (d.line, d.col) == (10, 14) and "not valid UTF-8" in d.message
    assert "UTF-8" in d.hint


def test_utf16_file():
    d = only(GOOD.encode("utf-16"))
    assert (d.line, d.col) == (1, 1) and "UTF-16" in d.message


def test_byte_order_mark_is_fine():
    scenario, diagnostics = check_text(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert scenario is not None and diagnostics == []


def test_control_character():
    d = only(with_line("line: Why\x07?"))
    assert (d.line, d.col) == (10, 14) and "control character" in d.message


def test_empty_and_comment_only_files():
    for text in ("", "\n\n", "# nothing yet\n"):
        d = only(text)
        assert (d.line, d.col) == (1, 1) and d.message == "the file is empty"


def test_a_list_instead_of_a_mapping():
    d = only("- scenario: 1\n- id: x\n")
    assert (d.line, d.col) == (1, 1) and "not a list" in d.message


def test_a_single_value_file():
    d = only("just some words\n")
    assert "not a single value" in d.message


def test_key_that_is_a_list():
    d = only("[a, b]: 1\n")
    assert d.line == 1 and "key must be a plain word" in d.message


# -- a quote left open runs onto the lines below ---------------------------------------------

BASE = """\
scenario: 1
id: base-x
title: Base
cast:
  cfo:
    name: Dana
    trust: 30
vars:
  discounted: false
start: open
steps:
  open:
    speaker: cfo
    line: Why pay that?
    choices:
      - text: What does it cost you?
        score: {courage: 2}
        effects: {cfo.trust: +10}
        next: won
      - text: Discount.
        when: cfo.trust >= 40
        next: lost
    routes:
      - like: [discount]
        next: lost
      - else: won
  won:
    end: win
  lost:
    speaker: cfo
    line: Bye.
    end: loss
"""


def test_unclosed_double_quote_is_blamed_where_it_opens_not_at_the_next_quote():
    text = BASE.replace("line: Why pay that?", 'line: "Why pay that?').replace(
        "- text: Discount.", '- text: "Discount."'
    )
    d = only(text)
    assert (d.line, d.col) == (14, 11), d.format()
    assert "not closed on this line" in d.message and "line 20" in d.message
    assert '"Why pay that?"' in d.hint


def test_unclosed_single_quote_is_blamed_where_it_opens():
    text = BASE.replace("line: Why pay that?", "line: 'Why pay that?").replace(
        "- text: Discount.", "- text: 'Discount.'"
    )
    d = only(text)
    assert (d.line, d.col) == (14, 11) and "not closed on this line" in d.message


def test_unclosed_quote_closed_at_the_end_of_a_later_line():
    text = BASE.replace("line: Why pay that?", 'line: "Why pay that?').replace(
        "- text: Discount.", '- text: Discount"'
    )
    d = only(text)
    assert (d.line, d.col) == (14, 11) and "line 20" in d.message


def test_quoted_text_over_two_lines_on_purpose_stays_valid():
    text = BASE.replace("line: Why pay that?", 'line: "Why pay\n      that?"')
    scenario, diagnostics = check_text(text, "t.yaml")
    assert scenario is not None and diagnostics == []
    assert scenario.steps["open"].line == "Why pay that?"


def test_quoted_text_over_two_lines_does_not_take_the_blame_for_a_later_error():
    text = BASE.replace("line: Why pay that?", 'line: "Why pay\n      that?"').replace(
        "line: Bye.", "line: Bye: now"
    )
    d = only(text)
    assert d.line == 32 and "': '" in d.message


def test_an_open_quote_that_still_parses_is_a_warning_naming_the_swallowed_lines():
    text = BASE.replace("line: Why pay that?", 'line: "Why pay that?').replace(
        "line: Bye.", 'line: Bye"'
    )
    d = only(text, "warning")
    assert (d.line, d.col) == (14, 11) and "'choices:'" in d.message
    assert "closing quote" in d.hint


# -- a line inside a list that is not the next item -----------------------------------------


def test_a_key_of_a_list_item_indented_one_space_short():
    d = only(BASE.replace("        next: lost\n    routes", "       next: lost\n    routes"))
    assert (d.line, d.col) == (22, 8), d.format()
    assert "'next:' is not lined up with the keys above it" in d.message
    assert "list item here" not in d.message
    assert "column 9" in d.message and "8 spaces" in d.hint


def test_a_key_of_a_list_item_under_a_nested_mapping_is_measured_against_the_item():
    text = BASE.replace(
        "        next: lost\n    routes",
        "        effects:\n          cfo.trust: +1\n       next: lost\n    routes",
    )
    d = only(text)
    assert d.line == 24 and "column 9" in d.message and "8 spaces" in d.hint


def test_a_key_at_the_dash_column_is_a_key_not_an_item():
    d = only(BASE.replace("        next: won", "      next: won"))
    assert d.line == 19 and "'next:' is not lined up" in d.message


def test_a_list_item_without_a_space_after_the_dash():
    d = only(BASE.replace("- text: Discount.", "-text: Discount."))
    assert d.line == 20 and "space after the '-'" in d.message
    assert d.hint == "write '- text: Discount.'"
