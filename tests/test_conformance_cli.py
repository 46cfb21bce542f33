"""Other CLI paths as users feed them: `score` from a Windows editor or pipe."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_score_json_ignores_a_bom_and_crlf(tmp_path):
    r = run_cli("score", "--json", input="\ufeffCan we meet Friday?\r\nSecond\r\n")
    assert r.returncode == 0, r.stderr
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["reply"] for x in results] == ["Can we meet Friday?", "Second"]
    plain = json.loads(run_cli("score", "--json", input="Can we meet Friday?\n").stdout)
    assert results[0]["evidence"] == plain["evidence"]  # offsets not shifted by the BOM


GOOD = """\
scenario: 1
id: good-one
title: Good
cast: {b: {name: B}}
start: s
steps:
  s: {speaker: b, line: hi, choices: [{text: go, next: e}]}
  e: {end: win}
"""


def test_a_scenario_repo_with_ci_config_validates_clean(tmp_path):
    # Trainers keep scenarios in git: .github/workflows/*.yml are not scenarios.
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    ci = tmp_path / ".github" / "workflows"
    ci.mkdir(parents=True)
    (ci / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("not: a scenario\n", encoding="utf-8")
    r = run_cli("validate", str(tmp_path))
    assert r.returncode == 0, r.stdout
    assert "1 file checked" in r.stdout
    listed = run_cli("list", "--scenarios", str(tmp_path))
    assert "good-one" in listed.stdout and "INVALID" not in listed.stdout
    # a hidden file named explicitly is still checked
    r = run_cli("validate", str(ci / "ci.yml"))
    assert r.returncode == 1
