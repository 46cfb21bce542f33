"""The trainer tools as a trainer types them (subprocesses): graph, walk, play --record,
check-play, new, schema; bad input; and the whole loop from new to a caught regression."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli

DEAL = textwrap.dedent(
    """\
    scenario: 1
    id: tiny-deal
    title: A tiny deal
    cast:
      cfo: {name: Dana Ruiz, role: CFO, trust: 40}
    start: open
    steps:
      open:
        speaker: cfo
        line: Why should I pay more?
        choices:
          - text: I can discount.
            score: {courage: -3}
            next: lost
          - text: What does a slow close cost you?
            score: {courage: 2, belief: 1}
            effects: {cfo.trust: +20}
            next: middle
        routes:
          - like: [what does it cost]
            effects: {cfo.trust: +20}
            next: middle
          - else: lost
      middle:
        speaker: cfo
        line: Ten days a month.
        choices:
          - text: Shall we decide by Friday?
            when: cfo.trust >= 60
            score: {courage: 3}
            next: won
          - text: I'll send a deck.
            next: lost
      won:
        speaker: cfo
        line: Fine, send the contract.
        end: win
      lost:
        end: loss
    """
)

BROKEN = "scenario: 1\nid: broken\ntitle: Broken\ncast: {cfo: {name: D}}\nstart: nowhere\nsteps:\n"


@pytest.fixture
def deal(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-deal.yaml"
    path.write_text(DEAL, encoding="utf-8")
    return path


def test_graph_mermaid_and_dot_to_stdout_and_file(deal, tmp_path):
    out = run_cli("graph", str(deal), "--format", "mermaid")
    assert out.returncode == 0, out.stderr
    assert "flowchart LR" in out.stdout and "s_won" in out.stdout
    assert "[when cfo.trust #gt;= 60]" in out.stdout
    target = tmp_path / "deal.dot"
    out = run_cli("graph", str(deal), "--format", "dot", "--out", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert target.read_text(encoding="utf-8").startswith('digraph "tiny-deal"')
    assert run_cli("graph", str(deal), "--format", "png").returncode == 2


def test_walk_text_and_json(deal):
    out = run_cli("walk", str(deal))
    assert out.returncode == 0, out.stderr
    assert "Endings reachable:" in out.stdout and "Best path: score +6" in out.stdout
    out = run_cli("walk", str(deal), "--json")
    report = json.loads(out.stdout)
    assert set(report["endings"]) == {"win", "loss"}
    assert report["endings"]["win"]["paths"] == 2  # choice 2 or the typed route, then Friday
    assert report["endings"]["loss"]["paths"] == 4
    assert report["unreached"] == [] and report["never_offered"] == []
    assert report["truncated"] is False
    assert {"coverage", "best", "worst"} <= set(report)


def test_walk_random_mode(deal):
    out = run_cli("walk", str(deal), "--random", "200", "--seed", "5", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    again = json.loads(
        run_cli("walk", str(deal), "--random", "200", "--seed", "5", "--json").stdout
    )
    assert report == again
    assert report["random"]["games"] == 200
    assert {s["step"]: s["games"] for s in report["steps"]}["open"] == 200
    text = run_cli("walk", str(deal), "--random", "50").stdout
    assert "Random play of tiny-deal: 50 games, seed 0" in text


def test_walk_on_a_loop_says_it_was_cut_off(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            scenario: 1
            id: loop
            title: Loop
            cast: {cfo: {name: Dana}}
            vars: {n: 0}
            start: a
            steps:
              a:
                speaker: cfo
                line: Again.
                choices:
                  - {text: More, effects: {n: +1}, next: a}
                  - {text: Less, effects: {n: -1}, next: a}
                  - {text: Stop, next: done}
              done: {end: stall}
            """
        ),
        encoding="utf-8",
    )
    out = run_cli("walk", str(path), "--max-states", "300", timeout=30)
    assert out.returncode == 0
    assert "CUT OFF" in out.stdout and "cut off" in out.stderr
    report = json.loads(run_cli("walk", str(path), "--max-states", "300", "--json").stdout)
    assert report["truncated"] is True and report["states"] == 300


@pytest.mark.parametrize(
    "args",
    [
        ["graph", "{f}"],
        ["graph", "{f}", "--format", "dot"],
        ["walk", "{f}"],
        ["walk", "{f}", "--json"],
        ["walk", "{f}", "--random", "5"],
    ],
)
def test_invalid_file_gives_validate_diagnostics_and_exit_1(tmp_path, args):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    expected = run_cli("validate", str(path))
    assert expected.returncode == 1
    diag_lines = [ln for ln in expected.stdout.splitlines() if ": error: " in ln]
    assert diag_lines
    out = run_cli(*[a.format(f=path) for a in args])
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    for line in diag_lines:
        assert line in out.stderr + out.stdout


def test_missing_scenario_is_exit_2():
    out = run_cli("walk", "no-such-scenario-anywhere")
    assert out.returncode == 2 and "Traceback" not in out.stderr


def record(deal: Path, tmp_path: Path, replies: str, seed: str = "3") -> Path:
    script = tmp_path / "script.txt"
    script.write_text(replies, encoding="utf-8")
    golden = tmp_path / "tiny.golden.json"
    out = run_cli(
        "play",
        str(deal),
        "--script",
        str(script),
        "--record",
        str(golden),
        "--seed",
        seed,
        "--json",
        "--no-log",
    )
    assert out.returncode == 0, out.stderr
    return golden


def test_record_and_check_play_unchanged(deal, tmp_path):
    golden = record(deal, tmp_path, "what does it cost you\n1\n")
    data = json.loads(golden.read_text(encoding="utf-8"))
    assert data["scenario"] == "tiny-deal" and data["seed"] == 3
    assert data["replies"] == ["what does it cost you", "1"]
    assert data["relative_path"] == "tiny-deal.yaml" and data["rubric"]
    assert data["report"]["ending"] == "win"
    out = run_cli("check-play", str(golden))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok, 2 turns replayed as recorded, ending win" in out.stdout


def test_check_play_shows_route_line_and_ending_changes(deal, tmp_path):
    golden = record(deal, tmp_path, "what does it cost you\n1\n")
    edited = DEAL.replace("like: [what does it cost]", "like: [how long is your close]")
    # the choice's own words route typed replies by meaning too: change them as well
    edited = edited.replace("What does a slow close cost you?", "Can I show you a demo?")
    edited = edited.replace("line: Ten days a month.", "line: Twelve days a month.")
    deal.write_text(edited, encoding="utf-8")
    out = run_cli("check-play", str(golden))
    assert out.returncode == 1
    assert "turn 1: route was 'what does it cost', now else" in out.stdout
    assert "turn 1: next step was 'middle', now 'lost'" in out.stdout
    assert "ending was win, now loss" in out.stdout
    assert "conversation now ends before this reply" in out.stdout


def test_check_play_shows_a_changed_line(deal, tmp_path):
    golden = record(deal, tmp_path, "2\n1\n")
    deal.write_text(DEAL.replace("line: Ten days a month.", "line: Twelve days."), encoding="utf-8")
    out = run_cli("check-play", str(golden))
    assert out.returncode == 1
    assert "turn 2: line was cfo: 'Ten days a month.', now cfo: 'Twelve days.'" in out.stdout
    assert "ending" not in out.stdout  # still a win: only what changed is shown


def test_check_play_on_unreadable_golden_is_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = run_cli("check-play", str(bad))
    assert out.returncode == 2 and "bad JSON" in out.stderr
    bad.write_text('{"golden": 1}', encoding="utf-8")
    assert run_cli("check-play", str(bad)).returncode == 2
    assert run_cli("check-play", str(tmp_path / "missing.json")).returncode == 2


def test_check_play_on_a_scenario_that_became_invalid(deal, tmp_path):
    golden = record(deal, tmp_path, "2\n1\n")
    deal.write_text(DEAL.replace("next: won", "next: wonn"), encoding="utf-8")
    out = run_cli("check-play", str(golden))
    assert out.returncode == 1
    assert "wonn" in out.stderr and ": error: " in out.stderr
    assert "Traceback" not in out.stderr


def test_record_to_an_unwritable_place_is_a_message(deal, tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("2\n1\n", encoding="utf-8")
    out = run_cli(
        "play",
        str(deal),
        "--script",
        str(script),
        "--record",
        str(tmp_path / "no" / "g.json"),
        "--no-log",
    )
    assert out.returncode != 0
    assert "cannot write golden file" in out.stderr and "Traceback" not in out.stderr


def test_schema_command(tmp_path):
    out = run_cli("schema")
    assert out.returncode == 0
    schema = json.loads(out.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "steps" in schema["properties"]
    target = tmp_path / "scenario.schema.json"
    assert run_cli("schema", "--out", str(target)).returncode == 0
    assert json.loads(target.read_text(encoding="utf-8")) == schema


def test_new_refuses_bad_ids_and_overwrites(tmp_path):
    out = run_cli("new", "Bad_ID", cwd=tmp_path)
    assert out.returncode == 2 and "not a valid scenario id" in out.stderr
    assert not list(tmp_path.iterdir())
    assert run_cli("new", "ok-id", "--cast", "0", cwd=tmp_path).returncode == 2
    (tmp_path / "taken.yaml").write_text("keep me", encoding="utf-8")
    out = run_cli("new", "taken", cwd=tmp_path)
    assert out.returncode == 2 and "--force" in out.stderr
    assert (tmp_path / "taken.yaml").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("cast", [None, "1", "3"])
def test_new_writes_a_file_validate_accepts_with_no_warnings(tmp_path, cast):
    args = ["new", "my-first-scenario", "--title", 'The "hard" CFO: part 1']
    if cast:
        args += ["--cast", cast]
    out = run_cli(*args, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    path = tmp_path / "my-first-scenario.yaml"
    text = path.read_text(encoding="utf-8")
    assert "#" in text  # commented for the trainer
    assert "id: my-first-scenario" in text
    check = run_cli("validate", str(path))
    assert check.returncode == 0, check.stdout
    assert ": warning:" not in check.stdout and ": error:" not in check.stdout
    listed = json.loads(run_cli("walk", str(path), "--json").stdout)
    assert listed["endings"]
    if cast:
        from simulator.scenario.loader import check_file

        scenario, _ = check_file(path)
        # the starter's steps give lines to two people, so fewer is refused with a note
        assert len(scenario.cast) == max(int(cast), 2)
        assert ("note: kept 2 cast members" in out.stderr) == (cast == "1")
        assert scenario.title == 'The "hard" CFO: part 1'


@pytest.mark.slow
def test_the_trainer_loop(tmp_path):
    """new -> validate -> graph -> walk -> play --record -> edit -> check-play catches it."""
    assert run_cli("new", "loop-deal", "--out", "deal.yaml", cwd=tmp_path).returncode == 0
    path = tmp_path / "deal.yaml"
    assert run_cli("validate", str(path)).returncode == 0
    graph = run_cli("graph", str(path), "--format", "mermaid", "--out", "deal.mmd", cwd=tmp_path)
    assert graph.returncode == 0 and (tmp_path / "deal.mmd").stat().st_size > 0
    walked = json.loads(run_cli("walk", str(path), "--json").stdout)
    best = walked["best"]
    assert best is not None
    # play the walk's best path back as a script (choices by number, typed by a like phrase)
    script = "\n".join(
        str(r["choice"]) if r["kind"] == "choice" else r["reply"].replace("else", "zzzz")
        for r in best["replies"]
    )
    (tmp_path / "best.txt").write_text(script + "\n", encoding="utf-8")
    played = run_cli(
        "play",
        "deal.yaml",
        "--script",
        "best.txt",
        "--record",
        "deal.golden.json",
        "--seed",
        "1",
        "--json",
        "--no-log",
        cwd=tmp_path,
    )
    assert played.returncode == 0, played.stderr
    assert json.loads(played.stdout)["ending"] == best["ending"]
    assert run_cli("check-play", "deal.golden.json", cwd=tmp_path).returncode == 0
    # the trainer edits the first line the buyer says
    first = json.loads(played.stdout)["turns"][0]["line"]
    text = path.read_text(encoding="utf-8")
    assert first in text
    path.write_text(text.replace(first, "Something completely different.", 1), encoding="utf-8")
    out = run_cli("check-play", "deal.golden.json", cwd=tmp_path)
    assert out.returncode == 1
    assert "turn 1: line was" in out.stdout and "Something completely different." in out.stdout
