"""What `repcraft validate` says about the mistakes trainers really make: one
message per mistake, at the mistake, with a hint that helps."""

from __future__ import annotations

import json
import textwrap

from tests.conftest import run_cli

BASE = textwrap.dedent(
    """\
    scenario: 1
    id: broken
    title: Broken
    cast:
      cfo:
        name: Dana
        trust: 30
    start: open
    steps:
      open:
        speaker: cfo
        line: Why pay?
        choices:
          - text: Because.
            when: cfo.trust > 20
            effects: {cfo.trust: +10}
            next: won
          - text: Discount.
            next: lost
      won:
        end: win
      lost:
        end: loss
    """
)


def _validate(tmp_path, text: str):
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    r = run_cli("validate", str(path))
    assert "Traceback" not in r.stdout + r.stderr
    return r, [line for line in r.stdout.splitlines() if ": error: " in line]


def test_base_is_valid(tmp_path):
    r, errors = _validate(tmp_path, BASE)
    assert r.returncode == 0, r.stdout
    assert errors == []


def test_misspelt_key_in_a_cast_member_is_one_error_not_a_cascade(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("    name: Dana", "    nmae: Dana"))
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":6:5: error: unknown key 'nmae'" in errors[0]
    assert "did you mean 'name'" in errors[0]


def test_effect_on_a_member_missing_from_the_cast_has_a_useful_hint(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("{cfo.trust: +10}", "{cfp.trust: +10}"))
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":16:19: error:" in errors[0] and "did you mean 'cfo'" in errors[0]


def test_a_key_indented_too_far_is_an_indentation_error_at_the_key(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("    line: Why pay?", "     line: Why pay?"))
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":12:6: error:" in errors[0]
    assert "is indented more than the line above" in errors[0]
    assert "inside unquoted text" not in errors[0]


def test_a_block_indented_too_far_is_an_indentation_error_at_the_key(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("    choices:", "      choices:"))
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":13:7: error:" in errors[0]
    assert "is indented more than the line above" in errors[0]
    assert "inside unquoted text" not in errors[0]


def test_colon_space_inside_unquoted_text_still_says_quote_it(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("line: Why pay?", "line: Note: why pay?"))
    assert len(errors) == 1, errors
    assert ":12:15: error:" in errors[0] and "quotes" in errors[0]
    folded = BASE.replace("line: Why pay?", "line: Why pay\n      more than: the rest?")
    r, errors = _validate(tmp_path, folded)
    assert len(errors) == 1, errors
    assert "quotes" in errors[0]


def test_comments_after_skills_and_tags_are_comments_not_cut_text(tmp_path):
    text = BASE.replace(
        "title: Broken\n",
        "title: Broken\nskills:\n  - courage   # the main one\n"
        "tags:\n  - price  # for the library\n",
    )
    r, errors = _validate(tmp_path, text)
    assert r.returncode == 0, r.stdout
    assert ": warning:" not in r.stdout, r.stdout
    # text fields still warn: the words after ' #' are lost there
    r, _ = _validate(tmp_path, BASE.replace("line: Why pay?", "line: Why pay? #1 question"))
    assert ":12:20: warning:" in r.stdout


def test_two_choices_with_the_same_text_warn_at_the_second(tmp_path):
    text = BASE.replace("        when: cfo.trust > 20\n", "")
    r, _ = _validate(tmp_path, text.replace("- text: Discount.", "- text: because."))
    assert r.returncode == 0, r.stdout  # a warning, not an error: v1 files stay valid
    warnings = [line for line in r.stdout.splitlines() if ": warning: " in line]
    assert len(warnings) == 1, r.stdout
    assert ":17:15: warning: choice 2 of step 'open' has the same text as choice 1" in warnings[0]


def test_same_text_under_different_conditions_is_an_either_or(tmp_path):
    text = BASE.replace("- text: Discount.", "- text: Because.\n        when: cfo.trust <= 20")
    assert text != BASE
    r, _ = _validate(tmp_path, text)
    assert r.returncode == 0, r.stdout
    assert ": warning: " not in r.stdout, r.stdout


def test_a_merge_key_is_refused_as_outside_the_yaml_subset(tmp_path):
    r, errors = _validate(
        tmp_path, BASE.replace("  won:\n    end: win", "  won:\n    <<: {end: win}")
    )
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":21:5: error: '<<' is a YAML merge key" in errors[0]


ROUTES = textwrap.dedent(
    """\
    scenario: 1
    id: routes
    title: Routes
    cast: {b: {name: B}}
    start: s
    steps:
      s:
        speaker: b
        line: hi
        routes:
          - like: [hello]
            next: e
          - else: e
      e: {end: win}
    """
)


def test_misspelt_like_in_a_route_is_an_error_not_a_traceback(tmp_path):
    r, errors = _validate(tmp_path, ROUTES.replace("- like: [hello]", "- lik: [hello]"))
    assert r.returncode == 1
    assert ":11:9: error: unknown key 'lik'" in r.stdout and "did you mean 'like'" in r.stdout


def test_misspelt_else_in_a_route_is_an_error_not_a_traceback(tmp_path):
    r, errors = _validate(tmp_path, ROUTES.replace("- else: e", "- els: e"))
    assert r.returncode == 1
    assert ":13:9: error: unknown key 'els'" in r.stdout and "did you mean 'else'" in r.stdout


def test_yaml_traps_at_the_start_of_a_line_say_put_it_in_quotes(tmp_path):
    for value, col in [("- Sure, she says", 11), ("? not sure", 11), (", and then", 11)]:
        r, errors = _validate(tmp_path, BASE.replace("line: Why pay?", f"line: {value}"))
        assert r.returncode == 1, value
        assert len(errors) == 1, errors
        assert f":12:{col}: error: text starting with" in errors[0], errors[0]
        assert "put the line in quotes" in errors[0]


def test_an_apostrophe_inside_single_quotes_is_named(tmp_path):
    r, errors = _validate(tmp_path, BASE.replace("line: Why pay?", "line: 'It's fine'"))
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":12:15: error: an apostrophe inside '...' text ends the quotes early" in errors[0]
    assert "'It''s fine'" in errors[0]


def test_upper_case_and_in_a_condition_says_write_it_in_lower_case(tmp_path):
    text = BASE.replace("when: cfo.trust > 20", "when: cfo.trust > 20 AND cfo.belief > 1")
    r, errors = _validate(tmp_path, text)
    assert r.returncode == 1
    assert len(errors) == 1, errors
    assert ":15:30: error:" in errors[0] and "write 'and' in lower case" in errors[0]


def test_a_starting_meter_may_be_a_decimal_like_any_set_meter(tmp_path):
    # the format asks meters to be 0..100, not whole; `= 72.5` is already accepted
    r, errors = _validate(tmp_path, BASE.replace("    trust: 30", "    trust: 72.5"))
    assert r.returncode == 0, r.stdout
    r, errors = _validate(tmp_path, BASE.replace("    trust: 30", "    trust: 100.5"))
    assert r.returncode == 1 and "outside 0..100" in errors[0]
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("    trust: 30", "    trust: 72.5"), encoding="utf-8")
    played = run_cli("play", str(path), "--script", "-", "--json", "--no-log", input="2\n")
    assert played.returncode == 0, played.stderr
    assert json.loads(played.stdout)["meters"]["cfo"]["trust"] == 72.5
