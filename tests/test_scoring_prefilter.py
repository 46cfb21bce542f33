"""The pattern prefilter never changes a result: a pattern that matches a reply always
finds one of its needles in it (checked over every reply in the labelled sets)."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scoring import default_rubric
from simulator.scoring.prefilter import DIGIT
from simulator.scoring.reply import _lowercase

DATA = Path(__file__).parent / "data"


def _replies() -> list[str]:
    out = []
    for path in sorted(DATA.glob("sales_pairs_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                out += [item["buyer"], item["better"], item["worse"]]
    return out


def test_every_pattern_match_holds_one_of_its_needles():
    rubric = default_rubric()
    assert rubric.needles  # the prefilter is in use
    checked = 0
    for text in _replies():
        low = _lowercase(text)
        for rule, found, rx, on_lower in rubric.scan:
            if not on_lower or found is None:
                continue
            if rx.search(low):
                checked += 1
                assert any(
                    (any(c.isdigit() for c in low) if n == DIGIT else n in low) for n in found
                ), (rule.name, rx.pattern, text)
    assert checked > 100
