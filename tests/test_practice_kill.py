"""kill -9 at random moments of a session, headless and in the app: every answered turn
is in the log, nothing half-written is, and ``PRAGMA integrity_check`` is ok.

Each trial answers k turns (k random), waits until the front end has shown each one,
sends one more reply and sends SIGKILL a random 0-15 ms later: before, during or
after that turn's write. Then the log must hold exactly the k answered turns, or k + 1
when the last write had committed. A handful of trials run by default; all 50 of each
kind in CI (``CI=true``) or with ``REPCRAFT_KILL_TRIALS=50``.

Each trial's front end is a process of its own, forked from a server that has already
imported the app and the engine (tests/fork_server.py): the kill, the log and what it
holds are the same as with a fresh interpreter, without a second of start-up per trial.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import textwrap
import time

import pytest

from simulator.practice import PracticeLog
from tests.fork_server import ForkServer
from tests.test_practice_concurrency import _chain

STEPS = 6
# CI runs all 50 of each kind (about 30 s of CPU); a local run a handful.
_IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TRIALS = int(os.environ.get("REPCRAFT_KILL_TRIALS", "50" if _IN_CI else "0"))
HEADLESS_TRIALS = range(TRIALS or 3)
APP_TRIALS = range(TRIALS or 1)  # an app trial costs a few seconds of start-up

# The real app, driven by Pilot in a child process: one reply per "go" line on stdin,
# and "answered N" on stdout once the screen shows the N-th answer.
APP_CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import date
    from simulator.tui.app import make_app
    from simulator.tui.config import AppConfig

    async def main():
        app = make_app(AppConfig(include_bundled=False, extra_dirs=[sys.argv[1]],
                                 db_path=sys.argv[2], seed=1, today=date(2026, 3, 18)))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("enter", "enter")
            await pilot.pause()
            print("started", flush=True)
            while sys.stdin.readline():
                before = len(app.screen.live.answers)
                await pilot.press("1")  # a digit on the focused choice list picks it
                while len(app.screen.live.answers) == before:
                    await pilot.pause(0.005)
                print("answered", len(app.screen.live.answers), flush=True)

    asyncio.run(main())
    """
)


@pytest.fixture(scope="module")
def forks():
    server = ForkServer(app=True)
    yield server
    server.close()


def _integrity(path) -> list[str]:
    conn = sqlite3.connect(path)  # a plain connection: SQLite recovers the WAL first
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def _headless(forks, folder, db):
    return forks.cli_popen("play", str(folder / "chain.yaml"), "--script", "-", "--db", str(db))


def _app(forks, folder, db):
    return forks.script_popen(APP_CHILD, str(folder), str(db))


def _wait_for(proc, starts: str) -> str:
    while True:
        line = proc.stdout.readline()
        assert line, f"the child ended early: {proc.stderr.read()}"
        if line.startswith(starts):
            return line


def _trial(forks, tmp_path, seed: int, front_end: str) -> tuple[int, int]:
    """One kill -9 trial; (turns answered and shown, turns in the log)."""
    rng = random.Random(seed)
    (tmp_path / "chain.yaml").write_text(_chain(STEPS), encoding="utf-8")
    db = tmp_path / "practice.sqlite3"
    answered = rng.randrange(STEPS)  # shown before the kill; one more is in flight
    proc = (_headless if front_end == "headless" else _app)(forks, tmp_path, db)
    reply = "1\n" if front_end == "headless" else "go\n"
    shown = "  You: " if front_end == "headless" else "answered"
    try:
        _wait_for(proc, "Dana Ruiz" if front_end == "headless" else "started")
        for _ in range(answered):
            proc.stdin.write(reply)
            proc.stdin.flush()
            _wait_for(proc, shown)
        proc.stdin.write(reply)
        proc.stdin.flush()
        time.sleep(rng.random() * 0.015)
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert _integrity(db) == ["ok"]
    with PracticeLog.open(db) as log:
        (session,) = list(log.sessions())
    replies = [t["reply"] for t in session["turns"]]
    assert replies == [f"Answer {n}." for n in range(len(replies))]  # whole turns, in order
    assert session["turn_count"] == len(replies)
    # The last turn and the ending are two commits: a kill between them leaves all the
    # turns in an abandoned session, which is still nothing lost.
    done = ("finished", "abandoned") if len(replies) == STEPS else ("abandoned",)
    assert session["status"] in done
    return answered, len(replies)


@pytest.mark.slow
@pytest.mark.parametrize("seed", HEADLESS_TRIALS)
def test_headless_play_killed_at_a_random_moment_keeps_every_answered_turn(forks, tmp_path, seed):
    answered, logged = _trial(forks, tmp_path, seed, "headless")
    assert logged in (answered, answered + 1)


@pytest.mark.slow
@pytest.mark.parametrize("seed", APP_TRIALS)
def test_the_app_killed_at_a_random_moment_keeps_every_answered_turn(forks, tmp_path, seed):
    answered, logged = _trial(forks, tmp_path, 1000 + seed, "app")
    assert logged in (answered, answered + 1)
