"""``repcraft doctor``: check the practice log (SQLite's integrity_check, its schema) and,
with ``--recover``, copy what is readable to a NEW file. The log itself is only read.

Exit 0 when the log can be practised on (or a recovery succeeded), 1 when it cannot (or
a recovery failed), 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.commands.common import add_db_options, db_path_arg, err, safe_text

if TYPE_CHECKING:
    from simulator.practice.doctor import Checkup


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "doctor",
        help="check the practice log; copy what is readable of a damaged one to a new file",
        description="Check the practice log without changing it: SQLite's integrity_check, "
        "and every table, column, index and trigger its schema version should have. With "
        "--recover, write every readable session and turn to a NEW file (the damaged one "
        "is never changed); then practise on it with --db NEW.",
    )
    p.add_argument(
        "--recover",
        nargs="?",
        const="",
        metavar="NEW_FILE",
        help="copy what is readable to NEW_FILE (default: a dated name beside the log)",
    )
    p.add_argument("--json", action="store_true", help="print the checkup as JSON")
    add_db_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.practice import default_db_path
    from simulator.practice.doctor import check
    from simulator.practice.store import is_url

    target = db_path_arg(args)
    if is_url(target):
        err("doctor checks a practice log file; a PostgreSQL database is checked by its server")
        return 2
    path = Path(target or default_db_path()).expanduser()
    found = check(path)
    if args.json and args.recover is None:
        print(json.dumps(found.to_dict(), indent=2, ensure_ascii=False))
        return 0 if found.usable else 1
    if not args.json:
        sys.stdout.write(render(found))
    if args.recover is None:
        if not found.usable and found.recoverable:
            hint = f"repcraft doctor --db {_q(path)} --recover"
            print(f"To copy what is readable to a new file: {hint}")
        return 0 if found.usable else 1
    return _recover(path, found, args)


def render(found: Checkup) -> str:
    from simulator.practice.doctor import verdict_text

    lines = [f"practice log: {safe_text(found.path)}"]
    if found.verdict not in ("missing", "folder", "not-a-file", "empty"):
        facts = [f"{found.size:,} bytes"]
        if found.version:
            facts.append(f"schema version {found.version}")
        if found.sessions is not None:
            facts.append(f"{found.sessions:,} sessions ({found.finished:,} finished)")
            facts.append(f"{found.turns:,} turns")
        lines.append("  " + " · ".join(facts))
    if found.truncated_from:
        whole = found.truncated_from
        lines.append(f"  truncated: {whole:,} bytes by its header, {found.size:,} left")
    if found.version or found.problems:
        lines.append(f"  integrity_check: {_count(len(found.problems), 'problem') or 'ok'}")
        lines += [f"    - {safe_text(p)}" for p in found.problems]
    if found.version and found.verdict in ("healthy", "damaged"):
        schema = _count(len(found.missing), "part") + " missing" if found.missing else "complete"
        lines.append(f"  schema: {schema}")
        lines += [f"    - no {safe_text(m)}" for m in found.missing]
    if found.read_only:
        lines.append("  note: the file is read-only, so new sessions cannot be saved to it")
    if found.wal:
        lines.append("  note: a WAL file is beside it (repcraft is running, or was cut off)")
        if not found.usable:  # the copy is taken without a lock: a write may have torn it
            lines.append("  if repcraft is running, close it and run doctor again")
    verdict = verdict_text(found)
    if not found.usable:
        verdict += "; it was not changed"
    lines.append(f"verdict: {verdict}")
    return "\n".join(lines) + "\n"


def _recover(path: Path, found: Checkup, args: argparse.Namespace) -> int:
    from simulator.practice import PracticeLogError
    from simulator.practice.checks import inspect_file
    from simulator.practice.recovery import recover

    if not found.recoverable:
        err(f"nothing to recover from {safe_text(path)}: it is {found.verdict}")
        return 1
    new = Path(args.recover).expanduser() if args.recover else _dated(path)
    try:
        kept = recover(path, new)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    if args.json:
        from dataclasses import asdict

        print(json.dumps({"checkup": found.to_dict(), "recovered": asdict(kept)}, indent=2))
    else:
        lost = []
        if kept.unreadable_sessions:
            lost.append(_count(kept.unreadable_sessions, "session id"))
        if kept.unreadable_turns + kept.orphan_turns:
            lost.append(_count(kept.unreadable_turns + kept.orphan_turns, "turn"))
        if kept.damaged_reads and not lost:
            lost.append("some rows")
        note = f" ({' and '.join(lost)} could not be read)" if lost else ""
        print(f"recovered {kept.sessions:,} sessions and {kept.turns:,} turns into {new}{note}")
        problems = inspect_file(new)
        print(f"  integrity_check of the new file: {'; '.join(problems) or 'ok'}")
        print(f"the damaged file {path} was not changed")
        print(f"to practise on the recovered log: repcraft --db {_q(new)} (or set REPCRAFT_DB)")
    return 0


def _dated(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}-recovered-{stamp}{path.suffix or '.sqlite3'}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' * (n != 1)}" if n else ""


def _q(path: Path) -> str:
    import shlex

    return shlex.quote(str(path))
