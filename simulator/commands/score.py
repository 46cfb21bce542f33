"""``repcraft score``: score typed replies read one per line from stdin.

    repcraft score [--json] [--context SCENARIO[:STEP]] [--buyer LINE] [--rubric FILE]
                   [--scenarios DIR]

Every input line gives one result (a blank line too, so outputs line up with inputs).
Scores are 0..100 for all three dimensions; a dimension the reply gave no evidence
on shows 50 and is listed under ``no_evidence``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from simulator.commands.common import (
    add_scenarios_option,
    err,
    input_lines,
    load_scenario_arg,
    safe_text,
)

if TYPE_CHECKING:
    from simulator.scoring import ReplyContext, ReplyScore, Rubric


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "score",
        help="score typed replies read one per line from stdin",
        description="Score replies (one per line on stdin) for courage, authenticity and "
        "belief, with the evidence behind every point.",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per input line")
    p.add_argument(
        "--context",
        metavar="SCENARIO:STEP",
        help="score as replies to this step of a scenario (id or path; STEP defaults to start)",
    )
    p.add_argument(
        "--buyer",
        metavar="LINE",
        help="score as replies to this buyer line (replaces the step's line with --context)",
    )
    p.add_argument("--rubric", metavar="FILE", help="extra rubric file (YAML or JSON)")
    add_scenarios_option(p)
    p.set_defaults(func=run)


def _split_context(spec: str) -> tuple[str, str | None]:
    """``id:step`` -> (id, step); a bare id, ``id:`` or an existing path -> (it, None)."""
    from pathlib import Path

    if Path(spec).is_file():
        return spec, None
    head, sep, tail = spec.rpartition(":")
    if sep and head and "/" not in tail and "\\" not in tail:
        return head, tail or None  # "id:" is the start step, like a bare id
    return spec, None


def _context(args: argparse.Namespace) -> tuple[ReplyContext, Rubric | None] | int:
    """The ReplyContext for --context/--buyer and the rubric to score with, or an exit code."""
    from dataclasses import replace

    got = _step_context(args)
    if isinstance(got, int) or args.buyer is None:
        return got
    context, rubric = got
    return replace(context, buyer_line=args.buyer), rubric


def _step_context(args: argparse.Namespace) -> tuple[ReplyContext, Rubric | None] | int:
    """The ReplyContext for --context and the rubric to score with, or an exit code."""
    from simulator.scoring import ReplyContext, RubricError, load_rubric

    if not args.context:
        try:
            return ReplyContext(), load_rubric(None, args.rubric)
        except RubricError as exc:
            err(str(exc))
            return 1
    from simulator.engine import reply_context

    ident, step_id = _split_context(args.context)
    loaded = load_scenario_arg(ident, args)  # the scenario's rubric, then --rubric
    if isinstance(loaded, int):
        return loaded
    scenario, rubric = loaded
    step_id = step_id or scenario.start
    if step_id not in scenario.steps:
        err(f"{scenario.id} has no step '{step_id}' (steps: {', '.join(scenario.steps)})")
        return 2
    return reply_context(scenario, scenario.steps[step_id].line or ""), rubric


def result_dict(text: str, scored: ReplyScore) -> dict:
    """The JSON object for one reply: all three scores (50 where no evidence)."""
    from simulator.scoring import DIMENSIONS

    return {
        "reply": text,
        "scores": {d: int(scored.scores.get(d, 50)) for d in DIMENSIONS},
        "no_evidence": [d for d in DIMENSIONS if d not in scored.scores],
        "evidence": [ev.to_dict() for ev in scored.evidence],
        "moves": [m.to_dict() for m in scored.moves],
    }


def format_text(result: dict) -> str:
    """A readable block: the scores, then each piece of evidence with its points."""
    from simulator.scoring import DIMENSIONS

    scores = "  ".join(
        f"{d} {result['scores'][d]}" + ("*" if d in result["no_evidence"] else "")
        for d in DIMENSIONS
    )
    lines = [f"> {safe_text(result['reply'])}", f"  {scores}"]
    for ev in result["evidence"]:
        lines.append(
            f"  {ev['weight']:+6.1f} {ev['dimension']:<12} {ev['rule']:<22} "
            f'"{safe_text(ev["text"])}" [{ev["start"]}:{ev["end"]}] - {safe_text(ev["note"])}'
        )
    if result["no_evidence"]:
        lines.append(f"  * no evidence on {', '.join(result['no_evidence'])}: shown as 50")
    return "\n".join(lines)


def _lines() -> Iterator[str]:
    """Input lines as text; bytes that are not UTF-8 become U+FFFD, never an error."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:
        yield from sys.stdin
        return
    for raw in buffer:
        yield raw.decode("utf-8", "replace")


def run(args: argparse.Namespace) -> int:
    from simulator.scoring import score_reply

    got = _context(args)
    if isinstance(got, int):
        return got
    context, rubric = got
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    for _number, text in input_lines(_lines(), keep_blank=True):  # one result per line
        result = result_dict(text, score_reply(text, context, rubric))
        if args.json:
            print(json.dumps(result))
        else:
            print(format_text(result))
        sys.stdout.flush()
    return 0
