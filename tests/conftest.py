"""Shared fixtures. Every test runs with its own user data directory and practice
log, so nothing a test does touches (or reads) the real user's files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
    """Run ``python -m simulator ARGS`` the way a user types ``repcraft ARGS``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "simulator", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env=env,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli
