"""``repcraft harvest SCENARIO``: the best typed replies per step, from the practice log,
and (``--patch STEP``) a reviewable patch adding one of them to the scenario file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.commands.common import (
    add_db_options,
    add_scenarios_option,
    err,
    open_log,
    safe_text,
    scenario_dirs,
    write_output,
)

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "harvest",
        help="the best-scoring typed replies per step of a scenario, and a patch adding one",
        description="List, per step of SCENARIO (an id or a file), the best-scoring replies "
        "reps typed, with who typed them, when, and the score: material for the trainer's "
        "next version of the scenario. Every rep's replies for the log's owner (and those "
        "granted the team view), your own for anyone else. With --patch STEP, "
        "write a patch that adds the best (or --pick N) reply of that step to the "
        "scenario file as a choice, the model answer or a like phrase, with a comment "
        "saying who typed it, when and how it scored. The scenario file is never "
        "changed: review the patch, then apply it with `patch FILE PATCH`.",
    )
    p.add_argument("scenario", metavar="SCENARIO", help="scenario id or file")
    p.add_argument("--top", type=int, default=3, metavar="N", help="replies per step")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--patch", metavar="STEP", help="write a patch adding a reply to STEP")
    p.add_argument("--pick", type=int, default=1, metavar="N",
                   help="with --patch: the Nth best reply listed for STEP (default 1)")  # fmt: skip
    p.add_argument(
        "--as",
        dest="as_kind",
        choices=("choice", "model", "like"),
        default="choice",
        help="with --patch: add it as a choice (default), the step's model answer, or a "
        "like phrase of the route it took",
    )
    p.add_argument("--next", metavar="STEP", help="with --as choice: where it leads "
                   "(default: where the reply led)")  # fmt: skip
    p.add_argument("--route", type=int, metavar="N", help="with --as like: the Nth route "
                   "(default: the one the reply took)")  # fmt: skip
    p.add_argument("--out", metavar="FILE", help="with --patch: write the patch here")
    add_scenarios_option(p)
    add_db_options(p)
    p.set_defaults(func=run)


def _scenario_file(args: argparse.Namespace) -> tuple[Scenario | None, Path | None, str]:
    """(scenario, path, text) when SCENARIO names a valid file, else (None, None, "")."""
    from simulator.scenario.library import resolve
    from simulator.scenario.loader import check_text

    try:
        path = resolve(args.scenario, scenario_dirs(args))
        text = path.read_text(encoding="utf-8")
    except (LookupError, OSError, UnicodeDecodeError):
        return None, None, ""
    scenario, _ = check_text(text, str(path))
    return (scenario, path, text) if scenario is not None else (None, None, "")


def run(args: argparse.Namespace) -> int:
    from simulator.practice import PracticeLogError
    from simulator.practice.harvest import best_replies
    from simulator.practice.team import visible_sessions

    if args.top < 1 or args.pick < 1:
        err("--top and --pick must be at least 1")
        return 2
    scenario, path, text = _scenario_file(args)
    if args.patch and scenario is None:
        err(f"--patch needs the scenario's file: {safe_text(args.scenario)} is not a valid "
            "scenario id or file (repcraft validate says why)")  # fmt: skip
        return 2
    scenario_id = scenario.id if scenario is not None else args.scenario
    log = open_log(args)
    if isinstance(log, int):
        return log
    try:
        top = max(args.top, args.pick) if args.patch else args.top
        sessions, everyone = visible_sessions(log)
        found = best_replies(sessions, scenario_id, top=top)
        if not everyone:  # other reps' words, with their names, are the team view's
            err(f"only {safe_text(log.rep)}'s replies: every rep's are for the log's owner"
                " and those granted the team view (repcraft team --grant USER)")  # fmt: skip
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()
    if args.patch:
        assert scenario is not None and path is not None  # checked before the log opened
        return _patch(args, scenario, path, text, found)
    return _list(args, scenario_id, found)


def _list(args: argparse.Namespace, scenario_id: str, found: dict) -> int:
    from dataclasses import asdict

    if args.json:
        steps = {step: [asdict(r) for r in replies] for step, replies in found.items()}
        print(json.dumps({"scenario": scenario_id, "steps": steps}, ensure_ascii=False))
        return 0
    if not found:
        err(f"no typed replies to {safe_text(scenario_id)} in the practice log yet")
        return 0
    for step, replies in found.items():
        print(f"{safe_text(step)}:")
        for r in replies:
            print(f"  {r.score:5.1f}  {safe_text(r.reply)}")
            print(f"         {safe_text(r.rep)}, {r.at or '?'}, session {r.session}")
    sys.stdout.flush()
    return 0


def _patch(args: argparse.Namespace, scenario: Scenario, path: Path, text: str, found: dict) -> int:
    from simulator.authoring.harvest_patch import PatchError, Provenance, harvest_patch

    replies = found.get(args.patch) or []
    if len(replies) < args.pick:
        err(f"step {safe_text(args.patch)} of {scenario.id} has {len(replies)} typed "
            f"repl{'y' if len(replies) == 1 else 'ies'} in the log; nothing to pick as "
            f"number {args.pick}")  # fmt: skip
        return 1
    chosen = replies[args.pick - 1]
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    try:
        diff = harvest_patch(
            shown,
            text,
            scenario,
            step_id=args.patch,
            reply=chosen.reply,
            kind=args.as_kind,
            provenance=Provenance(chosen.rep, chosen.at, chosen.session, chosen.score),
            next_step=args.next or chosen.next,
            route_index=args.route - 1 if args.route else chosen.route,
        )
    except PatchError as exc:
        err(f"{safe_text(shown)}: {safe_text(exc)}")
        return 1
    code = write_output(diff, args.out, f"adds {args.as_kind} to step {args.patch}")
    if code == 0:
        then = f"patch {shown} {args.out}" if args.out else f"--out FILE, then patch {shown} FILE"
        err(f"{shown} is unchanged: review the patch, then apply it with: {then}")
    return code
