"""``repcraft export``: the practice log as JSONL or CSV, or one session as Markdown."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from simulator.commands.common import add_db_options, err, open_log, scenario_dirs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="sessions as JSONL or CSV, or one transcript as Markdown",
        description="Write the practice log: --format jsonl (one session per line, turns "
        "nested), csv (one row per session), or md with --session ID (one transcript and "
        "its scorecard). Writes to stdout unless --out names a file.",
    )
    p.add_argument("--format", choices=("jsonl", "csv", "md"), default="jsonl")
    p.add_argument("--session", type=int, metavar="ID", help="only this session")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    add_db_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.practice import PracticeLogError
    from simulator.practice import export as fmt

    if args.format == "md" and args.session is None:
        err("--format md exports one transcript: add --session ID (ids are in --format csv)")
        return 2
    log = open_log(args)
    if isinstance(log, int):
        return log
    try:
        if args.session is not None:
            session = log.session(args.session)
            if session is None:
                err(f"practice log {log.location} has no session {args.session}")
                return 1
            sessions: Iterable[dict] = [session]
        else:
            sessions = log.sessions()
        if args.format == "md" and session is not None:  # md has --session (checked above)
            names = _cast_names(session.get("scenario"), args)
            chunks: Iterable[str] = [fmt.markdown(session, names)]
        elif args.format == "csv":
            chunks = fmt.csv_chunks(sessions)
        else:
            chunks = fmt.jsonl_lines(sessions)
        return _write(chunks, args.out)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()


def _cast_names(scenario_id: object, args: argparse.Namespace) -> dict[str, str]:
    """How the scenario calls its cast ("Dana Ruiz (CFO)"), when it can still be found;
    otherwise the log's own keys are shown."""
    from simulator.scenario.library import resolve
    from simulator.scenario.loader import check_file

    if not isinstance(scenario_id, str):
        return {}
    try:
        scenario, _ = check_file(resolve(scenario_id, scenario_dirs(args)))
    except (LookupError, OSError):
        return {}
    if scenario is None or scenario.id != scenario_id:
        return {}
    return {key: scenario.speaker_label(key) for key in scenario.cast}


def _write(chunks: Iterable[str], out: str | None) -> int:
    if out is None or out == "-":
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return 0
    # Into a temporary file beside the target, then renamed: a failed export never
    # leaves a half-written file where a good one was.
    target = Path(out)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    except OSError as exc:
        err(f"cannot write {out}: {exc.strerror or exc}")
        return 1
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an export is a normal file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, target)
    except OSError as exc:
        err(f"cannot write {out}: {exc.strerror or exc}")
        return 1
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return 0
