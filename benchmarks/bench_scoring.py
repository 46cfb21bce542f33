"""Speed of the reply scorer: 10,000 varied replies, per-reply timings, and the
replies per second of ``repcraft score`` as a user runs it.

    python benchmarks/bench_scoring.py [--count 10000] [--seed 1] [--cli] [--file FILE]
                                       [--workers N]

``--cli`` pipes the replies (or the lines of ``--file``, e.g. the persuader
sentences of ../shared/eval/persuasion-asks-dev.jsonl, one text per line) into
``python -m simulator score --json`` and reports replies per second, by the clock
and by CPU time (start-up and the sentence model's load included; ``--workers N``
is passed on, default: the command's own, one worker per core). Goal: at least
2,000 replies a second.

Goal: median under 1 ms per reply on a 2-core machine, so scoring never delays a
conversation. Replies are built from sales-call fragments (hedges, asks, figures,
buzzwords, stories...) with a seeded generator, 1 to 8 sentences each, in the
context of a scenario step with facts and false claims.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not an install

from simulator.scoring import ReplyContext, default_rubric, score_reply  # noqa: E402

FRAGMENTS = [
    "I think maybe we could look at that",
    "Let's book fifteen minutes on Tuesday to decide",
    "Customers cut month-end close from 10 days to 4",
    "Sorry, I could check if there's any flexibility on price",
    "No. The price stands, and here is why",
    "Our revolutionary best-in-class platform empowers teams",
    "Northgate cut their close from eleven days to five in their first quarter",
    "Your audit prep drops from three weeks to one",
    "I don't know yet; I'll find out by Friday",
    "It plugs straight into your ERP with no effort",
    "What would have to be true for you to switch",
    "Just let me know if you ever want to chat again",
    "Respectfully, I see it differently",
    "We get dashboards, reports, workflows, alerts, exports and templates",
    "Honestly it's amazing and guaranteed to work for every customer",
    "Most finance teams lose a day to approvals, not matching",
    "For example, Harlow stopped keying invoices by hand",
    "That shouldn't have happened, and it's on us",
    "The weather was nice and the meeting room had chairs",
    "It depends on various factors, hard to say really",
]


def make_replies(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        n = rng.randint(1, 8)
        out.append(". ".join(rng.choice(FRAGMENTS) for _ in range(n)) + ".")
    return out


ROOT = Path(__file__).resolve().parent.parent


def _file_replies(path: str) -> list[str]:
    """One reply per line; a .jsonl file gives each object's "text"."""
    lines = [ln for ln in Path(path).read_text("utf-8").splitlines() if ln.strip()]
    if path.endswith(".jsonl"):
        lines = [json.loads(ln)["text"] for ln in lines]
    return [" ".join(t.split()) for t in lines]


def cli_rate(replies: list[str], workers: int | None = None) -> None:
    """Replies per second of ``repcraft score --json`` over ``replies``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    data = ("\n".join(replies) + "\n").encode("utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "score", "--json"]
        + ([] if workers is None else ["--workers", str(workers)]),
        input=data,
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rows = done.stdout.count(b"\n")
    assert rows == len(replies), (rows, len(replies))
    moves = sum(1 for line in done.stdout.splitlines() if b'"move": "ask"' in line)
    print(
        f"repcraft score --json: {len(replies)} replies in {wall:.2f} s "
        f"({len(replies) / wall:,.0f} replies/s by the clock), {cpu:.2f} s CPU "
        f"({len(replies) / cpu:,.0f} replies/s of CPU); {moves} rows with an ask"
        + ("" if workers is None else f"; --workers {workers}")
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Time score_reply over many replies.")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cli", action="store_true", help="time repcraft score --json instead")
    ap.add_argument("--file", help="replies from this file (one a line, or .jsonl texts)")
    ap.add_argument("--workers", type=int, help="passed to repcraft score --workers")
    args = ap.parse_args(argv)
    if args.cli:
        replies = _file_replies(args.file) if args.file else make_replies(args.count, args.seed)
        cli_rate(replies, args.workers)
        return 0
    ctx = ReplyContext(
        buyer_line="You're 30% above the other vendor. Why would I pay that?",
        facts=(
            "Customers cut month-end close from 10 days to 4 (median of 40 teams)",
            "Implementation takes six weeks at a fixed fee",
        ),
        false_claims=("no implementation effort", "plugs straight into any ERP"),
    )
    replies = _file_replies(args.file) if args.file else make_replies(args.count, args.seed)
    default_rubric()  # load once, outside the timings
    score_reply(replies[0], ctx)
    times = []
    clock = time.perf_counter
    for text in replies:
        t0 = clock()
        score_reply(text, ctx)
        times.append((clock() - t0) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=100)
    mean_chars = sum(map(len, replies)) / len(replies)
    print(f"replies {len(replies)}  mean length {mean_chars:.0f} chars")
    print(
        f"per reply (ms): median {statistics.median(times):.3f}  p95 {q[94]:.3f}  "
        f"p99 {q[98]:.3f}  max {times[-1]:.3f}  total {sum(times) / 1000:.2f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
