"""``repcraft team``: the manager's view of a shared log (per rep, per scenario)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.commands.common import add_db_options, err, open_log, safe_text, write_output

if TYPE_CHECKING:
    from simulator.practice import PracticeStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "team",
        help="per-rep hours, streaks and skill trends; per-scenario pass rates",
        description="The team view of the practice log: per rep hours, sessions, streak, "
        "trend per skill, weakest skill and last activity; per scenario the pass rate and "
        "the steps where reps lose the most. Only your own sessions unless you own the log "
        "or its owner granted you the team view (see docs/team.md).",
    )
    who = p.add_mutually_exclusive_group()
    who.add_argument("--grant", metavar="USER", help="owner only: let USER (an OS login, or "
                     "a PostgreSQL role) see every rep")  # fmt: skip
    who.add_argument("--revoke", metavar="USER", help="owner only: take the team view back")
    who.add_argument("--viewers", action="store_true", help="who was granted the team view")
    p.add_argument("--format", choices=("text", "csv", "md"), default="text")
    p.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--app", action="store_true", help="show it as a screen (reps, scenarios)")
    add_db_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.practice import PracticeLogError
    from simulator.practice import team as fmt

    if args.app and not (args.grant or args.revoke or args.viewers):
        from simulator.commands.common import db_path_arg
        from simulator.tui.team_screen import TeamApp

        TeamApp(db_path_arg(args), getattr(args, "rep", None)).run()
        return 0
    log = open_log(args)
    if isinstance(log, int):
        return log
    if args.grant or args.revoke or args.viewers:
        return _viewers(args, log)
    try:
        report, everyone = fmt.team_view(log)
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()
    if not everyone:
        err(
            f"showing only {safe_text(log.rep)}'s sessions: the team view is for the log's "
            "owner and those the owner granted it to (repcraft team --grant USER)"
        )
    render = {"text": fmt.team_text, "csv": fmt.team_csv, "md": fmt.team_markdown}[args.format]
    text = render(report)
    if args.format == "text":  # rep names and titles come from the log: shown literally
        text = "".join(safe_text(line) + "\n" for line in text.splitlines())
    return write_output(text, args.out, "team view")


def _viewers(args: argparse.Namespace, log: PracticeStore) -> int:
    """--grant, --revoke, --viewers: who besides the owner sees the whole team."""
    from simulator.practice import PracticeLogError

    try:
        if args.viewers:
            for v in log.team_viewers():
                print(f"{safe_text(v.name)}\tgranted by {safe_text(v.granted_by)} {v.granted_at}")
            return 0
        name = safe_text(args.grant or args.revoke)
        if args.grant:
            done = log.grant_team_view(args.grant)
            err(f"{name} may now see every rep in {log.location}" if done
                else f"{name} already had the team view")  # fmt: skip
        else:
            done = log.revoke_team_view(args.revoke)
            err(f"{name} no longer sees the whole team" if done
                else f"{name} had no team view to revoke")  # fmt: skip
        return 0
    except PracticeLogError as exc:
        err(str(exc))
        return 1
    finally:
        log.close()
