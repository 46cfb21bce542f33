"""The owner grants the team view (``repcraft team --grant USER``): to an OS login on an
SQLite log, to a database role on PostgreSQL; nobody else may grant it."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from simulator.practice import PracticeLogError, open_store
from simulator.practice.records import NewSession
from simulator.practice.viewers import os_login
from tests.conftest import run_cli


def _session(log, rep):
    log.start_session(NewSession("cfo", "CFO", "h", difficulty=1, skills=[], seed=None, rep=rep))


@pytest.mark.parametrize("store", ["sqlite", "postgresql"])
def test_owner_grants_lists_and_revokes(store, tmp_path, request):
    target = (str(tmp_path / "team.sqlite3") if store == "sqlite"
              else request.getfixturevalue("pg_server").new_database())  # fmt: skip
    with open_store(target) as log:
        assert log.owns_log() and log.team_view_allowed()
        assert log.grant_team_view("  bob ") is True
        assert log.grant_team_view("bob") is False
        (bob,) = log.team_viewers()
        assert bob.name == "bob" and bob.granted_by and bob.granted_at
        assert log.revoke_team_view("bob") is True and log.revoke_team_view("bob") is False
        assert log.team_viewers() == []
        with pytest.raises(PracticeLogError, match="needs a user name"):
            log.grant_team_view(" ")


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to chown")
def test_sqlite_a_granted_os_user_sees_everyone_and_may_not_grant(tmp_path):
    db = tmp_path / "team.sqlite3"
    with open_store(db, rep="ana") as log:
        _session(log, "ana")
        _session(log, "bo")
    os.chown(db, 4242, 4242)  # the log belongs to another user now: we are not its owner
    res = run_cli("team", "--db", str(db), "--rep", "bo", "--format", "csv")
    assert "only bo's sessions" in res.stderr and "--grant USER" in res.stderr
    denied = run_cli("team", "--db", str(db), "--grant", os_login())
    assert denied.returncode == 1 and "only the owner" in denied.stderr
    os.chown(db, 0, 0)
    granted = run_cli("team", "--db", str(db), "--grant", os_login())
    assert granted.returncode == 0 and "may now see every rep" in granted.stderr
    os.chown(db, 4242, 4242)
    res = run_cli("team", "--db", str(db), "--rep", "bo", "--format", "csv")
    assert res.returncode == 0 and "only" not in res.stderr
    assert "ana" in res.stdout and "bo" in res.stdout
    listed = run_cli("team", "--db", str(db), "--viewers")
    assert listed.stdout.startswith(f"{os_login()}\tgranted by {os_login()} ")


def _as_role(url, role):
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, f"{role}@{host}", parts.path, parts.query, ""))


def test_postgresql_a_rep_role_sees_only_itself_until_the_owner_grants_it(pg_server):
    import psycopg

    url = pg_server.new_database()
    role = f"rep_{uuid.uuid4().hex[:8]}"
    with open_store(url, rep="ana") as log:  # the owner (here a superuser) makes the log
        _session(log, "ana")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN")
        conn.execute(f"GRANT SELECT, INSERT, UPDATE ON sessions, turns TO {role}")
        conn.execute(f"GRANT SELECT ON repcraft_schema, team_viewers TO {role}")
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}")
    rep_url = _as_role(url, role)
    with open_store(rep_url, rep="bo") as log:
        _session(log, "bo")
        assert not log.owns_log() and not log.team_view_allowed()
        with pytest.raises(PracticeLogError, match=f"only the owner.*you are {role}"):
            log.grant_team_view(role)
    res = run_cli("team", "--db", rep_url, "--rep", "bo", "--format", "csv")
    assert res.returncode == 0 and "only bo's sessions" in res.stderr and "ana" not in res.stdout
    assert run_cli("team", "--db", url, "--grant", role).returncode == 0
    res = run_cli("team", "--db", rep_url, "--rep", "bo", "--format", "csv")
    assert res.returncode == 0 and "only" not in res.stderr
    assert "ana" in res.stdout and "bo" in res.stdout
