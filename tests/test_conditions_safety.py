"""The ``when`` language is parsed, never evaluated as Python: everything outside its
grammar (attributes, calls, lambdas, exponents, huge literals, deep nesting) is a
diagnostic at the offending column, and nothing in the text runs."""

from __future__ import annotations

import pytest

from simulator.scenario import check_text
from simulator.scenario.conditions import MAX_NESTING, Condition, ConditionSyntaxError
from tests.test_loader_errors import choice_with

COL0 = 16  # 'when: "' puts the condition's first character in column 16 of line 17

REFUSED = {
    "attribute of a meter": ("cfo.trust.__class__ > 1", 25),
    "dunder attribute": ("cfo.__dict__ > 1", 16),
    "attribute of a variable": ("offers.real > 1", 16),
    "__import__ call": ("__import__('os').system('touch /tmp/x') > 0", 27),
    "bare __import__": ("__import__", 16),
    "exec": ("exec('1') > 0", 21),
    "lambda": ("lambda: 1", 22),
    "called lambda": ("(lambda x: x)(1) > 0", 25),
    "exponent": ("2 ** 3 > 1", 18),
    "exponent of a meter": ("cfo.trust ** 2 > 1", 26),
    "huge literal": ("cfo.trust > " + "9" * 5000, 28),
    "negative huge literal": ("cfo.trust > -" + "9" * 16, 28),
    "exponent literal": ("cfo.trust > 1e5", 29),
    "subscript": ("offers[0] > 1", 22),
    "arithmetic": ("offers + 1 > 2", 23),
    "text": ("'a' == 'a'", 16),
    "conditional expression": ("offers > 1 if true else false", 27),
    "deep parentheses": ("(" * 3000 + "offers > 1" + ")" * 3000, None),
    "deep not": ("not " * 5000 + "discounted", None),
    "very long and-chain": ("offers > 1 and " * 3000 + "discounted", None),
}


def error_for(condition: str):
    quoted = condition.replace("\\", "\\\\").replace('"', '\\"')
    scenario, diagnostics = check_text(choice_with(f'when: "{quoted}"'), "t.yaml")
    errors = [d for d in diagnostics if d.is_error]
    assert scenario is None and len(errors) == 1, [d.format() for d in diagnostics]
    return errors[0]


@pytest.mark.parametrize("case", REFUSED)
def test_outside_the_grammar_is_refused_at_its_column(case, tmp_path, monkeypatch):
    condition, col = REFUSED[case]
    monkeypatch.chdir(tmp_path)  # a leaked eval of the __import__ case would leave a file
    d = error_for(condition)
    assert d.line == 17 and d.format().startswith(f"t.yaml:17:{d.col}: error: ")
    if col is not None:
        assert d.col == col, d.format()
    assert len(d.format()) < 400
    assert list(tmp_path.iterdir()) == []


def test_nesting_just_within_the_limit_loads_and_one_more_is_refused():
    ok = "(" * (MAX_NESTING - 1) + "offers > 1" + ")" * (MAX_NESTING - 1)
    Condition.parse(ok)
    deep = "not (" * MAX_NESTING + "discounted" + ")" * MAX_NESTING
    with pytest.raises(ConditionSyntaxError, match="more than 20 deep"):
        Condition.parse(deep)
    d = error_for(deep)
    assert "nests" in d.message and d.hint


def test_a_long_but_reasonable_condition_still_loads():
    text = " and ".join(f"cfo.trust > {n}" for n in range(40))
    scenario, diagnostics = check_text(
        choice_with(f'when: "{text}"', "effects: {cfo.trust: +5}"), "t.yaml"
    )
    assert scenario is not None, [d.format() for d in diagnostics]
