"""``repcraft team``: per-rep and per-scenario figures, exports, and who may see them."""

from __future__ import annotations

import csv
import io
import os
from datetime import date

import pytest

from simulator.practice import open_store
from simulator.practice.records import NewSession
from simulator.practice.team import team_csv, team_markdown, team_report
from tests.conftest import run_cli
from tests.practice_helpers import local_ts, sample_report, sample_turn

DIMS = ("courage", "authenticity", "belief")


def _session(rep, day, scores, ending="win", scenario="cfo", turn_scores=None):
    turns = [{"step": step, "scores": sc} for step, sc in (turn_scores or {}).items()]
    return {"rep": rep, "scenario": scenario, "title": "CFO", "status": "finished",
            "day": day, "started_at": f"{day}T10:00:00", "last_active_at": f"{day}T10:05:00",
            "seconds": 300.0, "ending": ending, "turns": turns,
            "scores": dict(zip(DIMS, scores, strict=True))}  # fmt: skip


def test_team_report_per_rep_trend_weakest_streak_and_per_scenario_losses():
    sessions = [_session("ana", f"2026-03-{d:02d}", (40, 70, 60)) for d in range(1, 6)]
    sessions += [_session("ana", f"2026-03-{d:02d}", (60, 70, 50)) for d in range(6, 11)]
    sessions.append(
        _session(
            "bo",
            "2026-03-10",
            (80, 80, 80),
            ending="loss",
            turn_scores={"price": {"courage": 10}, "open": {"courage": 90}},
        )  # fmt: skip
    )
    report = team_report(sessions, today=date(2026, 3, 11))
    ana, bo = report.reps
    assert (ana.rep, ana.sessions, ana.streak, bo.streak) == ("ana", 10, 10, 1)
    assert ana.seconds == 3000.0 and ana.last_active == "2026-03-10T10:05:00"
    assert ana.trend == {"courage": 20.0, "authenticity": 0.0, "belief": -10.0}
    assert ana.weakest == "belief" and bo.trend["courage"] is None
    (cfo,) = report.scenarios
    assert (cfo.sessions, cfo.finished, cfo.pass_rate) == (11, 11, round(10 / 11, 3))
    assert [w.step for w in cfo.worst] == ["price", "open"]
    rows = list(csv.reader(io.StringIO(team_csv(report).split("\n\n")[0])))
    assert rows[0][:3] == ["rep", "sessions", "hours"] and rows[1][0] == "ana"
    assert "| bo | 1 | 0.08 | 1 |" in team_markdown(report)


def _fill(db, rep, scores):
    with open_store(db, rep=rep) as log:
        sid = log.start_session(
            NewSession(
                "cfo",
                "The CFO",
                "h",
                difficulty=2,
                skills=[],
                seed=None,
                started_at=local_ts(2026, 3, 2),
            )
        )
        log.record_turn(sid, sample_turn(1), reply_seconds=2.0, at=local_ts(2026, 3, 2, 10, 1))
        log.finish_session(sid, sample_report([sample_turn(1)], scores=scores))


def test_team_cli_shows_every_rep_to_the_owner_as_text_csv_and_markdown(tmp_path):
    db = tmp_path / "team.sqlite3"
    _fill(db, "ana", (70, 55, 60))
    _fill(db, "bo [red]x[/red]", (30, 55, 60))
    text = run_cli("team", "--db", str(db))
    assert text.returncode == 0, text.stderr
    assert "ana" in text.stdout and "bo [red]x[/red]" in text.stdout and "cfo" in text.stdout
    out = tmp_path / "team.csv"
    res = run_cli("team", "--db", str(db), "--format", "csv", "--out", str(out))
    assert res.returncode == 0 and "wrote" in res.stderr
    reps = list(csv.DictReader(io.StringIO(out.read_text().split("\n\n")[0])))
    assert [(r["rep"], r["weakest"]) for r in reps] == [
        ("ana", "authenticity"),
        ("bo [red]x[/red]", "courage"),
    ]
    md = run_cli("team", "--db", str(db), "--format", "md").stdout
    assert md.startswith("# Team practice") and "| cfo |" in md


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_someone_else_sees_only_their_own_sessions(tmp_path):
    db = tmp_path / "team.sqlite3"
    _fill(db, "ana", (70, 55, 60))
    _fill(db, "bo", (30, 55, 60))
    os.chown(db, 4242, 4242)  # the log belongs to another user now
    res = run_cli("team", "--db", str(db), "--rep", "bo")
    assert res.returncode == 0, res.stderr
    assert "bo" in res.stdout and "ana" not in res.stdout
    assert "only bo's sessions" in res.stderr
