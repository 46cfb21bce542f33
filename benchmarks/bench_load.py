"""Load + validate (+ engine machine build) time against libyaml's bare parse.

Run by hand: ``python benchmarks/bench_load.py [--repeat N]``. Goal (issue 2):
``check_text`` + ``Session(scenario, seed=0)`` at most 2x the time of
``yaml.load(text, Loader=yaml.CSafeLoader)`` on the same text, growing linearly
with steps. Scenarios are generated with a realistic mix: three buyers,
variables, variants, interjections with ``when``, choices with scores, effects,
feedback and ``when``, routes with ``like`` phrases and an ``else``.

The 5,000-step file is larger than the format's 1 MB limit, so the benchmark
raises ``max_bytes`` for it; everything else is the code path ``validate`` runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.scenario.loader import check_text  # noqa: E402

try:
    from simulator.engine import Session  # noqa: E402
except ImportError:  # the engine is optional for this benchmark
    Session = None

CAST = ("cfo", "champion", "it_lead")


def generate(steps: int, seed: int = 7) -> str:
    """A valid scenario of ``steps`` conversation steps plus four endings."""
    rnd = random.Random(seed)
    out = [
        "scenario: 1",
        f"id: generated-{steps}",
        f"title: Generated scenario with {steps} steps",
        "summary: |",
        "  A long negotiation generated for the benchmark.",
        "difficulty: 3",
        "skills: [courage, belief]",
        "tags: [benchmark, generated]",
        "product:",
        "  name: Ledgerly",
        "  facts: [Customers close in four days, Implementation takes six weeks]",
        "  false_claims: [integrates with SAP]",
        "cast:",
        "  cfo: {name: Dana Ruiz, role: CFO, trust: 30, belief: 20}",
        "  champion: {name: Sam Ode, role: Controller, trust: 70, belief: 60}",
        "  it_lead: {name: Kim Li, role: IT lead}",
        "vars:",
        "  discounted: false",
        "  rounds: 0",
        "start: s0",
        "steps:",
    ]
    endings = ("won", "advanced", "stalled", "lost")
    for i in range(steps):
        nxt = f"s{i + 1}" if i + 1 < steps else "won"
        back = f"s{rnd.randrange(0, i + 1)}"
        speaker = CAST[i % 3]
        out += [
            f"  s{i}:",
            f"    speaker: {speaker}",
            f"    line: Step {i}. You're 30% above the other vendor; why would I pay that?",
            "    variants:",
            f"      - Your quote is 30% higher than the alternative (round {i}). Convince me.",
            "    interjections:",
            "      - speaker: champion",
            "        when: champion.belief >= 60 and not discounted",
            "        line: That's exactly what I told you last month.",
            "    choices:",
            "      - text: Fair question. What does a day of month-end close cost you today?",
            "        score: {courage: 2, authenticity: 1}",
            f"        effects: {{{speaker}.trust: +10, rounds: +1}}",
            "        feedback: Asking about their cost keeps the price where it is.",
            f"        next: {nxt}",
            "      - text: I can take 30% off if you sign this week.",
            "        score: {courage: -2, belief: -2}",
            "        effects: {cfo.belief: -10, discounted: true}",
            f"        next: {rnd.choice(endings)}",
            "      - text: Let's put a number on it together and decide by Friday.",
            "        when: cfo.trust >= 40 or rounds > 3",
            "        score: {courage: 3, belief: 2}",
            f"        next: {back}",
            "    routes:",
            "      - like: [what does it cost you, how long is your close]",
            f"        next: {nxt}",
            "      - like: [discount, lower the price]",
            "        effects: {discounted: true}",
            "        when: not discounted",
            "        next: lost",
            f"      - else: {back}",
            "    model_answer: >-",
            "      I'd rather earn the 30% than discount it. What is a finance",
            "      team-day worth to you?",
        ]
    out += [
        "  won: {speaker: cfo, line: Fine. Send me the contract., end: win}",
        "  advanced: {speaker: cfo, line: Bring the numbers on Friday., end: advance}",
        "  stalled: {end: stall}",
        "  lost: {speaker: cfo, line: Your price was never real., end: loss}",
    ]
    return "\n".join(out) + "\n"


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="best of N runs (default 5)")
    args = parser.parse_args()
    print(f"libyaml: {yaml.__with_libyaml__}; engine: {'yes' if Session else 'not importable'}")
    header = (
        f"{'steps':>6} {'KB':>6} {'bare ms':>9} {'check ms':>9} {'session ms':>11} "
        f"{'total ms':>9} {'total/bare':>10} {'us/step':>8}"
    )
    print(header)
    print("-" * len(header))
    for steps in (50, 500, 5000):
        text = generate(steps)
        limit = len(text.encode("utf-8")) + 1
        scenario, diagnostics = check_text(text, max_bytes=limit)
        errors = [d.format() for d in diagnostics if d.is_error]
        assert scenario is not None, errors[:5]
        repeat = args.repeat if steps < 5000 else max(2, args.repeat // 2)
        bare = best_of(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), repeat)
        check = best_of(lambda t=text, m=limit: check_text(t, max_bytes=m), repeat)
        session = 0.0
        if Session is not None:
            session = best_of(lambda s=scenario: Session(s, seed=0), repeat)
        total = check + session
        print(
            f"{steps:>6} {len(text) / 1024:>6.0f} {bare * 1e3:>9.1f} {check * 1e3:>9.1f} "
            f"{session * 1e3:>11.1f} {total * 1e3:>9.1f} {total / bare:>10.2f} "
            f"{total / steps * 1e6:>8.0f}"
        )


if __name__ == "__main__":
    main()
