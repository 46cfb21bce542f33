"""What the progress screen draws, computed from the practice log's sessions. No Textual."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
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


def trend_text(dim: str, figures: Mapping | None) -> Text:
    """``courage  64  ▲5 on the 10 before``."""
    figures = figures or {}
    recent, trend = figures.get("recent"), figures.get("trend")
    out = Text(f"{dim.capitalize():<13}", style="bold")
    if recent is None:
        out.append("no finished sessions yet", style="dim")
        return out
    out.append(f"{round(recent):>3}")
    if trend is None:
        out.append("  (trend after 10 more sessions)", style="dim")
    elif trend >= 0.5:
        out.append(f"  ▲{round(trend)}", style="bold green")
    elif trend <= -0.5:
        out.append(f"  ▼{round(-trend)}", style="bold red")
    else:
        out.append("  = steady", style="dim")
    return out
