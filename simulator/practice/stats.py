"""Statistics over the practice log: the dict ``repcraft stats --json`` prints.

Everything heavy is an SQL aggregate over a covering index (one row per day, one per
scenario, the last 20 finished sessions), so the cost barely grows with the log.

Decisions where the brief was silent:
- a "day" is the local calendar day a session started;
- a day counts for a streak when some session that day was finished or had a turn;
  the current streak still holds today if the rep practised yesterday;
- "this week" is the calendar week, Monday to today;
- ``since`` narrows every figure except ``milestones`` and ``pace``, which are about
  the rep's whole practice history.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from simulator.practice.recommend import ScenarioInfo, recommend
from simulator.practice.stats_sql import WINDOW
from simulator.practice.store import PracticeStore
from simulator.scenario.model import DIMENSIONS

MILESTONE_HOURS = (1, 10, 100, 1000, 10000)
PACE_DAYS = (14, 30)


def parse_day(value: str | date | None) -> date | None:
    """A date from YYYY-MM-DD (or a date); ValueError with a readable message otherwise."""
    if value is None or isinstance(value, date):
        return value
    try:
        return datetime.strptime(value.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD)") from None


def compute_stats(
    log: PracticeStore,
    *,
    since: str | date | None = None,
    today: date | None = None,
    scenarios: Sequence[ScenarioInfo] = (),
    focus: str | None = None,
) -> dict:
    """The practice statistics (see the module docstring for what each figure means);
    ``focus`` is the skill the rep chose to work on, for the recommendation."""
    since_day = parse_day(since)
    today = today or date.today()
    since_key = since_day.isoformat() if since_day else ""
    since_ts = time.mktime(since_day.timetuple()) if since_day else -1.0
    days, recent_rows, per_scenario, last = log.stats_rows(since_key, since_ts)

    in_range = [d for d in days if d[0] >= since_key]
    count = sum(d[1] for d in in_range)
    seconds = sum(d[2] for d in in_range)
    dimensions, weakest, max_recent_difficulty = _dimensions(recent_rows)
    by_day = {d[0]: d for d in in_range}
    week_start = today - timedelta(days=today.weekday())
    lifetime_seconds = sum(d[2] for d in days)

    scenario_titles = {s.id: s.title for s in scenarios}
    scenario_stats = {
        sid: {
            "title": scenario_titles.get(sid, title),
            "sessions": n,
            "finished": finished,
            "seconds": _round(secs),
            "best": {dim: best for dim, best in zip(DIMENSIONS, bests, strict=True)},
            "last_played": day,
        }
        for sid, title, n, finished, secs, *bests, day in per_scenario
    }
    recommendation = recommend(
        scenarios,
        weakest=weakest,
        recent={dim: dimensions[dim]["recent"] for dim in DIMENSIONS},
        last_played=last,
        played={sid: s["sessions"] for sid, s in scenario_stats.items()},
        max_recent_difficulty=max_recent_difficulty,
        scored_sessions={dim: dimensions[dim]["recent_sessions"] for dim in DIMENSIONS},
        finished={sid: s["finished"] for sid, s in scenario_stats.items()},
        focus=focus,
    )
    pace = _pace(days, today)
    return {
        "since": since_day.isoformat() if since_day else None,
        "sessions": count,
        "finished": sum(d[3] for d in in_range),
        "abandoned": count - sum(d[3] for d in in_range),
        "seconds": _round(seconds),
        "hours": round(seconds / 3600, 2),
        "today": _day_totals(by_day, today, today),
        "week": _day_totals(by_day, week_start, today),
        "streak": _streaks([d[0] for d in in_range if d[4]], today),
        "dimensions": dimensions,
        "weakest": weakest,
        "scenarios": scenario_stats,
        "last_played": last,
        "recommendation": recommendation,
        "pace": pace,
        "milestones": _milestones(lifetime_seconds, pace),
    }


def _round(seconds: float) -> float:
    return round(float(seconds), 3)


def _mean(values: list) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def _dimensions(rows: list[tuple]) -> tuple[dict, str | None, int | None]:
    recent, previous = rows[:WINDOW], rows[WINDOW : 2 * WINDOW]
    out: dict[str, dict] = {}
    for i, dim in enumerate(DIMENSIONS):
        r = _mean([row[i] for row in recent])
        p = _mean([row[i] for row in previous])
        out[dim] = {
            "recent": r,
            "previous": p,
            "trend": round(r - p, 1) if r is not None and p is not None else None,
            "recent_sessions": sum(row[i] is not None for row in recent),
            "previous_sessions": sum(row[i] is not None for row in previous),
        }
    known = [dim for dim in DIMENSIONS if out[dim]["recent"] is not None]
    weakest = min(known, key=lambda dim: out[dim]["recent"]) if known else None
    difficulties = [row[3] for row in recent if row[3] is not None]
    return out, weakest, (max(difficulties) if difficulties else None)


def _day_totals(by_day: dict, first: date, last: date) -> dict:
    sessions, finished, seconds = 0, 0, 0.0
    day = first
    while day <= last:
        row = by_day.get(day.isoformat())
        if row:
            sessions += row[1]
            finished += row[3] or 0
            seconds += row[2]
        day += timedelta(days=1)
    return {
        "from": first.isoformat(),
        "sessions": sessions,
        "finished": finished,
        "seconds": _round(seconds),
    }


def _streaks(practised: list[str], today: date) -> dict:
    days = sorted({date.fromisoformat(d) for d in practised if d and d <= today.isoformat()})
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and (day - previous).days == 1 else 1
        longest = max(longest, run)
        previous = day
    # The run ending on the last practised day is current while that day is today or
    # yesterday (today's practice may still come).
    current = run if previous is not None and (today - previous).days <= 1 else 0
    return {
        "current": current,
        "longest": longest,
        "last_day": previous.isoformat() if previous else None,
    }


def _pace(days: list[tuple], today: date) -> dict:
    out = {}
    for span in PACE_DAYS:
        first = (today - timedelta(days=span - 1)).isoformat()
        secs = sum(d[2] for d in days if first <= d[0] <= today.isoformat())
        out[f"last_{span}_days"] = {
            "seconds": _round(secs),
            "hours_per_day": round(secs / 3600 / span, 4),
        }
    return out


def _milestones(total_seconds: float, pace: dict) -> list[dict]:
    hours = total_seconds / 3600
    out = []
    for goal in MILESTONE_HOURS:
        to_go = max(0.0, goal - hours)
        days_to_go = {}
        for (key, p), span in zip(pace.items(), PACE_DAYS, strict=True):
            per_day = p["seconds"] / 3600 / span
            days_to_go[key] = (
                0.0 if to_go == 0 else (round(to_go / per_day, 1) if per_day > 0 else None)
            )
        out.append(
            {
                "hours": goal,
                "reached": to_go == 0,
                "hours_to_go": round(to_go, 2),
                "days_to_go": days_to_go,
            }
        )
    return out


def milestone_when(milestone: dict) -> str:
    """When an hours milestone will be reached, at the 14-day pace (the 30-day one when
    there was no practice in the last 14 days): the words `stats` and the app show."""
    pace = milestone.get("days_to_go") or {}
    days = pace.get("last_14_days")
    if days is None:
        days = pace.get("last_30_days")
    if days is None:
        return "no practice in the last 30 days to set a pace"
    if days > 3650:
        return "over 10 years at your recent pace: a short session most days changes that"
    if days < 1:
        return "about today at your recent pace"
    if days < 60:
        return f"about {days:,.0f} days at your recent pace"
    if days < 365 * 2:  # "276 days" reads better as about 9 months
        return f"about {days / 30.4:,.0f} months at your recent pace"
    return f"about {days / 365:,.1f} years at your recent pace"
