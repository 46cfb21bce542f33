"""Scenario files: the v1 format, read into an immutable model with line-accurate diagnostics."""

from simulator.scenario.diagnostics import Diagnostic, ScenarioError
from simulator.scenario.loader import check_file, check_text, find_scenario_files, load_scenario
from simulator.scenario.model import Scenario

__all__ = [
    "Diagnostic",
    "Scenario",
    "ScenarioError",
    "check_file",
    "check_text",
    "find_scenario_files",
    "load_scenario",
]
