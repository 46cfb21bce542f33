"""The reply read as an answer to the buyer's line: the same two replies, the buyer's
line decides which is better (tests/data/twin_pairs.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.scoring import ReplyContext, score_reply
from simulator.scoring.buyer_context import buyer_mood
from tests.conftest import run_cli

TWINS = Path(__file__).parent / "data" / "twin_pairs.jsonl"
PUSH = "Great. Let's get the contract signed by Friday and start on the 1st."
MEET = "That's a fair worry. What size of team are you picturing, and what went wrong before?"


def _rows(split: str) -> list[dict]:
    rows = [json.loads(line) for line in TWINS.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


def _accuracy(rows: list[dict]) -> float:
    right = 0
    for r in rows:
        ctx = ReplyContext(buyer_line=r["buyer"])
        better = score_reply(r["better"], ctx).scores.get(r["dim"], 50)
        worse = score_reply(r["worse"], ctx).scores.get(r["dim"], 50)
        right += better > worse  # a tie is wrong
    return right / len(rows)


@pytest.mark.parametrize(
    ("line", "mood"),
    [
        ("I'm honestly not sure this will work for us.", "doubt"),
        ("We got burned by the last vendor.", "doubt"),
        ("Sounds good. What are the next steps?", "signal"),
        ("Make it quick, I have two minutes.", "hurry"),
        ("Take your time, walk me through it.", "unhurried"),
        ("What does it cost?", None),
    ],
)
def test_buyer_mood(line, mood):
    assert buyer_mood(line) == mood


def test_twin_pairs_the_buyer_line_decides():
    assert _accuracy(_rows("dev")) >= 0.9
    assert _accuracy(_rows("held")) >= 0.75  # written before the rules, not tuned on


def test_same_reply_scores_differently_after_doubt_and_after_a_buying_signal():
    doubt = ReplyContext(buyer_line="I'm not sure this will work for a team our size.")
    signal = ReplyContext(buyer_line="This all sounds good. What would the next steps be?")
    assert score_reply(PUSH, signal).scores["courage"] > score_reply(PUSH, doubt).scores["courage"]
    assert score_reply(MEET, doubt).scores["courage"] > score_reply(PUSH, doubt).scores["courage"]
    pushed = [e for e in score_reply(PUSH, doubt).evidence if e.rule == "pushes_past_doubt"]
    assert pushed and "not sure this will work" in pushed[0].note


def test_score_cli_reads_the_reply_against_buyer():
    def courage(buyer: str) -> int:
        out = run_cli("score", "--json", "--buyer", buyer, input=PUSH + "\n")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)["scores"]["courage"]

    assert courage("Sounds good, when can we start?") > courage("I'm not convinced, honestly.")


def test_score_cli_reads_the_step_line_of_a_bundled_scenario():
    out = run_cli(
        "score", "--json", "--context", "run-it-by-my-boss:boss_skeptic", input=PUSH + "\n"
    )
    assert out.returncode == 0, out.stderr
    rules = {e["rule"] for e in json.loads(out.stdout)["evidence"]}
    assert "pushes_past_doubt" in rules  # "I've heard that before. Jenna, I'm not convinced."
