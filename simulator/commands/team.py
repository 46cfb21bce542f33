"""``repcraft team``: the manager's view of a shared log (per rep, per scenario)."""

from __future__ import annotations

import argparse

from simulator.commands.common import add_db_options, err, open_log, safe_text, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "team",
        help="per-rep hours, streaks and skill trends; per-scenario pass rates",
        description="The team view of the practice log: per rep hours, sessions, streak, "
        "trend per skill, weakest skill and last activity; per scenario the pass rate and "
        "the steps where reps lose the most. Only your own sessions unless you own the log "
        "(see docs/team.md).",
    )
    p.add_argument("--format", choices=("text", "csv", "md"), default="text")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    add_db_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.practice import PracticeLogError
    from simulator.practice import team as fmt

    log = open_log(args)
    if isinstance(log, int):
        return log
    try:
        everyone = log.team_view_allowed()
        sessions = (
            log.sessions() if everyone else (s for s in log.sessions() if s.get("rep") == log.rep)
        )
        report = fmt.team_report(sessions)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()
    if not everyone:
        err(f"showing only {safe_text(log.rep)}'s sessions: the team view is for the log's owner")
    render = {"text": fmt.team_text, "csv": fmt.team_csv, "md": fmt.team_markdown}[args.format]
    text = render(report)
    if args.format == "text":  # rep names and titles come from the log: shown literally
        text = "".join(safe_text(line) + "\n" for line in text.splitlines())
    return write_output(text, args.out, "team view")
