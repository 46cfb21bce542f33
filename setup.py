"""Packaging glue that pyproject.toml cannot express on its own.

The bundled library lives in scenarios/ at the top of the repo (where trainers
look for it) and ships inside the wheel as the package simulator.bundled_scenarios.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["simulator", "simulator.*"]) + ["simulator.bundled_scenarios"],
    package_dir={"simulator.bundled_scenarios": "scenarios"},
)
