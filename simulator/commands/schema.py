"""``repcraft schema``: JSON Schema of scenario format v1, for editor autocompletion."""

from __future__ import annotations

import argparse
import json

from simulator.commands.common import write_output


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "schema",
        help="JSON Schema of the scenario format, for editor autocompletion",
        description="Print the JSON Schema (draft 2020-12) of scenario format v1, generated "
        "from the loader's own field table. Save it next to your scenarios and put "
        "'# yaml-language-server: $schema=scenario.schema.json' on a file's first line.",
    )
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.schema import scenario_schema

    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
    return write_output(text, args.out)
