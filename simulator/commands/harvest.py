"""``repcraft harvest SCENARIO``: the best typed replies per step, from the practice log."""

from __future__ import annotations

import argparse
import json
import sys

from simulator.commands.common import add_db_options, err, open_log, safe_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "harvest",
        help="the best-scoring typed replies per step of a scenario, from the log",
        description="List, per step of SCENARIO (its id), the best-scoring replies reps "
        "typed, with who typed them, when, and the score: material for the trainer's "
        "next version of the scenario. Reads every rep's sessions; changes nothing.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id")
    p.add_argument("--top", type=int, default=3, metavar="N", help="replies per step")
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_db_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from simulator.practice import PracticeLogError
    from simulator.practice.harvest import best_replies

    if args.top < 1:
        err("--top must be at least 1")
        return 2
    log = open_log(args)
    if isinstance(log, int):
        return log
    try:
        found = best_replies(log.sessions(), args.scenario, top=args.top)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()
    if args.json:
        steps = {step: [asdict(r) for r in replies] for step, replies in found.items()}
        print(json.dumps({"scenario": args.scenario, "steps": steps}, ensure_ascii=False))
        return 0
    if not found:
        err(f"no typed replies to {safe_text(args.scenario)} in the practice log yet")
        return 0
    for step, replies in found.items():
        print(f"{safe_text(step)}:")
        for r in replies:
            print(f"  {r.score:5.1f}  {safe_text(r.reply)}")
            print(f"         {safe_text(r.rep)}, {r.at or '?'}, session {r.session}")
    sys.stdout.flush()
    return 0
