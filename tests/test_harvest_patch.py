"""``repcraft harvest --patch``: the best typed reply as a reviewable patch (a choice,
the model answer or a like phrase, with who/when/score), never an edit in place."""

from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

from simulator.authoring.harvest_patch import PatchError, Provenance, harvest_patch
from simulator.practice import open_store
from simulator.practice.records import NewSession
from simulator.scenario.loader import check_file, check_text
from tests.conftest import run_cli
from tests.practice_helpers import sample_report

SCENARIO = textwrap.dedent(
    """\
    scenario: 1
    id: harvest-me
    title: A deal to harvest
    cast:
      cfo: {name: Dana Ruiz, role: CFO}
    start: open
    steps:
      open:
        speaker: cfo   # the CFO opens on price
        line: Why should I pay more?
        choices:
          - text: I can discount.
            next: lost
        routes:
          - like: [what does it cost, slow close]
            next: won
          - else: probe
      probe:
        speaker: cfo
        line: Go on.
        routes:
          - like:
              - numbers from teams like yours
            next: won

      lost:
        end: loss
      won:
        speaker: cfo
        line: Fine.
        end: win
    """
)
WHO = Provenance("ana", "2026-03-02T10:01:00.000+00:00", 7, 85.0)
REPLY = 'What does each "slow" close day cost you?'


def _patched(kind, step="open", **kw):
    scenario, _ = check_text(SCENARIO, "s.yaml")
    diff = harvest_patch("s.yaml", SCENARIO, scenario, step_id=step, reply=REPLY, kind=kind,
                         provenance=WHO, **kw)  # fmt: skip
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and line[1:2] != "+"]
    return diff, added


def test_a_choice_is_added_with_its_provenance_and_leads_where_the_reply_led():
    diff, added = _patched("choice", next_step="won")
    assert added == [
        "      # harvested: typed by ana at 2026-03-02T10:01:00.000+00:00 (session 7),"
        " scored 85.0; review before keeping",
        '      - text: "What does each \\"slow\\" close day cost you?"',
        "        next: won",
    ]
    assert diff.startswith("--- s.yaml\n+++ s.yaml\n")
    _, routes_only = _patched("choice", step="probe", next_step="won")
    assert routes_only[0] == "    choices:" and routes_only[2].startswith("      - text: ")


def test_a_like_phrase_joins_a_flow_or_a_block_list_and_a_model_answer_is_set():
    _, flow = _patched("like", route_index=0)
    quoted = '"What does each \\"slow\\" close day cost you?"'
    assert flow[1] == f"      - like: [what does it cost, slow close, {quoted}]"
    _, block = _patched("like", step="probe", route_index=0)
    assert block[1] == '          - "What does each \\"slow\\" close day cost you?"'
    _, model = _patched("model")
    assert model[1] == '    model_answer: "What does each \\"slow\\" close day cost you?"'


@pytest.mark.parametrize(
    ("kind", "step", "kw", "message"),
    [
        ("choice", "won", {"next_step": "won"}, "is an ending"),
        ("choice", "nope", {"next_step": "won"}, "no step"),
        ("choice", "open", {"next_step": "nowhere"}, "would not load"),
        ("choice", "open", {}, "--next STEP"),
        ("like", "open", {"route_index": 1}, "else"),
        ("like", "open", {"route_index": 5}, "--route N"),
    ],
)
def test_what_cannot_be_added_is_refused_with_what_to_do(kind, step, kw, message):
    with pytest.raises(PatchError, match=message):
        _patched(kind, step=step, **kw)


def _typed(step, reply, courage, nxt, route):
    return {"step": step, "reply": reply, "kind": "typed", "scores": {"courage": courage},
            "next": nxt, "route": {"index": route, "else": False}}  # fmt: skip


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_harvest_patch_cli_writes_a_patch_that_applies_and_leaves_the_file_alone(tmp_path):
    scenario = tmp_path / "harvest-me.yaml"
    scenario.write_text(SCENARIO, encoding="utf-8")
    db = tmp_path / "team.sqlite3"
    for rep, turn in (("ana", _typed("open", REPLY, 85, "won", 0)),
                      ("bo", _typed("open", "Sure, 20% off", 10, "lost", None))):  # fmt: skip
        with open_store(db, rep=rep) as log:
            sid = log.start_session(
                NewSession("harvest-me", "A deal", "h", difficulty=1, skills=[], seed=None)
            )
            log.record_turn(sid, turn, reply_seconds=1.0)
            log.finish_session(sid, sample_report([turn]))
    out = tmp_path / "open.patch"
    res = run_cli("harvest", str(scenario), "--db", str(db), "--patch", "open", "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "is unchanged: review the patch" in res.stderr
    assert scenario.read_text(encoding="utf-8") == SCENARIO  # nothing changed in place
    assert "typed by ana" in out.read_text() and "(session 1), scored 85.0" in out.read_text()
    subprocess.run(["patch", str(scenario), str(out)], check=True, capture_output=True)
    patched, _ = check_file(scenario)
    assert [(c.text, c.next) for c in patched.steps["open"].choices][-1] == (REPLY, "won")

    like = run_cli("harvest", str(scenario), "--db", str(db), "--patch", "open", "--as", "like",
                   "--pick", "2")  # fmt: skip
    assert like.returncode == 1 and "went to else" in like.stderr and "--route N" in like.stderr
    none = run_cli("harvest", str(scenario), "--db", str(db), "--patch", "probe")
    assert none.returncode == 1 and "has 0 typed replies" in none.stderr


def test_a_like_phrase_joins_a_flow_list_written_across_lines():
    text = SCENARIO.replace(
        "      - like: [what does it cost, slow close]\n",
        "      - like: [what does it cost,\n                slow close]\n",
    )
    scenario, _ = check_text(text, "s.yaml")
    diff = harvest_patch("s.yaml", text, scenario, step_id="open", reply="cost of delay",
                         kind="like", provenance=WHO, route_index=0)  # fmt: skip
    assert '+                slow close, "cost of delay"]' in diff.splitlines()
