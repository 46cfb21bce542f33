"""``repcraft doctor``: a checkup of the practice log that never changes it, and a
recovery of what is readable into a NEW file, run the way a rep types them."""

from __future__ import annotations

import hashlib
import json
import random

from simulator.practice import PracticeLog
from tests.test_practice_damage import DAMAGE, TINY, _fingerprint, _log


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _turns(path):
    with PracticeLog.open(path) as log:
        sessions = list(log.sessions())
    return {(s["id"], t["step"]): t for s in sessions for t in s["turns"]}


def test_a_healthy_log(cli, tmp_path):
    db = _log(tmp_path / "practice.sqlite3", sessions=3)
    before = _fingerprint(tmp_path)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert f"practice log: {db}" in res.stdout
    assert "integrity_check: ok" in res.stdout and "schema: complete" in res.stdout
    assert "3 sessions (3 finished) · 12 turns" in res.stdout
    assert res.stdout.rstrip().endswith("verdict: healthy")
    found = json.loads(cli("doctor", "--db", str(db), "--json").stdout)
    assert found["verdict"] == "healthy" and found["usable"] and found["sessions"] == 3
    assert _fingerprint(tmp_path) == before


def test_no_log_yet_and_not_a_database(cli, tmp_path):
    res = cli("doctor", "--db", "postgresql://team@db.example/repcraft")
    assert res.returncode == 2 and "PostgreSQL" in res.stderr
    res = cli("doctor", "--db", str(tmp_path / "none.sqlite3"))
    assert res.returncode == 0 and "not there yet" in res.stdout
    assert not (tmp_path / "none.sqlite3").exists()
    db = tmp_path / "noise.sqlite3"
    DAMAGE["random bytes"](db)
    before = _fingerprint(tmp_path)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 1 and "not an SQLite database" in res.stdout
    res = cli("doctor", "--db", str(db), "--recover")
    assert res.returncode == 1 and "nothing to recover" in res.stderr
    assert _fingerprint(tmp_path) == before  # and no new file either


def test_a_damaged_log_is_reported_and_recovered_to_a_new_file(cli, tmp_path):
    db = tmp_path / "practice.sqlite3"
    _log(db, sessions=80)
    original = _turns(db)
    pages = db.stat().st_size // 4096
    with db.open("r+b") as fh:  # one turns page in the middle: its rows are lost, no more
        fh.seek((pages // 2) * 4096)
        fh.write(random.Random(3).randbytes(4096))
    sha = _sha(db)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 1
    assert "integrity_check: " in res.stdout and "problem" in res.stdout
    assert "verdict: damaged; it was not changed" in res.stdout
    assert f"repcraft doctor --db {db} --recover" in res.stdout

    new = tmp_path / "recovered.sqlite3"
    res = cli("doctor", "--db", str(db), "--recover", str(new))
    assert res.returncode == 0, res.stderr
    assert "integrity_check of the new file: ok" in res.stdout
    assert f"the damaged file {db} was not changed" in res.stdout
    assert _sha(db) == sha
    kept = _turns(new)
    assert 0.8 * len(original) <= len(kept) < len(original)  # one page of turns lost
    assert all(kept[key] == original[key] for key in kept)  # and the rest exactly as saved
    assert f"recovered 80 sessions and {len(kept)} turns" in res.stdout
    assert json.loads(cli("doctor", "--db", str(new), "--json").stdout)["verdict"] == "healthy"
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(TINY, encoding="utf-8")
    res = cli("play", str(scenario), "--script", "-", "--db", str(new), input="1\n")
    assert res.returncode == 0 and "the log is off" not in res.stderr
    assert json.loads(cli("stats", "--json", "--db", str(new)).stdout)["sessions"] == 81


def test_recovery_never_overwrites_and_names_a_new_file_itself(cli, tmp_path):
    db = tmp_path / "practice.sqlite3"
    DAMAGE["no daily_totals trigger"](db)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 1 and "no trigger daily_totals_on_insert" in res.stdout
    taken = tmp_path / "taken.sqlite3"
    taken.write_text("mine", encoding="utf-8")
    res = cli("doctor", "--db", str(db), "--recover", str(taken))
    assert res.returncode == 1 and "exists already" in res.stderr
    assert taken.read_text(encoding="utf-8") == "mine"
    res = cli("doctor", "--db", str(db), "--recover", str(db))
    assert res.returncode == 1
    sha = _sha(db)
    res = cli("doctor", "--db", str(db), "--recover")
    assert res.returncode == 0, res.stderr
    (made,) = tmp_path.glob("practice-recovered-*.sqlite3")
    assert str(made) in res.stdout and _sha(db) == sha
    found = json.loads(cli("doctor", "--db", str(made), "--json").stdout)
    assert found["verdict"] == "healthy" and found["sessions"] == 60 and found["missing"] == []


def test_a_read_only_log_is_checked_and_noted(cli, tmp_path):
    db = _log(tmp_path / "practice.sqlite3", sessions=1)
    db.chmod(0o444)
    try:
        res = cli("doctor", "--db", str(db))
    finally:
        db.chmod(0o644)
    assert res.returncode == 0 and "read-only" in res.stdout


def test_a_truncated_log_gives_back_the_sessions_before_the_cut(cli, tmp_path):
    db = tmp_path / "practice.sqlite3"
    _log(db, sessions=80)
    original = _turns(db)
    whole = db.stat().st_size
    with db.open("r+b") as fh:
        fh.truncate(whole // 2 + 123)
    sha = _sha(db)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 1 and f"truncated: {whole:,} bytes by its header" in res.stdout
    new = tmp_path / "recovered.sqlite3"
    res = cli("doctor", "--db", str(db), "--recover", str(new))
    assert res.returncode == 0, res.stderr
    kept = _turns(new)
    assert len(kept) > len(original) // 4 and all(kept[k] == original[k] for k in kept)
    assert _sha(db) == sha
    with db.open("r+b") as fh:  # one page left: nothing to give back, and no new file
        fh.truncate(4096)
    res = cli("doctor", "--db", str(db), "--recover", str(tmp_path / "empty.sqlite3"))
    assert res.returncode == 1 and "nothing readable" in res.stderr
    assert not (tmp_path / "empty.sqlite3").exists()


KILLED_WRITER = """
import os, signal, sys
from simulator.practice import NewSession, PracticeLog
log = PracticeLog.open(sys.argv[1])
sid = log.start_session(NewSession("cut", "Cut off", "h", difficulty=1, skills=[], seed=None))
log.record_turn(sid, {"step": "s0", "reply": "answered"}, reply_seconds=1.0)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_log_left_by_a_killed_session_is_healthy_and_its_wal_untouched(cli, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    db = _log(tmp_path / "practice.sqlite3", sessions=2)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(db)], env=env, check=False)
    assert (tmp_path / "practice.sqlite3-wal").exists()
    before = _fingerprint(tmp_path)
    res = cli("doctor", "--db", str(db))
    assert res.returncode == 0, res.stdout
    assert "3 sessions (2 finished)" in res.stdout and "WAL file is beside it" in res.stdout
    assert _fingerprint(tmp_path) == before  # the WAL was read from a copy, not checkpointed
