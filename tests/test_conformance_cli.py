"""Other CLI paths as users feed them: `score` from a Windows editor or pipe."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_score_json_ignores_a_bom_and_crlf(tmp_path):
    r = run_cli("score", "--json", input="\ufeffCan we meet Friday?\r\nSecond\r\n")
    assert r.returncode == 0, r.stderr
    results = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["reply"] for x in results] == ["Can we meet Friday?", "Second"]
    plain = json.loads(run_cli("score", "--json", input="Can we meet Friday?\n").stdout)
    assert results[0]["evidence"] == plain["evidence"]  # offsets not shifted by the BOM
