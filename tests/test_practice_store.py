"""The practice store Protocol: the rep on every session, the v2 -> v3 migration, and
that nothing outside simulator/practice/ reaches through to a database connection."""

from __future__ import annotations

import getpass
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from simulator.practice import PracticeStore, current_rep, open_store, schema
from simulator.practice.importing import import_sessions
from simulator.practice.records import NewSession
from simulator.practice.schema import MIGRATIONS, SCHEMA_V1, SCHEMA_VERSION
from tests.conftest import run_cli
from tests.practice_helpers import sample_report, sample_turn

REPO = Path(__file__).resolve().parent.parent


def _start(log, **kw):
    return log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None, **kw))


def test_sqlite_log_is_a_practice_store(tmp_path):
    with open_store(tmp_path / "log.sqlite3") as log:
        assert isinstance(log, PracticeStore)
        assert log.location == str(tmp_path / "log.sqlite3")


def test_rep_defaults_to_os_user_then_env_then_explicit(tmp_path, monkeypatch):
    assert current_rep() == getpass.getuser()
    monkeypatch.setenv("REPCRAFT_REP", "dana")
    assert current_rep() == "dana"
    assert current_rep("  lee ") == "lee"
    with open_store(tmp_path / "log.sqlite3", rep="ana") as log:
        a = _start(log)
        b = _start(log, rep="bo")
        log.record_turn(a, sample_turn(), reply_seconds=1.0)
        log.finish_session(a, sample_report([sample_turn()]))
        assert log.session(a)["rep"] == "ana"
        assert log.session(b)["rep"] == "bo"


def test_import_keeps_rep_and_files_missing_ones_under_the_logs_rep(tmp_path):
    with open_store(tmp_path / "a.sqlite3", rep="ana") as log:
        _start(log)
        exported = list(log.sessions())
    anon = {**exported[0]}
    del anon["rep"]
    with open_store(tmp_path / "b.sqlite3", rep="cy") as log:
        assert import_sessions(log, [exported[0], anon]) == 2
        assert [s["rep"] for s in log.sessions()] == ["ana", "cy"]


def test_v2_log_migrates_to_v3_with_the_os_user_as_rep(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    conn.execute(
        "INSERT INTO sessions (scenario_id, started_at, last_at, status)"
        " VALUES ('old', 1.7e9, 1.7e9, 'abandoned')"
    )
    conn.commit()
    conn.execute("BEGIN")
    schema._run(conn, MIGRATIONS[1])  # exactly what a version-2 repcraft left on disk
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()
    with open_store(path) as log:
        assert log.session(1)["rep"] == getpass.getuser()
        assert log.session(1)["scenario"] == "old"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    conn.close()


def test_rep_option_reaches_the_log_through_the_cli(tmp_path):
    db = tmp_path / "log.sqlite3"
    run = run_cli("--db", str(db), "--rep", "morgan", "play", "send-me-information",
                  "--script", "-", input="2\n")  # fmt: skip
    assert run.returncode in (0, 3), run.stderr
    run_cli("play", "send-me-information", "--script", "-", "--db", str(db), "--rep", "jo",
            input="2\n")  # fmt: skip
    out = run_cli("--db", str(db), "export", "--format", "jsonl")
    reps = [json.loads(line)["rep"] for line in out.stdout.splitlines()]
    assert reps == ["morgan", "jo"]


def test_no_connection_leaks_outside_practice():
    """sqlite3 and psycopg only under simulator/practice/, no one else touches a log's
    _conn, and the solo install's import of the package never pulls in psycopg."""
    offenders = []
    for path in (REPO / "simulator").rglob("*.py"):
        rel = path.relative_to(REPO).as_posix()
        if rel.startswith("simulator/practice/"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|from) (sqlite3|psycopg)\b", text, re.M) or "._conn" in text:
            offenders.append(rel)
    assert offenders == []
    from simulator.practice.log import PracticeLog

    assert not hasattr(PracticeLog, "read") and not hasattr(PracticeLog, "query")
    probe = "import sys, simulator.practice, simulator.cli; print('psycopg' in sys.modules)"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=REPO, check=True)  # fmt: skip
    assert res.stdout.strip() == "False"
