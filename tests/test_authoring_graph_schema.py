"""graph (Mermaid and DOT text, escaping) and schema (generated from the field table)."""

from __future__ import annotations

import re
import textwrap

import pytest

from simulator.authoring.graph import dot_text, mermaid_text, render
from simulator.authoring.schema import field_schema, scenario_schema
from simulator.scenario.fields import OBJECTS
from simulator.scenario.library import bundled_dir
from simulator.scenario.loader import check_text, find_scenario_files

NASTY = textwrap.dedent(
    """\
    scenario: 1
    id: nasty
    title: 'Quotes "and" <tags> | pipes; # hash'
    cast:
      end: {name: 'Dana "The Hammer" Ruiz', role: CFO}
    vars: {flag: false}
    start: graph
    steps:
      graph:
        speaker: end
        line: "Say \\"why\\" [now] {or} (never)\\nsecond line"
        choices:
          - text: 'A "quoted" reply with | pipe and `ticks` and ]] brackets'
            when: not flag and end.trust >= 10
            next: end_step
        routes:
          - like: ["it's <fine>", other]
            next: end_step
          - else: lost
      end_step:
        speaker: end
        line: Done.
        end: win
      lost:
        end: loss
    """
)


def nasty():
    scenario, diagnostics = check_text(NASTY, "nasty.yaml")
    assert scenario is not None, [d.format() for d in diagnostics]
    return scenario


def test_mermaid_escapes_labels_and_avoids_keywords():
    text = render(nasty(), "mermaid")
    body = text.split("---", 2)[2]
    # every label sits inside "..." with no raw quote, pipe, angle bracket or newline in it
    for label in re.findall(r'"([^"]*)"', body):
        bare = re.sub(r"#\w+;|<br/>|</?small>", "", label)
        assert not set(bare) & set('"|<>`;#'), label
    assert "#quot;quoted#quot;" in body and "#124;" in body and "#lt;fine#gt;" in body
    assert "s_end_step" in body and "s_graph" in body  # ids prefixed: 'end', 'graph' are keywords
    assert re.search(r"s_end_step\(\[\"end_step — WIN", body)  # win: stadium shape, kind in label
    assert "class s_end_step win" in body and "class s_lost loss" in body
    assert '-.->|"typed: else"| s_lost' in body
    assert "[when not flag and end.trust #gt;= 10]" in body
    assert len([ln for ln in body.splitlines() if "-->" in ln or "-.->" in ln]) == 4
    assert 'title: "Quotes \\"and\\" <tags> | pipes; # hash"' in text


def test_dot_escapes_quotes_and_newlines():
    text = render(nasty(), "dot")
    assert text.startswith('digraph "nasty" {') and text.rstrip().endswith("}")
    assert 'label="1. A \\"quoted\\" reply' in text
    assert '"graph" -> "lost" [label="typed: else", style=dashed];' in text
    assert "doubleoctagon" in text and "invtrapezium" in text
    # no unescaped quote inside any label: strip escaped ones, then quotes must pair up per line
    for line in text.splitlines():
        assert line.replace('\\"', "").count('"') % 2 == 0, line


def test_escape_helpers():
    assert mermaid_text('a"b#c\nd') == "a#quot;b#35;c d"
    assert dot_text('a"b\\c\nd') == 'a\\"b\\\\c\\nd'


@pytest.mark.parametrize("path", find_scenario_files(bundled_dir()), ids=lambda p: p.stem)
def test_every_bundled_scenario_graphs(path):
    scenario, _ = check_text(path.read_bytes(), str(path))
    for fmt in ("mermaid", "dot"):
        text = render(scenario, fmt)
        for step_id in scenario.steps:
            assert step_id in text
        edges = sum(len(s.choices) + len(s.routes) for s in scenario.steps.values())
        arrows = text.count("-->") + text.count("-.->") if fmt == "mermaid" else text.count("->")
        assert arrows == edges + 1  # plus the start arrow


# -- schema ------------------------------------------------------------------------


def _object_keys(schema: dict) -> dict[str, set[str]]:
    out = {"scenario": set(schema["properties"])}
    out.update({name: set(d["properties"]) for name, d in schema["$defs"].items()})
    return out


def test_schema_has_exactly_the_loader_keys():
    """The loader checks keys against OBJECTS; the schema must list the same, no more."""
    keys = _object_keys(scenario_schema())
    assert keys == {name: set(spec.keys) for name, spec in OBJECTS.items()}
    for name, spec in OBJECTS.items():
        node = scenario_schema() if name == "scenario" else scenario_schema()["$defs"][name]
        assert node["additionalProperties"] is False
        assert set(node.get("required", [])) == {f.key for f in spec.fields if f.required}


def test_loader_rejects_any_key_the_schema_lacks_and_accepts_every_key_it_has():
    """Kitchen sink: every key in the schema, used once, loads cleanly; an extra key anywhere
    is an error from the loader."""
    sink = textwrap.dedent(
        """\
        scenario: 1
        id: sink
        title: Sink
        summary: All keys.
        difficulty: 3
        skills: [courage]
        tags: [x]
        reply_seconds: 30
        product: {name: P, facts: [f], false_claims: [c]}
        cast:
          cfo: {name: Dana, role: CFO, persona: Hard, trust: 40, belief: 30}
        vars: {flag: false}
        start: open
        steps:
          open:
            speaker: cfo
            line: Hi.
            variants: [Hello.]
            interjections:
              - {speaker: cfo, line: Also, when: cfo.trust > 10}
            choices:
              - text: Go
                next: won
                score: {courage: 1}
                effects: {flag: true}
                feedback: Good.
                when: not flag
            routes:
              - {like: [go], next: won, effects: {cfo.trust: +1}, when: cfo.trust > 0,
                 threshold: 0.4}
              - {else: won, effects: {cfo.trust: -1}}
            model_answer: Go.
          won: {end: win}
        """
    )
    used = set(re.findall(r"([a-z_]+):", sink)) - {"cfo", "open", "won", "flag", "steps"}
    used |= {"steps"}
    schema_keys = set().union(*_object_keys(scenario_schema()).values()) - {"rubric"}
    assert schema_keys <= used, schema_keys - used
    scenario, diagnostics = check_text(sink, "sink.yaml")
    assert scenario is not None and not diagnostics, [d.format() for d in diagnostics]
    for where in ("title: Sink\n", "      - text: Go\n", "    speaker: cfo\n"):
        indent = re.match(r"\s*-?\s*", where).group(0).replace("-", " ")
        bad = sink.replace(where, where + f"{indent}zzz_unknown: 1\n", 1)
        _, diagnostics = check_text(bad, "bad.yaml")
        assert any("unknown key 'zzz_unknown'" in d.message for d in diagnostics), where


def test_every_field_type_has_a_schema():
    for spec in OBJECTS.values():
        for f in spec.fields:
            assert field_schema(f)  # raises on a type the generator does not know


def test_bundled_scenarios_validate_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = find_scenario_files(bundled_dir())
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
        assert not errors, (path.name, errors[:3])
    bad = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    bad["steps"][bad["start"]]["speakr"] = "typo"
    assert not validator.is_valid(bad)
    del bad["steps"][bad["start"]]["speakr"]
    bad["difficulty"] = 9
    assert not validator.is_valid(bad)
