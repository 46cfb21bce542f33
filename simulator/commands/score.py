"""``repcraft score``: score typed replies read one per line from stdin.

    repcraft score [--json] [--context SCENARIO[:STEP]] [--buyer LINE] [--rubric FILE]
                   [--scenarios DIR] [--workers N]

Every input line gives one result (a blank line too, so outputs line up with inputs).
Scores are 0..100 for all three dimensions; a dimension the reply gave no evidence
on shows 50 and is listed under ``no_evidence``. Many lines at once are scored on
several cores (``score_workers``), with the same results.
"""

from __future__ import annotations

import argparse
import os
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


# Bytes read from stdin at a time; a chunk's lines are scored together.
_CHUNK = 1 << 16


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
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that score many lines at once (default: one per CPU core, "
        "at most 4, on Linux; 1 scores everything in one process)",
    )
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
    from simulator.engine.session import step_answers

    ident, step_id = _split_context(args.context)
    loaded = load_scenario_arg(ident, args)  # the scenario's rubric, then --rubric
    if isinstance(loaded, int):
        return loaded
    scenario, rubric = loaded
    step_id = step_id or scenario.start
    if step_id not in scenario.steps:
        err(f"{scenario.id} has no step '{step_id}' (steps: {', '.join(scenario.steps)})")
        return 2
    step = scenario.steps[step_id]
    # Replies close in meaning to one of the step's authored answers inherit its score.
    return reply_context(scenario, step.line or "", answers=step_answers(step)), rubric


def result_dict(text: str, scored: ReplyScore) -> dict:
    """The JSON object for one reply: all three scores (50 where no evidence)."""
    from simulator.scoring import DIMENSIONS

    return {
        "reply": text,
        "scores": {d: int(scored.scores.get(d, 50)) for d in DIMENSIONS},
        "no_evidence": [d for d in DIMENSIONS if d not in scored.scores],
        "evidence": [ev.to_dict() for ev in scored.evidence],
        "close_to": scored.close_to.to_dict() if scored.close_to else None,
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
    near = result.get("close_to")
    if near:
        lines.append(f"  close to {safe_text(near['label'])} ({near['nearness']:.2f}): scored so")
    for ev in result["evidence"]:
        lines.append(
            f"  {ev['weight']:+6.1f} {ev['dimension']:<12} {ev['rule']:<22} "
            f'"{safe_text(ev["text"])}" [{ev["start"]}:{ev["end"]}] - {safe_text(ev["note"])}'
        )
    if result["no_evidence"]:
        lines.append(f"  * no evidence on {', '.join(result['no_evidence'])}: shown as 50")
    return "\n".join(lines)


def _chunks() -> Iterator[list[str]]:
    """Input lines as text, in chunks of the lines already available: a file or a
    pipe with many lines gives big chunks (their sentences are embedded in batches), a
    live pipe gives each line as it comes (answered at once, never waiting for more).
    Bytes that are not UTF-8 become U+FFFD, never an error."""
    buffer = getattr(sys.stdin, "buffer", None)
    try:
        fd = buffer.fileno() if buffer is not None else None
    except (OSError, ValueError):
        fd = None
    if fd is None:
        for raw in buffer if buffer is not None else sys.stdin:
            yield [raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw]
        return
    pending = b""
    while True:
        data = os.read(fd, _CHUNK)
        if not data:
            break
        *lines, pending = (pending + data).split(b"\n")
        if lines:
            yield [line.decode("utf-8", "replace") + "\n" for line in lines]
    if pending:
        yield [pending.decode("utf-8", "replace")]


def run(args: argparse.Namespace) -> int:
    from simulator.commands.score_workers import default_workers, score_chunks

    workers = default_workers() if args.workers is None else max(1, args.workers)
    if workers > 1:
        # The tokenizer's own threads and forked workers do not mix (it warns).
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    got = _context(args)
    if isinstance(got, int):
        return got
    context, rubric = got
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    for out in score_chunks(_line_chunks(), context, rubric, args.json, workers):
        print(out)
        sys.stdout.flush()
    return 0


def _line_chunks() -> Iterator[list[str]]:
    """The input lines, chunk by chunk (one result per line, blank lines too)."""
    first = True
    for chunk in _chunks():
        lines = [text for _n, text in input_lines(chunk, keep_blank=True)]
        if not first and chunk[0].startswith("\ufeff"):  # a BOM is dropped only at the start
            lines[0] = chunk[0].rstrip("\r\n")
        first = False
        yield lines
