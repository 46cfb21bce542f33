"""The learned part of belief: traced to sentences, never negative, padding-proof."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from simulator.scoring import ReplyContext, score_reply
from simulator.scoring import belief_model as bm

ARGUED = (
    "Children raised without a father do worse at school on average, and the studies that "
    "show it control for income. A lousy father still provides a second income, a second "
    "adult at home and a model of how to disagree without violence."
)
CURT = "No. Bad idea."


def _model_items(text: str, ctx: ReplyContext | None = None) -> list:
    return [ev for ev in score_reply(text, ctx).evidence if ev.rule == bm.RULE]


def test_model_data_ships_in_the_package_and_matches_the_embedding():
    raw = json.loads(resources.files("simulator.scoring").joinpath("belief_model.json").read_text())
    assert len(raw["weights"]) == 256
    assert raw["embedding"] == "wordllama l2_supercat_256"
    assert 0 < raw["cap"] <= 20  # one reading never outweighs the whole rubric


def test_points_are_traced_to_the_sentences_that_earned_them():
    items = _model_items(ARGUED)
    assert items, "an argued reply earns something from the model"
    for ev in items:
        assert ARGUED[ev.start : ev.end] == ev.text
        assert ev.dimension == "belief" and ev.weight > 0
    assert sum(ev.weight for ev in items) <= bm.model().cap + 1e-6


def test_the_model_never_takes_points_away():
    for text in (CURT, "lol whatever", "ok", "You are an idiot if you think that."):
        assert all(ev.weight > 0 for ev in _model_items(text))


@pytest.mark.parametrize("n", [1, 3, 10])
def test_padding_with_filler_that_reads_below_the_median_never_raises(n):
    filler = " The meeting room was booked as usual. We talked about the plan."
    base = sum(ev.weight for ev in _model_items(ARGUED))
    padded = sum(ev.weight for ev in _model_items(ARGUED + filler * n))
    assert padded <= base + 1e-6


def test_a_choice_the_author_scored_reads_the_model_at_half_weight():
    typed = sum(ev.weight for ev in _model_items(ARGUED))
    picked = _model_items(ARGUED, ReplyContext(authored={"belief": 1}, kind="choice"))
    assert sum(ev.weight for ev in picked) == pytest.approx(typed / 2, abs=0.05)
