"""Command line entry point. Thin: builds the parser, hands each command to its module.

Each command lives in ``simulator/commands/<name>.py`` with ``register(subparsers)``
(adds its parser and sets ``func``) and a ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Command name -> its module; the order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "play": "play",
    "drill": "drill",
    "score": "score",
    "validate": "validate",
    "list": "list_scenarios",
    "stats": "stats",
    "export": "export",
    "team": "team",
    "harvest": "harvest",
    "doctor": "doctor",
    "serve": "serve",
    "graph": "graph",
    "walk": "walk",
    "routes": "routes",
    "check-play": "check_play",
    "new": "new",
    "schema": "schema",
}
COMMAND_MODULES: tuple[str, ...] = tuple(COMMANDS.values())


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on bad usage, as DESIGN.md wants; keep its message short."""


def _app_parser() -> argparse.ArgumentParser:
    """``repcraft`` itself: the app, with the options that apply to it."""
    from simulator.commands.common import add_db_options, add_scenarios_option, add_seed_option

    parser = _Parser(
        prog="repcraft",
        description="Role-play practice for sales reps: scripted buyers, honest scorecards. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=_version())
    add_scenarios_option(parser, top=True)
    add_db_options(parser, no_log=True, top=True)
    add_seed_option(parser)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _app_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"simulator.commands.{name}").register(sub)
    return parser


def _parse(argv: list[str]) -> argparse.Namespace:
    """Plain ``repcraft [options]`` skips importing every command (faster app start)."""
    if not any(a in COMMANDS or a in ("-h", "--help") for a in argv):
        args, extra = _app_parser().parse_known_args(argv)
        if not extra:
            args.command = None
            return args
    return build_parser().parse_args(argv)


def _version() -> str:
    from simulator import __version__

    return f"repcraft {__version__}"


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else list(argv))
    if getattr(args, "rep", None):  # the app, and anything it starts, file under this rep
        from simulator.practice.store import REP_ENV

        os.environ[REP_ENV] = args.rep
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
