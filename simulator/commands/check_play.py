"""``repcraft check-play FILE``: replay a golden playthrough and show what changed."""

from __future__ import annotations

import argparse
import sys

from simulator.commands.common import err, load_scenario_arg, safe_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check-play",
        help="replay a golden playthrough (play --record) and show what changed",
        description="Replay the replies saved by 'play --script F --record FILE' with the same "
        "seed against the scenario file as it is now, and compare lines, routes, next steps, "
        "the ending and (when the rubric version is unchanged) scores. Exit 0 when nothing "
        "differs, 1 with the differences, 2 when FILE cannot be read.",
    )
    p.add_argument("golden", metavar="FILE", help="a golden file written by play --record")
    p.add_argument("--rubric", metavar="FILE", help="extra rubric file for scoring")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.golden import GoldenError, compare, read_golden, replay

    try:
        golden = read_golden(args.golden)
    except GoldenError as exc:
        err(exc.message)
        return exc.exit_code
    target = golden.scenario_path or golden.scenario_id
    loaded = load_scenario_arg(target, argparse.Namespace(rubric=args.rubric, scenarios=[]))
    if isinstance(loaded, int):
        if loaded == 1:
            err(f"{args.golden}: the scenario no longer loads, so nothing can be replayed")
        return loaded
    scenario, rubric = loaded
    if scenario.id != golden.scenario_id:
        err(f"note: the scenario's id was {golden.scenario_id!r}, now {scenario.id!r}")
    now = replay(golden, scenario, rubric)
    differences = compare(golden, now)
    recorded = golden.report
    if not differences:
        turns = len(recorded.get("turns", []))
        print(
            f"{safe_text(args.golden)}: ok, {turns} turn{'s' * (turns != 1)} replayed as "
            f"recorded, ending {recorded.get('ending') or 'none (the script ran out)'}"
        )
        if golden.rubric != now.report.get("rubric"):
            print(
                f"(scores not compared: rubric {golden.rubric} then, "
                f"{now.report.get('rubric')} now)"
            )
        return 0
    print(
        f"{safe_text(args.golden)}: {len(differences)} difference"
        f"{'s' * (len(differences) != 1)} from the recorded play of {safe_text(target)}"
    )
    for line in differences:
        print(f"  {safe_text(line)}")
    if golden.rubric != now.report.get("rubric"):
        print(
            f"  (scores not compared: rubric {golden.rubric} then, {now.report.get('rubric')} now)"
        )
    sys.stdout.flush()
    return 1
