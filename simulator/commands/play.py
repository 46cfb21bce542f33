"""``repcraft play ID_OR_PATH``: the TUI straight into a scenario, or headless with --script."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext

from simulator.commands.common import (
    add_db_options,
    add_scenarios_option,
    add_seed_option,
    err,
    input_lines,
    load_scenario_arg,
    open_script,
)
from simulator.commands.recording import Recording


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "play",
        help="play a scenario: the app, or headless with --script",
        description="Play one scenario. With --script, headless: each line of FILE (or - for "
        "stdin) is a reply; a number N picks the Nth choice offered, anything else is typed.",
    )
    p.add_argument("scenario", metavar="ID_OR_PATH", help="a scenario id or a YAML file")
    p.add_argument("--script", metavar="FILE", help="replies, one per line ('-' = stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON report (with --script)")
    p.add_argument("--record", metavar="FILE", help="save the playthrough as a golden file")
    p.add_argument("--watch", action="store_true", help="reload the scenario file on change")
    p.add_argument("--rubric", metavar="FILE", help="extra rubric file for scoring")
    add_seed_option(p)
    add_scenarios_option(p)
    add_db_options(p, no_log=True)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.script is None:
        if args.json or args.record:
            err("--json and --record need --script (headless play)")
            return 2
        from simulator.commands.app import run_app

        return run_app(args)
    # Imported here so that `repcraft` (the app) does not pay for the engine at start.
    from simulator.commands.headless_play import play_script
    from simulator.engine import Session
    from simulator.practice.records import NewSession

    loaded = load_scenario_arg(args.scenario, args)
    if isinstance(loaded, int):
        return loaded
    scenario, rubric = loaded
    stream = open_script(args.script)
    if stream is None:
        return 2
    log = Recording.open(args)  # a log that will not open is said, and practice goes on
    session = Session(scenario, seed=args.seed, rubric=rubric)
    try:
        log_id = log.start_session(NewSession.of(scenario, session.seed))
        with stream if stream is not sys.stdin else nullcontext():
            result = play_script(  # the streams of now, not of import time (redirects)
                session,
                input_lines(stream),
                as_json=args.json,
                log=log,
                log_id=log_id,
                out=sys.stdout,
                err=sys.stderr,
            )
    finally:
        log.close()
    if args.record and result.report is not None:
        from simulator.authoring.golden import GoldenError, write_golden

        try:
            write_golden(args.record, scenario, session.seed, result.replies, result.report)
        except GoldenError as exc:
            err(exc.message)
            return exc.exit_code
    return result.code
