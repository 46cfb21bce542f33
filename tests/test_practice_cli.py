"""`repcraft stats` and `repcraft export` as a user types them, on a log in tmp_path."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest

from simulator.practice import PracticeLog
from simulator.practice.records import NewSession
from tests.practice_helpers import sample_report, sample_turn

SCENARIO = textwrap.dedent(
    """\
    scenario: 1
    id: tiny-log
    title: A tiny logged deal
    difficulty: 2
    skills: [courage]
    cast:
      cfo: {name: Dana Ruiz, role: CFO, trust: 40}
    start: open
    steps:
      open:
        speaker: cfo
        line: Why should I pay more?
        choices:
          - text: I can discount.
            score: {courage: -3}
            next: lost
          - text: What does a slow close cost you?
            score: {courage: 2, belief: 1}
            next: won
      lost:
        speaker: cfo
        line: Then your price was never real.
        end: loss
      won:
        speaker: cfo
        line: Fine, Friday.
        end: win
    """
)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "log.sqlite3"


def test_two_plays_then_stats_and_export_round_trip(cli, tmp_path, db):
    scenario = tmp_path / "tiny-log.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    reports = []
    for script in ("2\n", "1\n"):
        res = cli("play", str(scenario), "--script", "-", "--json", "--db", str(db), input=script)
        assert res.returncode == 0, res.stderr
        reports.append(json.loads(res.stdout))

    res = cli("stats", "--json", "--db", str(db))
    assert res.returncode == 0, res.stderr
    stats = json.loads(res.stdout)
    assert stats["sessions"] == 2 and stats["finished"] == 2
    assert stats["seconds"] == pytest.approx(sum(r["seconds"] for r in reports), abs=0.01)
    assert stats["scenarios"]["tiny-log"]["sessions"] == 2
    assert stats["today"]["sessions"] == 2 and stats["streak"]["current"] == 1
    for key in ("dimensions", "recommendation", "milestones"):
        assert key in stats

    res = cli("export", "--format", "jsonl", "--db", str(db))
    assert res.returncode == 0, res.stderr
    sessions = [json.loads(line) for line in res.stdout.splitlines()]
    assert [s["ending"] for s in sessions] == [r["ending"] for r in reports]
    for session, report in zip(sessions, reports, strict=True):
        assert session["scores"] == report["scores"] and session["status"] == "finished"
        turns = [{k: v for k, v in t.items() if k not in ("reply_seconds", "at")}
                 for t in session["turns"]]  # fmt: skip
        assert turns == report["turns"]
    with PracticeLog.open(db) as log:
        assert sessions == json.loads(json.dumps(list(log.sessions())))

    res = cli("export", "--format", "csv", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["scenario"] for r in rows] == ["tiny-log", "tiny-log"]
    assert rows[0]["ending"] == "win" and rows[1]["ending"] == "loss"

    res = cli("export", "--session", str(sessions[0]["id"]), "--format", "md", "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("# A tiny logged deal")
    assert "What does a slow close cost you?" in res.stdout and "| Courage |" in res.stdout


def _filled(db):
    with PracticeLog.open(db) as log:
        sid = log.start_session(
            NewSession("cfo", "The CFO", "h", difficulty=2, skills=["belief"], seed=1)
        )
        log.record_turn(sid, sample_turn(0), reply_seconds=3)
        log.finish_session(sid, sample_report([sample_turn(0)]))
        log.start_session(
            NewSession("cfo", "The CFO", "h", difficulty=2, skills=["belief"], seed=2)
        )
    return sid


def test_human_stats(cli, db):
    _filled(db)
    res = cli("stats", "--db", str(db))
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert str(db) in out and "2 sessions (1 abandoned)" in out
    for word in ("Streak", "Courage", "Authenticity", "Belief", "Weakest: authenticity",
                 "Milestones", "1 hour: ", "Next:"):  # fmt: skip
        assert word in out


def test_stats_uses_repcraft_db_env(cli, db, monkeypatch):
    _filled(db)
    monkeypatch.setenv("REPCRAFT_DB", str(db))
    assert json.loads(cli("stats", "--json").stdout)["sessions"] == 2


def test_export_to_a_file(cli, tmp_path, db):
    _filled(db)
    out = tmp_path / "sessions.jsonl"
    res = cli("export", "--format", "jsonl", "--out", str(out), "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    res = cli("export", "--out", str(tmp_path / "missing" / "x.csv"), "--db", str(db))
    assert res.returncode == 1 and res.stderr.startswith("repcraft: cannot write")


def test_export_usage_errors(cli, db):
    _filled(db)
    res = cli("export", "--format", "md", "--db", str(db))
    assert res.returncode == 2 and "--session" in res.stderr
    res = cli("export", "--session", "99", "--format", "md", "--db", str(db))
    assert res.returncode == 1 and "no session 99" in res.stderr
    res = cli("stats", "--since", "yesterday", "--db", str(db))
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr


@pytest.mark.parametrize("command", [["stats"], ["stats", "--json"], ["export"]])
def test_corrupt_log_is_a_message_not_a_traceback(cli, db, command):
    db.write_bytes(b"this is not a database at all" * 100)
    before = db.read_bytes()
    res = cli(*command, "--db", str(db))
    assert res.returncode == 1
    assert res.stderr.startswith(f"repcraft: practice log {db}")
    assert "Traceback" not in res.stderr and res.stdout == ""
    assert db.read_bytes() == before


def test_since_in_the_cli(cli, db):
    _filled(db)
    res = cli("stats", "--json", "--since", "2999-01-01", "--db", str(db))
    stats = json.loads(res.stdout)
    assert stats["since"] == "2999-01-01" and stats["sessions"] == 0
