"""A team on one PostgreSQL log, as users type it: reps playing at once from two
terminals, then the manager's ``team``, ``stats``, ``export`` and ``harvest``."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO, run_cli
from tests.test_practice_cli import SCENARIO


def _play_in_background(scenario, url, rep):
    env = {**os.environ, "PYTHONPATH": str(REPO), "REPCRAFT_DB": url}
    return subprocess.Popen(
        [sys.executable, "-m", "simulator", "--rep", rep, "play", str(scenario), "--script", "-",
         "--json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env, cwd=REPO,
    )  # fmt: skip


def test_two_reps_at_once_into_one_postgresql_log_then_the_managers_view(tmp_path, pg_server):
    url = pg_server.new_database()
    scenario = tmp_path / "tiny-log.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    plays = [_play_in_background(scenario, url, rep) for rep in ("ana", "bo")]
    outcomes = [p.communicate(input=script, timeout=120) for p, script in zip(
        plays, ("2\n", "1\n"), strict=True)]  # fmt: skip
    for p, (out, errors) in zip(plays, outcomes, strict=True):
        assert p.returncode == 0, errors
        assert json.loads(out)["scenario"] == "tiny-log"

    team = run_cli("team", "--db", url, "--format", "csv")
    assert team.returncode == 0, team.stderr
    reps = [line.split(",")[0] for line in team.stdout.split("\n\n")[0].splitlines()[1:]]
    assert reps == ["ana", "bo"]

    stats = run_cli("stats", "--json", "--db", url)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["scenarios"]["tiny-log"]["sessions"] == 2
    human = run_cli("stats", "--db", url)
    assert human.returncode == 0 and "postgresql://postgres@" in human.stdout

    export = run_cli("export", "--db", url)
    sessions = [json.loads(line) for line in export.stdout.splitlines()]
    assert sorted((s["rep"], s["ending"]) for s in sessions) == [("ana", "win"), ("bo", "loss")]
    missing = run_cli("export", "--db", url, "--session", "999", "--format", "csv")
    assert missing.returncode == 1 and "postgresql://" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_a_postgresql_log_that_cannot_be_reached_is_a_message_not_a_traceback():
    # Port 1 on loopback: nothing listens, so the connection is refused at once.
    res = run_cli("stats", "--db", "postgresql://ana:s3cret@127.0.0.1:1/team")
    assert res.returncode == 1
    assert "cannot connect to practice log postgresql://ana@127.0.0.1:1/team" in res.stderr
    assert "s3cret" not in res.stderr and "Traceback" not in res.stderr
