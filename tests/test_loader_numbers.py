"""Every numeric field refuses huge, negative-out-of-range, float-for-int and boolean values
with a ``path:line:col`` diagnostic, never a traceback (int() refuses 4,300+ digits)."""

from __future__ import annotations

import re

import pytest

from simulator.scenario import check_text
from tests.conftest import run_cli
from tests.test_loader_errors import HEAD, choice_with

BIG = "9" * 4301
BASE = choice_with("when: cfo.trust >= 40")

# field -> (file with the value put in, the line it is on)
FIELDS = {
    "difficulty": (lambda v: BASE.replace("title: Mini", f"title: Mini\ndifficulty: {v}"), 4),
    "reply_seconds": (lambda v: BASE.replace("title: Mini", f"title: Mini\nreply_seconds: {v}"), 4),
    "trust": (lambda v: BASE.replace("trust: 30", f"trust: {v}"), 5),
    "scenario": (lambda v: BASE.replace("scenario: 1", f"scenario: {v}"), 1),
    "vars": (lambda v: BASE.replace("offers: 0", f"offers: {v}"), 8),
    "effect add": (lambda v: choice_with("when: offers >= 0", f"effects: {{cfo.trust: +{v}}}"), 18),
    "effect set": (
        lambda v: choice_with("when: offers >= 0", f"effects: {{cfo.trust: = {v}}}"),
        18,
    ),
    "when": (lambda v: choice_with(f"when: cfo.trust >= {v}"), 17),
    "score": (lambda v: choice_with("when: offers >= 0", f"score: {{courage: {v}}}"), 18),
}
# values every field refuses (vars and when take any number, so only the huge ones there)
HUGE = [BIG, "-" + BIG, "0" * 4400 + "1", "1" * 16]
OUT_OF_RANGE = ["-4", "1e999", "true", ".inf", "nan", "0x10", "1_000"]
ANY_NUMBER = {"vars", "when"}
DIAG = re.compile(r"^t\.yaml:(\d+):(\d+): error: ")


def _first_error(text: str):
    scenario, diagnostics = check_text(text, "t.yaml")
    errors = [d for d in diagnostics if d.severity == "error"]
    assert scenario is None and errors, "accepted"
    return errors[0]


@pytest.mark.parametrize("value", HUGE, ids=["4301", "-4301", "zeros", "16"])
@pytest.mark.parametrize("field", FIELDS)
def test_huge_numbers_get_a_diagnostic_at_their_line(field, value):
    make, line = FIELDS[field]
    d = _first_error(make(value))
    assert DIAG.match(d.format()) and d.line == line
    assert len(d.format()) < 400  # a 4,301-digit number is not echoed whole


@pytest.mark.parametrize("value", OUT_OF_RANGE)
@pytest.mark.parametrize("field", sorted(set(FIELDS) - ANY_NUMBER))
def test_out_of_range_float_and_boolean_values_get_a_diagnostic(field, value):
    make, line = FIELDS[field]
    d = _first_error(make(value))
    assert DIAG.match(d.format()) and d.line == line


def test_whole_number_fields_refuse_decimals_and_set_effects_stay_in_range():
    d = _first_error(FIELDS["difficulty"][0]("2.5"))
    assert d.line == 4 and d.hint == "drop the decimals"
    assert _first_error(FIELDS["effect set"][0]("-1")).line == 18
    assert _first_error(FIELDS["score"][0]("1.0")).line == 18


def test_fifteen_digits_and_long_decimals_still_load():
    scenario, diagnostics = check_text(choice_with("when: cfo.trust >= 999999999999999"), "t.yaml")
    assert scenario is not None
    scenario, _ = check_text(BASE.replace("trust: 30", "trust: 30." + "3" * 400), "t.yaml")
    assert scenario is not None and scenario.cast["cfo"].trust == pytest.approx(30.333333)


def test_validate_a_4301_digit_difficulty_gives_a_diagnostic_not_a_traceback(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(
        HEAD.replace("title: Mini", f"title: Mini\ndifficulty: {BIG}") + "  open: {end: win}\n"
    )
    result = run_cli("validate", str(path))
    assert result.returncode == 1, result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert f"{path}:4:13: error: difficulty has 4,301 digits" in out
