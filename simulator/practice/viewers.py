"""Who may see the whole team: the log's owner, and whoever the owner granted it to.

A grant names a real identity, never the self-declared rep (``--rep`` is anyone's to
type): for an SQLite log the OS login of the user running repcraft, for PostgreSQL
the database role it connected as. Only the owner grants and revokes.

This module holds the SQLite side (a mixin of PracticeLog); pg_store.py has its own
few statements over the same ``team_viewers`` table.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from simulator.practice.errors import PracticeLogError
from simulator.practice.records import iso

T = TypeVar("T")


@dataclass(frozen=True)
class TeamViewer:
    name: str
    granted_by: str
    granted_at: str | None  # local ISO 8601


def os_login() -> str:
    """The OS account running repcraft, from its uid (USER and LOGNAME can say anything)."""
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        try:
            import pwd

            return pwd.getpwuid(getuid()).pw_name
        except (ImportError, KeyError):
            return str(getuid())
    import getpass

    return getpass.getuser()


def checked_name(name: str) -> str:
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise PracticeLogError("a team view grant needs a user name")
    return cleaned


def not_owner(location: str, who: str) -> PracticeLogError:
    return PracticeLogError(
        f"only the owner of practice log {location} may grant or revoke the team view "
        f"(you are {who})"
    )


class SqliteTeamViewers:
    """The team view on an SQLite log: its owner is the OS user who owns the file."""

    path: Path

    @property
    def location(self) -> str:  # the log class's own
        raise NotImplementedError

    _read: Callable
    _guarded: Callable
    _conn: sqlite3.Connection

    def owns_log(self) -> bool:
        getuid = getattr(os, "getuid", None)
        if getuid is None:  # Windows: file ownership is not a uid; the file is personal
            return True
        try:
            return self.path.stat().st_uid == getuid()
        except OSError:
            return False

    def team_view_allowed(self) -> bool:
        """The owner sees the whole team, and so does an OS user the owner granted it to;
        anyone else who can write to the file sees only their own sessions."""
        if self.owns_log():
            return True
        login = os_login()
        row = self._read(
            lambda conn: conn.execute(
                "SELECT 1 FROM team_viewers WHERE name = ?", (login,)
            ).fetchone()
        )
        return row is not None

    def team_viewers(self) -> list[TeamViewer]:
        rows = self._read(
            lambda conn: conn.execute(
                "SELECT name, granted_by, granted_at FROM team_viewers ORDER BY name"
            ).fetchall()
        )
        return [TeamViewer(name, by, iso(at)) for name, by, at in rows]

    def grant_team_view(self, name: str) -> bool:
        """Let the OS user ``name`` see every rep; False when they already could."""
        who = self._owner_only()
        name = checked_name(name)

        def insert() -> bool:
            cur = self._conn.execute(
                "INSERT INTO team_viewers (name, granted_by, granted_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO NOTHING",
                (name, who, time.time()),
            )
            return cur.rowcount > 0

        return bool(self._guarded(insert))

    def revoke_team_view(self, name: str) -> bool:
        """Take the team view back; False when ``name`` did not have it."""
        self._owner_only()
        name = checked_name(name)
        return bool(
            self._guarded(
                lambda: (
                    self._conn.execute("DELETE FROM team_viewers WHERE name = ?", (name,)).rowcount
                    > 0
                )
            )
        )

    def _owner_only(self) -> str:
        who = os_login()
        if not self.owns_log():
            raise not_owner(self.location, who)
        return who
