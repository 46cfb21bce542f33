"""``repcraft score`` over many lines on several CPU cores.

A chunk of input with many lines (a file or a full pipe) is cut into blocks scored
by worker processes forked from this one once the rubric and the sentence model are
loaded, so a worker starts at once and shares the model's memory. Results come back
in input order. A chunk with few lines (a live pipe, one line at a time) is scored
here, answered at once. Scores are the same either way: a block is warmed and scored
exactly as a chunk is (tests/test_scoring_batch.py).

Workers are forked, so they are used only where fork is the safe, usual start method
(Linux); elsewhere, or with ``--workers 1``, everything is scored in this process.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scoring import ReplyContext, Rubric

# A chunk needs this many lines to be worth sending to workers.
MIN_LINES = 64
# At most this many workers, whatever the machine (scoring is light; a pool is not free).
MAX_WORKERS = 4
# Set before forking; the workers read it (a forked child inherits it).
_job: tuple[ReplyContext, Rubric | None, Callable[[dict], str]] | None = None


def default_workers() -> int:
    """The CPU cores this process may use, at most MAX_WORKERS; 1 where workers are
    not forked (not Linux)."""
    if not sys.platform.startswith("linux"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def score_block(lines: list[str]) -> str:
    """The output of a block of input lines (one result per line), its sentences
    embedded in batches first."""
    from simulator.commands.score import result_dict
    from simulator.scoring import score_reply
    from simulator.scoring.moves import warm_replies

    assert _job is not None
    context, rubric, render = _job
    warm_replies(lines)
    return "\n".join(render(result_dict(t, score_reply(t, context, rubric))) for t in lines)


def _blocks(lines: list[str], workers: int) -> list[list[str]]:
    # A few blocks per worker, so one slow block does not leave the others idle.
    size = max(16, -(-len(lines) // (workers * 3)))
    return [lines[i : i + size] for i in range(0, len(lines), size)]


def score_chunks(
    chunks: Iterator[list[str]],
    context: ReplyContext,
    rubric: Rubric | None,
    as_json: bool,
    workers: int,
) -> Iterator[str]:
    """The output of each chunk of input lines, in order."""
    from simulator.commands.score import format_text

    global _job
    _job = (context, rubric, json.dumps if as_json else format_text)
    pool: Any = None
    try:
        for lines in chunks:
            if workers > 1 and len(lines) >= MIN_LINES:
                pool = pool or _start(workers)
                yield "\n".join(pool.imap(score_block, _blocks(lines, workers)))
            else:
                yield score_block(lines)
    finally:
        if pool is not None:
            pool.terminate()


def _start(workers: int) -> Any:
    """A pool of forked workers, with what they share loaded first."""
    import multiprocessing

    from simulator.language.similarity import warm_up
    from simulator.scoring import ask_model, belief_model

    warm_up()
    ask_model.models()
    belief_model.model()
    return multiprocessing.get_context("fork").Pool(workers, initializer=_leave_ctrl_c)


def _leave_ctrl_c() -> None:
    """A worker ignores Ctrl-C: this process stops them (no traceback from each worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
