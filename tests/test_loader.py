"""Good scenario files load into the right model: texts literal, effects and conditions parsed.

Each test builds a tiny scenario from an inline string (the inkle style)."""

from __future__ import annotations

import hashlib
import re
import textwrap

import pytest

from simulator.scenario import ScenarioError, check_file, check_text, load_scenario
from simulator.scenario.loader import find_scenario_files
from simulator.scenario.model import Position


def load(text: str, path: str = "t.yaml"):
    scenario, diagnostics = check_text(textwrap.dedent(text).lstrip("\n"), path)
    assert scenario is not None, "\n".join(d.format() for d in diagnostics)
    return scenario, diagnostics


EXAMPLE = """
scenario: 1                 # format version, required
id: cfo-price-pushback      # unique slug
title: The CFO says you're 30% too expensive
summary: |
  Late-stage deal. Your champion brought in the CFO,
  who opens with price.
difficulty: 3
skills: [courage, belief]
tags: [objection, price]
reply_seconds: 45
product:
  name: Ledgerly
  facts:
    - Customers cut month-end close from 10 days to 4
  false_claims: [integrates with SAP]
cast:
  cfo:
    name: Dana Ruiz
    role: CFO
    persona: Skeptical.
    trust: 30
    belief: 20
  champion:
    name: Sam Ode
vars:
  discounted: false
  rounds: 0
start: open
steps:
  open:
    speaker: cfo
    line: You're 30% above the other vendor. Why would I pay that?
    variants:
      - Your quote is 30% higher. Convince me.
    choices:
      - text: I can take 30% off if you sign this week.
        score: {courage: -2, belief: -2}
        effects: {cfo.belief: -10, discounted: true, rounds: +1.5}
        feedback: Discounting first says you don't believe the price.
        next: lost
      - text: Fair question. What does a day of close cost you?
        score: {courage: +2, authenticity: 1}
        effects: {cfo.trust: +10, champion.belief: = 80}
        when: cfo.trust >= 30 and not discounted
        next: cost
    routes:
      - like: [what does it cost you, how long is your close]
        next: cost
      - like: [discount]
        effects: {discounted: true}
        when: rounds < 2
        threshold: 0.45
        next: lost
      - else: cost
    model_answer: >-
      I'd rather earn the 30%
      than discount it.
  cost:
    speaker: cfo
    line: Ten days, three people.
    interjections:
      - speaker: champion
        when: champion.belief >= 60
        line: That's what I told you, Dana.
      - speaker: champion
        line: "Yes: exactly."
    choices:
      - text: Let's put a number on it together.
        next: won
  lost:
    speaker: cfo
    line: Your price was never real.
    end: loss
  won:
    end: win
"""


def test_the_format_example_loads_with_every_field():
    s, diagnostics = load(EXAMPLE)
    assert diagnostics == []
    assert (s.id, s.title, s.start, s.difficulty, s.reply_seconds) == (
        "cfo-price-pushback",
        "The CFO says you're 30% too expensive",
        "open",
        3,
        45,
    )
    assert s.summary == "Late-stage deal. Your champion brought in the CFO,\nwho opens with price."
    assert s.skills == ("courage", "belief") and s.tags == ("objection", "price")
    assert s.product.name == "Ledgerly" and s.product.false_claims == ("integrates with SAP",)
    assert s.cast["cfo"].role == "CFO" and (s.cast["cfo"].trust, s.cast["cfo"].belief) == (30, 20)
    # meters default to 50
    assert (s.cast["champion"].trust, s.cast["champion"].belief) == (50, 50)
    assert dict(s.vars) == {"discounted": False, "rounds": 0}
    assert list(s.steps) == ["open", "cost", "lost", "won"]


def test_effects_scores_and_conditions_are_parsed():
    s, _ = load(EXAMPLE)
    first, second = s.steps["open"].choices
    assert dict(first.score) == {"courage": -2, "belief": -2}
    assert [(e.target, e.op, e.value) for e in first.effects] == [
        ("cfo.belief", "add", -10),
        ("discounted", "set", True),
        ("rounds", "add", 1.5),
    ]
    assert [(e.target, e.op, e.value) for e in second.effects] == [
        ("cfo.trust", "add", 10),
        ("champion.belief", "set", 80),
    ]
    assert dict(second.score) == {"courage": 2, "authenticity": 1}
    values = {"cfo.trust": 35, "discounted": False}
    assert second.when.evaluate(values.__getitem__) is True
    values["discounted"] = True
    assert second.when.evaluate(values.__getitem__) is False
    assert first.when is None and first.index == 0 and second.index == 1


def test_routes_keep_order_and_else():
    s, _ = load(EXAMPLE)
    routes = s.steps["open"].routes
    assert [(r.index, r.next, r.is_else) for r in routes] == [
        (0, "cost", False),
        (1, "lost", False),
        (2, "cost", True),
    ]
    assert routes[0].like == ("what does it cost you", "how long is your close")
    assert str(routes[1].when) == "rounds < 2"
    assert s.steps["open"].else_route is routes[2]


def test_lines_variants_interjections_and_endings():
    s, _ = load(EXAMPLE)
    open_ = s.steps["open"]
    assert open_.phrasings == (
        "You're 30% above the other vendor. Why would I pay that?",
        "Your quote is 30% higher. Convince me.",
    )
    assert open_.model_answer == "I'd rather earn the 30% than discount it."
    cost = s.steps["cost"]
    assert [(i.speaker, i.line, str(i.when) if i.when else None) for i in cost.interjections] == [
        ("champion", "That's what I told you, Dana.", "champion.belief >= 60"),
        ("champion", "Yes: exactly.", None),
    ]
    assert s.steps["lost"].end == "loss" and s.steps["lost"].line == "Your price was never real."
    assert s.steps["won"].is_ending and s.steps["won"].speaker is None


def test_positions_are_one_based_lines_and_columns():
    s, _ = load(EXAMPLE)
    assert s.steps["open"].pos == Position(30, 3)
    assert s.steps["open"].choices[1].pos == Position(41, 9)
    assert s.steps["open"].choices[0].effects[0].pos == Position(38, 19)
    assert s.steps["open"].routes[2].pos == Position(54, 9)
    assert s.steps["open"].routes[1].threshold == 0.45
    assert s.cast["champion"].pos == Position(23, 3)
    assert s.pos == Position(1, 1)


def test_text_fields_keep_words_yaml_would_convert():
    s, _ = load("""
        scenario: 1
        id: literal
        title: 010
        cast:
          cfo: {name: No, role: on}
        start: open
        steps:
          open:
            speaker: cfo
            line: 1:30
            variants: [yes, null, 3.0, 0x1F, 2024-01-01]
            choices:
              - text: off
                feedback: True
                next: done
          done:
            end: win
        """)
    assert s.title == "010"
    assert (s.cast["cfo"].name, s.cast["cfo"].role) == ("No", "on")
    assert s.steps["open"].line == "1:30"
    assert s.steps["open"].variants == ("yes", "null", "3.0", "0x1F", "2024-01-01")
    choice = s.steps["open"].choices[0]
    assert (choice.text, choice.feedback) == ("off", "True")


def test_quoted_and_block_text_is_kept():
    s, _ = load("""
        scenario: 1
        id: quoted
        title: "Price: the hard part #1"
        cast:
          cfo: {name: 'Dana O''Neil'}
        start: open
        steps:
          open:
            speaker: cfo
            line: |
              First line.
              Second line.
            choices:
              - {text: "[pause] Fine.", next: done}
          done:
            end: stall
        """)
    assert s.title == "Price: the hard part #1"
    assert s.cast["cfo"].name == "Dana O'Neil"
    assert s.steps["open"].line == "First line.\nSecond line."
    assert s.steps["open"].choices[0].text == "[pause] Fine."


def test_path_hash_and_bom(tmp_path):
    text = "\ufeff" + textwrap.dedent("""\
        scenario: 1
        id: tiny
        title: Tiny
        cast: {cfo: {name: Dana}}
        start: a
        steps:
          a: {speaker: cfo, line: Hi, choices: [{text: Bye, next: b}]}
          b: {end: advance}
        """)
    file = tmp_path / "tiny.yaml"
    file.write_bytes(text.encode("utf-8"))
    s = load_scenario(file)
    assert s.path == str(file)
    assert s.content_hash == hashlib.sha256(file.read_bytes()).hexdigest()
    assert s.difficulty == 2 and s.reply_seconds is None and s.vars == {}
    assert check_file(str(file))[0] == s


def test_rubric_path_is_resolved_against_the_scenario_file(tmp_path):
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "strict.yaml").write_text("rules: []\n")
    file = tmp_path / "s.yaml"
    file.write_text(
        textwrap.dedent("""\
        scenario: 1
        id: with-rubric
        title: T
        rubric: rubrics/strict.yaml
        cast: {cfo: {name: Dana}}
        start: a
        steps:
          a: {speaker: cfo, line: Hi, routes: [{else: b}]}
          b: {end: win}
        """)
    )
    s = load_scenario(file)
    assert s.rubric == str(tmp_path / "rubrics" / "strict.yaml")


def test_load_scenario_raises_with_every_error(tmp_path):
    file = tmp_path / "bad.yaml"
    file.write_text("scenario: 1\nid: Bad Id\ntitle: [x\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(file)
    assert info.value.diagnostics and all(d.path == str(file) for d in info.value.diagnostics)
    assert str(info.value).startswith(f"{file}:")


def test_check_file_reports_unreadable_paths(tmp_path):
    scenario, diagnostics = check_file(tmp_path / "missing.yaml")
    assert scenario is None and "cannot read" in diagnostics[0].message
    scenario, diagnostics = check_file(tmp_path)
    assert scenario is None and "folder" in diagnostics[0].message


def test_find_scenario_files_is_recursive_and_sorted(tmp_path):
    for name in ("b.yaml", "a.yml", "sub/c.yaml", "sub/deeper/d.YAML", "notes.txt", "x.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    found = [p.relative_to(tmp_path).as_posix() for p in find_scenario_files(tmp_path)]
    assert found == ["a.yml", "b.yaml", "sub/c.yaml", "sub/deeper/d.YAML"]


def test_warnings_do_not_block_loading():
    s, diagnostics = load("""
        scenario: 1
        id: warned
        title: Warned
        cast: {cfo: {name: Dana}}
        start: a
        steps:
          a:
            speaker: cfo
            line: We are number #1 here
            choices: [{text: Ok, next: b}]
          b: {end: win}
          orphan: {end: loss}
        """)
    assert [d.severity for d in diagnostics] == ["warning", "warning"]
    assert s.steps["a"].line == "We are number"


def test_every_key_of_the_field_table_is_read_by_the_loader():
    from simulator.scenario.fields import OBJECTS

    table = {f.key for spec in OBJECTS.values() for f in spec.fields}
    in_example = set(re.findall(r"\b([a-z_]+):", EXAMPLE)) | {"rubric"}  # rubric: tested above
    assert table <= in_example, table - in_example
    s, diagnostics = load(EXAMPLE)
    assert diagnostics == []
