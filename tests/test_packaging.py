"""The wheel carries the bundled library, so `pip install .` users get scenarios."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to make a clean copy")
def test_wheel_ships_every_bundled_scenario_and_stylesheet(tmp_path):
    # Build from a clean copy of the tracked files, as a fresh clone would.
    src = tmp_path / "src"
    src.mkdir()
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, files):
        rel = Path(name.decode())
        if not (REPO / rel).exists():
            continue
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, src / rel)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(src),
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0, res.stderr
    wheel = next((tmp_path / "dist").glob("repcraft-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = [n.decode()[len("scenarios/") :] for n in files if n.startswith(b"scenarios/")]
    assert bundled
    for name in bundled:
        assert f"simulator/bundled_scenarios/{name}" in names
    tracked = [n.decode() for n in files if n.endswith(b".tcss")]
    for tcss in tracked:
        assert tcss in names
