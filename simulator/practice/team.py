"""The manager's view of a shared log: per rep and per scenario, from the sessions.

Decisions where the brief was silent:
- hours count every session, finished or abandoned (as ``stats`` does);
- a skill's trend is the mean of a rep's last 5 finished sessions minus the mean of the
  5 before (None until there are both); the weakest skill is the lowest recent mean;
- a scenario's pass rate is the share of finished sessions ending in win or advance;
- a "worst turn" is a step whose answered turns score lowest on average (the mean of
  the dimensions each turn gave evidence on), listed with how many turns it saw.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from simulator.practice.store import PracticeStore
from simulator.scenario.model import DIMENSIONS

TREND_WINDOW = 5
WORST_TURNS = 3
PASSING = ("win", "advance")


@dataclass
class RepSummary:
    rep: str
    sessions: int = 0
    seconds: float = 0.0
    streak: int = 0
    last_active: str | None = None
    recent: dict[str, float | None] = field(default_factory=dict)
    trend: dict[str, float | None] = field(default_factory=dict)
    weakest: str | None = None


@dataclass
class StepLoss:
    step: str
    turns: int
    mean: float


@dataclass
class ScenarioSummary:
    scenario: str
    title: str
    sessions: int = 0
    finished: int = 0
    passed: int = 0
    worst: list[StepLoss] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        return round(self.passed / self.finished, 3) if self.finished else None


@dataclass
class TeamReport:
    reps: list[RepSummary]
    scenarios: list[ScenarioSummary]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def _streak(days: set[str], today: date) -> int:
    """Consecutive practised days ending today (or yesterday: today may be still to come)."""
    day = today if today.isoformat() in days else today - timedelta(days=1)
    count = 0
    while day.isoformat() in days:
        count += 1
        day -= timedelta(days=1)
    return count


class _RepAcc:
    def __init__(self, rep: str) -> None:
        self.summary = RepSummary(rep)
        self.days: set[str] = set()
        self.finished_scores: list[dict] = []

    def add(self, s: dict) -> None:
        self.summary.sessions += 1
        self.summary.seconds += float(s.get("seconds") or 0)
        last = s.get("last_active_at") or s.get("started_at")
        if last and (self.summary.last_active is None or last > self.summary.last_active):
            self.summary.last_active = last
        if s.get("status") == "finished" or s.get("turns"):
            self.days.add(str(s.get("day") or ""))
        if s.get("status") == "finished" and s.get("scores"):
            self.finished_scores.append(s["scores"])

    def finish(self, today: date) -> RepSummary:
        out = self.summary
        out.seconds = round(out.seconds, 1)
        out.streak = _streak(self.days, today)
        recent = self.finished_scores[-TREND_WINDOW:]
        previous = self.finished_scores[-2 * TREND_WINDOW : -TREND_WINDOW]
        for dim in DIMENSIONS:
            now = _mean([s[dim] for s in recent if isinstance(s.get(dim), (int, float))])
            before = _mean([s[dim] for s in previous if isinstance(s.get(dim), (int, float))])
            out.recent[dim] = now
            out.trend[dim] = None if now is None or before is None else round(now - before, 1)
        scored = [(v, d) for d, v in out.recent.items() if v is not None]
        out.weakest = min(scored)[1] if scored else None
        return out


def _turn_score(turn: dict) -> float | None:
    scores = turn.get("scores") or {}
    values = [v for v in scores.values() if isinstance(v, (int, float))]
    return sum(values) / len(values) if values else None


def team_report(sessions: Iterable[dict], *, today: date | None = None) -> TeamReport:
    """Aggregate sessions (oldest first, as a store streams them) into the team view."""
    today = today or date.today()
    reps: dict[str, _RepAcc] = {}
    scenarios: dict[str, ScenarioSummary] = {}
    step_scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in sessions:
        rep = str(s.get("rep") or "")
        reps.setdefault(rep, _RepAcc(rep)).add(s)
        sid = str(s.get("scenario") or "")
        summary = scenarios.setdefault(sid, ScenarioSummary(sid, str(s.get("title") or "")))
        summary.sessions += 1
        if s.get("status") == "finished":
            summary.finished += 1
            summary.passed += s.get("ending") in PASSING
        for turn in s.get("turns") or ():
            score = _turn_score(turn)
            if score is not None and turn.get("step"):
                step_scores[sid][str(turn["step"])].append(score)
    for sid, summary in scenarios.items():
        losses = [
            StepLoss(step, len(v), round(sum(v) / len(v), 1))
            for step, v in step_scores[sid].items()
        ]
        summary.worst = sorted(losses, key=lambda x: (x.mean, -x.turns, x.step))[:WORST_TURNS]
    return TeamReport(
        reps=[reps[r].finish(today) for r in sorted(reps)],
        scenarios=[scenarios[k] for k in sorted(scenarios)],
    )


REP_FIELDS = ("rep", "sessions", "hours", "streak", "last_active", "weakest") + tuple(
    f"{d}_{kind}" for d in DIMENSIONS for kind in ("recent", "trend")
)
SCENARIO_FIELDS = ("scenario", "title", "sessions", "finished", "pass_rate", "worst_steps")


def _rep_row(r: RepSummary) -> list:
    row = [r.rep, r.sessions, round(r.seconds / 3600, 2), r.streak, r.last_active, r.weakest]
    for d in DIMENSIONS:
        row += [r.recent.get(d), r.trend.get(d)]
    return ["" if v is None else v for v in row]


def _worst(s: ScenarioSummary) -> str:
    return "; ".join(f"{w.step} ({w.mean}, {w.turns} turns)" for w in s.worst)


def _scenario_row(s: ScenarioSummary) -> list:
    rate = "" if s.pass_rate is None else s.pass_rate
    return [s.scenario, s.title, s.sessions, s.finished, rate, _worst(s)]


def team_csv(report: TeamReport) -> str:
    """Two CSV tables (reps, then scenarios) separated by a blank line."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(REP_FIELDS)
    writer.writerows(_rep_row(r) for r in report.reps)
    buf.write("\n")
    writer.writerow(SCENARIO_FIELDS)
    writer.writerows(_scenario_row(s) for s in report.scenarios)
    return buf.getvalue()


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _md_table(fields: tuple[str, ...], rows: Iterable[list]) -> list[str]:
    lines = ["| " + " | ".join(fields) + " |", "|" + " --- |" * len(fields)]
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    return lines


def team_markdown(report: TeamReport) -> str:
    lines = ["# Team practice", "", "## Reps", ""]
    lines += _md_table(REP_FIELDS, (_rep_row(r) for r in report.reps))
    lines += ["", "## Scenarios", ""]
    lines += _md_table(SCENARIO_FIELDS, (_scenario_row(s) for s in report.scenarios))
    return "\n".join(lines) + "\n"


def team_text(report: TeamReport) -> str:
    """The terminal view: one line per rep, then one per scenario."""
    lines = [f"{'rep':<16} {'sessions':>8} {'hours':>6} {'streak':>6}  weakest       last active"]
    for r in report.reps:
        trend = ", ".join(
            f"{d} {'+' if (t or 0) >= 0 else ''}{t}" for d, t in r.trend.items() if t is not None
        )
        lines.append(
            f"{r.rep[:16]:<16} {r.sessions:>8} {r.seconds / 3600:>6.2f} {r.streak:>6}  "
            f"{r.weakest or '-':<13} {r.last_active or '-'}"
            + (f"  trend: {trend}" if trend else "")
        )
    lines += ["", f"{'scenario':<28} {'sessions':>8} {'pass':>6}  where reps lose most"]
    for s in report.scenarios:
        rate = "-" if s.pass_rate is None else f"{s.pass_rate:.0%}"
        lines.append(f"{s.scenario[:28]:<28} {s.sessions:>8} {rate:>6}  {_worst(s) or '-'}")
    return "\n".join(lines) + "\n"


def visible_sessions(store: PracticeStore) -> tuple[Iterator[dict], bool]:
    """The sessions this user may see, and whether they are everyone's: the owner (and
    whoever the owner granted the team view to) sees every rep, anyone else only the
    sessions filed under their own rep."""
    everyone = store.team_view_allowed()
    sessions = store.sessions()
    if not everyone:
        sessions = (s for s in sessions if s.get("rep") == store.rep)
    return sessions, everyone


def team_view(store: PracticeStore, *, today: date | None = None) -> tuple[TeamReport, bool]:
    """The team view this user may see (see :func:`visible_sessions`)."""
    sessions, everyone = visible_sessions(store)
    return team_report(sessions, today=today), everyone
