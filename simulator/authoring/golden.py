"""Golden playthroughs: a recorded play (``play --script F --record OUT``) that
``check-play OUT`` replays against the scenario as it is now, to show what changed.

The golden file is JSON: the scenario's id and path (absolute, and relative
to the golden file's folder, tried first, so a scenario and its goldens can
move together; failing both, the id is looked up), the seed, the replies as
typed in the script, the rubric version and the report of that play.
Replaying compares what was said, routed and reached, turn by turn: lines and
interjections, the reply given (a choice number now picking other words is a
change), the route, the next step, then the ending, closing line, meters and
variables; scores only when the rubric version is unchanged (a rubric update
is not a scenario regression). Never timings, seeds or the file's bytes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.engine import ReplyError, Session
from simulator.engine.replay import give, script_answer
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from simulator.scoring import Rubric

GOLDEN_FORMAT = 1


class GoldenError(Exception):
    """A golden file that cannot be written or read; ``exit_code`` is what the CLI returns."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message = message
        self.exit_code = code


def _relative(target: str, golden_path: str | os.PathLike) -> str:
    folder = Path(golden_path).resolve().parent
    try:
        return Path(os.path.relpath(Path(target).resolve(), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return str(Path(target).resolve())


def write_golden(
    path: str | os.PathLike[str], scenario: Scenario, seed: int, replies: list[str], report: dict
) -> None:
    """Write (overwrite) the golden file for one scripted play."""
    data = {
        "golden": GOLDEN_FORMAT,
        "scenario": scenario.id,
        "path": str(Path(scenario.path).resolve()) if scenario.path else None,
        "relative_path": _relative(scenario.path, path) if scenario.path else None,
        "seed": seed,
        "rubric": report.get("rubric"),
        "replies": list(replies),
        "report": report,
    }
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            json.dump(data, f, indent=2, ensure_ascii=False)
            f.write("\n")
    except OSError as exc:
        raise GoldenError(f"cannot write golden file {path}: {exc.strerror or exc}") from None


@dataclass
class Golden:
    """A golden file, read and checked."""

    file: str
    scenario_id: str
    scenario_path: str | None  # resolved against the golden file's folder
    seed: int
    rubric: str | None
    replies: list[str]
    report: dict


def read_golden(path: str | os.PathLike) -> Golden:
    """Read a golden file or raise :class:`GoldenError` (exit code 2) saying why not."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise GoldenError(f"cannot read golden file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise GoldenError(f"{path}: not a golden file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise GoldenError(
            f"{path}:{exc.lineno}:{exc.colno}: not a golden file (bad JSON: {exc.msg})"
        ) from None
    problem = _shape_problem(data)
    if problem:
        raise GoldenError(f"{path}: not a golden file ({problem}; record one with play --record)")
    resolved = None  # beside the golden file first (they may have moved together)
    for key, base in (("relative_path", Path(path).resolve().parent), ("path", Path.cwd())):
        value = data.get(key)
        if isinstance(value, str) and value and (base / value).is_file():
            resolved = str(base / value)
            break
    return Golden(
        str(path),
        data["scenario"],
        resolved,
        data["seed"],
        data.get("rubric"),
        data["replies"],
        data["report"],
    )


def _shape_problem(data: object) -> str:
    if not isinstance(data, dict):
        return "expected a JSON object"
    if data.get("golden") != GOLDEN_FORMAT:
        return f"'golden' must be {GOLDEN_FORMAT}"
    if not isinstance(data.get("scenario"), str):
        return "'scenario' must be the scenario id"
    if not isinstance(data.get("seed"), int) or isinstance(data.get("seed"), bool):
        return "'seed' must be a whole number"
    replies = data.get("replies")
    if not isinstance(replies, list) or not all(isinstance(r, str) for r in replies):
        return "'replies' must be a list of strings"
    report = data.get("report")
    if not isinstance(report, dict) or not isinstance(report.get("turns"), list):
        return "'report' must be a play report with 'turns'"
    if not all(isinstance(t, dict) for t in report["turns"]):
        return "each turn in 'report' must be an object"
    return ""


# -- replay and compare ---------------------------------------------------------


@dataclass
class Replay:
    report: dict
    error: str = ""  # a reply the scenario no longer takes
    error_turn: int = 0
    unused: int = 0  # replies left when the conversation ended earlier than before
    differences: list[str] = field(default_factory=list)


def replay(golden: Golden, scenario: Scenario, rubric: Rubric | None = None) -> Replay:
    session = Session(scenario, seed=golden.seed, rubric=rubric)
    result = Replay(report={})
    for n, text in enumerate(golden.replies, 1):
        if session.ended:
            result.unused = len(golden.replies) - n + 1
            break
        try:
            give(session, script_answer(text))
        except ReplyError as exc:
            result.error, result.error_turn = str(exc), n
            break
    result.report = session.report()
    return result


def _route_name(route: dict | None) -> str:
    if route is None:
        return "none (stayed on the step)"
    if route.get("else"):
        return "timeout (else)" if route.get("match") == "timeout" else "else"
    if route.get("match") == "none":
        return "no route"
    if route.get("match") == "nearest" and route.get("nearest"):
        return f"nearest {route['nearest']['text']!r}"
    return repr(route.get("like"))


def _said(speaker: object, line: object) -> str:
    return f"{speaker}: {line!r}" if speaker else repr(line)


def _interjections(turn: dict) -> list:
    return [(u.get("speaker"), u.get("line")) for u in turn.get("interjections") or []]


def _compare_turn(n: int, old: dict, new: dict, scores: bool) -> list[str]:
    out = []

    def diff(what: str, before: object, after: object) -> None:
        if before != after:
            out.append(f"turn {n}: {what} was {before}, now {after}")

    diff("step", repr(old.get("step")), repr(new.get("step")))
    diff(
        "line",
        _said(old.get("speaker"), old.get("line")),
        _said(new.get("speaker"), new.get("line")),
    )
    if _interjections(old) != _interjections(new):
        fmt = lambda t: "; ".join(_said(s, x) for s, x in _interjections(t)) or "none"  # noqa: E731
        diff("interjections", fmt(old), fmt(new))
    diff("reply", repr(old.get("reply")), repr(new.get("reply")))
    if old.get("kind") != "choice" or new.get("kind") != "choice":
        diff("route", _route_name(old.get("route")), _route_name(new.get("route")))
    diff("next step", repr(old.get("next")), repr(new.get("next")))
    if scores:
        diff("scores", old.get("scores"), new.get("scores"))
    return out


def compare(golden: Golden, now: Replay) -> list[str]:
    """Human-readable differences between the recorded play and the replay; [] if none."""
    old, new = golden.report, now.report
    same_rubric = golden.rubric == new.get("rubric")
    out: list[str] = []
    old_turns, new_turns = old.get("turns", []), new.get("turns", [])
    for n, (a, b) in enumerate(zip(old_turns, new_turns, strict=False), 1):
        out += _compare_turn(n, a, b, same_rubric)
    if now.error:
        out.append(
            f"turn {now.error_turn}: reply {golden.replies[now.error_turn - 1]!r} "
            f"can no longer be given: {now.error}"
        )
    elif now.unused:
        out.append(
            f"turn {len(new_turns) + 1}: the conversation now ends before this reply "
            f"({now.unused} recorded repl{'ies' if now.unused != 1 else 'y'} unused)"
        )
    elif len(new_turns) < len(old_turns):
        out.append(f"turns: {len(old_turns)} recorded, {len(new_turns)} now")

    def diff(what: str, before: object, after: object) -> None:
        if before != after:
            out.append(f"{what} was {before}, now {after}")

    diff("ending", old.get("ending"), new.get("ending"))
    oc, nc = old.get("closing") or {}, new.get("closing") or {}
    diff(
        "closing line",
        _said(oc.get("speaker"), oc.get("line")),
        _said(nc.get("speaker"), nc.get("line")),
    )
    diff("meters", old.get("meters"), new.get("meters"))
    diff("vars", old.get("vars"), new.get("vars"))
    if same_rubric:
        diff("scores", old.get("scores"), new.get("scores"))
    return out
