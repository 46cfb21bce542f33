"""A throwaway PostgreSQL for the store contract tests: pgserver's wheel (no root, no
network), one server per test process, and a new empty database per test.

REPCRAFT_TEST_PG_URL points the tests at a server of your own instead (a database the
tests may create and drop databases on). When neither is available the PostgreSQL
half of the suite is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

PG_URL_ENV = "REPCRAFT_TEST_PG_URL"


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


class PgServer:
    """An admin URL, and new databases made from it."""

    def __init__(self, admin_url: str, stop=None):
        self.admin_url = admin_url
        self._stop = stop

    def new_database(self) -> str:
        import psycopg

        name = f"repcraft_test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        parts = urlsplit(self.admin_url)
        return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()


def start_pg_server(run_id: str) -> PgServer:
    """The server shared by the processes of test run ``run_id``, or pytest.skip with
    why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests need psycopg (pip install '.[test]')")
    if os.environ.get(PG_URL_ENV):
        return PgServer(os.environ[PG_URL_ENV])
    try:
        import pgserver
    except ImportError:
        pytest.skip(
            "PostgreSQL tests need pgserver (pip install '.[test]'; it has no wheel for "
            f"this Python) or {PG_URL_ENV}=postgresql://... of a server of your own"
        )
    # One server for all the test processes of a run (pgserver counts who holds it and
    # stops it after the last), in a short folder (its Unix socket lives there) that
    # pgserver's own user may enter, which pytest's private temp folders are not.
    folder = Path(tempfile.gettempdir()) / f"rcpg-{run_id}"
    folder.mkdir(exist_ok=True)
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
    except Exception as exc:  # any failure to start is a reason to skip, given in full
        pytest.skip(f"the throwaway PostgreSQL (pgserver) did not start: {exc}")

    # A test server keeps nothing: no fsync makes CREATE DATABASE and the shutdown
    # checkpoint quick on a busy machine.
    import psycopg

    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        conn.execute("ALTER SYSTEM SET fsync = off")
        conn.execute("ALTER SYSTEM SET synchronous_commit = off")
        conn.execute("SELECT pg_reload_conf()")

    def stop() -> None:
        server.cleanup()
        if not (folder / "postmaster.pid").exists():  # the last holder: it has stopped
            shutil.rmtree(folder, ignore_errors=True)

    return PgServer(server.get_uri(), stop)
