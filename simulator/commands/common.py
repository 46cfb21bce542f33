"""Options shared by several commands (``--seed``, ``--scenarios``, ``--db``, ``--no-log``)."""

from __future__ import annotations

import argparse
import os
import sys


def add_scenarios_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scenarios",
        action="append",
        default=[],
        metavar="DIR",
        help="extra scenario folder (repeatable; also REPCRAFT_SCENARIOS)",
    )


def scenario_dirs(args: argparse.Namespace) -> list[str]:
    """Extra folders from --scenarios, then REPCRAFT_SCENARIOS (os.pathsep-joined)."""
    dirs = list(getattr(args, "scenarios", None) or [])
    env = os.environ.get("REPCRAFT_SCENARIOS", "")
    dirs += [d for d in env.split(os.pathsep) if d]
    return dirs


def add_seed_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seed", type=int, default=None, help="seed for variants (deterministic)")


def add_db_options(p: argparse.ArgumentParser, *, no_log: bool = False) -> None:
    p.add_argument("--db", default=None, metavar="PATH", help="practice log (also REPCRAFT_DB)")
    if no_log:
        p.add_argument("--no-log", action="store_true", help="do not write to the practice log")


def db_path_arg(args: argparse.Namespace) -> str | None:
    """--db, then REPCRAFT_DB; None means the default in the user data directory."""
    return getattr(args, "db", None) or os.environ.get("REPCRAFT_DB") or None


def err(message: str) -> None:
    print(f"repcraft: {message}", file=sys.stderr)
