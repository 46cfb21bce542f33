"""`repcraft play --script` as a user types it: exit codes, JSON report, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest

from simulator.practice import PracticeLog
from tests.conftest import REPO

SCENARIO = textwrap.dedent(
    """\
    scenario: 1
    id: tiny-deal
    title: A tiny deal
    cast:
      cfo: {name: Dana Ruiz, role: CFO, trust: 40}
    start: open
    steps:
      open:
        speaker: cfo
        line: "Why should I pay more? [bold]not markup[/]"
        choices:
          - text: I can discount.
            score: {courage: -3}
            next: lost
          - text: What does a slow close cost you?
            score: {courage: 2, belief: 1}
            next: middle
        routes:
          - like: [what does it cost]
            next: middle
      middle:
        speaker: cfo
        line: Ten days.
        choices:
          - text: Let's decide Friday.
            when: cfo.trust >= 40
            next: won
          - text: I'll send info.
            next: stalled
      lost:
        speaker: cfo
        line: Then your price was never real.
        end: loss
      won:
        speaker: cfo
        line: Fine.
        end: win
      stalled:
        end: stall
    """
)


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny-deal.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def test_json_report_of_a_scripted_win(cli, tiny):
    res = cli("play", str(tiny), "--script", "-", "--json", "--seed", "1", input="2\n\n1\n")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["scenario"] == "tiny-deal"
    assert report["ending"] == "win"
    assert [t["step"] for t in report["turns"]] == ["open", "middle"]
    assert report["turns"][0]["kind"] == "choice"
    assert report["closing"]["line"] == "Fine."
    assert set(report["scores"]) == {"courage", "authenticity", "belief"}


def test_typed_text_routes(cli, tiny):
    res = cli("play", str(tiny), "--script", "-", "--json", input="so what does it cost you?\n1\n")
    assert res.returncode == 0, res.stderr
    turn = json.loads(res.stdout)["turns"][0]
    assert turn["kind"] == "typed"
    assert turn["route"]["like"] == "what does it cost"


def test_script_running_out_exits_3_with_null_ending(cli, tiny):
    res = cli("play", str(tiny), "--script", "-", "--json", input="2\n")
    assert res.returncode == 3
    assert json.loads(res.stdout)["ending"] is None
    assert "ran out" in res.stderr


def test_a_number_not_on_offer_names_the_line_and_the_offer(cli, tiny):
    res = cli("play", str(tiny), "--script", "-", "--json", input="\n7\n")
    assert res.returncode == 1
    assert "script line 2" in res.stderr
    assert "I can discount." in res.stderr
    assert "Traceback" not in res.stderr


def test_typed_text_at_a_step_with_no_routes_is_an_error(cli, tiny):
    res = cli("play", str(tiny), "--script", "-", input="2\nhello there\n")
    assert res.returncode == 1
    assert "script line 2" in res.stderr and "no typed replies" in res.stderr


def test_script_file_and_transcript_text(cli, tiny, tmp_path):
    script = tmp_path / "replies.txt"
    script.write_text("2\n1\n", encoding="utf-8")
    res = cli("play", str(tiny), "--script", str(script))
    assert res.returncode == 0, res.stderr
    assert "Dana Ruiz (CFO): Why should I pay more? [bold]not markup[/]" in res.stdout
    assert "Ending: win" in res.stdout


def test_invalid_scenario_exits_1_with_diagnostics(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenario: 1\nid: bad\n", encoding="utf-8")
    res = cli("play", str(bad), "--script", "-", input="1\n")
    assert res.returncode == 1
    assert "bad.yaml:" in res.stderr and "error:" in res.stderr
    assert "Traceback" not in res.stderr


def test_unknown_id_and_bad_usage_exit_2(cli):
    assert cli("play", "no-such-scenario-anywhere", "--script", "-", input="").returncode == 2
    assert cli("play").returncode == 2


def test_bundled_scenario_is_found_by_id(cli):
    res = cli("play", "cfo-price-pushback", "--script", "-", "--json", "--seed", "2", input="1\n")
    assert res.returncode in (0, 3), res.stderr
    report = json.loads(res.stdout)
    assert report["scenario"] == "cfo-price-pushback"
    assert report["turns"][0]["kind"] == "choice"


def test_stdin_is_read_line_by_line_and_turns_are_logged_as_they_happen(tiny, tmp_path):
    """Drive a live session through a pipe; each answer must be in the log at once."""
    db = tmp_path / "log.sqlite3"
    env = dict(os.environ, REPCRAFT_DB=str(db), PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "play", str(tiny), "--script", "-", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    proc.stdin.write("2\n")
    proc.stdin.flush()
    deadline = time.monotonic() + 20
    turns = 0
    while time.monotonic() < deadline:
        if db.exists():
            with PracticeLog.open(db) as log:
                turns = sum(len(s["turns"]) for s in log.sessions())
            if turns:
                break
        time.sleep(0.2)
    proc.kill()
    proc.wait(timeout=10)
    assert turns == 1


def test_a_stale_repcraft_scenarios_entry_is_named_and_skipped(tmp_path, monkeypatch, cli):
    missing = tmp_path / "gone"
    monkeypatch.setenv("REPCRAFT_SCENARIOS", os.pathsep.join([str(missing), str(tmp_path)]))
    (tmp_path / "tiny-deal.yaml").write_text(SCENARIO, encoding="utf-8")
    res = cli("list")
    assert res.returncode == 0
    assert "tiny-deal" in res.stdout
    assert f"REPCRAFT_SCENARIOS: {missing} is not a folder; skipped" in res.stderr


def test_options_before_the_command_are_kept(tmp_path):
    from tests.conftest import run_cli

    db = tmp_path / "top.sqlite3"
    r = run_cli("--no-log", "--db", str(db), "play", "send-me-information", "--script", "-",
                input="2\n")  # fmt: skip
    assert r.returncode in (0, 3), r.stderr
    assert not db.exists()  # --no-log before the command still means no log
    run_cli("--db", str(db), "play", "send-me-information", "--script", "-", input="2\n")
    import json

    stats = json.loads(run_cli("--db", str(db), "stats", "--json").stdout)
    assert stats["sessions"] == 1
