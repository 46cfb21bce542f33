"""Eight processes writing to one practice log at once: nothing lost, no "database is
locked", and the file passes SQLite's integrity check afterwards.

Two shapes: eight ``repcraft play --script -`` sessions started together and answered
together (what eight reps sharing a log on one machine do), and eight processes writing
sessions as fast as they can (far more contention than people ever make). Each is a
process of its own, forked from the tests' fork server (tests/fork_server.py)."""

from __future__ import annotations

import sqlite3
import textwrap

import pytest

from simulator.practice import PracticeLog

WRITERS = 8
STEPS = 5


def _chain(steps: int) -> str:
    """A scenario of ``steps`` buyer lines, each answered by choice 1."""
    lines = ["scenario: 1", "id: chain", "title: A chain of questions",
             "cast:", "  cfo: {name: Dana Ruiz, role: CFO}", "start: s0", "steps:"]  # fmt: skip
    for n in range(steps):
        lines += [f"  s{n}:", "    speaker: cfo", f"    line: Question {n}?", "    choices:",
                  f"      - text: Answer {n}.", f"        next: s{n + 1}"]  # fmt: skip
    lines += [f"  s{steps}:", "    speaker: cfo", "    line: Fine.", "    end: win"]
    return "\n".join(lines) + "\n"


def _integrity(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


@pytest.mark.slow
def test_eight_reps_playing_at_once_lose_no_session(forks, tmp_path):
    scenario = tmp_path / "chain.yaml"
    scenario.write_text(_chain(STEPS), encoding="utf-8")
    db = tmp_path / "shared.sqlite3"
    PracticeLog.open(db).close()
    procs = [
        forks.cli_popen("play", str(scenario), "--script", "-", "--db", str(db), "--rep", f"rep{i}")
        for i in range(WRITERS)
    ]
    try:
        for p in procs:  # each has opened the log and started its session
            assert p.stdout.readline().startswith("Dana Ruiz")
        for p in procs:  # then all answer at once
            p.stdin.write("1\n" * STEPS)
            p.stdin.close()
        results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for code, out, err in results:
        assert code == 0, err
        assert "Ending: win" in out
        assert "locked" not in err and "Traceback" not in err and err == ""
    assert _integrity(db) == ["ok"]
    with PracticeLog.open(db) as log:
        sessions = list(log.sessions())
    assert sorted(s["rep"] for s in sessions) == sorted(f"rep{i}" for i in range(WRITERS))
    for s in sessions:
        assert s["status"] == "finished"
        assert [t["reply"] for t in s["turns"]] == [f"Answer {n}." for n in range(STEPS)]


FAST_WRITER = textwrap.dedent(
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
            log.record_turn(sid, {"step": f"{tag}.{i}.{j}", "reply": "r"}, reply_seconds=0.1)
        log.finish_session(sid, {"ending": "win", "scores": {"courage": 50}, "seconds": 1.0})
    log.close()
    """
)


@pytest.mark.slow
def test_eight_processes_writing_flat_out_lose_nothing(forks, tmp_path):
    db = tmp_path / "shared.sqlite3"
    PracticeLog.open(db).close()
    n = 15
    procs = [forks.script_popen(FAST_WRITER, str(db), str(n), f"w{i}") for i in range(WRITERS)]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:  # all released together
            p.stdin.write("go\n")
            p.stdin.flush()
        results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    for code, err in results:
        assert code == 0 and "locked" not in err and err == "", err
    assert _integrity(db) == ["ok"]
    with PracticeLog.open(db) as log:
        sessions = list(log.sessions())
    assert len(sessions) == WRITERS * n
    assert all(s["status"] == "finished" for s in sessions)
    steps = sorted(t["step"] for s in sessions for t in s["turns"])
    assert steps == sorted(
        f"w{w}.{i}.{j}" for w in range(WRITERS) for i in range(n) for j in range(3)
    )
