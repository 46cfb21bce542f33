"""``repcraft validate`` and ``repcraft list`` as a user runs them (subprocesses)."""

from __future__ import annotations

import json
import re

from tests.conftest import run_cli

GOOD = """\
scenario: 1
id: cli-good
title: Good
cast: {cfo: {name: Dana}}
start: a
steps:
  a: {speaker: cfo, line: Hi, choices: [{text: Bye, next: b}]}
  b: {end: win}
"""

DIAGNOSTIC = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): .+")


def test_validate_a_good_file_exits_0(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    result = run_cli("validate", str(tmp_path / "good.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "1 file checked: 0 errors, 0 warnings"


def test_validate_a_folder_reports_every_bad_file_and_exits_1(tmp_path):
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "dup.yml").write_text(
        GOOD.replace("cli-good", "cli-dup").replace(
            "  b: {end: win}\n", "  b: {end: win}\n  b: {end: loss}\n"
        )
    )
    (tmp_path / "sub" / "list.yaml").write_text("- not\n- a scenario\n")
    (tmp_path / "notes.txt").write_text("ignored")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    found = [DIAGNOSTIC.match(line).groupdict() for line in lines[:-1]]
    assert [
        (f["path"].endswith(name), f["line"], f["sev"])
        for f, name in zip(found, ["dup.yml", "list.yaml"], strict=True)
    ] == [(True, "9", "error"), (True, "1", "error")]
    assert "(hint: " in lines[0]
    assert lines[-1] == "3 files checked: 2 errors, 0 warnings (2 files invalid)"


def test_validate_warnings_alone_exit_0(tmp_path):
    (tmp_path / "w.yaml").write_text(GOOD + "  orphan: {end: loss}\n")
    result = run_cli("validate", str(tmp_path / "w.yaml"))
    assert result.returncode == 0
    assert re.match(r".*w\.yaml:9:3: warning: step 'orphan' can never be reached", result.stdout)
    assert result.stdout.splitlines()[-1] == "1 file checked: 0 errors, 1 warning"


def test_validate_a_missing_path_exits_2(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2
    assert "no such file or folder" in result.stderr and result.stdout == ""


def test_validate_without_paths_is_bad_usage():
    result = run_cli("validate")
    assert result.returncode == 2 and "usage" in result.stderr


def test_validate_json(tmp_path):
    (tmp_path / "bad.yaml").write_text(GOOD.replace("next: b", "next: c"))
    result = run_cli("validate", "--json", str(tmp_path / "bad.yaml"))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1 and report["warnings"] == 0
    (entry,) = report["files"]
    assert entry["valid"] is False
    assert (
        entry["diagnostics"][0]["line"] == 7
        and "names no step" in entry["diagnostics"][0]["message"]
    )


def test_validate_never_shows_a_traceback_on_hostile_input(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"\xff\xfe\x00garbage")
    (tmp_path / "b.yaml").write_text("x: !!python/object/apply:os.system [echo pwned]\n")
    (tmp_path / "c.yaml").write_text("a: &a [1,2]\nb: [*a,*a]\n")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr and "pwned" not in result.stdout
    assert result.stdout.count(": error: ") == 3


def test_validate_the_bundled_library_exits_0():
    result = run_cli("validate", "scenarios")
    assert result.returncode == 0, result.stdout


def test_list_shows_bundled_and_user_scenarios(tmp_path):
    (tmp_path / "mine.yaml").write_text(GOOD)
    (tmp_path / "broken.yaml").write_text("scenario: 1\nid: broken\n")
    result = run_cli("list", "--scenarios", str(tmp_path))
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "TITLE", "DIFF", "SKILLS", "SOURCE"]
    assert any(r.startswith("cli-good ") and r.rstrip().endswith("user") for r in rows)
    assert any(r.startswith("broken ") and "INVALID line 1" in r for r in rows)
    assert sum(r.rstrip().endswith("bundled") for r in rows) >= 3
    assert "broken.yaml: invalid" in result.stderr


def test_list_json_and_shadow_warning(tmp_path):
    listed = json.loads(run_cli("list", "--json").stdout)
    bundled = next(e for e in listed if e["source"] == "bundled")
    (tmp_path / "shadow.yaml").write_text(GOOD.replace("cli-good", bundled["id"]))
    result = run_cli("list", "--scenarios", str(tmp_path))
    assert "warning:" in result.stderr and f"'{bundled['id']}'" in result.stderr
    entries = json.loads(run_cli("list", "--json", "--scenarios", str(tmp_path)).stdout)
    mine = next(e for e in entries if e["source"] == "user")
    assert mine["shadows"] == bundled["path"]
    assert set(mine) >= {
        "id",
        "title",
        "path",
        "source",
        "difficulty",
        "skills",
        "valid",
        "diagnostics",
    }


def test_list_with_a_missing_scenarios_folder_exits_2(tmp_path):
    result = run_cli("list", "--scenarios", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no such folder" in result.stderr
