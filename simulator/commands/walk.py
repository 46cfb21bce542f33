"""``repcraft walk ID_OR_PATH``: endings reachable, coverage, best and worst paths."""

from __future__ import annotations

import argparse
import json

from simulator.commands.common import add_scenario_argument, err, load_scenario_only, safe_text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    from simulator.authoring.limits import DEFAULT_MAX_PATHS, DEFAULT_MAX_STATES

    p = sub.add_parser(
        "walk",
        help="explore every path: endings reached, score ranges, coverage",
        description="Explore a scenario by its choices and routes, with meters and conditions "
        "as the engine plays them: endings reachable and by how many paths, best and worst "
        "path by authored score, steps and replies never reached, dead ends. With --random, "
        "play N seeded random games and count how often each step is hit.",
    )
    add_scenario_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON report")
    p.add_argument(
        "--max-paths",
        type=_positive,
        default=DEFAULT_MAX_PATHS,
        metavar="N",
        help=f"stop counting paths per ending at N (default {DEFAULT_MAX_PATHS})",
    )
    p.add_argument(
        "--max-states",
        type=_positive,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help=f"stop exploring after N states (default {DEFAULT_MAX_STATES})",
    )
    p.add_argument("--random", type=_positive, metavar="N", help="play N random games instead")
    p.add_argument("--seed", type=int, default=0, help="seed for --random (default 0)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.random_play import random_walk
    from simulator.authoring.walk import walk
    from simulator.authoring.walk_text import format_random, format_walk

    scenario = load_scenario_only(args)
    if isinstance(scenario, int):
        return scenario
    if args.random:
        report = random_walk(scenario, args.random, args.seed, cache_size=args.max_states)
        text = format_random
    else:
        report = walk(scenario, max_paths=args.max_paths, max_states=args.max_states)
        text = format_walk
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print("\n".join(safe_text(line) for line in text(report).split("\n")))
    if report.get("truncated"):
        err("walk was cut off by --max-states; see the note in the report")
    return 0
