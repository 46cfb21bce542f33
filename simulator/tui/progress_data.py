"""What the progress screen draws, computed from the practice log's sessions. No Textual."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from rich.text import Text

from simulator.scenario.model import DIMENSIONS  # the one definition

WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def minutes_by_day(sessions: Iterable[Mapping]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for s in sessions:
        if s.get("day"):
            out[s["day"]] += float(s.get("seconds") or 0) / 60
    return dict(out)


def calendar(minutes: Mapping[str, float], today: date | None = None, weeks: int = 12) -> Text:
    """A GitHub-style grid: one column per week (oldest left), one row per weekday,
    each day shaded by minutes practised; today is the last cell."""
    today = today or date.today()
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    out = Text()
    for row in range(7):
        out.append(f"{WEEKDAYS[row]:<4}", style="dim")
        for week in range(weeks):
            day = start + timedelta(days=7 * week + row)
            if day > today:
                out.append("  ")
                continue
            m = minutes.get(day.isoformat(), 0.0)
            style = "dim" if m <= 0 else "green" if m < 10 else "bold green"
            out.append("■ " if m > 0 else "· ", style=style)
        if row < 6:
            out.append("\n")
    out.append("\n    · none ", style="dim")
    out.append("■", style="green")
    out.append(" <10 min ", style="dim")
    out.append("■", style="bold green")
    out.append(" 10+", style="dim")
    return out


def score_series(sessions: Iterable[Mapping], limit: int = 20) -> dict[str, list[float]]:
    """Each dimension's scores over the last ``limit`` finished sessions, oldest first."""
    finished = [s for s in sessions if s.get("status") == "finished" and s.get("scores")]
    finished = finished[-limit:]
    return {
        dim: [float(s["scores"][dim]) for s in finished if s["scores"].get(dim) is not None]
        for dim in DIMENSIONS
    }


def trend_text(dim: str, figures: Mapping | None, series: list[float] | None = None) -> Text:
    """``courage  64  ▲5 latest vs 4 before``: the recent average, and how
    the latest finished session compares with the (up to 10) before it, so the trend
    moves after every session."""
    figures = figures or {}
    recent = figures.get("recent")
    out = Text(f"{dim.capitalize():<13}", style="bold")
    if recent is None:
        out.append("no finished sessions yet", style="dim")
        return out
    out.append(f"{round(recent):>3}")
    scores = list(series or [])
    if len(scores) < 2:
        out.append("  (a trend after your next session)", style="dim")
        return out
    before = scores[-11:-1]
    change = scores[-1] - sum(before) / len(before)
    n = len(before)
    against = f" latest vs {n} before" if n > 1 else " latest vs the one before"
    if change >= 0.5:
        out.append(f"  ▲{round(change)}", style="bold green")
    elif change <= -0.5:
        out.append(f"  ▼{round(-change)}", style="bold red")
    else:
        out.append("  = steady", style="dim")
    out.append(against, style="dim")
    return out


@dataclass(frozen=True)
class MonthGoal:
    """A practice goal for the rest of this month, and whether the rep's pace gets there."""

    hours: int  # the goal, in whole hours of practice
    to_go: float  # hours still to practise
    days_left: int  # days left in the month, today included
    days: int | None  # days to reach it at the recent pace; None without a pace

    @property
    def within_reach(self) -> bool:
        return self.days is not None and self.days <= self.days_left

    @property
    def per_day(self) -> float:
        """Hours a day that reach it by the month's end."""
        return self.to_go / max(1, self.days_left)


def month_goal(hours: float, per_day: float | None, today: date) -> MonthGoal:
    """The largest whole-hour goal the rep reaches by the end of this month at
    ``per_day`` hours a day (at least the next whole hour, which the pace may miss)."""
    days_left = (date(today.year + today.month // 12, today.month % 12 + 1, 1) - today).days
    reachable = hours + (per_day or 0.0) * days_left
    goal = max(int(reachable), int(hours) + 1)
    days = max(1, round((goal - hours) / per_day)) if per_day else None
    return MonthGoal(goal, goal - hours, days_left, days)
