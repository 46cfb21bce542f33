"""``repcraft routes FILE [--try STEP REPLY]``: how typed replies will be routed."""

from __future__ import annotations

import argparse
import json

from simulator.commands.common import add_scenario_argument, load_scenario_only, safe_text


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "routes",
        help="check how typed replies are routed (ambiguous or thin routes)",
        description="For every step that takes typed replies: routes whose exemplars "
        "overlap, exemplars that would be routed elsewhere, and routes with too few "
        "exemplars. With --try STEP REPLY: the exemplars ranked by nearness to REPLY "
        "and where it would go. Exit 0 when nothing is found, 1 otherwise.",
    )
    add_scenario_argument(p)
    p.add_argument("--try", dest="try_", nargs=2, metavar=("STEP", "REPLY"), help="rank one reply")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from simulator.authoring import routes

    scenario = load_scenario_only(args)
    if isinstance(scenario, int):
        return scenario
    if args.try_:
        step_id, reply = args.try_
        if step_id not in scenario.steps or not scenario.steps[step_id].routes:
            takes = ", ".join(s.id for s in scenario.steps.values() if s.routes) or "none"
            print(
                f"error: step '{safe_text(step_id)}' takes no typed replies"
                f" (steps that do: {takes})"
            )
            return 2
        tried = routes.try_reply(scenario, step_id, reply)
        if args.json:
            rows = [
                {
                    "text": r.exemplar.text,
                    "kind": r.exemplar.kind,
                    "next": r.exemplar.leads_to,
                    "nearness": round(r.nearness, 3),
                }
                for r in tried.ranking
            ]
            print(
                json.dumps(
                    {
                        "step": step_id,
                        "next": tried.goes_to,
                        "why": tried.why,
                        "threshold": round(tried.threshold, 3),
                        "ranking": rows,
                    },
                    indent=2,
                )
            )
            return 0
        print(f"{safe_text(step_id)}: {safe_text(reply)!r}")
        for r in tried.ranking:
            e = r.exemplar
            print(
                f"  {r.nearness:5.2f}  -> {safe_text(e.leads_to):<18} {e.kind:<12}"
                f" {safe_text(e.text)}"
            )
        print(
            f"goes to: {safe_text(tried.goes_to or '(stays on the step)')}"
            f"  ({safe_text(tried.why)})"
        )
        print(f"threshold: {tried.threshold:.2f}")
        return 0
    findings = routes.check_routes(scenario)
    if args.json:
        print(json.dumps([f.__dict__ for f in findings], indent=2))
    else:
        path = getattr(scenario, "path", None) or args.scenario
        for f in findings:
            where = f"{path}:{f.line}:{f.col}" if f.line else f"{path}: step {f.step}"
            print(f"{safe_text(where)}: {f.kind}: {safe_text(f.message)}")
        print(f"{len(findings)} finding(s)" if findings else "routes: nothing to report")
    return 1 if findings else 0
