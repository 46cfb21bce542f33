"""Scoring in batches (``repcraft score`` over many lines) gives exactly the scores of
scoring each reply on its own, with nothing cached."""

from __future__ import annotations

import json

from simulator.commands.score import result_dict
from simulator.language import similarity
from simulator.scoring import ask_model, score_reply
from simulator.scoring.moves import warm_replies
from simulator.scoring.text import figure_kinds
from tests.conftest import run_cli

REPLIES = [
    "Deal?",
    "Worth a 90-day shot? Northgate cut their close from 11 days to 4.",
    "I can do 5% if you sign for two years by Friday.",
    "Uncapped liability, no. Liability is capped at the contract value.",
    "ugh, that stings. i hear you, dont worry, we will fix it",
    "What does it cost you today to close the books? Walk me through month-end.",
    "Honestly it's amazing and guaranteed to work for every customer!!!",
    "Because studies show it works. According to Gartner, 40% of teams switched in 2024.",
    "Zoë's team at Café Lumière halved their approvals; €12k saved a quarter.",
    "THIS IS THE BEST DEAL EVER ;)",
    "",
    "   ",
    "No. The price stands, and here is why: the pilot pays back in 6 weeks.",
    "Let's book fifteen minutes on Tuesday to decide. Does 10am work?",
    "We're not the best at reporting yet; Harlow's team is stronger there.",
    "A lone surrogate \ud800 in a reply, then: can we start Monday?",
    "word " * 300 + ". And then we cut costs by 30% for Acme.",
]


def _fresh() -> None:
    similarity._cache.clear()
    ask_model.lexical_features.cache_clear()
    figure_kinds.cache_clear()


def _one_by_one() -> list[dict]:
    out = []
    for text in REPLIES:
        _fresh()
        out.append(result_dict(text, score_reply(text)))
    return out


def test_warming_a_batch_changes_no_score():
    alone = _one_by_one()
    _fresh()
    warm_replies(REPLIES)
    batched = [result_dict(text, score_reply(text)) for text in REPLIES]
    assert batched == alone


def test_score_over_many_lines_matches_scoring_each_alone():
    alone = _one_by_one()
    lines = [t.replace("\ud800", "\ufffd") for t in REPLIES]  # stdin is UTF-8
    done = run_cli("score", "--json", input="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == len(REPLIES)
    for i, (row, want) in enumerate(zip(rows, alone, strict=True)):
        if "\ud800" in REPLIES[i]:
            continue  # read back as U+FFFD: another text
        assert row == json.loads(json.dumps(want)), REPLIES[i][:60]


def test_workers_give_the_same_output_in_the_same_order():
    from simulator.commands.score_workers import MIN_LINES

    lines = [f"{t} ({i})" for i in range(MIN_LINES * 2 // len(REPLIES) + 1) for t in REPLIES]
    data = "\n".join(t.replace("\ud800", "?") for t in lines) + "\n"
    one = run_cli("score", "--json", "--workers", "1", input=data)
    two = run_cli("score", "--json", "--workers", "2", input=data)
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    assert two.stderr == ""  # no warning from forking
    assert len(one.stdout.splitlines()) == len(lines)
    assert two.stdout == one.stdout


def test_ctrl_c_stops_the_workers_without_tracebacks():
    import os
    import signal
    import subprocess
    import sys

    from tests.conftest import REPO

    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "score", "--json", "--workers", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=env,
        start_new_session=True,  # its own group, as a terminal's job is
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(("\n".join(REPLIES[:5] * 40) + "\n").encode())
    proc.stdin.flush()  # stdin stays open: the command waits for more
    assert proc.stdout.readline().startswith(b"{")
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does to the whole job
    # Wait with stdin still open: closing it first (as communicate does) let the
    # command reach the end of its input and exit 0 before it saw the signal.
    proc.wait(timeout=30)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err, err.decode()
