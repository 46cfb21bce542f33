"""Finding scenarios: paths, ids in user folders before the bundled library, shadowing."""

from __future__ import annotations

import textwrap

import pytest

from simulator.scenario import check_file
from simulator.scenario.library import (
    ScenarioNotFound,
    bundled_dir,
    list_library,
    resolve,
    search_dirs,
    user_dir,
)


def scenario_text(ident: str, title: str = "A title") -> str:
    return textwrap.dedent(f"""\
        scenario: 1
        id: {ident}
        title: {title}
        difficulty: 4
        skills: [courage]
        cast: {{cfo: {{name: Dana}}}}
        start: a
        steps:
          a: {{speaker: cfo, line: Hi, choices: [{{text: Bye, next: b}}]}}
          b: {{end: win}}
        """)


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def bundled_ids() -> list[str]:
    return [e.id for e in list_library() if e.source == "bundled"]


def test_user_dir_follows_the_user_data_directory(isolated_user_data):
    assert user_dir() == isolated_user_data / "repcraft" / "scenarios"


def test_bundled_library_is_found_and_every_bundled_scenario_is_valid():
    folder = bundled_dir()
    files = sorted(folder.glob("*.yaml"))
    assert len(files) >= 3
    for path in files:
        scenario, diagnostics = check_file(path)
        assert scenario is not None, "\n".join(d.format() for d in diagnostics)


def test_search_order_is_extra_then_user_then_bundled(tmp_path):
    assert search_dirs([str(tmp_path)]) == [tmp_path, user_dir(), bundled_dir()]


def test_an_existing_file_path_wins(tmp_path):
    path = write(tmp_path, "anything.yml", "not even a scenario")
    assert resolve(str(path)) == path


def test_id_found_in_an_extra_folder_recursively(tmp_path):
    path = write(tmp_path, "deep/er/file-name-differs.yaml", scenario_text("my-drill"))
    assert resolve("my-drill", [str(tmp_path)]) == path


def test_bundled_id_is_found():
    ident = bundled_ids()[0]
    assert resolve(ident).parent == bundled_dir()


def test_user_scenario_shadows_the_bundled_one(tmp_path):
    ident = bundled_ids()[0]
    user = write(user_dir(), "mine.yaml", scenario_text(ident, "My version"))
    assert resolve(ident) == user
    entries = [e for e in list_library() if e.id == ident]
    assert [(e.source, e.title == "My version") for e in entries] == [
        ("user", True),
        ("bundled", False),
    ]
    assert entries[0].shadows == entries[1].path
    assert entries[1].shadowed_by == user


def test_extra_folder_is_searched_before_the_user_folder(tmp_path):
    write(user_dir(), "a.yaml", scenario_text("same-id"))
    extra = write(tmp_path, "b.yaml", scenario_text("same-id"))
    assert resolve("same-id", [str(tmp_path)]) == extra


def test_unknown_id_lists_close_ids(tmp_path):
    write(tmp_path, "x.yaml", scenario_text("price-objection"))
    with pytest.raises(ScenarioNotFound) as info:
        resolve("price-objections", [str(tmp_path)])
    assert isinstance(info.value, LookupError)
    assert "price-objection" in info.value.close
    assert "did you mean 'price-objection'" in str(info.value)


def test_unknown_id_without_close_ids_points_at_list():
    with pytest.raises(ScenarioNotFound, match="repcraft list"):
        resolve("zzzzzzzzzzzzzzzz")


def test_invalid_files_are_listed_with_their_diagnostics(tmp_path):
    write(tmp_path, "broken.yaml", "scenario: 1\nid: broken-one\ntitle: [oops\n")
    write(tmp_path, "good.yaml", scenario_text("good-one", "Good one"))
    entries = {e.id: e for e in list_library([str(tmp_path)]) if e.source == "user"}
    assert set(entries) == {"broken-one", "good-one"}
    broken = entries["broken-one"]
    assert not broken.valid and broken.diagnostics[0].line == 3
    good = entries["good-one"]
    assert good.valid and (good.title, good.difficulty, good.skills) == (
        "Good one",
        4,
        ("courage",),
    )


def test_missing_extra_folder_is_ignored(tmp_path):
    entries = list_library([str(tmp_path / "nope")])
    assert {e.source for e in entries} == {"bundled"}


def test_list_warns_when_two_user_files_share_an_id(tmp_path, isolated_user_data, capsys):
    import argparse

    from simulator.commands.list_scenarios import run

    first = write(tmp_path, "a.yaml", scenario_text("same-id"))
    second = write(tmp_path, "sub/b.yaml", scenario_text("same-id", "Another"))
    write(tmp_path, "c.yaml", scenario_text("other-id"))
    for as_json in (False, True):
        assert run(argparse.Namespace(scenarios=[str(tmp_path)], json=as_json)) == 0
        warnings = [
            line for line in capsys.readouterr().err.splitlines() if "is also the id" in line
        ]
        assert warnings == [
            f"repcraft: warning: {second}: id 'same-id' is also the id of {first} (hint: give "
            "each scenario its own id; 'repcraft play same-id' finds only one)"
        ]
