"""Scenario files: the v1 format, read into an immutable model with line-accurate diagnostics.

The loader (and with it PyYAML) is imported on first use, so that code needing
only the model, such as the app at start-up, does not pay for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.diagnostics import Diagnostic, ScenarioError
    from simulator.scenario.loader import (
        check_file,
        check_text,
        find_scenario_files,
        load_scenario,
    )
    from simulator.scenario.model import Scenario

_LAZY = {
    "Diagnostic": "simulator.scenario.diagnostics",
    "ScenarioError": "simulator.scenario.diagnostics",
    "check_file": "simulator.scenario.loader",
    "check_text": "simulator.scenario.loader",
    "find_scenario_files": "simulator.scenario.loader",
    "load_scenario": "simulator.scenario.loader",
    "Scenario": "simulator.scenario.model",
}

__all__ = [
    "Diagnostic",
    "Scenario",
    "ScenarioError",
    "check_file",
    "check_text",
    "find_scenario_files",
    "load_scenario",
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'simulator.scenario' has no attribute {name!r}")
