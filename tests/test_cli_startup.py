"""``run_cli`` forks its commands from a pre-imported server (tests/fork_server.py); here
the CLI also starts the way a user's ``repcraft`` does, in a fresh interpreter, and says
exactly the same (exit code, stdout, stderr) as the forked process did."""

from __future__ import annotations

import pytest

from simulator.scenario.library import bundled_dir
from tests.conftest import run_cli

REPLIES = "I hear you on price. What does month-end close cost you today?\n2\n1\n"

COMMANDS = {
    "version": (["--version"], None),
    "validate": (["validate", str(bundled_dir())], None),
    "list": (["list"], None),
    "play": (["play", "cfo-price-pushback", "--script", "-", "--seed", "3"], REPLIES),
    "score": (["score"], REPLIES),
    "unknown scenario": (["play", "no-such-scenario", "--script", "-"], ""),
    "bad flag": (["stats", "--no-such-flag"], None),
}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_says_the_same_fresh_and_forked(name, monkeypatch):
    args, replies = COMMANDS[name]
    forked = run_cli(*args, input=replies)
    monkeypatch.setenv("REPCRAFT_TEST_FRESH", "1")
    fresh = run_cli(*args, input=replies)
    assert "Traceback" not in fresh.stderr
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )


def test_a_forked_command_that_crashes_shows_its_traceback_and_exits_1():
    from tests.conftest import _fork_server

    child = _fork_server().script_popen("import sys; print('out'); sys.stdout.flush(); 1 / 0")
    out, err = child.stdout.read(), child.stderr.read()
    assert child.wait(timeout=30) == 1
    assert out == "out\n"
    assert "Traceback" in err and "ZeroDivisionError: division by zero" in err
