"""Headless play as DESIGN.md words it, the way reps feed scripts in (editors that
save a byte-order mark, PowerShell pipes, choice-only steps)."""

from __future__ import annotations

import json
import textwrap

from tests.conftest import run_cli

CHOICES_ONLY = textwrap.dedent(
    """\
    scenario: 1
    id: choices-only
    title: Choices only
    cast:
      cfo: {name: Dana}
    start: open
    steps:
      open:
        speaker: cfo
        line: Why pay more?
        choices:
          - text: Because it pays back.
            next: won
          - text: I can discount.
            next: lost
      won: {end: win}
      lost: {end: loss}
    """
)


def _write(tmp_path, text: str, name: str = "s.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_script_file_with_bom_and_crlf_reads_numbers_as_choices(tmp_path):
    scenario = _write(tmp_path, CHOICES_ONLY)
    script = tmp_path / "replies.txt"
    script.write_bytes(b"\xef\xbb\xbf2\r\n")  # Notepad's UTF-8: BOM, CRLF
    r = run_cli("play", str(scenario), "--script", str(script), "--json", "--no-log")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ending"] == "loss"
    assert report["turns"][0]["reply"] == "I can discount."
    assert report["turns"][0]["kind"] == "choice"


def test_stdin_script_with_bom_reads_numbers_as_choices(tmp_path):
    scenario = _write(tmp_path, CHOICES_ONLY)
    r = run_cli("play", str(scenario), "--script", "-", "--json", "--no-log", input="\ufeff1")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["turns"][0]["reply"] == "Because it pays back."


def test_typed_text_at_a_choice_only_step_names_line_and_offered_choices(tmp_path):
    scenario = _write(tmp_path, CHOICES_ONLY)
    r = run_cli(
        "play", str(scenario), "--script", "-", "--json", "--no-log", input="\nlet me think\n"
    )
    assert r.returncode == 1
    assert r.stdout == ""
    assert "script line 2" in r.stderr
    # what was on offer, not just how many
    assert "Because it pays back." in r.stderr and "I can discount." in r.stderr
    assert "Traceback" not in r.stderr


APOSTROPHES = textwrap.dedent(
    """\
    scenario: 1
    id: apostrophes
    title: Apostrophes
    cast:
      cfo: {name: Dana}
    start: open
    steps:
      open:
        speaker: cfo
        line: Why pay more?
        routes:
          - like: ["we don't need it"]
            next: lost
          - like: [wont budge]
            next: won
          - like: ["can't"]
            next: stalled
      won: {end: win}
      lost: {end: loss}
      stalled: {end: stall}
    """
)


def test_like_matching_ignores_apostrophes_as_punctuation(tmp_path):
    # "ignoring case, punctuation and extra spaces": fast typists drop apostrophes
    scenario = _write(tmp_path, APOSTROPHES)
    for reply, ending in [
        ("Honestly, we dont need it.", "loss"),
        ("We DON'T need it", "loss"),
        ("I won't budge on price", "win"),
        ("I won’t budge", "win"),
        ("I cant do that", "stall"),
    ]:
        r = run_cli(
            "play", str(scenario), "--script", "-", "--json", "--no-log", input=reply + "\n"
        )
        assert r.returncode == 0, (reply, r.stderr)
        assert json.loads(r.stdout)["ending"] == ending, reply


def test_a_number_at_a_typed_only_step_says_to_type_the_reply(tmp_path):
    scenario = _write(tmp_path, APOSTROPHES)
    r = run_cli("play", str(scenario), "--script", "-", "--json", "--no-log", input="1\n")
    assert r.returncode == 1
    assert "script line 1" in r.stderr and "no choices are offered" in r.stderr
    assert "takes typed replies" in r.stderr
