"""The team view on a PostgreSQL log (viewers.py says the rules): its owner is the
database role that owns the log's tables (or a superuser), and a grant names a role."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import psycopg

from simulator.practice.records import iso
from simulator.practice.viewers import TeamViewer, checked_name, not_owner


class PgTeamViewers:
    @property
    def location(self) -> str:  # the log class's own
        raise NotImplementedError

    _write: Callable[[Callable[[psycopg.Connection], Any]], Any]

    def owns_log(self) -> bool:
        row = self._write(
            lambda conn: conn.execute(
                "SELECT pg_has_role(current_user, c.relowner, 'USAGE')"
                " OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
                " FROM pg_class c WHERE c.oid = 'sessions'::regclass"
            ).fetchone()
        )
        return bool(row and row[0])

    def team_view_allowed(self) -> bool:
        """The owner sees the whole team, and so does a role the owner granted it to."""
        if self.owns_log():
            return True
        row = self._write(
            lambda conn: conn.execute(
                "SELECT 1 FROM team_viewers WHERE name = current_user"
            ).fetchone()
        )
        return row is not None

    def team_viewers(self) -> list[TeamViewer]:
        rows = self._write(
            lambda conn: conn.execute(
                "SELECT name, granted_by, granted_at FROM team_viewers ORDER BY name"
            ).fetchall()
        )
        return [TeamViewer(name, by, iso(at)) for name, by, at in rows]

    def grant_team_view(self, name: str) -> bool:
        """Let the database role ``name`` see every rep; False when it already could."""
        name = checked_name(name)

        def insert(conn: psycopg.Connection) -> bool:
            who = self._owner_only(conn)
            cur = conn.execute(
                "INSERT INTO team_viewers (name, granted_by, granted_at) VALUES (%s, %s, %s)"
                " ON CONFLICT (name) DO NOTHING",
                (name, who, time.time()),
            )
            return cur.rowcount > 0

        return bool(self._write(insert))

    def revoke_team_view(self, name: str) -> bool:
        """Take the team view back; False when ``name`` did not have it."""
        name = checked_name(name)

        def delete(conn: psycopg.Connection) -> bool:
            self._owner_only(conn)
            return conn.execute("DELETE FROM team_viewers WHERE name = %s", (name,)).rowcount > 0

        return bool(self._write(delete))

    def _owner_only(self, conn: psycopg.Connection) -> str:
        row = conn.execute("SELECT current_user").fetchone()
        who = str(row[0]) if row else "?"
        if not self.owns_log():
            raise not_owner(self.location, who)
        return who
