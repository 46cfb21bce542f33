"""The PostgreSQL queries behind ``compute_stats``: the same rows stats_sql.py gives
for SQLite, aggregated straight from ``sessions`` (there is no daily_totals table)."""

from __future__ import annotations

from typing import Any

import psycopg

from simulator.practice.stats_sql import WINDOW


def _num(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def fetch_stats_rows(conn: psycopg.Connection, since_key: str, since_ts: float) -> tuple:
    # practised = some session that day was finished or answered. Days are all-time:
    # milestones and pace need them.
    days = conn.execute(
        "SELECT day, count(*), coalesce(sum(seconds), 0.0),"
        " count(*) FILTER (WHERE status = 'finished'),"
        " max(CASE WHEN status = 'finished' OR turn_count > 0 THEN 1 ELSE 0 END)"
        " FROM sessions GROUP BY day ORDER BY day"
    ).fetchall()
    per_scenario = conn.execute(
        "SELECT scenario_id, count(*), count(*) FILTER (WHERE status = 'finished'),"
        " coalesce(sum(seconds), 0.0), max(courage), max(authenticity), max(belief),"
        " max(day), max(id) FROM sessions WHERE day >= %s"
        " GROUP BY scenario_id ORDER BY scenario_id",
        (since_key,),
    ).fetchall()
    titles: dict[str, str] = dict(
        conn.execute(
            "SELECT scenario_id, title FROM sessions WHERE id = ANY(%s)",
            ([row[-1] for row in per_scenario],),
        ).fetchall()
    )
    recent = conn.execute(
        "SELECT courage, authenticity, belief, difficulty FROM sessions"
        " WHERE status = 'finished' AND started_at >= %s"
        " ORDER BY started_at DESC, id DESC LIMIT %s",
        (since_ts, 2 * WINDOW),
    ).fetchall()
    last = conn.execute(
        "SELECT scenario_id FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1"
    ).fetchone()
    per_scenario_rows = [
        (r[0], titles.get(r[0], ""), r[1], r[2], r[3], *(_num(v) for v in r[4:7]), r[7])
        for r in per_scenario
    ]
    recent_rows = [tuple(_num(v) for v in row) for row in recent]
    return days, recent_rows, per_scenario_rows, (last[0] if last else None)
