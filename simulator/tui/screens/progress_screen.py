"""Progress: practice hours and milestones, the streak calendar, trends, what to do next."""

from __future__ import annotations

import math
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, ProgressBar, Sparkline, Static

from simulator.practice.stats import milestone_when
from simulator.tui.progress_data import (
    DIMENSIONS,
    calendar,
    minutes_by_day,
    month_goal,
    score_series,
    trend_text,
)
from simulator.tui.screens.repcraft_screen import RepcraftScreen
from simulator.tui.text import hours_text, literal, sessions_text
from simulator.tui.widgets.fitted_footer import FittedFooter
from simulator.tui.widgets.reading_scroll import ReadingScroll


def _box(title: str, value: str, detail: str = "") -> Text:
    out = Text(title + "\n", style="dim")
    out.append(value, style="bold")
    if detail:
        out.append("\n" + detail, style="dim")
    return out


class ProgressScreen(RepcraftScreen):
    """How much practice, how it is going, and the next repetition (Enter)."""

    CSS_PATH = "progress_screen.tcss"
    KEYS_HELP = """Your practice from the log: time, streak, how each score is moving over
    your recent sessions, and what to practise next (Enter starts it)."""
    BINDINGS = [
        Binding("enter", "start", "Start recommended"),
        Binding("d", "drill", "Drill"),
        Binding("h", "history", "History", tooltip="Reopen a past session"),
        Binding("escape", "back", "Back"),
        Binding(
            "t", "team", "Team view", show=False, tooltip="Every rep's practice (the log's owner)"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stats: dict | None = None
        self.recommendation: dict | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with ReadingScroll(id="progress"):
            with Horizontal(id="totals"):
                for name in ("total", "today", "week", "streak"):
                    yield Static("", id=f"box-{name}", classes="box", markup=False)
            yield Static(Text("Reading the practice log…"), id="milestone", markup=False)
            bar = ProgressBar(total=1, show_percentage=False, show_eta=False, id="milestone-bar")
            bar.display = False
            yield bar
            yield Static("", id="month-goal", markup=False)
            with Horizontal(id="middle"):
                yield Static("", id="calendar", markup=False)
                with Vertical(id="trends"):
                    for dim in DIMENSIONS:
                        yield Static("", id=f"trend-{dim}", classes="trend", markup=False)
                        yield Sparkline([], id=f"spark-{dim}", classes="spark")
            yield Static("", id="recommendation", markup=False)
        yield FittedFooter()

    def on_mount(self) -> None:
        self.sub_title = "your progress"
        self.query_one("#progress", ReadingScroll).focus()  # arrows and pgup/pgdn scroll it
        self.load()

    @work(thread=True, exclusive=True, group="progress")
    def load(self) -> None:
        app = self.app
        stats, recommendation = app.library_stats()
        history = app.store.history(today=app.config.today) if stats is not None else []
        app.call_from_thread(self._show, stats, recommendation, history)

    def _show(self, stats: dict | None, recommendation: dict | None, history: list) -> None:
        self.stats, self.recommendation = stats, recommendation
        s = stats or {}
        streak = s.get("streak") or {}
        today, week = s.get("today") or {}, s.get("week") or {}
        boxes = {
            "total": _box("Practice", hours_text(s.get("seconds", 0)), sessions_text(s)),
            "today": _box("Today", hours_text(today.get("seconds", 0)), sessions_text(today)),
            "week": _box("This week", hours_text(week.get("seconds", 0)), sessions_text(week)),
            "streak": _box(
                "Streak",
                f"{streak.get('current', 0)} day{'s' * (streak.get('current', 0) != 1)}",
                f"longest {streak.get('longest', 0)}",
            ),
        }
        for name, content in boxes.items():
            self.query_one(f"#box-{name}", Static).update(content)
        self.query_one("#milestone", Static).update(self._milestones(s))
        self.query_one("#month-goal", Static).update(self._month_goal(s))
        self.query_one("#calendar", Static).update(
            Text.assemble(
                ("Last 12 weeks\n", "bold"),
                calendar(minutes_by_day(history), self.app.config.today),
            )
        )
        series = score_series(history)
        dims = s.get("dimensions") or {}
        for dim in DIMENSIONS:
            self.query_one(f"#trend-{dim}", Static).update(
                trend_text(dim, dims.get(dim), series[dim])
            )
            spark = self.query_one(f"#spark-{dim}", Sparkline)
            spark.data = series[dim] or [0]
            spark.display = len(series[dim]) >= 2  # one score drew a full bar: no line yet
        self.query_one("#recommendation", Static).update(self._recommendation())

    def _milestones(self, s: dict) -> Text:
        if not self.app.store.enabled or self.app.store.error:
            return literal(("Practice log: ", "bold"), self.app.store.status)
        out = Text("Milestones  ", style="bold")
        hours = float(s.get("seconds", 0)) / 3600
        upcoming = None
        for m in s.get("milestones") or []:
            if m.get("reached"):
                out.append(f"✓ {m['hours']} h  ", style="bold green")
            elif upcoming is None:
                upcoming = m
        if upcoming:
            goal = float(upcoming["hours"])
            out.append(f"next {upcoming['hours']:,} h: ")
            out.append(f"{hours_text(hours * 3600)} done, ", style="dim")
            out.append(f"{hours_text((goal - hours) * 3600)} to go", style="dim")
            out.append(f" · {milestone_when(upcoming)}", style="dim")
            bar = self.query_one("#milestone-bar", ProgressBar)
            bar.update(total=goal, progress=min(hours, goal))
            bar.display = True
        return out

    def _month_goal(self, s: dict) -> Text:
        """A goal a rep can reach this month at their recent pace (the far milestones
        take months or years; this one is for the next few weeks)."""
        if not self.app.store.enabled or self.app.store.error:
            return Text("")
        pace = s.get("pace") or {}
        per_day = None
        for key in ("last_14_days", "last_30_days"):
            per_day = per_day or (pace.get(key) or {}).get("hours_per_day") or None
        hours = float(s.get("seconds", 0)) / 3600
        goal = month_goal(hours, per_day, self.app.config.today or date.today())
        out = Text("This month  ", style="bold")
        more = hours_text(goal.to_go * 3600)
        if goal.within_reach:
            out.append(f"{goal.hours:,} h is within reach", style="bold green")
            out.append(f": {more} more, about {goal.days} days at your recent pace", style="dim")
            return out
        # Not at this pace (or no pace yet): what it takes, not a promise.
        left = f"the {goal.days_left} days left" if goal.days_left > 1 else "today"
        out.append(f"{goal.hours:,} h", style="bold")
        needed = hours_text(math.ceil(goal.per_day * 60) * 60)  # a minute up, not down
        out.append(f": {more} more, {needed} a day for {left}")
        if per_day:
            pace_text = hours_text(per_day * 3600) if per_day * 60 >= 1 else "under 1 min"
            out.append(f" (your recent pace: {pace_text} a day)", style="dim")
        return out

    def _recommendation(self) -> Text:
        rec = self.recommendation
        if not rec:
            return Text(
                "No other scenario to recommend: add scenario files to the library "
                "(--scenarios DIR, or the scenarios folder in your data directory).",
                style="dim",
            )
        return literal(
            ("Next: ", "bold"),
            (rec.get("title", rec.get("id", "")), "bold"),
            "\n",
            rec.get("reason", ""),
            ("\nPress Enter to start it.", "italic"),
        )

    # -- actions --------------------------------------------------------------------

    def action_start(self) -> None:
        rec = self.recommendation
        entry = next((e for e in self.app.entries or [] if rec and e.id == rec.get("id")), None)
        if entry is None:
            return
        scenario, _diagnostics, rubric, _problem = self.app.load_entry(entry)
        if scenario is not None:
            self.app.open_briefing(scenario, rubric, replace=True)

    def action_drill(self) -> None:
        self.app.open_drill()

    def action_history(self) -> None:
        self.app.open_history()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_team(self) -> None:
        from simulator.tui.team_screen import TeamScreen

        self.app.push_screen(TeamScreen(self.app.config.db_path, None, today=self.app.config.today))
