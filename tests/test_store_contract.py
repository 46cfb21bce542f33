"""One contract for every practice store: each test runs on SQLite and on a real
PostgreSQL (pgserver's throwaway server; skipped with the reason when none starts)."""

from __future__ import annotations

import sys
import threading
from datetime import date

import pytest

from simulator.practice import PracticeLogError, PracticeStore, compute_stats, open_store
from simulator.practice.importing import import_sessions
from simulator.practice.records import NewSession
from tests.pg_helpers import database_name
from tests.practice_helpers import local_ts, sample_report, sample_turn


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """Where a new, empty log lives: a file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "log.sqlite3")
    return request.getfixturevalue("pg_server").new_database()


def _play(log, scenario="cfo", day=2, turns=2, scores=(70, 55, 60), rep=None):
    start = local_ts(2026, 3, day)
    sid = log.start_session(
        NewSession(
            scenario,
            f"The {scenario}",
            "h",
            difficulty=2,
            skills=["belief"],
            seed=7,
            started_at=start,
            rep=rep,
        )
    )
    played = [sample_turn(n) for n in range(turns)]
    for n, turn in enumerate(played):
        log.record_turn(sid, turn, reply_seconds=2.5, at=start + 60 * (n + 1))
    log.finish_session(sid, sample_report(played, scores=scores), ended_at=start + 300)
    return sid


def test_a_session_and_its_turns_come_back_as_written(target):
    with open_store(target, rep="ana") as log:
        assert isinstance(log, PracticeStore)
        sid = _play(log)
        open_sid = log.start_session(
            NewSession(
                "cfo",
                "The cfo",
                "h",
                difficulty=1,
                skills=[],
                seed=None,
                started_at=local_ts(2026, 3, 3),
            )
        )
        log.touch(open_sid, at=local_ts(2026, 3, 3) + 42)
        done = log.session(sid)
        assert done["rep"] == "ana" and done["status"] == "finished"
        assert done["scores"] == {"courage": 70, "authenticity": 55, "belief": 60}
        assert done["seconds"] == 300.0 and done["turn_count"] == 2
        assert [t["reply"] for t in done["turns"]] == [sample_turn(n)["reply"] for n in (0, 1)]
        body = {k: v for k, v in done["turns"][1].items() if k not in ("at", "reply_seconds")}
        assert body == sample_turn(1) and done["turns"][1]["reply_seconds"] == 2.5
        abandoned = log.session(open_sid)
        assert abandoned["status"] == "abandoned" and abandoned["seconds"] == 42.0
        assert [s["id"] for s in log.sessions()] == [sid, open_sid]
        assert [s["id"] for s in log.sessions(since_day="2026-03-03")] == [open_sid]
        assert log.session(9999) is None
        assert log.team_view_allowed()


def test_refusals_are_practice_log_errors_naming_the_log(target):
    with open_store(target) as log:
        sid = _play(log)
        with pytest.raises(PracticeLogError, match="already finished"):
            log.record_turn(sid, sample_turn(), reply_seconds=1.0)
        with pytest.raises(PracticeLogError, match="no session 4242"):
            log.touch(4242)
        assert log.location in str(pytest.raises(PracticeLogError, log.touch, 4242).value)
    with pytest.raises(PracticeLogError, match="closed"):
        log.session(sid)


def test_text_that_sqlite_holds_and_postgresql_would_refuse_survives(target):
    odd = {**sample_turn(1), "reply": "a\x00b [red]x[/red] \u202e", "step": 5, "mood": ["?"]}
    with open_store(target) as log:
        sid = log.start_session(NewSession("cfo", "T", "h", difficulty=1, skills=[], seed=None))
        log.record_turn(sid, odd, reply_seconds=None)
        (turn,) = log.session(sid)["turns"]
    assert {k: v for k, v in turn.items() if k not in ("at", "reply_seconds")} == odd


def test_import_keeps_everything_and_is_all_or_nothing(target, tmp_path):
    with open_store(tmp_path / "source.sqlite3", rep="ana") as source:
        _play(source, day=2)
        _play(source, day=3, rep="bo")
        exported = list(source.sessions())
    anonymous = {k: v for k, v in exported[0].items() if k != "rep"}
    with open_store(target, rep="cy") as log:
        first = _play(log, day=1)
        with pytest.raises(PracticeLogError, match="started_at"):
            import_sessions(log, [exported[0], {"scenario": "x"}])
        assert [s["id"] for s in log.sessions()] == [first]
        assert import_sessions(log, [*exported, anonymous]) == 3
        after = list(log.sessions())
        assert [s["rep"] for s in after] == ["cy", "ana", "bo", "cy"]
        assert len({s["id"] for s in after}) == 4
        keep = ("scenario", "scores", "turns", "seconds", "day", "status", "started_at")
        for got, want in zip(after[1:3], exported, strict=True):
            assert {k: got[k] for k in keep} == {k: want[k] for k in keep}
        assert log.start_session(
            NewSession("cfo", "T", "h", difficulty=1, skills=[], seed=None)
        ) > max(s["id"] for s in after)


def test_concurrent_writers_lose_nothing(target):
    open_store(target).close()  # the schema exists before the writers race
    errors: list[BaseException] = []

    def rep_writes(name: str) -> None:
        try:
            with open_store(target, rep=name) as log:
                for _ in range(4):
                    sid = log.start_session(
                        NewSession("cfo", "T", "h", difficulty=1, skills=[], seed=None)
                    )
                    for n in range(5):
                        assert log.record_turn(sid, sample_turn(n), reply_seconds=0.1) == n
                    log.finish_session(sid, sample_report([]))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    writers = [threading.Thread(target=rep_writes, args=(f"rep{i}",)) for i in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(timeout=60)
    assert not errors, errors
    with open_store(target) as log:
        sessions = list(log.sessions())
    assert len(sessions) == 16 and len({s["id"] for s in sessions}) == 16
    assert sorted({s["rep"] for s in sessions}) == ["rep0", "rep1", "rep2", "rep3"]
    for s in sessions:
        assert s["status"] == "finished" and s["turn_count"] == 5
        assert [t["step"] for t in s["turns"]] == [f"step{n}" for n in range(5)]


def test_sqlite_and_postgresql_give_the_same_records_and_statistics(tmp_path, pg_server):
    """The strongest contract: the same calls give the same export and the same stats."""
    logs = [str(tmp_path / "log.sqlite3"), pg_server.new_database()]
    results = []
    for target in logs:
        with open_store(target, rep="ana") as log:
            _play(log, "cfo", day=2, scores=(70, 55, 60))
            _play(log, "cold-call", day=2, scores=(40.5, 80, 20))
            _play(log, "cfo", day=4, turns=0, scores=(90, 90, 90), rep="bo")
            log.start_session(
                NewSession(
                    "cfo",
                    "T",
                    "h",
                    difficulty=3,
                    skills=[],
                    seed=None,
                    started_at=local_ts(2026, 3, 5),
                )
            )
            stats = [compute_stats(log, today=date(2026, 3, 5)),
                     compute_stats(log, today=date(2026, 3, 5), since="2026-03-03")]  # fmt: skip
            results.append((list(log.sessions()), stats))
    (sqlite_sessions, sqlite_stats), (pg_sessions, pg_stats) = results
    assert pg_sessions == sqlite_sessions
    assert pg_stats == sqlite_stats
    assert sqlite_stats[0]["sessions"] == 4 and sqlite_stats[1]["sessions"] == 2


# -- PostgreSQL only: its schema table, refusals, and a dropped connection --------------


def _sql(url, statement, params=()):
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else None


def test_postgresql_schema_is_versioned_and_a_newer_one_is_refused_untouched(pg_server):
    from simulator.practice.pg_schema import PG_SCHEMA_VERSION

    url = pg_server.new_database()
    open_store(url).close()
    open_store(url).close()  # opening again adds nothing
    applied = [r[0] for r in _sql(url, "SELECT version FROM repcraft_schema ORDER BY version")]
    assert applied == list(range(1, PG_SCHEMA_VERSION + 1))  # one row per version applied
    _sql(url, "INSERT INTO repcraft_schema (version) VALUES (%s)", (PG_SCHEMA_VERSION + 1,))
    with pytest.raises(PracticeLogError, match="newer repcraft.*left untouched"):
        open_store(url)


def test_postgresql_version_1_log_upgrades_keeping_its_sessions(pg_server):
    from simulator.practice.pg_schema import PG_SCHEMA_VERSION, SCHEMA_V1

    url = pg_server.new_database()
    for statement in SCHEMA_V1:
        _sql(url, statement)
    _sql(url, "INSERT INTO repcraft_schema (version) VALUES (1)")
    _sql(url, "INSERT INTO sessions (scenario_id, started_at, last_at, day, rep)"
              " VALUES ('cfo', 1.0, 2.0, '1970-01-01', 'ana')")  # fmt: skip
    with open_store(url) as log:
        assert [s["rep"] for s in log.sessions()] == ["ana"]
        assert log.team_viewers() == []
    assert _sql(url, "SELECT max(version) FROM repcraft_schema") == [(PG_SCHEMA_VERSION,)]


def test_postgresql_database_of_another_program_is_refused_untouched(pg_server):
    url = pg_server.new_database()
    _sql(url, "CREATE TABLE sessions (id int)")
    with pytest.raises(PracticeLogError, match="not a repcraft practice log"):
        open_store(url)
    assert _sql(url, "SELECT to_regclass('repcraft_schema')") == [(None,)]


def test_postgresql_store_reconnects_after_the_server_dropped_it(pg_server):
    url = pg_server.new_database()
    with open_store(url) as log:
        sid = log.start_session(NewSession("cfo", "T", "h", difficulty=1, skills=[], seed=None))
        (killed,) = _sql(
            pg_server.admin_url,
            "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = %s",
            (database_name(url),),
        )
        assert killed == (True,)
        # The turn sent on the dead connection is not lost: nothing had run, so it is
        # sent again on a new one.
        assert log.record_turn(sid, sample_turn(0), reply_seconds=1.0) == 0
        assert log.session(sid)["turn_count"] == 1


def test_postgresql_url_without_the_team_extra_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    monkeypatch.delitem(sys.modules, "simulator.practice.pg_store", raising=False)
    with pytest.raises(PracticeLogError, match=r"repcraft\[team\]"):
        open_store("postgresql://ana@localhost/team")


def test_location_never_shows_the_password():
    from simulator.practice.pg_store import safe_location

    assert safe_location("postgresql://ana:s3cret@db:5432/team?sslmode=require&password=x") == (
        "postgresql://ana@db:5432/team?sslmode=require"
    )
