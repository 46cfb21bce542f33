"""Typed-reply routing: accuracy on the dev replies and the cost of one reply.

Run by hand from the project root:
    python benchmarks/bench_routing.py [../shared/eval/routing-dev.jsonl]
    python benchmarks/bench_routing.py benchmarks/data/untuned/routing.jsonl \
        benchmarks/data/untuned/scenarios

The second set is three trainer files and 79 typed replies written by someone who
never saw the routing code or the dev replies: a check on files nobody tuned.

Plays every item in-process (the same Session.reply the CLI uses, prefix choices
first), prints intent / fallback accuracy like ../shared/eval/check_routing.py, then
the model's load time and the median cost of routing one reply once it is loaded.
Also sweeps the threshold (THRESHOLD, the bar for a ten-word reply) and the blend of
sentence cosine and word coverage (SENTENCE_WEIGHT), which is how both were chosen.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from simulator.engine import matching  # noqa: E402
from simulator.engine.session import Session  # noqa: E402
from simulator.language import similarity  # noqa: E402
from simulator.scenario.library import resolve  # noqa: E402
from simulator.scenario.loader import load_scenario  # noqa: E402

EXTRA: list[str] = []  # scenario folders besides the library (the second argument)


def play(items: list[dict], threshold: float) -> tuple[float, float]:
    matching.THRESHOLD = threshold
    ok = {"intent": [0, 0], "fallback": [0, 0]}
    cache: dict = {}
    for it in items:
        sc = cache.get(it["scenario"]) or cache.setdefault(
            it["scenario"], load_scenario(resolve(it["scenario"], EXTRA))
        )
        session = Session(sc, seed=1)
        for n in it["prefix"]:
            session.choose(n)
        if session.step.id != it["step"]:
            continue
        turn = session.reply(it["reply"])
        kind = "fallback" if it.get("fallback") else "intent"
        ok[kind][1] += 1
        ok[kind][0] += turn.next == it["expect"]
    return ok["intent"][0] / ok["intent"][1], ok["fallback"][0] / ok["fallback"][1]


def main() -> None:
    src = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/routing-dev.jsonl"
    EXTRA.extend(sys.argv[2:])
    with open(src, encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    t0 = time.perf_counter()
    similarity.warm_up()
    print(f"model load: {time.perf_counter() - t0:.2f} s ({similarity.MODEL_NAME})")
    default, weight = matching.THRESHOLD, similarity.SENTENCE_WEIGHT
    for w in (1.0, 0.7, 0.5):
        similarity.SENTENCE_WEIGHT = w
        for thr in (0.35, 0.375, 0.40, 0.425, 0.45):
            intent, fallback = play(items, thr)
            chosen = abs(thr - default) < 1e-9 and abs(w - weight) < 1e-9
            mark = "  <- chosen" if chosen else ""
            print(
                f"sentence weight {w:.1f}, threshold {thr:.3f}:"
                f" intent {intent:.3f}, fallback {fallback:.3f}{mark}"
            )
    matching.THRESHOLD, similarity.SENTENCE_WEIGHT = default, weight
    sc = load_scenario(resolve("cfo-price-pushback"))
    costs = []
    for i in range(200):
        session = Session(sc, seed=1)
        t = time.perf_counter()
        session.reply(f"how many people are on the close, {i}?")  # a new reply each time
        costs.append((time.perf_counter() - t) * 1000)
    print(f"one typed reply (routing + scoring): median {statistics.median(costs):.2f} ms")


if __name__ == "__main__":
    main()
