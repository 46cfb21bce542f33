"""The walk reports (``walk.py``, ``random_play.py``) as text for a trainer at a terminal.

Places are written ``path:line`` so that editors and terminals can jump to them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator.scenario.model import DIMENSIONS

SHOWN_REPLIES = 30  # lines of a best or worst path shown before the middle is left out


def _short(text: str, width: int = 70) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _signed(n: int) -> str:
    return f"{n:+d}"


def _where(report: dict, line: int) -> str:
    return f"{report.get('path') or report['scenario']}:{line}"


def _said(r: dict, scored: bool = False) -> str:
    """A reply as a path line; ``scored``: it scored when first taken on the path."""
    if r["kind"] == "choice":
        said = f'[{r["choice"]}] "{_short(r["reply"], 60)}"'
    elif r["reply"] == "else":
        said = "typed anything else (else)"
    else:
        said = f'typed like "{_short(r["reply"], 60)}"'
    again = " (taken again: scores only the first time)" if r.get("repeat") and scored else ""
    return f"{r['step']}: {said}  {_signed(r['score'])}{again}"


def _laps(lines: list[str], longest: int = 12) -> list[str]:
    """Lines with a block said again right after itself written once, plus a count
    (a path round a loop that changes meters can repeat the same replies)."""
    out, i = [], 0
    while i < len(lines):
        best_len, best_times = 1, 1
        for size in range(1, min(longest, (len(lines) - i) // 2) + 1):
            block, times = lines[i : i + size], 1
            while lines[i + times * size : i + (times + 1) * size] == block:
                times += 1
            if times > 1 and size * (times - 1) > best_len * (best_times - 1):
                best_len, best_times = size, times
        out += lines[i : i + best_len]
        if best_times > 1:
            n = best_times - 1
            out.append(
                f"  ... the same {best_len} repl{'ies' if best_len != 1 else 'y'} "
                f"{n} more time{'s' * (n != 1)} (meters or variables differ each time round)"
            )
        i += best_len * best_times
    return out


def _path_lines(title: str, path: dict | None) -> list[str]:
    if path is None:
        return [f"{title}: none (no ending can be reached)"]
    dims = ", ".join(f"{d} {_signed(path['scores'][d])}" for d in DIMENSIONS)
    out = [
        f"{title}: score {_signed(path['score'])} ({dims}), "
        f"{path['turns']} repl{'ies' if path['turns'] != 1 else 'y'} -> "
        f"{path['ending']} at '{path['ending_step']}'"
    ]
    first: dict[tuple, int] = {}  # what each reply scored the first time on the path
    lines = []
    for r in path["replies"]:
        said = (r["step"], r["kind"], r["reply"])
        first.setdefault(said, r["score"])
        lines.append(f"  {_said(r, first[said] != 0)}")
    lines = _laps(lines)
    if len(lines) > SHOWN_REPLIES:  # a long way round loops: its start and its end
        head, tail = SHOWN_REPLIES * 2 // 3, SHOWN_REPLIES // 3
        hidden = len(lines) - head - tail
        lines[head:-tail] = [f"  ... {hidden} more lines (every reply is in --json)"]
    return out + lines


def format_walk(report: dict) -> str:
    lines = [f"Walk of {report['scenario']} ({report.get('path') or 'bundled'})"]
    loops = report["loops"]
    lines.append(
        f"Explored {report['states']} states (a state = step + meters + variables)"
        + (f"; {loops} loop{'s' * (loops != 1)} back to the same state" if loops else "")
        + "."
    )
    if report["truncated"]:
        lines.append("CUT OFF: the state budget ran out; results below are lower bounds.")
    lines.append("")
    lines.append("Endings reachable:")
    if not report["endings"]:
        lines.append("  none: no ending can be reached")
    for kind, e in report["endings"].items():
        count = f"{e['paths']}{'+' if e['capped'] else ''}"
        lines.append(
            f"  {kind:<8} {count:>8} path{'s' * (e['paths'] != 1)}   shortest "
            f"{e['shortest']} repl{'ies' if e['shortest'] != 1 else 'y'}   at "
            + ", ".join(e["steps"])
        )
    lines.append("")
    lines += _path_lines("Best path", report["best"])
    lines += _path_lines("Worst path", report["worst"])
    lines.append("")

    def section(title: str, items: list, render: Callable[[Any], str]) -> None:
        lines.append(f"{title}: {len(items) if items else 'none'}")
        lines.extend(f"  {render(x)}" for x in items)

    section(
        "Steps never reached",
        report["unreached"],
        lambda u: (
            f"{_where(report, u['line'])}: {u['step']}"
            + (f' "{_short(u["says"], 50)}"' if u.get("says") else "")
        ),
    )
    section(
        "Choices never offered (their when never holds)",
        report["never_offered"],
        lambda c: (
            f"{_where(report, c['line'])}: {c['step']} choice {c['index']} "
            f'"{_short(c["choice"], 40)}" when {c["when"]}'
        ),
    )
    section(
        "Replies never taken",
        report["never_taken"],
        lambda r: (
            f"{_where(report, r['line'])}: {r['step']} {r['kind']} "
            f'"{_short(r["reply"], 40)}" ({r["why"]})'
        ),
    )
    section(
        "Dead ends (no ending can be reached from here)",
        report["dead_ends"],
        lambda d: (
            f"{_where(report, d['line'])}: {d['step']} in {d['states']} "
            f"state{'s' * (d['states'] != 1)}, e.g. meters {d['example']['meters']} "
            f"vars {d['example']['vars']}"
        ),
    )
    cov = report["coverage"]
    lines.append(
        f"Coverage: steps {cov['steps']['reached']}/{cov['steps']['total']}, "
        f"replies {cov['replies']['taken']}/{cov['replies']['total']} ({cov['percent']}%)"
    )
    for note in report["notes"]:
        lines.append(f"Note: {note}")
    return "\n".join(lines)


def format_random(report: dict) -> str:
    r = report["random"]
    games = r["games"]
    lines = [
        f"Random play of {report['scenario']}: {games} games, seed {r['seed']}, "
        f"mean {report['mean_turns']} replies per game"
    ]
    lines.append(
        "Endings: "
        + (
            ", ".join(
                f"{k} {v} ({round(100 * v / games, 1) if games else 0}%)"
                for k, v in report["endings"].items()
            )
            or "none"
        )
    )
    if report["unfinished"]:
        lines.append(
            f"Unfinished: {report['unfinished']} games still going after "
            f"{r['max_turns']} replies (stopped; the scenario can loop)"
        )
    lines.append("")
    lines.append(f"{'step':<28} {'games':>7} {'%':>6} {'visits':>7}")
    for s in report["steps"]:
        lines.append(f"{s['step']:<28} {s['games']:>7} {s['percent']:>6} {s['visits']:>7}")
    never = report["never_hit"]
    lines.append("")
    lines.append(f"Never hit: {len(never) if never else 'none'}")
    lines.extend(f"  {_where(report, n['line'])}: {n['step']}" for n in never)
    return "\n".join(lines)
