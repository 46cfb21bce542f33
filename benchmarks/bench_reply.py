"""How long one reply takes in the engine: route, guard, effects, next state, scoring.

Run by hand: ``python benchmarks/bench_reply.py``. Goal (issue 2): under 1 ms a
reply. Prints the median and 95th percentile for picked choices and typed
replies on a bundled scenario and on a generated 500-step one.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.engine import Session  # noqa: E402
from simulator.scenario.library import resolve  # noqa: E402
from simulator.scenario.loader import check_text, load_scenario  # noqa: E402


def generated(steps: int) -> str:
    out = [
        "scenario: 1",
        "id: gen",
        "title: Generated",
        "cast:",
        "  cfo: {name: Dana, role: CFO}",
        "vars:",
        "  n: 0",
        "start: s0",
        "steps:",
    ]
    for i in range(steps):
        nxt = f"s{i + 1}" if i + 1 < steps else "won"
        out += [
            f"  s{i}:",
            "    speaker: cfo",
            f"    line: Step {i}, why should I care about the price?",
            "    choices:",
            "      - text: What does a slow close cost you today?",
            "        score: {courage: 2}",
            "        effects: {cfo.trust: +1, n: +1}",
            f"        next: {nxt}",
            "      - text: Only when trusted.",
            "        when: cfo.trust >= 90 and n > 3",
            f"        next: {nxt}",
            "    routes:",
            "      - like: [what does it cost you, how long is your close]",
            f"        next: {nxt}",
            "      - like: [discount, lower the price]",
            "        next: lost",
            f"      - else: {nxt}",
        ]
    out += ["  won:", "    end: win", "  lost:", "    end: loss"]
    return "\n".join(out) + "\n"


def time_replies(scenario, replies: int, typed: bool) -> list[float]:
    times: list[float] = []
    session = Session(scenario, seed=1)
    for _ in range(replies):
        if session.ended:
            session = Session(scenario, seed=1)
        start = time.perf_counter()
        if typed and session.accepts_text():
            session.reply("So tell me, how long does your month-end close take today?")
        else:
            session.choose(1)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    cases = [("cfo-price-pushback", load_scenario(resolve("cfo-price-pushback", [])))]
    sc, diags = check_text(generated(500), "generated-500.yaml")
    assert sc is not None, [d.format() for d in diags if d.is_error]
    cases.append(("generated 500 steps", sc))
    print(f"{'scenario':<24} {'kind':<7} {'median ms':>10} {'p95 ms':>8}")
    for name, scenario in cases:
        for typed in (False, True):
            t = sorted(time_replies(scenario, 2000, typed))
            med = statistics.median(t) * 1000
            p95 = t[int(len(t) * 0.95)] * 1000
            print(f"{name:<24} {'typed' if typed else 'choice':<7} {med:>10.3f} {p95:>8.3f}")


if __name__ == "__main__":
    main()
