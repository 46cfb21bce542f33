"""The practice log: recording, finishing, abandoning, reading back, migrating."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from simulator.practice import SCHEMA_VERSION, PracticeLog, PracticeLogError, default_db_path
from simulator.practice.export import csv_chunks, jsonl_lines, markdown
from simulator.practice.importing import import_sessions
from simulator.practice.records import NewSession
from simulator.practice.schema import SCHEMA_V1
from simulator.practice.stats import compute_stats
from tests.practice_helpers import local_ts, sample_report, sample_turn


def _strip_log_fields(turn: dict) -> dict:
    return {k: v for k, v in turn.items() if k not in ("reply_seconds", "at")}


def test_default_path_is_in_user_data_dir():
    import platformdirs

    assert default_db_path().parent == __import__("pathlib").Path(
        platformdirs.user_data_dir("repcraft")
    )
    assert default_db_path().name == "practice.sqlite3"


def test_open_creates_parent_folders_and_current_schema(tmp_path):
    path = tmp_path / "a" / "b" / "log.sqlite3"
    with PracticeLog.open(path) as log:
        assert log.path == path
    assert path.exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_record_and_finish_round_trip(tmp_path):
    log = PracticeLog.open(tmp_path / "log.db")
    t0 = local_ts(2024, 5, 2, 9, 30)
    sid = log.start_session(NewSession(
        "cfo-pushback", "The CFO", "sha256:ab", difficulty=3, skills=["courage"], seed=7,
        started_at=t0,
    ))  # fmt: skip
    turns = [sample_turn(0), sample_turn(1)]
    assert log.record_turn(sid, turns[0], reply_seconds=4.5, at=t0 + 20) == 0
    assert log.record_turn(sid, turns[1], reply_seconds=None, at=t0 + 50) == 1
    in_progress = log.session(sid)
    assert in_progress["status"] == "abandoned" and in_progress["seconds"] == 50
    assert in_progress["scores"] is None
    log.finish_session(sid, sample_report(turns, seconds=61.5), ended_at=t0 + 62)

    got = log.session(sid)
    assert got["status"] == "finished"
    assert got["scenario"] == "cfo-pushback" and got["title"] == "The CFO"
    assert got["content_hash"] == "sha256:ab" and got["seed"] == 7 and got["difficulty"] == 3
    assert got["skills"] == ["courage"] and got["mode"] == "play" and got["rubric"] == "1"
    assert got["day"] == "2024-05-02"
    assert got["ending"] == "win" and got["seconds"] == 61.5
    assert got["scores"] == {"courage": 70, "authenticity": 55, "belief": 60}
    assert got["meters"] == {"cfo": {"trust": 60, "belief": 70}}
    assert got["closing"]["line"] == "Send me the contract."
    assert [_strip_log_fields(t) for t in got["turns"]] == turns
    assert [t["reply_seconds"] for t in got["turns"]] == [4.5, None]
    log.close()


def test_finish_stores_turns_not_yet_recorded(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log:
        sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
        turns = [sample_turn(i) for i in range(3)]
        log.record_turn(sid, turns[0], reply_seconds=1.0)
        log.finish_session(sid, sample_report(turns))
        got = log.session(sid)
        assert got["turn_count"] == 3
        assert [_strip_log_fields(t) for t in got["turns"]] == turns
        with pytest.raises(PracticeLogError, match="already finished"):
            log.record_turn(sid, turns[0], reply_seconds=None)


def test_unknown_turn_keys_and_odd_values_survive(tmp_path):
    turn = {**sample_turn(0), "step": 12, "new_field": {"x": [1, 2]}}
    with PracticeLog.open(tmp_path / "log.db") as log:
        sid = log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))
        log.record_turn(sid, turn, reply_seconds=None)
        assert _strip_log_fields(log.session(sid)["turns"][0]) == turn


def test_abandoned_session_keeps_turns_and_time(tmp_path):
    path = tmp_path / "log.db"
    t0 = local_ts(2024, 5, 2)
    with PracticeLog.open(path) as log:
        sid = log.start_session(
            NewSession("s", "S", "h", difficulty=1, skills=[], seed=None, started_at=t0)
        )
        log.record_turn(sid, sample_turn(0), reply_seconds=3, at=t0 + 40)
        log.touch(sid, at=t0 + 95)  # still typing, never sent
    with PracticeLog.open(path) as log:
        got = log.session(sid)
        assert got["status"] == "abandoned" and got["ended_at"] is None
        assert got["turn_count"] == 1 and got["seconds"] == 95


def test_unknown_session_is_a_clear_error(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log:
        with pytest.raises(PracticeLogError, match="no session 42"):
            log.record_turn(42, sample_turn(0), reply_seconds=None)
        assert log.session(42) is None


def test_closed_log_says_so(tmp_path):
    log = PracticeLog.open(tmp_path / "log.db")
    log.close()
    with pytest.raises(PracticeLogError, match="closed"):
        log.start_session(NewSession("s", "S", "h", difficulty=1, skills=[], seed=None))


def test_export_formats_round_trip(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log:
        a = log.start_session(
            NewSession("a", "Alpha", "h1", difficulty=2, skills=["belief"], seed=None)
        )
        log.record_turn(a, sample_turn(0), reply_seconds=2.0)
        log.finish_session(a, sample_report([sample_turn(0)]))
        b = log.start_session(
            NewSession("b", "Beta, with comma", "h2", difficulty=1, skills=[], seed=3)
        )
        log.record_turn(b, sample_turn(1, reply='He said "no", twice'), reply_seconds=1.0)
        stored = list(log.sessions())

    parsed = [json.loads(line) for line in "".join(jsonl_lines(stored)).splitlines()]
    assert parsed == stored
    assert [s["id"] for s in parsed] == [a, b]
    assert parsed[1]["turns"][0]["reply"] == 'He said "no", twice'

    import csv
    import io

    rows = list(csv.DictReader(io.StringIO("".join(csv_chunks(stored)))))
    assert [r["title"] for r in rows] == ["Alpha", "Beta, with comma"]
    assert rows[0]["courage"] == "70" and rows[1]["courage"] == ""
    assert rows[1]["status"] == "abandoned" and rows[1]["turns"] == "1"

    md = markdown(stored[0])
    assert md.startswith("# Alpha\n")
    assert "| Courage | 70 |" in md and "ending **win**" in md
    assert "book Tuesday at 10" in md and "What to work on" in md
    speaker = stored[0]["turns"][0]["speaker"]
    named = markdown(stored[0], {speaker: "Dana Ruiz (CFO)"})
    assert "**1. Dana Ruiz (CFO):**" in named and f"**1. {speaker}:**" in md
    assert all(len(r["seconds"].partition(".")[2]) <= 3 for r in rows)


def test_migrates_a_version_1_database(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA_V1)
    t0 = local_ts(2023, 11, 5, 18)
    conn.execute(
        "INSERT INTO sessions (scenario_id, title, started_at, last_at, seconds, status, ending,"
        " courage, authenticity, belief) VALUES ('old', 'Old one', ?, ?, 300, 'finished',"
        " 'win', 50, 60, 70)",
        (t0, t0 + 300),
    )
    for i in range(2):
        conn.execute(
            "INSERT INTO turns (session_id, idx, at, step, reply, kind, scores)"
            " VALUES (1, ?, ?, 'open', 'hello', 'typed', '{\"courage\": 50}')",
            (i, t0 + i),
        )
    conn.commit()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()

    with PracticeLog.open(path) as log:
        got = log.session(1)
        assert got["scenario"] == "old" and got["seconds"] == 300
        assert got["scores"] == {"courage": 50, "authenticity": 60, "belief": 70}
        assert got["mode"] == "play" and got["rubric"] is None
        assert got["day"] == "2023-11-05" and got["turn_count"] == 2
        assert [t["reply"] for t in got["turns"]] == ["hello", "hello"]
        sid = log.start_session(
            NewSession("new", "New", "h", difficulty=2, skills=[], seed=None, mode="drill")
        )
        log.record_turn(sid, sample_turn(0), reply_seconds=1)
        assert log.session(sid)["mode"] == "drill"
        stats = compute_stats(log)  # the summary table was backfilled from the old rows
        assert stats["sessions"] == 2 and stats["seconds"] == pytest.approx(300, abs=1)
        assert stats["scenarios"]["old"]["best"] == {
            "courage": 50,
            "authenticity": 60,
            "belief": 70,
        }
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "sessions_by_day" in indexes
    conn.close()


def test_open_is_fast_on_an_existing_log(tmp_path):
    path = tmp_path / "log.db"
    PracticeLog.open(path).close()
    started = time.perf_counter()
    PracticeLog.open(path).close()
    assert time.perf_counter() - started < 0.5


def test_import_restores_an_export(tmp_path):
    with PracticeLog.open(tmp_path / "a.db") as log:
        a = log.start_session(
            NewSession("a", "Alpha", "h1", difficulty=2, skills=["belief"], seed=5)
        )
        log.record_turn(a, sample_turn(0), reply_seconds=2.0)
        log.finish_session(a, sample_report([sample_turn(0)]))
        b = log.start_session(NewSession("b", "Beta", "h2", difficulty=1, skills=[], seed=None))
        log.record_turn(b, sample_turn(1), reply_seconds=None)
        exported = [json.loads(line) for line in jsonl_lines(log.sessions())]
        before = compute_stats(log)
    with PracticeLog.open(tmp_path / "b.db") as log:
        assert import_sessions(log, exported) == 2
        again = [json.loads(line) for line in jsonl_lines(log.sessions())]
        after = compute_stats(log)
    assert again == exported
    for key in ("sessions", "seconds", "scenarios", "dimensions", "streak"):
        assert after[key] == before[key]


def test_import_is_all_or_nothing(tmp_path):
    with PracticeLog.open(tmp_path / "log.db") as log:
        good = {"scenario": "a", "started_at": 1_700_000_000.0, "turns": []}
        with pytest.raises(PracticeLogError, match="started_at"):
            import_sessions(log, [good, {"scenario": "b", "turns": []}])
        assert list(log.sessions()) == []
