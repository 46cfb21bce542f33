"""The practice store: what every front end (CLI, TUI, team view) may ask of a log.

Nothing outside ``simulator/practice/`` sees a database connection: it gets a
:class:`PracticeStore` from :func:`open_store` and calls these methods. The SQLite
log (``PracticeLog``) is the default and needs nothing beyond the standard library.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from simulator.practice.records import NewSession, ReportTurn

if TYPE_CHECKING:
    from simulator.practice.viewers import TeamViewer

REP_ENV = "REPCRAFT_REP"


def current_rep(explicit: str | None = None) -> str:
    """Who is practising: ``--rep NAME``, then REPCRAFT_REP, then the OS user."""
    for candidate in (explicit, os.environ.get(REP_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no passwd entry (some containers)
        return "rep"


@runtime_checkable
class PracticeStore(Protocol):
    """A practice log: sessions and turns written as they happen, read back for stats."""

    rep: str  # the rep new sessions are filed under

    @property
    def location(self) -> str:
        """Where the log lives, for messages (a path, or a URL without its password)."""
        ...

    def start_session(self, new: NewSession) -> int:
        """File a new session (abandoned until finished) and return its id."""
        ...

    def record_turn(
        self, sid: int, turn: ReportTurn, *, reply_seconds: float | None, at: float | None = None
    ) -> int: ...

    def touch(self, sid: int, at: float | None = None) -> None: ...

    def finish_session(
        self, sid: int, report: Mapping[str, Any], *, ended_at: float | None = None
    ) -> None: ...

    def session(self, sid: int) -> dict | None: ...

    def sessions(self, *, since_day: str | None = None) -> Iterator[dict]: ...

    def import_sessions(self, sessions: Iterable[Mapping[str, Any]]) -> int: ...

    def stats_rows(self, since_key: str, since_ts: float) -> tuple:
        """(days, recent, per_scenario, last) as ``compute_stats`` aggregates them."""
        ...

    def owns_log(self) -> bool:
        """Whether this user owns the log (the file's OS owner, the tables' role)."""
        ...

    def team_view_allowed(self) -> bool:
        """Whether this user may see every rep's sessions: the owner, or a grantee."""
        ...

    def team_viewers(self) -> list[TeamViewer]: ...

    def grant_team_view(self, name: str) -> bool:
        """Owner only (PracticeLogError otherwise); False when ``name`` already had it."""
        ...

    def revoke_team_view(self, name: str) -> bool: ...

    def close(self) -> None: ...

    def __enter__(self) -> PracticeStore: ...

    def __exit__(self, *exc: object) -> None: ...


def is_url(target: str | Path | None) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_store(target: str | Path | None = None, *, rep: str | None = None) -> PracticeStore:
    """The store at ``target``: a file path (SQLite, the default) or a PostgreSQL URL.

    Raises PracticeLogError with a readable message when it cannot be opened.
    """
    from simulator.practice.errors import PracticeLogError

    if is_url(target):
        assert isinstance(target, str)  # is_url only says yes to a string
        try:
            from simulator.practice.pg_store import PgPracticeLog
        except ImportError:
            raise PracticeLogError(
                "a PostgreSQL practice log needs the team edition: "
                "pip install 'repcraft[team]' (psycopg 3), or use a file path with --db"
            ) from None
        return PgPracticeLog.open(target, rep=rep)
    from simulator.practice.log import PracticeLog

    return PracticeLog.open(target, rep=rep)
