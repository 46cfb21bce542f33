"""The pattern prefilter never changes a result: a pattern that matches a reply always
finds one of its needles in it (checked over every reply in the labelled sets)."""

from __future__ import annotations

import json
from pathlib import Path

from simulator.scoring import default_rubric, score_reply
from simulator.scoring.prefilter import DIGIT, needles, starts_at_boundary
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
            if found is None:
                continue
            # A pattern run over the reply as written uses its needles only when the
            # reply is ASCII (rubric._as_written_needles).
            if rx.search(low if on_lower else text) and (on_lower or text.isascii()):
                checked += 1
                assert any(
                    (any(c.isdigit() for c in low) if n == DIGIT else n in low) for n in found
                ), (rule.name, rx.pattern, text)
    assert checked > 100


def test_patterns_run_as_written_have_needles_and_still_match_non_ascii_replies():
    rubric = default_rubric()
    as_written = {e[0].name: e[1] for e in rubric.scan if not e[3]}
    assert as_written["customer_story"] and as_written["honest_limit"]
    assert all(n == n.lower() for found in as_written.values() if found for n in found)
    # Non-ASCII replies run every pattern (an ASCII needle is not proof there).
    for text in ("Northgate cut their close to 5 days.", "Zoë at Northgate cut their close."):
        got = [ev.rule for ev in score_reply(text).evidence]
        assert "customer_story" in got, text


def test_needles_read_groups_classes_and_scoped_flags():
    assert needles(r"\bcould\s+we\b") == ("could",)
    assert needles(r"\b(?:no|nope)\b") == ("no",)  # "nope" holds "no"
    assert needles(r"(?-i:[A-Z][a-z]+)\s+(?:cut|dropped)\b") == ("cut", "dropped")
    assert needles(r"(?:save|saving)s?\s+\d+") == ("save", "saving")
    assert needles(r"x\s+\d+") == (DIGIT,)
    assert needles(r"a{2,}bc") == ("bc",)
    # nothing provable: optional parts, inline flags, classes, bad patterns
    assert needles(r"(?:ab)?c") is None
    assert needles(r"(?i)hello") is None
    assert needles(r"[abc]+") is None
    assert needles(r"(unclosed") is None


def test_starts_at_boundary_needs_every_alternative_to_open_with_it():
    assert starts_at_boundary(r"\bone\b|\btwo")
    assert not starts_at_boundary(r"\bone|two")
    assert not starts_at_boundary(r"one\b")


def test_no_private_stdlib_modules():
    # re._parser / re._constants exist only from Python 3.11; sre_* are deprecated.
    root = Path(__file__).parent.parent / "simulator"
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for private in ("re._", "from re import _", "sre_parse", "sre_constants"):
            assert private not in text, (path, private)
