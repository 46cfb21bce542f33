"""Which files are scenarios: ``*.yaml`` / ``*.yml`` under a folder, recursively."""

from __future__ import annotations

import os
from pathlib import Path

SCENARIO_SUFFIXES = (".yaml", ".yml")


def find_scenario_files(folder: str | os.PathLike) -> list[Path]:
    """Every ``*.yaml`` / ``*.yml`` under ``folder``, recursively, sorted."""
    root = Path(folder)
    found = [p for p in root.rglob("*") if p.suffix.lower() in SCENARIO_SUFFIXES and p.is_file()]
    return sorted(found)
