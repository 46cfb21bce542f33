"""``repcraft graph ID_OR_PATH --format mermaid|dot``: the scenario as a diagram."""

from __future__ import annotations

import argparse

from simulator.commands.common import add_scenarios_option, load_scenario_arg, write_output


def register(sub: argparse._SubParsersAction) -> None:
    from simulator.authoring.limits import GRAPH_FORMATS

    p = sub.add_parser(
        "graph",
        help="the scenario as a diagram (Mermaid or Graphviz DOT)",
        description="Print a scenario as a diagram: steps as nodes (endings marked by kind), "
        "choices as solid edges, typed-reply routes as dashed edges, conditions on the edges. "
        "Mermaid renders on GitHub and in most Markdown editors; DOT renders with Graphviz.",
    )
    p.add_argument("scenario", metavar="ID_OR_PATH", help="a scenario id or a YAML file")
    p.add_argument("--format", choices=GRAPH_FORMATS, default="mermaid", help="default: mermaid")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    add_scenarios_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring.graph import render

    loaded = load_scenario_arg(args.scenario, args)
    if isinstance(loaded, int):
        return loaded
    scenario, _rubric = loaded
    text = render(scenario, args.format)
    return write_output(text, args.out, args.format)
