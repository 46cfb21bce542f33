"""``repcraft graph ID_OR_PATH --format mermaid|dot``: the scenario as a diagram."""

from __future__ import annotations

import argparse

from simulator.commands.common import add_scenario_argument, load_scenario_only, write_output


def register(sub: argparse._SubParsersAction) -> None:
    from simulator.authoring.limits import GRAPH_FORMATS

    p = sub.add_parser(
        "graph",
        help="the scenario as a diagram (Mermaid or Graphviz DOT)",
        description="Print a scenario as a diagram: steps as nodes (endings marked by kind), "
        "choices as solid edges, typed-reply routes as dashed edges, conditions on the edges. "
        "Mermaid renders on GitHub and in most Markdown editors; DOT renders with Graphviz.",
    )
    add_scenario_argument(p)
    p.add_argument("--format", choices=GRAPH_FORMATS, default="mermaid", help="default: mermaid")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.graph import render

    scenario = load_scenario_only(args)
    if isinstance(scenario, int):
        return scenario
    text = render(scenario, args.format)
    return write_output(text, args.out, args.format)
