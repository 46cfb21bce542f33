"""The SQLite queries behind ``compute_stats``: the rows it aggregates, in one snapshot.

Kept apart from stats.py so the statistics only see the store Protocol; another store
(PostgreSQL) returns the same rows from its own SQL.
"""

from __future__ import annotations

import sqlite3

WINDOW = 10  # sessions in "recent", and again in "previous" (stats.WINDOW)


def fetch_stats_rows(conn: sqlite3.Connection, since_key: str, since_ts: float) -> tuple:
    # daily_totals has one row per (day, scenario), kept by triggers: these two
    # aggregates never touch the sessions table. practised = some session that day was
    # finished or answered. Days are all-time: milestones and pace need them.
    days = conn.execute(
        "SELECT day, sum(sessions), total(seconds), sum(finished), max(practised)"
        " FROM daily_totals GROUP BY day ORDER BY day"
    ).fetchall()
    per_scenario = conn.execute(
        "SELECT scenario_id, sum(sessions), sum(finished), total(seconds), max(best_courage),"
        " max(best_authenticity), max(best_belief), max(day), max(last_id)"
        " FROM daily_totals WHERE day >= ? GROUP BY scenario_id ORDER BY scenario_id",
        (since_key,),
    ).fetchall()
    last_ids = [row[-1] for row in per_scenario]
    titles: dict[str, str] = {}
    for chunk in range(0, len(last_ids), 500):  # keep under SQLite's variable limit
        ids = last_ids[chunk : chunk + 500]
        titles.update(
            conn.execute(
                f"SELECT scenario_id, title FROM sessions WHERE id IN ({','.join('?' * len(ids))})",
                ids,
            ).fetchall()
        )
    recent = conn.execute(
        "SELECT courage, authenticity, belief, difficulty FROM sessions"
        " WHERE status = 'finished' AND started_at >= ?"
        " ORDER BY started_at DESC, id DESC LIMIT ?",
        (since_ts, 2 * WINDOW),
    ).fetchall()
    last = conn.execute(
        "SELECT scenario_id FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1"
    ).fetchone()
    per_scenario = [(r[0], titles.get(r[0], ""), *r[1:-1]) for r in per_scenario]
    return days, recent, per_scenario, (last[0] if last else None)
