"""``repcraft harvest``: best typed replies per step, any rep, with who/when/score."""

from __future__ import annotations

import json
import os

import pytest

from simulator.practice import open_store
from simulator.practice.harvest import best_replies
from simulator.practice.records import NewSession
from tests.conftest import run_cli
from tests.practice_helpers import sample_report


def _typed(step, reply, courage, kind="typed"):
    return {"step": step, "reply": reply, "kind": kind, "scores": {"courage": courage}}


def _play(db, rep, turns, scenario="cfo"):
    with open_store(db, rep=rep) as log:
        sid = log.start_session(
            NewSession(scenario, "CFO", "h", difficulty=1, skills=[], seed=None)
        )
        for turn in turns:
            log.record_turn(sid, turn, reply_seconds=1.0)
        log.finish_session(sid, sample_report(turns))


def test_best_replies_ranks_dedupes_and_skips_choices_and_other_scenarios():
    sessions = [
        {"id": 1, "scenario": "cfo", "rep": "ana", "turns": [
            _typed("price", "Hold at list, add onboarding", 80),
            _typed("price", "hold at  list, add onboarding", 90),
            _typed("price", "Sure, 20% off", 10),
            _typed("price", "Picked choice", 100, kind="choice"),
        ]},
        {"id": 2, "scenario": "other", "rep": "bo", "turns": [_typed("price", "x", 100)]},
    ]  # fmt: skip
    found = best_replies(sessions, "cfo", top=5)
    assert [(r.reply, r.score, r.rep) for r in found["price"]] == [
        ("hold at  list, add onboarding", 90.0, "ana"),
        ("Sure, 20% off", 10.0, "ana"),
    ]


def test_harvest_cli_lists_every_reps_best_reply_with_provenance(tmp_path):
    db = tmp_path / "team.sqlite3"
    _play(db, "ana", [_typed("price", "Let's book Tuesday with your CFO", 85)])
    _play(db, "bo", [_typed("price", "I can probably do a discount", 20)])
    res = run_cli("harvest", "cfo", "--db", str(db), "--json", "--top", "1")
    assert res.returncode == 0, res.stderr
    (best,) = json.loads(res.stdout)["steps"]["price"]
    assert best["reply"] == "Let's book Tuesday with your CFO" and best["rep"] == "ana"
    assert best["score"] == 85.0 and best["at"]
    text = run_cli("harvest", "cfo", "--db", str(db))
    assert "price:" in text.stdout and "ana" in text.stdout and "bo" in text.stdout
    none = run_cli("harvest", "nobody-played-this", "--db", str(db))
    assert none.returncode == 0 and "no typed replies" in none.stderr


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_harvest_shows_someone_else_only_their_own_replies(tmp_path):
    db = tmp_path / "team.sqlite3"
    _play(db, "ana", [_typed("price", "Let's book Tuesday with your CFO", 85)])
    _play(db, "bo", [_typed("price", "I can probably do a discount", 20)])
    os.chown(db, 4242, 4242)  # not ours any more: no team view
    res = run_cli("harvest", "cfo", "--db", str(db), "--rep", "bo", "--json")
    assert res.returncode == 0 and "only bo's replies" in res.stderr
    (only,) = json.loads(res.stdout)["steps"]["price"]
    assert only["rep"] == "bo"
