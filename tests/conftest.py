"""Shared fixtures. Every test runs with its own user data directory and practice
log, so nothing a test does touches (or reads) the real user's files."""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("REPCRAFT_DB", str(home / "practice.sqlite3"))
    monkeypatch.delenv("REPCRAFT_SCENARIOS", raising=False)
    monkeypatch.delenv("REPCRAFT_REP", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    return home


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, timeout: float = 60):
    """Run ``python -m simulator ARGS`` the way a user types ``repcraft ARGS``: a process
    of its own, forked from a pre-imported server (tests/fork_server.py says what that
    skips); ``REPCRAFT_TEST_FRESH=1``: a fresh interpreter each time."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    if os.environ.get("REPCRAFT_TEST_FRESH"):
        return subprocess.run(
            [sys.executable, "-m", "simulator", *args],
            input=input,
            capture_output=True,
            text=True,
            cwd=cwd or REPO,
            env=env,
            timeout=timeout,
        )
    return _fork_server().run_cli(
        list(args), input=input, cwd=cwd or REPO, env=env, timeout=timeout
    )


_SERVER: list = []  # this test process's fork server, started on first use
_SERVER_LOCK = threading.Lock()


def _fork_server():
    with _SERVER_LOCK:
        if not _SERVER:
            from tests.fork_server import ForkServer

            _SERVER.append(ForkServer())
            atexit.register(_SERVER[0].close)
        return _SERVER[0]


def pytest_collection_modifyitems(items):
    """The slow tests first (in their order, then the rest in theirs): with -n, the long
    ones are shared out while every worker is busy, not left to one worker at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def forks():
    """This test process's fork server: ``forks.cli_popen(*args)`` is ``Popen([python,
    -m, simulator, *args], stdin=PIPE, stdout=PIPE, stderr=PIPE, text=True)``, forked."""
    return _fork_server()


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory, worker_id):
    """A throwaway PostgreSQL shared by this run's test processes (tests/pg_helpers.py);
    ``pg_server.new_database()`` gives a test its own empty database's URL."""
    from tests.pg_helpers import start_pg_server

    root = tmp_path_factory.getbasetemp()  # its parent is the same for every xdist worker
    server = start_pg_server((root.parent if worker_id != "master" else root).name)
    yield server
    server.stop()


# Hypothesis: few, bounded examples so the property tests cost seconds. CI (CI=true)
# derandomizes, so a red build reproduces; locally each run tries new examples.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, suppress_health_check=_QUIET
)
settings.register_profile("dev", max_examples=40, deadline=None, suppress_health_check=_QUIET)
# by hand: HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_loader_properties.py
settings.register_profile("fuzz", max_examples=3000, deadline=1000, suppress_health_check=_QUIET)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))
