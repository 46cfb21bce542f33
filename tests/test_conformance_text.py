"""Text stays literal on every CLI path: Rich markup is shown as typed and escape
sequences from a scenario file are shown (as ``\\x1b``), never sent to the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO, run_cli

ENV = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}

# YAML double-quoted escapes: \x1b is ESC, \x07 is BEL.
MARKUP = textwrap.dedent(
    r"""
    scenario: 1
    id: markup-literal
    title: "[bold]Bold[/] title \x1b]0;pwned\x07"
    cast:
      cfo: {name: "[bold]Dana[/]", role: CFO}
    start: open
    steps:
      open:
        speaker: cfo
        line: "Say [bold]x[/] then [/] and \x1b[31mred\x1b[0m and \x1b]0;title\x07 done"
        choices:
          - text: "Pick [bold]me[/] \x1b[31mnow"
            next: won
      won:
        speaker: cfo
        line: "Closing [green]ok[/] \x1b[2J"
        end: win
    """
).lstrip()

RAW_CONTROL = ("\x1b", "\x07")


@pytest.fixture
def scenario_path(tmp_path):
    path = tmp_path / "markup.yaml"
    path.write_text(MARKUP, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_graph_shows_escape_sequences_and_markup_literally(scenario_path, fmt):
    r = run_cli("graph", str(scenario_path), "--format", fmt)
    assert r.returncode == 0, r.stderr
    for ch in RAW_CONTROL:
        assert ch not in r.stdout
    assert "[bold]x[/]" in r.stdout
    # the escape sequence is shown, not silently dropped
    assert "\\x1b[31m" in r.stdout.replace("\\\\", "\\")


def test_export_markdown_shows_escape_sequences_literally(scenario_path):
    played = run_cli("play", str(scenario_path), "--script", "-", "--json", input="1\n")
    assert played.returncode == 0, played.stderr
    exported = run_cli("export", "--format", "jsonl")
    session_id = json.loads(exported.stdout.splitlines()[-1])["id"]
    r = run_cli("export", "--session", str(session_id), "--format", "md")
    assert r.returncode == 0, r.stderr
    for ch in RAW_CONTROL:
        assert ch not in r.stdout
    assert "x1b" in r.stdout and "31m" in r.stdout


def test_export_csv_spells_out_control_characters(scenario_path):
    played = run_cli("play", str(scenario_path), "--script", "-", "--json", input="1\n")
    assert played.returncode == 0, played.stderr
    r = run_cli("export", "--format", "csv")
    assert r.returncode == 0, r.stderr
    for ch in RAW_CONTROL:
        assert ch not in r.stdout
    assert "title \\x1b]0;pwned\\x07" in r.stdout  # the scenario's title, spelled out


def test_stats_recommendation_shows_a_user_title_literally(tmp_path):
    # With an empty log the gentlest scenario is recommended; a user file shadows it.
    first = json.loads(run_cli("stats", "--json").stdout)["recommendation"]
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        MARKUP.replace("id: markup-literal", f"id: {first['id']}").replace(
            "title:", f"difficulty: {first['difficulty']}\ntitle:"
        ),
        encoding="utf-8",
    )
    r = run_cli("stats", "--scenarios", str(folder))
    assert r.returncode == 0, r.stderr
    assert "[bold]Bold[/] title" in r.stdout  # the user one is what is recommended
    for ch in RAW_CONTROL:
        assert ch not in r.stdout


BIDI = textwrap.dedent(
    r"""
    scenario: 1
    id: bidi-literal
    title: "Bidi \u202etxt.exe"
    cast:
      cfo: {name: Dana}
    start: open
    steps:
      open:
        speaker: cfo
        line: "Reads \u202ebackwards\u202c here"
        choices:
          - text: |
              Two lines
              in a literal block
            next: won
      won:
        end: win
    """
).lstrip()


def test_bidi_overrides_are_spelled_out_and_line_breaks_read_as_spaces(tmp_path):
    path = tmp_path / "bidi.yaml"
    path.write_text(BIDI, encoding="utf-8")
    r = run_cli("play", str(path), "--script", "-", input="1\n")
    assert r.returncode == 0, r.stderr
    assert "\u202e" not in r.stdout and "\\u202e" in r.stdout
    assert "Two lines in a literal block" in r.stdout and "\\x0a" not in r.stdout
    listed = run_cli("list", "--scenarios", str(tmp_path))
    assert "\u202e" not in listed.stdout and "\\u202e" in listed.stdout


def test_bytes_that_are_not_utf8_in_a_script_become_replacement_characters(tmp_path):
    script = tmp_path / "bad.txt"
    script.write_bytes(b"caf\xe9 bad\n2\n")
    db = str(tmp_path / "log.sqlite3")
    for args in (["--script", str(script)], ["--script", "-"]):
        r = subprocess.run(
            [sys.executable, "-m", "simulator", "play", "cfo-price-pushback", *args,
             "--json", "--db", db],
            input=script.read_bytes(), capture_output=True, cwd=REPO, env=ENV, timeout=60,
        )  # fmt: skip
        assert r.returncode in (0, 3), r.stderr
        assert b"Traceback" not in r.stderr
        assert json.loads(r.stdout)["turns"][0]["reply"] == "caf\ufffd bad"
