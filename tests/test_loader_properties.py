"""Property tests of the loader: whatever bytes a trainer saves, the answer is a
loaded scenario or ``path:line:col`` diagnostics, never an exception.

Mutants of the bundled scenarios (characters dropped, replaced, inserted, lines
duplicated or swapped), arbitrary unicode, huge and negative numbers in every
numeric field, and deep nesting. Example counts come from the profile in conftest."""

from __future__ import annotations

import random
import re
import time

from hypothesis import given
from hypothesis import strategies as st

from simulator.scenario import check_text
from tests.conftest import REPO, run_cli

BUNDLED = sorted((REPO / "scenarios").glob("*.yaml"))
TEXTS = [p.read_text(encoding="utf-8") for p in BUNDLED]
NUMERIC_LINE = re.compile(
    r"^(\s*(?:-\s+)?(?:difficulty|reply_seconds|trust|belief|scenario|courage|authenticity"
    r"|belief_transfer|[a-z_]+\.(?:trust|belief)|[a-z_]+):\s*)([+=-]?\s*\d[\d.]*)\s*$",
    re.M,
)
# Characters that matter to YAML and to the format, plus some that should not.
SPICE = st.sampled_from(
    list(":-[]{},#&*!|>'\"%@`\t\n ?=+.0123456789\x00\x1b\u2028\ufeff\U0001f600")
)


def assert_clean(text: str | bytes) -> None:
    """The property: a scenario, or errors that each carry a real position."""
    scenario, diagnostics = check_text(text, "fuzz.yaml")
    errors = [d for d in diagnostics if d.is_error]
    assert (scenario is None) == bool(errors)
    for d in diagnostics:
        assert d.path == "fuzz.yaml" and d.line >= 1 and d.col >= 1, d
        assert d.format().startswith(f"fuzz.yaml:{d.line}:{d.col}: {d.severity}: ")


@st.composite
def mutants(draw) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["drop", "replace", "insert", "dup_line", "swap_lines"]))
        if kind == "drop":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif kind == "replace":
            text = text[:at] + draw(SPICE) + text[at + 1 :]
        elif kind == "insert":
            text = text[:at] + draw(st.text(SPICE, max_size=6)) + text[at:]
        else:
            lines = text.splitlines(keepends=True)
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if kind == "dup_line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text


@given(mutants())
def test_mutated_bundled_scenarios_give_a_scenario_or_diagnostics(text):
    assert_clean(text)


@given(st.text(max_size=400))
def test_arbitrary_unicode_gives_diagnostics(text):
    assert_clean(text)


@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_diagnostics(data):
    assert_clean(data)


NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(0, 5000).map(lambda n: "9" * n or "0"),
    st.integers(0, 5000).map(lambda n: "-" + "1" * n + "0"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["true", "no", "~", "1e999", "-0", "0x1F", "1_000", ".5", "5.", "+-1"]),
)


@given(st.sampled_from(TEXTS), st.data())
def test_any_number_in_any_numeric_field(text, data):
    fields = list(NUMERIC_LINE.finditer(text))
    for m in data.draw(st.lists(st.sampled_from(fields), min_size=1, max_size=3)):
        number = data.draw(NUMBERS)
        text = text[: m.start(2)] + number + text[m.end(2) :]
        # later matches moved; only the first replacement of each is exact, which is fine
        fields = list(NUMERIC_LINE.finditer(text))
    assert_clean(text)


@given(st.integers(1, 200), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting_is_a_diagnostic(depth, opener):
    if opener == "- ":
        body = "".join("  " * i + "- \n" for i in range(depth)) + "  " * depth + "x\n"
    else:
        body = opener * depth + "x" + ("]" if opener == "[" else "}") * depth + "\n"
    assert_clean("scenario: 1\nid: deep\nsteps: " + body)


def test_validate_cli_on_a_folder_of_mutants_never_prints_a_traceback(tmp_path):
    rng = random.Random(16)
    for n in range(30):
        text = rng.choice(TEXTS)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(":-[]{}#&*!|>'\"\t\n 9") + text[at + rng.randint(0, 9) :]
        (tmp_path / f"m{n:02}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "huge.yaml").write_text(
        (REPO / "scenarios/cfo-price-pushback.yaml")
        .read_text(encoding="utf-8")
        .replace("difficulty: 3", "difficulty: " + "9" * 4301)
    )
    started = time.monotonic()
    result = run_cli("validate", str(tmp_path))
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stdout + result.stderr
    located = re.compile(rf"^{re.escape(str(tmp_path))}/\S+\.yaml:\d+:\d+: (error|warning): ")
    problems = [ln for ln in (result.stdout + result.stderr).splitlines() if ": error: " in ln]
    assert problems and all(located.match(ln) for ln in problems), problems[:3]
    assert any("huge.yaml:8:13: error: difficulty has 4,301 digits" in ln for ln in problems)
    assert time.monotonic() - started < 60  # a hang, not a speed goal
