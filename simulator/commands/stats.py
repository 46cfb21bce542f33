"""``repcraft stats``: practice hours, streaks, trends per dimension, what to practise next."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from simulator.commands.common import (
    add_db_options,
    add_scenarios_option,
    safe_text,
    scenario_dirs,
)


def _day(value: str) -> date:
    from simulator.practice.stats import parse_day

    try:
        return parse_day(value)  # type: ignore[return-value]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="practice hours, streaks, trends and what to practise next",
        description="Statistics over the practice log: time practised, sessions, streaks, "
        "each dimension's recent average against the one before, milestones, and the "
        "scenario to practise next.",
    )
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="only sessions from DATE")
    add_db_options(p)
    add_scenarios_option(p)
    p.set_defaults(func=run)


def library_infos(dirs: list[str]) -> list:
    """The library as ScenarioInfo (playable scenarios only), for the recommendation."""
    from simulator.practice import ScenarioInfo
    from simulator.scenario.library import list_library

    return [ScenarioInfo.from_entry(e) for e in list_library(dirs) if e.playable]


def run(args: argparse.Namespace) -> int:
    from simulator.commands.common import read_log
    from simulator.practice import compute_stats

    scenarios = library_infos(scenario_dirs(args))
    read = read_log(
        args, lambda log: (compute_stats(log, since=args.since, scenarios=scenarios), log.location)
    )
    if isinstance(read, int):
        return read
    stats, location = read
    if args.json:
        json.dump(stats, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(stats, location))
    return 0


def hours(seconds: float) -> str:
    if 0 < seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = int(round(seconds / 60))
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _arrow(trend: float | None) -> str:
    if trend is None:
        return ""
    mark = "↑" if trend >= 1 else "↓" if trend <= -1 else "→"
    return f"{mark} {trend:+.1f}"


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def render(stats: dict, path: str) -> str:
    """The human form of the statistics."""
    from simulator.practice.stats import milestone_when

    since = f" since {stats['since']}" if stats.get("since") else ""
    lines = [
        f"Practice log {path}{since}",
        f"  Practice time  {hours(stats['seconds'])} in {_plural(stats['sessions'], 'session')}"
        f" ({stats['abandoned']} abandoned)",
        f"  Today          {hours(stats['today']['seconds'])} ({stats['today']['sessions']})"
        f"   This week {hours(stats['week']['seconds'])} ({stats['week']['sessions']})",
        f"  Streak         {_days(stats['streak']['current'])}"
        f" (longest {_days(stats['streak']['longest'])})",
        "",
        f"  {'':14} {'last 10':>8} {'10 before':>10}  trend",
    ]
    for dim, d in stats["dimensions"].items():
        lines.append(
            f"  {dim.capitalize():14} {_num(d['recent']):>8} {_num(d['previous']):>10}"
            f"  {_arrow(d['trend'])}".rstrip()
        )
    if stats["weakest"]:
        lines.append(f"  Weakest: {stats['weakest']}")
    lines += ["", "  Milestones"]
    ahead = 0
    for m in stats["milestones"]:
        label = f"{m['hours']:,} hour" + ("" if m["hours"] == 1 else "s")
        if m["reached"]:
            lines.append(f"    ✓ {label}")
            continue
        ahead += 1
        if ahead > 2:  # the next two goals are the ones a rep can act on
            break
        when = milestone_when(m)
        lines.append(f"    · {label}: {_to_go(m['hours_to_go'])} to go, {when}")
    rec = stats.get("recommendation")
    lines.append("")
    if rec:
        title, reason = safe_text(rec["title"]), safe_text(rec["reason"])  # from user files
        lines.append(f"  Next: {title} ({rec['id']}, difficulty {rec['difficulty']})")
        lines.append(f"    {reason}")
    else:
        lines.append("  Next: no recommendation (no other scenario in the library)")
    return "\n".join(lines) + "\n"


def _to_go(h: float) -> str:
    return hours(h * 3600) if h < 1 else f"{h:,.1f} h"


def _days(n: int) -> str:
    return f"{n} day" + ("" if n == 1 else "s")
