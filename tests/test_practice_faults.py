"""The practice log under faults: corrupt, newer, foreign, read-only, locked, full files,
a second process writing at the same time, and a process killed mid-session."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from simulator.practice import PracticeLog, PracticeLogError
from simulator.practice.records import NewSession
from simulator.practice.stats import compute_stats
from tests.conftest import REPO
from tests.practice_helpers import sample_report, sample_turn


def _snapshot(folder):
    """Every file in the folder with its bytes: 'left untouched' means all of it."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _new_log(path, sessions=1):
    with PracticeLog.open(path) as log:
        for _ in range(sessions):
            sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
            log.record_turn(sid, sample_turn(0), reply_seconds=1)
            log.finish_session(sid, sample_report([sample_turn(0)]))


def _child_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def test_random_bytes_are_refused_untouched(tmp_path):
    path = tmp_path / "log.db"
    path.write_bytes(os.urandom(8192))
    before = _snapshot(tmp_path)
    with pytest.raises(PracticeLogError) as info:
        PracticeLog.open(path)
    assert str(path) in str(info.value) and "not a database" in str(info.value)
    assert _snapshot(tmp_path) == before


def test_garbage_after_a_valid_header_is_refused_untouched(tmp_path):
    path = tmp_path / "log.db"
    _new_log(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the rest of page 1: the schema table
    path.write_bytes(bytes(data))
    before = _snapshot(tmp_path)
    with pytest.raises(PracticeLogError) as info:
        PracticeLog.open(path)
    assert str(path) in str(info.value)
    assert _snapshot(tmp_path) == before


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "log.db"
    _new_log(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(PracticeLogError, match="newer repcraft") as info:
        PracticeLog.open(path)
    assert str(path) in str(info.value) and "99" in str(info.value)
    assert _snapshot(tmp_path) == before


def test_another_sqlite_database_is_not_taken_over(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    before = _snapshot(tmp_path)
    with pytest.raises(PracticeLogError, match="not a repcraft practice log"):
        PracticeLog.open(path)
    assert _snapshot(tmp_path) == before


def test_read_only_file_is_refused_untouched(tmp_path):
    path = tmp_path / "log.db"
    _new_log(path)
    path.chmod(0o444)
    before = _snapshot(tmp_path)
    try:
        with pytest.raises(PracticeLogError, match="read-only") as info:
            PracticeLog.open(path)
        assert str(path) in str(info.value)
        assert _snapshot(tmp_path) == before
    finally:
        path.chmod(0o644)


def test_write_refused_by_sqlite_as_read_only_is_a_clear_error(tmp_path):
    # What a read-only filesystem does, whatever our user may do: SQLITE_READONLY.
    path = tmp_path / "log.db"
    _new_log(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    log = PracticeLog(conn, path, busy_timeout=0.5)
    with pytest.raises(PracticeLogError, match="read-only") as info:
        log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
    assert str(path) in str(info.value)
    log.close()


def test_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PracticeLogError, match="cannot create the folder"):
        PracticeLog.open(blocker / "sub" / "log.db")


@pytest.mark.parametrize("exclusive_mode", [False, True])
def test_locked_file_gives_a_message_after_a_bounded_wait(tmp_path, exclusive_mode):
    path = tmp_path / "log.db"
    _new_log(path)
    holder = sqlite3.connect(path, isolation_level=None)
    if exclusive_mode:
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(PracticeLogError, match="locked") as info:
            PracticeLog.open(path, busy_timeout=0.3)
        waited = time.monotonic() - started
        assert str(path) in str(info.value)
        assert 0.25 <= waited < 3
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with PracticeLog.open(path) as log:  # usable again once the lock is gone
        assert log.session(1)["status"] == "finished"


def test_lock_taken_mid_session_fails_one_write_and_loses_nothing(tmp_path):
    path = tmp_path / "log.db"
    log = PracticeLog.open(path, busy_timeout=0.2)
    sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
    log.record_turn(sid, sample_turn(0), reply_seconds=1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(PracticeLogError, match="locked"):
        log.record_turn(sid, sample_turn(1), reply_seconds=1)
    holder.execute("ROLLBACK")
    holder.close()
    log.record_turn(sid, sample_turn(1), reply_seconds=1)
    assert [t["step"] for t in log.session(sid)["turns"]] == ["step0", "step1"]
    log.close()


def test_disk_full_is_a_clear_error_and_keeps_what_was_saved(tmp_path):
    path = tmp_path / "log.db"
    log = PracticeLog.open(path)
    sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
    log.record_turn(sid, sample_turn(0), reply_seconds=1)
    # Cap the file at its current size: the next growth is SQLITE_FULL, as on a full disk.
    pages = log._conn.execute("PRAGMA page_count").fetchone()[0]
    log._conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(PracticeLogError, match="disk is full") as info:
        log.record_turn(sid, sample_turn(1, reply="x" * 200_000), reply_seconds=1)
    assert str(path) in str(info.value)
    log.close()
    with PracticeLog.open(path) as log:
        got = log.session(sid)
        assert got["turn_count"] == 1 and [t["step"] for t in got["turns"]] == ["step0"]


WRITER = textwrap.dedent(
    """
    import sys
    from simulator.practice import NewSession, PracticeLog
    path, n, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    log = PracticeLog.open(path)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(n):
        sid = log.start_session(NewSession(tag, tag, "h", difficulty=1, skills=[], seed=i))
        for j in range(3):
            log.record_turn(sid, {"step": f"{tag}{i}.{j}", "reply": "r"}, reply_seconds=0.1)
        log.finish_session(sid, {"ending": "win", "scores": {"courage": 50}, "seconds": 1.0})
    log.close()
    """
)


def test_two_processes_writing_at_once_both_succeed(tmp_path):
    path = tmp_path / "log.db"
    PracticeLog.open(path).close()
    n = 40
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(n), "child"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_child_env(),
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "ready"
        log = PracticeLog.open(path)
        child.stdin.write("go\n")
        child.stdin.flush()
        for i in range(n):  # interleaves with the child's writes
            sid = log.start_session(
                NewSession("parent", "parent", "h", difficulty=1, skills=[], seed=i)
            )
            for j in range(3):
                log.record_turn(sid, {"step": f"parent{i}.{j}"}, reply_seconds=0.1)
            log.finish_session(sid, {"ending": "loss", "seconds": 1.0})
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
    sessions = list(log.sessions())
    log.close()
    assert len(sessions) == 2 * n
    for tag in ("parent", "child"):
        mine = [s for s in sessions if s["scenario"] == tag]
        assert len(mine) == n and all(s["status"] == "finished" for s in mine)
        steps = sorted(t["step"] for s in mine for t in s["turns"])
        assert steps == sorted(f"{tag}{i}.{j}" for i in range(n) for j in range(3))


KILLED = textwrap.dedent(
    """
    import os, signal, sys, time
    from simulator.practice import NewSession, PracticeLog
    log = PracticeLog.open(sys.argv[1])
    new = NewSession("cut", "Cut off", "h", difficulty=2, skills=["courage"], seed=None,
                     started_at=time.time() - 60)
    sid = log.start_session(new)
    for n in range(2):
        log.record_turn(sid, {"step": f"s{n}", "reply": "answered"}, reply_seconds=2.0)
    if sys.argv[2] == "self":
        os.kill(os.getpid(), signal.SIGKILL)
    print("answered two", flush=True)
    sys.stdin.readline()  # waiting for a third reply that never comes
    """
)


@pytest.mark.parametrize("how", ["self", "parent"])
def test_process_killed_mid_session_leaves_an_abandoned_session(tmp_path, how):
    path = tmp_path / "log.db"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(path), how],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_child_env(),
    )  # fmt: skip
    if how == "parent":
        assert child.stdout.readline().strip() == "answered two"
        child.send_signal(signal.SIGKILL)
    assert child.wait(timeout=30) == -signal.SIGKILL
    with PracticeLog.open(path) as log:
        (session,) = list(log.sessions())
        assert session["status"] == "abandoned"
        assert [t["step"] for t in session["turns"]] == ["s0", "s1"]
        assert 59 <= session["seconds"] < 120
        stats = compute_stats(log)
    assert stats["sessions"] == 1 and stats["abandoned"] == 1
    assert 59 <= stats["seconds"] < 120
