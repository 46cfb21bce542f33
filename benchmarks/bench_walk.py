"""How long ``repcraft walk`` takes on a large, loopy generated scenario (issue 7).

Run by hand: ``python benchmarks/bench_walk.py [STEPS]``. Goal: a 500-step
scenario within 10 s with the default bounds. The generated scenario is built
to be hard: every step has choices that change meters (so one step is many
states), conditions that depend on them, typed-reply routes, and loops back
that bump a counter without bound, so only the state budget stops the walk.
Also times ``graph`` and a 1000-game ``walk --random`` on the same file.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.authoring.graph import render  # noqa: E402
from simulator.authoring.random_play import random_walk  # noqa: E402
from simulator.authoring.walk import walk  # noqa: E402
from simulator.scenario.loader import check_text  # noqa: E402

ENDINGS = ("win", "advance", "stall", "loss")


def generated(steps: int) -> str:
    """A valid scenario of ``steps`` steps (the last four are endings)."""
    body = steps - 4
    out = [
        "scenario: 1",
        f"id: generated-{steps}",
        f"title: Generated, {steps} steps",
        "cast:",
        "  cfo: {name: Dana, role: CFO, trust: 40, belief: 30}",
        "  champion: {name: Sam, role: Controller}",
        "vars:",
        "  pushes: 0",
        "  discounted: false",
        "start: s0",
        "steps:",
    ]

    def target(i: int) -> str:
        return f"s{i}" if i < body else f"end_{ENDINGS[i % 4]}"

    for i in range(body):
        back = max(0, i - 7)
        out += [
            f"  s{i}:",
            "    speaker: cfo" if i % 3 else "    speaker: champion",
            f"    line: Step {i}, what do you say?",
            "    choices:",
            f"      - text: Ask what it costs them ({i})",
            "        score: {courage: 2, belief: 1}",
            "        effects: {cfo.trust: +5, champion.belief: +3}",
            f"        next: {target(i + 1)}",
            f"      - text: Offer a discount ({i})",
            "        score: {courage: -2}",
            "        effects: {cfo.belief: -5, discounted: true}",
            f"        next: {target(i + 2)}",
            f"      - text: Go back over it ({i})",
            "        when: cfo.trust >= 45 and not discounted",
            "        effects: {pushes: +1}",
            f"        next: s{back}",
            "    routes:",
            f"      - like: [what does it cost, how long is your close {i}]",
            "        when: champion.belief > 40",
            f"        next: {target(i + 3)}",
            f"      - else: {target(i + 1)}",
        ]
    for kind in ENDINGS:
        out += [
            f"  end_{kind}:",
            "    speaker: cfo",
            f"    line: That's a {kind}.",
            f"    end: {kind}",
        ]
    return "\n".join(out) + "\n"


def main() -> int:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    scenario, diagnostics = check_text(generated(steps), f"<generated {steps}>")
    if scenario is None:
        for d in diagnostics:
            print(d.format())
        return 1
    t0 = time.perf_counter()
    report = walk(scenario)
    t1 = time.perf_counter()
    render(scenario, "mermaid")
    render(scenario, "dot")
    t2 = time.perf_counter()
    random_walk(scenario, 1000, seed=1)
    t3 = time.perf_counter()
    paths = {k: v["paths"] for k, v in report["endings"].items()}
    print(
        f"walk {steps} steps: {t1 - t0:.2f} s, {report['states']} states, "
        f"truncated={report['truncated']}, paths={paths}, "
        f"coverage={report['coverage']['percent']}%"
    )
    print(f"graph (mermaid + dot): {t2 - t1:.3f} s")
    print(f"walk --random 1000: {t3 - t2:.2f} s")
    ok = t1 - t0 < 10
    print("goal (< 10 s):", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
