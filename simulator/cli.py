"""Command line entry point. Thin: builds the parser, hands each command to its module.

Each command lives in ``simulator/commands/<name>.py`` with ``register(subparsers)``
(adds its parser and sets ``func``) and a ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Order is the order shown in --help.
COMMAND_MODULES: tuple[str, ...] = (
    "play",
    "drill",
    "score",
    "validate",
    "list_scenarios",
    "stats",
    "export",
    "graph", "walk", "check_play", "new", "schema",
)


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, as DESIGN.md wants; keep its message short."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="repcraft",
        description="Role-play practice for sales reps: scripted buyers, honest scorecards.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"simulator.commands.{name}").register(sub)
    return parser


def _version() -> str:
    from simulator import __version__

    return f"repcraft {__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from simulator.commands.app import run_app

        return run_app(args)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("repcraft: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
