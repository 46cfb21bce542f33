"""A throwaway PostgreSQL for the store contract tests: pgserver's wheel (no root, no
network), one server per test process, and a new empty database per test.

REPCRAFT_TEST_PG_URL points the tests at a server of your own instead (a database the
tests may create and drop databases on). When neither is available the PostgreSQL
half of the suite is skipped with the reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
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
        server = _system_postgres(run_id)
        if server is None:
            pytest.skip(
                "PostgreSQL tests need pgserver (pip install '.[test]'; it has no wheel for "
                "this Python), a system PostgreSQL (/usr/lib/postgresql/*/bin), or "
                f"{PG_URL_ENV}=postgresql://... of a server of your own"
            )
        return server
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


def _system_postgres(run_id: str) -> PgServer | None:
    """Debian's PostgreSQL server binaries, started in a temporary folder for this test
    process (as the ``postgres`` OS user when we are root: the server refuses root), or
    None when there are none. A failure to start skips, saying why."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        return None
    bin_dir = Path(found[-1]).parent
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    folder = Path(tempfile.mkdtemp(prefix=f"rcpgd-{run_id}-{worker}-"))
    as_user: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        os.chown(folder, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    options = f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"

    def pg_ctl(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), *args],
                              capture_output=True, text=True, timeout=120)  # fmt: skip

    initdb = [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"]
    init = subprocess.run(initdb, capture_output=True, text=True, timeout=120)
    started = init
    if init.returncode == 0:
        started = pg_ctl("-o", options, "-l", str(folder / "log"), "-w", "start")
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"the system PostgreSQL ({bin_dir}) did not start: {started.stderr[-300:]}")

    def stop() -> None:
        pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)

    return PgServer(f"postgresql://postgres@/postgres?host={folder}", stop)
