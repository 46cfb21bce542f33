"""Which files are scenarios: ``*.yaml`` / ``*.yml`` under a folder, recursively.

Rubric files (``NAME.rubric.yaml``, ``.rubric.yml``, ``.rubric.json``) sit beside
the scenarios that name them, and are never scenarios."""

from __future__ import annotations

import os
from pathlib import Path

SCENARIO_SUFFIXES = (".yaml", ".yml")
RUBRIC_SUFFIXES = (".rubric.yaml", ".rubric.yml", ".rubric.json")


def is_rubric_file(path: str | os.PathLike) -> bool:
    """Is this file named as a rubric file (``NAME.rubric.yaml`` and the like)?"""
    return Path(path).name.lower().endswith(RUBRIC_SUFFIXES)


def find_scenario_files(folder: str | os.PathLike) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` under ``folder``, recursively, sorted. Hidden files
    and folders (``.github/workflows/ci.yml``, ``.git``, editor lock files) are not
    scenarios, and are not even walked; nor are rubric files."""
    found = []
    seen: set[tuple[int, int]] = set()  # linked folders are followed, but once (no loops)
    for here, dirs, files in os.walk(os.fspath(folder), followlinks=True):
        try:
            st = os.stat(here)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(here, name)
            if (
                not name.startswith(".")
                and path.suffix.lower() in SCENARIO_SUFFIXES
                and not is_rubric_file(name)
                and path.is_file()
            ):
                found.append(path)
    return sorted(found)
