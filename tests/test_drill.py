"""Drill: the pure round logic, and ``repcraft drill --script`` end to end."""

from __future__ import annotations

import json

import pytest

from simulator.engine.drill import Drill, DrillError, candidates, draw
from simulator.scenario.loader import check_text
from tests.test_tui_support import PRICE, TIMED, write


def scenario(text: str, name: str = "x.yaml"):
    sc, diagnostics = check_text(text, name)
    assert sc is not None, [d.format() for d in diagnostics]
    return sc


PRICE_SC = scenario(PRICE)
NO_MODEL = scenario(TIMED.format(else_line="      - else: silent"))


def test_only_steps_with_a_model_answer_are_drilled():
    pool = candidates([PRICE_SC, NO_MODEL])
    assert [(sc.id, step.id) for sc, step in pool] == [
        ("price-check", "open"),
        ("price-check", "cost"),
    ]


def test_draw_is_seeded_distinct_and_capped():
    first = draw([PRICE_SC], count=10, seed=4)
    assert len(first) == 2  # only two steps have a model answer
    assert len({(d.scenario_id, d.step) for d in first}) == 2
    assert [d.step for d in draw([PRICE_SC], 10, seed=4)] == [d.step for d in first]


def test_answers_are_scored_with_the_steps_context():
    drill = Drill([PRICE_SC], count=2, seed=1)
    line = drill.current
    assert line.speaker_label == "Dana Ruiz (CFO)"
    assert line.context.facts == PRICE_SC.product.facts
    answer = drill.answer("Customers cut month-end close from 10 days to 4. Can we book Friday?")
    assert answer.kind == "typed" and answer.scores  # the rubric found something
    assert any(e.dimension == "belief" for e in answer.evidence)
    timed_out = drill.timeout(seconds=30)
    assert timed_out.kind == "timeout" and drill.done
    report = drill.report()
    assert report["answered"] == 1 and report["timeouts"] == 1
    assert set(report["scores"]) == {"courage", "authenticity", "belief"}
    assert report["turns"][0]["model_answer"] == line.model_answer
    with pytest.raises(DrillError):
        drill.answer("too late")


def test_a_library_without_model_answers_is_a_clear_error():
    with pytest.raises(DrillError, match="model_answer"):
        Drill([NO_MODEL])


def test_headless_drill_json_and_log(cli, tmp_path):
    folder = tmp_path / "lib"
    write(folder, "price.yaml", PRICE)
    db = tmp_path / "log.sqlite3"
    result = cli(
        "drill", "--script", "-", "--json", "--count", "2", "--seed", "3",
        "--scenarios", str(folder), "--db", str(db),
        input="What does a day of close cost you?\nCan we book Friday to decide?\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["count"] == 2 and report["answered"] == 2
    assert [t["reply"] for t in report["turns"]] == [
        "What does a day of close cost you?",
        "Can we book Friday to decide?",
    ]
    stats = cli("stats", "--json", "--db", str(db))
    assert json.loads(stats.stdout)["sessions"] == 1
    # the round's transcript: no difficulty and no ending to tell, so neither reads "None"
    md = cli("export", "--session", "1", "--format", "md", "--db", str(db))
    assert md.returncode == 0, md.stderr
    assert "None" not in md.stdout and "ending **none**" not in md.stdout
    assert "- Outcome: drill round finished" in md.stdout


def test_headless_drill_script_running_out_is_exit_3(cli, tmp_path):
    folder = tmp_path / "lib"
    write(folder, "price.yaml", PRICE)
    result = cli(
        "drill", "--script", "-", "--count", "2", "--scenarios", str(folder), "--no-log",
        input="Only one answer\n",
    )  # fmt: skip
    assert result.returncode == 3
    assert "[1/2]" in result.stdout and "ran out" in result.stderr


def test_drill_bad_usage_is_exit_2(cli):
    assert cli("drill", "--json").returncode == 2
    assert cli("drill", "--count", "0", "--script", "-").returncode == 2


def test_a_byte_order_mark_on_the_drill_script_is_not_part_of_the_answer(cli, tmp_path):
    folder = tmp_path / "lib"
    write(folder, "price.yaml", PRICE)
    script = tmp_path / "answers.txt"
    script.write_text("\ufeffCan we book Friday to decide?\n", encoding="utf-8")
    result = cli(
        "drill", "--script", str(script), "--json", "--count", "1",
        "--scenarios", str(folder), "--no-log",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["turns"][0]["reply"] == "Can we book Friday to decide?"


def test_a_line_from_mid_conversation_comes_with_what_led_to_it():
    from simulator.engine.drill import LeadIn, lead_in

    assert lead_in(PRICE_SC, PRICE_SC.steps["open"]) is None  # the opening line
    assert lead_in(PRICE_SC, PRICE_SC.steps["cost"]) == LeadIn(
        "Dana Ruiz (CFO)",
        "You're 30% above the other vendor. Why would I pay that?",
        "Fair. What does a day of month-end close cost you today?",
    )
    # only a typed route leads on: its `like` phrase is a matching example nobody
    # said, so the buyer line comes alone
    no_choice = PRICE.replace("        next: cost\n    routes:", "        next: lost\n    routes:")
    routed = scenario(no_choice)
    assert lead_in(routed, routed.steps["cost"]) == LeadIn(
        "Dana Ruiz (CFO)", "You're 30% above the other vendor. Why would I pay that?"
    )


def test_each_drill_line_carries_its_scenarios_briefing_facts_only():
    other = scenario(PRICE.replace("id: price-check", "id: other").replace(
        "    - Customers cut month-end close from 10 days to 4",
        "    - Other fact one\n    - Other fact two",
    ).replace("name: Ledgerly", "name: Otherly"), "other.yaml")  # fmt: skip
    for line in draw([PRICE_SC, other], count=4, seed=5):
        facts = {"price-check": ("Customers cut month-end close from 10 days to 4",),
                 "other": ("Other fact one", "Other fact two")}[line.scenario_id]  # fmt: skip
        assert line.facts == facts == tuple(line.context.facts)
        assert (
            line.product_name == {"price-check": "Ledgerly", "other": "Otherly"}[line.scenario_id]
        )


def test_headless_drill_shows_the_lead_in(cli, tmp_path):
    write(tmp_path, "price.yaml", PRICE)
    r = cli("drill", "--script", "-", "--json", "--count", "999", "--seed", "1",
            "--scenarios", str(tmp_path), "--no-log", input="a\n" * 999)  # fmt: skip
    assert r.returncode in (0, 3), r.stderr
    turns = {(t["scenario"], t["step"]): t for t in json.loads(r.stdout)["turns"]}
    assert turns[("price-check", "open")]["lead_in"] is None
    assert turns[("price-check", "cost")]["lead_in"]["reply"].startswith("Fair. What does")
    assert turns[("price-check", "cost")]["facts"] == [
        "Customers cut month-end close from 10 days to 4"
    ]
    text = cli("drill", "--script", "-", "--count", "5", "--seed", "1", "--no-log",
               input="a\n" * 5)  # fmt: skip
    assert "(earlier, " in text.stdout and '/ the rep answered: "' in text.stdout
    assert "/ you: " not in text.stdout
    assert "What is true about " in text.stdout and "(from the briefing):" in text.stdout
