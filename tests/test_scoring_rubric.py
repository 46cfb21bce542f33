"""Trainer rubric files: extending the default, and clear errors for bad files."""

from __future__ import annotations

import json

import pytest

from simulator.scoring import (
    RUBRIC_VERSION,
    ReplyContext,
    RubricError,
    default_rubric,
    load_rubric,
    score_reply,
)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_default_is_cached_and_versioned():
    assert load_rubric() is default_rubric() is load_rubric(None)
    assert default_rubric().version == RUBRIC_VERSION


def test_yaml_extension_adds_phrases_rules_and_facts(tmp_path):
    path = write(
        tmp_path,
        "team.yaml",
        "version: acme-2\n"
        "rules:\n"
        "  buzzword:\n"
        "    phrases: [hyperautomation]\n"
        "  names_competitor:\n"
        "    weights: {courage: 5}\n"
        "    note: You named the competitor head-on.\n"
        "    phrases: [Brightline]\n"
        "facts:\n"
        "  - Ledgerly reconciles 94% of bank lines automatically\n",
    )
    rubric = load_rubric(path)
    assert rubric.version == f"{RUBRIC_VERSION}+acme-2"
    text = "Unlike Brightline, our hyperautomation reconciles 94% of bank lines automatically."
    got = {ev.rule for ev in score_reply(text, ReplyContext(), rubric).evidence}
    assert {"buzzword", "names_competitor", "proof_point"} <= got
    default_got = {ev.rule for ev in score_reply(text, ReplyContext()).evidence}
    assert "names_competitor" not in default_got and "proof_point" not in default_got


def test_json_extension_can_disable_and_reweight(tmp_path):
    data = {"rules": {"apology": {"enabled": False}, "hedge": {"weights": {"courage": -1}}}}
    rubric = load_rubric(write(tmp_path, "r.json", json.dumps(data)))
    got = score_reply("Sorry, maybe.", ReplyContext(), rubric)
    assert "apology" not in {ev.rule for ev in got.evidence}
    assert got.scores["courage"] == 49
    assert got.scores["belief"] == 44  # belief weight of hedge kept


def test_later_files_merge_over_earlier(tmp_path):
    a = write(tmp_path, "a.yaml", "rules:\n  hedge:\n    weights: {courage: -2}\n")
    b = write(tmp_path, "b.yaml", "rules:\n  hedge:\n    weights: {courage: -4}\n")
    got = score_reply("maybe", ReplyContext(), load_rubric(a, b))
    assert got.scores["courage"] == 46


@pytest.mark.parametrize(
    ("name", "text", "where", "words"),
    [
        ("bad.yaml", "rules:\n  hedge:\n    phrases: [maybe\n", (3, 14), "is not closed properly"),
        ("bad.yaml", "rules:\n  hedge:\n    phrasez: [maybe]\n", (3, 5), "did you mean 'phrases'"),
        ("bad.yaml", "rulez: {}\n", (1, 1), "did you mean 'rules'"),
        ("bad.yaml", "rules:\n  hedge:\n    weights: {courage: lots}\n", (3, 15), "from -50 to 50"),
        ("bad.yaml", "rules:\n  hedge:\n    weights: {bravery: 3}\n", (3, 15), "unknown dimension"),
        ("bad.yaml", "rules:\n  x:\n    patterns: ['(unclosed']\n", (3, 16), "bad pattern"),
        ("bad.yaml", "rules:\n  newrule:\n    phrases: [hi]\n", (2, 3), "needs weights, note"),
        ("bad.yaml", "a: &x 1\nb: *x\n", (1, 4), "rubric files do not use anchors"),
        (
            "bad.yaml",
            "rules: !!python/object:os.system {}\n",
            (1, 8),
            "rubric files do not use tags",
        ),
        ("bad.yaml", "rules:\n  <<: {hedge: {}}\n", (2, 3), "is a YAML merge key"),
        ("bad.yaml", "facts: [a]\n---\nfacts: [b]\n", (2, 1), "put each rubric in its own file"),
        ("bad.yaml", "a:\n" + "".join("  " * i + "- \n" for i in range(1, 18)), None, "nested"),
        ("bad.yaml", "rules:\n  hedge: {}\n  hedge: {}\n", (3, 3), "duplicate key"),
        ("bad.yaml", "- just\n- a list\n", (1, 1), "mapping at the top level"),
        ("bad.yaml", "", (1, 1), "empty"),
        # (a missing comma: Python 3.13's json says a trailing comma one column earlier)
        ("bad.json", '{"rules": {"hedge": {"phrases": ["a" "b"]}}}', (1, 38), "invalid JSON"),
        ("bad.json", '{"rules": {"hedge": {"max_hits": 0}}}', (1, 22), "max_hits"),
        ("bad.yaml", "stopwords: [maybe, yes]\n", (1, 20), "quote the word"),
        ("bad.yaml", "rules:\n  hedge:\n    phrases: [ok, 2024]\n", (3, 19), "quote it ('2024')"),
    ],
)
def test_malformed_files_get_path_line_col(tmp_path, name, text, where, words):
    path = write(tmp_path, name, text)
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    message = str(info.value)
    assert message.startswith(path + ":"), message
    assert ": error: " in message and words in message, message
    if where is not None:
        assert (info.value.line, info.value.col) == where, message


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(RubricError, match="cannot read rubric file"):
        load_rubric(str(tmp_path / "nope.yaml"))


def test_not_utf8(tmp_path):
    p = tmp_path / "latin.yaml"
    p.write_bytes(b"rules:\n  hedge:\n    phrases: [caf\xe9]\n")
    with pytest.raises(RubricError, match="UTF-8"):
        load_rubric(str(p))


def test_edited_file_is_reloaded(tmp_path):
    path = write(tmp_path, "r.yaml", "rules:\n  hedge:\n    weights: {courage: -2}\n")
    assert score_reply("maybe", ReplyContext(), load_rubric(path)).scores["courage"] == 48
    import os

    write(tmp_path, "r.yaml", "rules:\n  hedge:\n    weights: {courage: -3}\n")
    os.utime(path, ns=(1, 10**18))
    assert score_reply("maybe", ReplyContext(), load_rubric(path)).scores["courage"] == 47


def test_docs_list_every_rule_of_the_default_rubric():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "docs" / "scoring.md"
    text = docs.read_text(encoding="utf-8")
    for name in default_rubric().rules:
        assert f"`{name}`" in text, name


def test_yaml_values_are_typed_as_safe_load_types_them(tmp_path):
    """One reader for scenarios and rubric files; plain words are typed as YAML's
    safe loader types them (keys stay text), quoted ones stay text."""
    from simulator.scenario.rubric_file import read_rubric_file

    path = write(
        tmp_path,
        "r.yaml",
        "no: {enabled: no, max_hits: 0x3, w: 1_0, f: .5, n: ~, t: '12', d: 2024-01-02}\n"
        "list:\n  - yes\n  - 'yes'\n",
    )
    data, positions, _raw = read_rubric_file(path)
    assert data == {
        "no": {
            "enabled": False,
            "max_hits": 3,
            "w": 10,
            "f": 0.5,
            "n": None,
            "t": "12",
            "d": "2024-01-02",
        },
        "list": [True, "yes"],
    }
    assert positions[("no",)] == (1, 1) and positions[("no", "t")] == (1, 55)
    assert positions[("list", 1)] == (4, 5)


def test_only_the_scenario_reader_parses_yaml():
    """yaml_nodes is the one YAML reader: no other module parses YAML itself."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "simulator"
    call = re.compile(r"\byaml\.(parse|compose|load|safe_load|full_load|unsafe_load|load_all)\(")
    readers = sorted(
        str(p.relative_to(root)) for p in root.rglob("*.py") if call.search(p.read_text("utf-8"))
    )
    assert readers == ["scenario/yaml_nodes.py"]


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("helpers:\n  h:\n    phrasez: [a]\n", (3, 5), "helper 'h' takes only phrases"),
        ("helpers:\n  h:\n    phrases: [a, 3]\n", (3, 18), "quote it ('3')"),
        ("synonyms: [[a, b], c]\n", (1, 20), "each synonym group is a list of words"),
        ("diminishing: 2\n", (1, 1), "'diminishing' must be a number from 0 to 1"),
        ("rules:\n  hedge:\n    detector: ech0\n", (3, 5), "did you mean 'echo'"),
        ("rules:\n  hedge: 5\n", (2, 3), "rule 'hedge' must be a mapping"),
        ("rules: [hedge]\n", (1, 1), "'rules' must be a mapping of rule names"),
        ("rules:\n  hedge:\n    enabled: maybe\n", (3, 5), "'enabled' must be true or false"),
        ("rules:\n  hedge:\n    note: 5\n", (3, 5), "'note' must be text"),
        # two problems: the one nearer the top of the file is reported
        ("rules:\n  hedge:\n    max_hits: 99\nfacts: 3\nrulez: {}\n", (3, 5), "max_hits"),
    ],
)
def test_the_schema_names_the_first_problem_at_its_key(tmp_path, text, where, words):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(RubricError) as info:
        load_rubric(path)
    assert words in str(info.value) and (info.value.line, info.value.col) == where, info.value


def test_the_extension_schema_is_valid_and_the_default_rubric_fits_it():
    from jsonschema import Draft202012Validator

    from simulator.scoring.rubric import _default_data
    from simulator.scoring.rubric_check import extension_schema

    Draft202012Validator.check_schema(extension_schema())
    assert list(Draft202012Validator(extension_schema()).iter_errors(_default_data())) == []
