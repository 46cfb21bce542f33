"""Benchmark: statistics over a big practice log.

Fills a log with 100,000 sessions (about 1,000,000 turns) spread over three years, in
one transaction through the bulk import, then times:
- ``PracticeLog.open`` on it (must not slow the app's start),
- ``compute_stats`` (goal: under 0.3 s),
- ``repcraft stats --json`` end to end (Python start-up and library scan included).

    python benchmarks/bench_stats.py [--sessions 100000] [--db PATH] [--repeat 5]
    python benchmarks/bench_stats.py --postgres          # the same on a throwaway PostgreSQL

With --db naming an existing log (a file, or a postgresql:// URL), it is reused as it
is (no refill). --postgres starts pgserver's PostgreSQL in a temporary folder (the test
extra has it) and fills a new database there.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout, not an install

from simulator.practice import compute_stats, open_store  # noqa: E402
from simulator.practice.importing import import_sessions  # noqa: E402
from simulator.practice.store import is_url  # noqa: E402

SCENARIOS = [f"scenario-{n:02d}" for n in range(20)]
KINDS = ("choice", "typed", "timeout")


def _turn_templates() -> list[dict]:
    out = []
    for n in range(8):
        out.append(
            {
                "step": f"step{n}",
                "speaker": "cfo",
                "line": "Your price is thirty percent above the other vendor. Why pay more?",
                "interjections": [{"speaker": "champion", "line": "We did like the demo."}]
                if n % 3 == 0
                else [],
                "reply": "What does a ten-day close cost you each month? Let's book Friday.",
                "kind": KINDS[n % 3],
                "route": {"route": n % 2, "like": "cost"} if n % 3 == 1 else None,
                "next": f"step{n + 1}",
                "scores": {"courage": 40 + n * 5, "belief": 60},
                "evidence": [
                    {
                        "dimension": "courage",
                        "rule": "asks-for-next-step",
                        "text": "Let's book Friday",
                        "start": 48,
                        "end": 65,
                        "weight": 6.0,
                        "note": "A dated next step.",
                    }
                ],
            }
        )
    return out


def synthetic_sessions(count: int, avg_turns: int, seed: int = 1):
    """Sessions in export shape, three years up to now, ~95% finished."""
    rng = random.Random(seed)
    templates = _turn_templates()
    now = time.time()
    span = 3 * 365 * 86400
    starts = sorted(now - rng.random() * span for _ in range(count))
    for started in starts:
        n_turns = rng.randint(max(1, avg_turns - 5), avg_turns + 5)
        turns = []
        at = started
        for i in range(n_turns):
            at += rng.uniform(5, 40)
            turns.append({**templates[i % len(templates)], "at": at, "reply_seconds": 9.5})
        finished = rng.random() < 0.95
        yield {
            "scenario": rng.choice(SCENARIOS),
            "title": "Synthetic",
            "content_hash": "sha256:0",
            "mode": "play",
            "difficulty": rng.randint(1, 5),
            "skills": ["courage"],
            "seed": None,
            "rubric": "1",
            "status": "finished" if finished else "abandoned",
            "started_at": started,
            "ended_at": at + 5 if finished else None,
            "last_active_at": at,
            "seconds": at + 5 - started if finished else at - started,
            "ending": rng.choice(("win", "advance", "stall", "loss")) if finished else None,
            "scores": {d: rng.randint(20, 95) for d in ("courage", "authenticity", "belief")},
            "turns": turns,
        }


def fill(target: str, sessions: int, avg_turns: int) -> None:
    turns = 0

    def counted():
        nonlocal turns
        for session in synthetic_sessions(sessions, avg_turns):
            turns += len(session["turns"])
            yield session

    started = time.perf_counter()
    with open_store(target) as log:
        n = import_sessions(log, counted())
    took = time.perf_counter() - started
    size = f" ({Path(target).stat().st_size / 1e6:.0f} MB)" if not is_url(target) else ""
    print(f"filled       {n:,} sessions, {turns:,} turns in {took:.1f} s{size}")


def throwaway_postgres(folder: str) -> tuple[str, object]:
    """A new database on a pgserver PostgreSQL in ``folder``, and the server."""
    import pgserver
    import psycopg

    server = pgserver.get_server(folder, cleanup_mode="stop")
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE bench")
    return server.get_uri().replace("/postgres?", "/bench?"), server


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=100_000)
    ap.add_argument("--turns", type=int, default=10, help="average turns per session")
    ap.add_argument("--db", help="log to use, a path or a URL (filled when it does not exist)")
    ap.add_argument("--postgres", action="store_true", help="on a throwaway PostgreSQL")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    tmp, server = None, None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="rcbench")
        if args.postgres:
            args.db, server = throwaway_postgres(tmp.name)
        else:
            args.db = str(Path(tmp.name) / "bench.sqlite3")
    if server is not None or not is_url(args.db) and not Path(args.db).exists():
        fill(args.db, args.sessions, args.turns)

    opens = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        log = open_store(args.db)
        opens.append(time.perf_counter() - t)
        log.close()
    print(f"open         median {statistics.median(opens) * 1000:.1f} ms"
          f" (max {max(opens) * 1000:.1f} ms)")  # fmt: skip

    runs = []
    with open_store(args.db) as log:
        for _ in range(args.repeat):
            t = time.perf_counter()
            stats = compute_stats(log)
            runs.append(time.perf_counter() - t)
    verdict = "OK" if statistics.median(runs) < 0.3 else "SLOW (goal 0.3 s)"
    print(f"compute_stats median {statistics.median(runs) * 1000:.0f} ms"
          f" (first {runs[0] * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms) {verdict}")  # fmt: skip
    print(f"             {stats['sessions']:,} sessions, {stats['hours']:,.0f} h,"
          f" longest streak {stats['streak']['longest']} days")  # fmt: skip

    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    t = time.perf_counter()
    res = subprocess.run(
        [sys.executable, "-m", "simulator", "stats", "--json", "--db", args.db],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    took = time.perf_counter() - t
    print(f"repcraft stats --json end to end {took * 1000:.0f} ms (exit {res.returncode})")
    if server is not None:
        server.cleanup()  # type: ignore[attr-defined]
    if tmp is not None:
        tmp.cleanup()
    return 0 if statistics.median(runs) < 0.3 and res.returncode == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
