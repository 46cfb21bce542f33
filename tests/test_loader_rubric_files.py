"""Rubric files beside scenarios: never read as scenarios, and a scenario's ``rubric:``
checked by validate the way play, walk and score would use it."""

from __future__ import annotations

import argparse

from simulator.commands.validate import check_all, collect_files
from simulator.scenario import check_file, check_text
from simulator.scenario.files import find_scenario_files
from simulator.scenario.library import list_library
from tests.conftest import run_cli

SCENARIO = """\
scenario: 1
id: with-rubric
title: T
rubric: RUBRIC
cast: {cfo: {name: Dana}}
start: a
steps:
  a: {speaker: cfo, line: Hi, routes: [{else: b}]}
  b: {end: win}
"""

GOOD_RUBRIC = "version: team-1\nrules:\n  hedge:\n    phrases: [kind of]\n"
BAD_RUBRIC = "version: x\nrules:\n  hedge:\n    phrasez: [a]\n"


def scenario(rubric: str) -> str:
    return SCENARIO.replace("RUBRIC", rubric)


# -- rubric files are not scenarios ------------------------------------------------------


def test_folder_scans_skip_rubric_files(tmp_path):
    (tmp_path / "s.yaml").write_text(scenario("team.rubric.yaml"))
    for name in ("team.rubric.yaml", "b.rubric.yml", "c.rubric.json", "D.Rubric.YAML"):
        (tmp_path / name).write_text(GOOD_RUBRIC)
    assert [p.name for p in find_scenario_files(tmp_path)] == ["s.yaml"]
    files, missing, empty = collect_files([str(tmp_path)])
    assert [p.name for p in files] == ["s.yaml"] and not missing and not empty


def test_list_skips_rubric_files(tmp_path, isolated_user_data):
    (tmp_path / "s.yaml").write_text(scenario("team.rubric.yaml"))
    (tmp_path / "team.rubric.yaml").write_text(GOOD_RUBRIC)
    users = [e for e in list_library([str(tmp_path)], cache=False) if e.source == "user"]
    assert [(e.path.name, e.valid) for e in users] == [("s.yaml", True)]


def test_a_rubric_named_like_a_scenario_is_one_error_saying_so():
    text = "version: team-1\nrules:\n  hedge:\n    phrases: [kind of]\nfacts: [x]\n"
    result, diagnostics = check_text(text, "scenarios/team.yaml")
    assert result is None and len(diagnostics) == 1, [d.format() for d in diagnostics]
    d = diagnostics[0]
    assert (d.line, d.col) == (1, 1) and "rubric" in d.message
    assert "this looks like a rubric file: name it team.rubric.yaml" in d.hint


def test_a_scenario_with_a_stray_rubric_key_is_still_read_as_a_scenario():
    text = scenario("x").replace("rubric: x\n", "facts: [x]\n")
    _, diagnostics = check_text(text, "t.yaml")
    assert [d.message for d in diagnostics] == ["unknown key 'facts' in the scenario"]


def test_playing_a_rubric_file_says_it_is_a_rubric_file(tmp_path):
    (tmp_path / "team.rubric.yaml").write_text(GOOD_RUBRIC)
    result, diagnostics = check_file(tmp_path / "team.rubric.yaml")
    assert result is None and len(diagnostics) == 1
    assert "this is a rubric file" in diagnostics[0].message


def test_validate_checks_a_rubric_file_named_directly_as_a_rubric(tmp_path):
    (tmp_path / "good.rubric.yaml").write_text(GOOD_RUBRIC)
    (tmp_path / "bad.rubric.yaml").write_text(BAD_RUBRIC)
    files, _, _ = collect_files(
        [str(tmp_path / "good.rubric.yaml"), str(tmp_path / "bad.rubric.yaml")]
    )
    good, bad = check_all(files)
    assert good["kind"] == "rubric" and good["valid"] and good["diagnostics"] == []
    assert bad["kind"] == "rubric" and not bad["valid"]
    (d,) = bad["diagnostics"]
    assert (d.path, d.line, d.col) == (str(tmp_path / "bad.rubric.yaml"), 4, 5)
    assert "phrasez" in d.message and d.hint == "did you mean 'phrases'?"


# -- a scenario's rubric: ---------------------------------------------------------------


def test_a_missing_rubric_file_is_an_error_at_the_rubric_key(tmp_path):
    (tmp_path / "s.yaml").write_text(scenario("nothere.yaml"))
    result, diagnostics = check_file(tmp_path / "s.yaml")
    assert result is None and len(diagnostics) == 1
    d = diagnostics[0]
    assert (d.severity, d.line, d.col) == ("error", 4, 9)
    assert "rubric file 'nothere.yaml' not found" in d.message
    assert "relative to this scenario file" in d.hint


def test_a_rubric_path_that_is_a_folder_is_an_error(tmp_path):
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "s.yaml").write_text(scenario("rubrics"))
    _, diagnostics = check_file(tmp_path / "s.yaml")
    assert [(d.line, "is a folder" in d.message) for d in diagnostics] == [(4, True)]


def test_validate_reports_the_rubric_files_own_error(tmp_path):
    (tmp_path / "s.yaml").write_text(scenario("team.rubric.yaml"))
    (tmp_path / "team.rubric.yaml").write_text(BAD_RUBRIC)
    (result,) = check_all([tmp_path / "s.yaml"])
    assert not result["valid"] and result["id"] == "with-rubric"
    (d,) = result["diagnostics"]
    assert d.path.endswith("team.rubric.yaml") and (d.line, d.col) == (4, 5)
    (tmp_path / "team.rubric.yaml").write_text(GOOD_RUBRIC)
    (result,) = check_all([tmp_path / "s.yaml"])
    assert result["valid"] and result["diagnostics"] == []


def test_validate_and_play_agree_on_a_missing_rubric(tmp_path):
    (tmp_path / "s.yaml").write_text(scenario("nothere.yaml"))
    where = f"{tmp_path / 's.yaml'}:4:9: error: rubric file 'nothere.yaml' not found"
    validate = run_cli("validate", str(tmp_path / "s.yaml"))
    assert validate.returncode == 1 and where in validate.stdout, validate.stdout
    play = run_cli("play", str(tmp_path / "s.yaml"), input="")
    assert play.returncode == 1 and where in play.stderr, play.stderr


def test_list_sees_a_rubric_file_appear_despite_the_cache(tmp_path, isolated_user_data):
    (tmp_path / "s.yaml").write_text(scenario("team.rubric.yaml"))

    def listed():
        (entry,) = [e for e in list_library([str(tmp_path)]) if e.source == "user"]
        return entry.valid

    assert listed() is False
    (tmp_path / "team.rubric.yaml").write_text(GOOD_RUBRIC)
    assert listed() is True


def test_validate_main_counts_rubric_errors(tmp_path, capsys):
    from simulator.commands.validate import run

    (tmp_path / "s.yaml").write_text(scenario("team.rubric.yaml"))
    (tmp_path / "team.rubric.yaml").write_text(BAD_RUBRIC)
    code = run(argparse.Namespace(paths=[str(tmp_path)], json=False))
    out = capsys.readouterr().out
    assert code == 1 and "team.rubric.yaml:4:5: error" in out
    assert out.strip().endswith("1 file checked: 1 error, 0 warnings (1 file invalid)")
