"""False claims said in other words: how many paraphrases assert one, how many true
facts are flagged as one.

    python benchmarks/eval_false_claims.py

benchmarks/data/false-claim-paraphrases.json holds, per bundled scenario, sentences
that assert one of its `false_claims` in other words (written for this check, not
taken from the dev sets). Every `product.facts` entry of those scenarios is the
negative set: a true fact must never score as a false claim.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from simulator.scenario.loader import load_scenario  # noqa: E402
from simulator.scoring import ReplyContext, score_reply  # noqa: E402


def main() -> int:
    paraphrases = json.loads((REPO / "benchmarks/data/false-claim-paraphrases.json").read_text())
    asserted = total = flagged = facts = 0
    for path in sorted((REPO / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        if scenario.product is None or not scenario.product.false_claims:
            continue
        context = ReplyContext(
            false_claims=tuple(scenario.product.false_claims),
            facts=tuple(scenario.product.facts),
        )

        def rules(text: str, context: ReplyContext = context) -> set[str]:
            return {e.rule for e in score_reply(text, context).evidence}

        for text in paraphrases.get(scenario.id, []):
            total += 1
            hit = "false_claim" in rules(text)
            asserted += hit
            print(f"{'asserted' if hit else 'missed  '}  {scenario.id}: {text}")
        for fact in scenario.product.facts:
            facts += 1
            if "false_claim" in rules(fact):
                flagged += 1
                print(f"FLAGGED   {scenario.id} (a true fact): {fact}")
    print(f"paraphrases asserted: {asserted} of {total}; true facts flagged: {flagged} of {facts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
