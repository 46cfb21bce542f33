"""Every bundled scenario, played headless along a strong and a weak path.

For each scenario the table below holds the replies of a strong path (it must
reach a win or an advance) and of a weak path (it must reach a loss), written
as a rep would play them: a number picks the Nth choice offered at that step
(only those whose ``when`` holds, in file order); anything else is typed text,
routed by the step's ``routes``. Each path runs through the code of ``repcraft
play ID --script - --json --seed 1 --no-log`` (in this process, see ``play``),
and the session scores must put the strong path ahead of the weak one.

When a scenario changes, replay it by hand (``repcraft play ID --script FILE``)
and update its row here; a failure names the step where the path went astray.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "scenarios"
ALL_DIMS = ("courage", "authenticity", "belief")

# id -> strong replies, the ending they reach, weak replies, the ending they
# reach, and the dimensions on which the strong path must score higher (the
# total over all three must be higher in every case).
PATHS: dict[str, dict] = {
    "cfo-price-pushback": {
        "strong": ["What does it cost you today to close the books?", "2", "1", "1"],
        "strong_end": "win",
        "weak": ["3", "1"],
        "weak_end": "loss",
        "dims": ("courage", "belief"),
    },
    "buying-committee": {
        "strong": ["1", "1", "2", "3", "1"],
        "strong_end": "win",
        "weak": ["2", "2"],
        "weak_end": "loss",
        "dims": ("courage", "belief"),
    },
    "send-me-information": {
        "strong": ["2", "3", "1", "1"],
        "strong_end": "win",
        "weak": ["1"],
        "weak_end": "loss",
        "dims": ("courage",),
    },
    "fine-as-we-are": {
        "strong": ["1", "3", "2", "1"],
        "strong_end": "win",
        "weak": ["2", "1", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "why-you-not-them": {
        "strong": ["2", "3", "2", "1"],
        "strong_end": "win",
        "weak": ["1", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "cold-call-rejection": {
        "strong": ["2", "2", "3", "1"],
        "strong_end": "win",
        "weak": ["3", "2"],
        "weak_end": "loss",
        "dims": ("authenticity",),
    },
    "not-this-quarter": {
        "strong": ["3", "1", "2", "2", "1"],
        "strong_end": "win",
        "weak": ["1", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "run-it-by-my-boss": {
        "strong": ["2", "3", "1", "2", "1"],
        "strong_end": "win",
        "weak": ["3", "2"],
        "weak_end": "loss",
        "dims": ("courage", "authenticity"),
    },
    "technical-question-bluff": {
        "strong": ["I don't know the answer for Thales and I won't guess.", "3", "1"],
        "strong_end": "win",
        "weak": ["1", "1", "2"],
        "weak_end": "loss",
        "dims": ("courage", "authenticity"),
    },
    "renewal-at-risk": {
        "strong": ["3", "2", "3", "1"],
        "strong_end": "win",
        "weak": ["1", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "procurement-squeeze": {
        "strong": ["2", "3", "2", "1"],
        "strong_end": "win",
        "weak": ["1", "2", "2"],
        "weak_end": "loss",
        "dims": ("courage", "belief"),
    },
    "investor-vision-pitch": {
        "strong": ["2", "1", "2", "1"],
        "strong_end": "win",
        "weak": ["3", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "recruiting-top-candidate": {
        "strong": ["2", "3", "2", "1"],
        "strong_end": "win",
        "weak": ["1", "2"],
        "weak_end": "loss",
        "dims": ALL_DIMS,
    },
    "coaching-peer-lost-deal": {
        "strong": ["2", "3", "2", "2", "2", "1"],
        "strong_end": "win",
        "weak": ["3", "2"],
        "weak_end": "loss",
        "dims": ("courage", "authenticity"),
    },
    "new-vp-inherits-deal": {
        "strong": ["2", "Hugo, can you say more about the travel accruals?", "1", "1"],
        "strong_end": "win",
        "weak": ["1", "2"],
        "weak_end": "loss",
        "dims": ("courage", "authenticity"),
    },
}


def bundled_ids() -> list[str]:
    return sorted(p.stem for p in SCENARIOS.glob("*.yaml"))


def play(scenario_id: str, replies: list[str]) -> dict:
    """Play one path headless and return the JSON report (fails with the transcript).

    In this process, through the code ``repcraft play ID --script - --json --seed 1
    --no-log`` runs (the scenario and rubric as the command loads them, then
    ``play_script``): 50 plays as subprocesses cost half a minute of start-up. The
    command itself is run as a subprocess in test_play_cli.py."""
    from simulator.commands.common import input_lines, load_scenario_arg
    from simulator.commands.headless_play import play_script
    from simulator.engine import Session

    loaded = load_scenario_arg(scenario_id, argparse.Namespace(scenarios=[], rubric=None))
    assert not isinstance(loaded, int), f"{scenario_id}: exit {loaded}"
    scenario, rubric = loaded
    out, err = io.StringIO(), io.StringIO()
    result = play_script(
        Session(scenario, seed=1, rubric=rubric),
        input_lines(io.StringIO("\n".join(replies) + "\n")),
        as_json=True,
        out=out,
        err=err,
    )
    assert result.code in (0, 3), f"{scenario_id}: exit {result.code}\n{err.getvalue()}"
    return json.loads(out.getvalue())


def walked(report: dict) -> str:
    """The steps a path went through, for failure messages."""
    return " -> ".join(f"{t['step']}[{t['reply'][:30]!r}]" for t in report["turns"])


def test_every_bundled_scenario_has_a_path_pair():
    assert sorted(PATHS) == bundled_ids()


def test_the_library_validates_without_errors_or_warnings():
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", str(SCENARIOS)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert ": error:" not in proc.stdout and ": warning:" not in proc.stdout, proc.stdout


@pytest.mark.parametrize("scenario_id", sorted(PATHS))
def test_strong_path_wins_and_outscores_the_weak_path(scenario_id):
    row = PATHS[scenario_id]
    strong = play(scenario_id, row["strong"])
    weak = play(scenario_id, row["weak"])

    assert strong["ending"] == row["strong_end"], f"strong path: {walked(strong)}"
    assert strong["ending"] in ("win", "advance")
    assert weak["ending"] == row["weak_end"] == "loss", f"weak path: {walked(weak)}"
    # Every reply was used: the path ends where the table says, not early.
    assert len(strong["turns"]) == len(row["strong"]), walked(strong)
    assert len(weak["turns"]) == len(row["weak"]), walked(weak)

    s, w = strong["scores"], weak["scores"]
    assert sum(s.values()) > sum(w.values()), f"strong {s} vs weak {w}"
    for dim in row["dims"]:
        assert s[dim] > w[dim], f"{dim}: strong {s} vs weak {w}"
