"""``repcraft drill``: rapid-fire buyer lines from the library; the app, or headless.

Headless (``--script FILE``, ``-`` for stdin): each non-blank line answers the next
buyer line, in order. Exit 0 when the round is answered, 3 when the script runs
out first (the report is still printed), 1 when there is nothing to drill on, 2 for
bad usage. A practice log that cannot be used is said on stderr and the drill goes on
with the log off.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import nullcontext
from typing import TYPE_CHECKING, TextIO

from simulator.commands.common import (
    add_db_options,
    add_scenarios_option,
    add_seed_option,
    err,
    input_lines,
    open_script,
    safe_text,
    scenario_dirs,
)
from simulator.commands.recording import Recording
from simulator.scenario.model import DIMENSIONS

if TYPE_CHECKING:  # loaded when a drill runs
    from simulator.engine.drill import Drill, DrillAnswer

EXIT_DONE, EXIT_FAILED, EXIT_USAGE, EXIT_RAN_OUT = 0, 1, 2, 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "drill",
        help="rapid-fire objection practice: typed replies under a timer",
        description="Buyer lines drawn from scenario steps that have a model_answer, "
        "answered in your own words and scored at once. With --script, headless: each "
        "line of FILE (or - for stdin) answers the next buyer line.",
    )
    p.add_argument("--script", metavar="FILE", help="answers, one per line ('-' = stdin)")
    p.add_argument("--json", action="store_true", help="print one JSON report (with --script)")
    p.add_argument("--count", type=int, default=10, metavar="N", help="lines per round (10)")
    p.add_argument(
        "--seconds", type=float, default=30.0, metavar="S", help="time per line in the app (30)"
    )
    add_seed_option(p)
    add_scenarios_option(p)
    add_db_options(p, no_log=True)
    p.set_defaults(func=run)


def library_scenarios(args: argparse.Namespace) -> list:
    """Every valid scenario in the library; a broken file is skipped with a warning."""
    from simulator.scenario.library import list_library
    from simulator.scenario.loader import check_file

    out = []
    for entry in list_library(scenario_dirs(args)):
        if entry.shadowed_by is not None:
            continue
        scenario, _diagnostics = check_file(entry.path) if entry.valid else (None, [])
        if scenario is None:
            err(f"skipping {safe_text(entry.path)}: not a valid scenario (repcraft validate)")
            continue
        out.append(scenario)
    return out


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        err("--count must be at least 1")
        return EXIT_USAGE
    if args.seconds <= 0:
        err("--seconds must be more than 0")
        return EXIT_USAGE
    if args.script is None:
        if args.json:
            err("--json needs --script (headless drill)")
            return EXIT_USAGE
        from simulator.commands.app import app_config, launch

        config = app_config(args)
        config.drill = True
        config.drill_count = args.count
        config.drill_seconds = args.seconds
        return launch(config)
    return run_headless(args)


def run_headless(args: argparse.Namespace) -> int:
    from simulator.engine.drill import Drill, DrillError
    from simulator.practice.records import NewSession

    try:
        drill = Drill(library_scenarios(args), args.count, args.seed, seconds=None)
    except DrillError as exc:
        err(str(exc))
        return EXIT_FAILED
    stream = open_script(args.script)
    if stream is None:
        return EXIT_USAGE
    log = Recording.open(args)  # a log that will not open is said, and the drill goes on
    try:
        sid = log.start_session(NewSession(**drill.log_fields()))
        with stream if stream is not sys.stdin else nullcontext():
            code = _drive(drill, stream, log, sid, as_json=args.json)
    finally:
        log.close()
    return code


def _drive(
    drill: Drill,
    stream: TextIO,
    log: Recording | None,
    sid: int | None,
    *,
    as_json: bool,
    out: TextIO = sys.stdout,
) -> int:
    show = not as_json
    if show:
        _ask(drill, out)
    leftover = None
    for number, text in input_lines(stream):
        if drill.done:
            leftover = number
            break
        answer = drill.answer(text)
        if log is not None and sid is not None:
            log.record_turn(sid, answer.to_dict(), reply_seconds=None)
        if show:
            _answered(answer, out)
            _ask(drill, out)
    if leftover is not None:
        err(f"script line {leftover} and after not used: the round is over")
    report = drill.report()
    if drill.done and log is not None and sid is not None:
        log.finish_session(sid, {**report, "ending": None})
    if as_json:
        print(json.dumps(report, indent=2), file=out)
    else:
        scores = report["scores"]
        print(
            "\nDrill: " + " · ".join(f"{d} {scores[d]}" for d in DIMENSIONS),
            file=out,
        )
        for note in report.get("notes", []):
            print(f"  - {safe_text(note['note'])} ({safe_text(note['text'])!r})", file=out)
        if report.get("moves_summary"):
            print(f"Moves: {safe_text(report['moves_summary'])}", file=out)
    if not drill.done:
        err(f"the script ran out after {len(drill.answers)} of {len(drill.lines)} lines")
        return EXIT_RAN_OUT
    return EXIT_DONE


def _ask(drill: Drill, out: TextIO) -> None:
    item = drill.current
    if item is None:
        return
    print(f"[{drill.position}/{len(drill.lines)}] {safe_text(item.scenario_title)}", file=out)
    if item.facts:
        about = f" about {safe_text(item.product_name)}" if item.product_name else ""
        print(f"  What is true{about} (from the briefing):", file=out)
        for fact in item.facts:
            print(f"    - {safe_text(fact)}", file=out)
    lead = item.lead_in
    if lead:
        earlier = f'  (earlier, {safe_text(lead.speaker_label)}: "{safe_text(lead.line)}"'
        if lead.reply:
            earlier += f' / the rep answered: "{safe_text(lead.reply)}"'
        print(earlier + ")", file=out)
    print(f"  {safe_text(item.speaker_label)}: {safe_text(item.line)}", file=out)
    out.flush()


def _answered(answer: DrillAnswer, out: TextIO) -> None:
    print(f"  You: {safe_text(answer.reply)}", file=out)
    if answer.scores:
        print("    " + " · ".join(f"{d} {v}" for d, v in answer.scores.items()), file=out)
    for e in sorted(answer.evidence, key=lambda e: -abs(e.weight))[:2]:
        print(f"    {'+' if e.weight >= 0 else '-'} {e.dimension}: {safe_text(e.note)}", file=out)
    print(f"    model answer: {safe_text(answer.item.model_answer)}", file=out)
