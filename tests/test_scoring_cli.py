"""``repcraft score`` run as a subprocess, as a rep or a script would."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

SCENARIO = textwrap.dedent(
    """\
    scenario: 1
    id: tiny-price
    title: Tiny price objection
    product:
      name: Ledgerly
      facts:
        - Customers cut month-end close from 10 days to 4
      false_claims:
        - plugs straight into any ERP
    cast:
      cfo:
        name: Dana Ruiz
        role: CFO
    start: open
    steps:
      open:
        speaker: cfo
        line: Your licence price is too high.
        routes:
          - else: done
      done:
        end: stall
    """
)


def score(stdin: str, *args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "simulator", "score", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=60,
        cwd=cwd,
    )


def test_json_one_object_per_input_line():
    replies = ["I can take 30% off if you sign this week.", "", "Let's book Tuesday at 10am."]
    proc = score("\n".join(replies) + "\n", "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 3
    objs = [json.loads(line) for line in lines]
    for reply, obj in zip(replies, objs, strict=True):
        assert set(obj["scores"]) == {"courage", "authenticity", "belief"}
        assert all(isinstance(v, int) and 0 <= v <= 100 for v in obj["scores"].values())
        for ev in obj["evidence"]:
            assert reply[ev["start"] : ev["end"]] == ev["text"]
    assert objs[0]["scores"]["courage"] < 50
    assert any(ev["rule"] == "discount" for ev in objs[0]["evidence"])
    assert objs[1]["scores"] == {"courage": 50, "authenticity": 50, "belief": 50}
    assert objs[1]["no_evidence"] == ["courage", "authenticity", "belief"]
    assert objs[2]["scores"]["courage"] > 50


def test_text_output_shows_evidence():
    proc = score("Sorry, maybe next month.\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "apology" in out and '"Sorry"' in out and "courage" in out
    assert "no evidence on authenticity" in out


def test_context_uses_scenario_facts_and_false_claims(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    proc = score(
        "It plugs right into your ERP.\nCustomers cut close from 10 days to 4.\n",
        "--json",
        "--context",
        f"{path}:open",
    )
    assert proc.returncode == 0, proc.stderr
    first, second = (json.loads(x) for x in proc.stdout.decode().splitlines())
    assert any(ev["rule"] == "false_claim" for ev in first["evidence"])
    assert any(ev["rule"] == "proof_point" for ev in second["evidence"])


def test_context_by_id_from_scenarios_dir(tmp_path):
    (tmp_path / "tiny.yaml").write_text(SCENARIO, encoding="utf-8")
    proc = score("The licence price is higher.\n", "--json", "--context", "tiny-price",
                 "--scenarios", str(tmp_path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert any(ev["rule"] == "echo_buyer" for ev in obj["evidence"])


def test_context_with_an_empty_step_means_the_start_step(tmp_path):
    (tmp_path / "tiny.yaml").write_text(SCENARIO, encoding="utf-8")
    proc = score("The licence price is higher.\n", "--json", "--context", "tiny-price:",
                 "--scenarios", str(tmp_path))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert any(ev["rule"] == "echo_buyer" for ev in json.loads(proc.stdout)["evidence"])


def _echoes(proc: subprocess.CompletedProcess) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    return [ev["text"] for ev in obj["evidence"] if ev["rule"] == "echo_buyer"]


def test_buyer_line_without_a_scenario():
    reply = "The rollout takes six weeks.\n"
    assert _echoes(score(reply, "--json", "--buyer", "How long is the rollout?")) == [
        "rollout",
        "rollout",
    ]
    assert _echoes(score(reply, "--json")) == []


def test_buyer_line_replaces_the_steps_line_but_keeps_its_facts(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    reply = "The rollout is quick: customers cut close from 10 days to 4.\n"
    proc = score(reply, "--json", "--context", f"{path}:open", "--buyer", "Is the rollout slow?")
    assert _echoes(proc) == ["rollout", "rollout"]
    assert any(ev["rule"] == "proof_point" for ev in json.loads(proc.stdout)["evidence"])


def test_bad_context_and_rubric_are_messages_not_tracebacks(tmp_path):
    (tmp_path / "tiny.yaml").write_text(SCENARIO, encoding="utf-8")
    proc = score("x\n", "--context", "no-such-scenario-anywhere")
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    proc = score("x\n", "--context", "tiny-price:nostep", "--scenarios", str(tmp_path))
    assert proc.returncode == 2 and b"no step 'nostep'" in proc.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  hedge:\n    phrasez: [x]\n", encoding="utf-8")
    proc = score("x\n", "--rubric", str(bad))
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert f"{bad}:3:5: error:".encode() in proc.stderr


def test_rubric_option_extends(tmp_path):
    ext = tmp_path / "team.yaml"
    ext.write_text("rules:\n  buzzword:\n    phrases: [hyperautomation]\n", encoding="utf-8")
    proc = score("Pure hyperautomation.\n", "--json", "--rubric", str(ext))
    assert proc.returncode == 0, proc.stderr
    assert any(ev["rule"] == "buzzword" for ev in json.loads(proc.stdout)["evidence"])


def test_bad_bytes_and_control_characters():
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "score"],
        input=b"\xff\xfe bad bytes \x1b[31m sorry\n\xf0\x9f\x98\x80\n",
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"\x1b" not in proc.stdout
    assert b"apology" in proc.stdout
