"""``repcraft new ID``: write a commented starter scenario a trainer fills in."""

from __future__ import annotations

import argparse
import os
import sys

from simulator.commands.common import err, write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "new",
        help="write a starter scenario to fill in (ID.yaml)",
        description="Write a valid, commented starter scenario to ID.yaml in the current "
        "folder (or --out PATH). It validates as it is; fill it in, then check it with "
        "'repcraft validate', 'repcraft graph' and 'repcraft walk'.",
    )
    p.add_argument("id", metavar="ID", help="the scenario id: lowercase letters, digits, '-'")
    p.add_argument(
        "--out", metavar="PATH", help="file to write (default ID.yaml here; - for stdout)"
    )
    p.add_argument("--cast", type=int, metavar="N", help="number of cast members (buyers)")
    p.add_argument("--title", metavar="T", help="the scenario's title")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.starter import StarterError, starter_text

    notes: list[str] = []
    try:
        text = starter_text(args.id, title=args.title, cast=args.cast, notes=notes)
    except StarterError as exc:
        err(str(exc))
        return 2
    path = args.out or f"{args.id}.yaml"
    if path != "-" and os.path.isdir(path):
        path = os.path.join(path, f"{args.id}.yaml")
    if os.path.exists(path) and not args.force:
        err(f"{path} already exists; use --force to overwrite it")
        return 2
    code = write_output(text, path)
    if code:
        return code
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if path != "-":
        print(
            f"next: edit it, then run  repcraft validate {path}  and  repcraft play {path}",
            file=sys.stderr,
        )
    return 0
