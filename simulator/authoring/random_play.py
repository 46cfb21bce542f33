"""``walk --random N --seed S``: N seeded random plays, counting how often each step is hit.

Each play starts at the start step and, at every state, picks uniformly among
the moves on offer there (choices whose ``when`` holds and live routes, as in
``explore.py``), until an ending. A play still going after ``max_turns``
replies is stopped and counted as ``unfinished`` (a scenario can loop forever).
"""

from __future__ import annotations

import random

from simulator.authoring.explore import DEFAULT_MAX_STATES, Expansion, StateKey, Stepper
from simulator.scenario.model import ENDINGS, Scenario

DEFAULT_MAX_TURNS = 200


def random_walk(
    scenario: Scenario,
    games: int,
    seed: int = 0,
    *,
    max_turns: int = DEFAULT_MAX_TURNS,
    cache_size: int = DEFAULT_MAX_STATES,
) -> dict:
    rng = random.Random(seed)
    stepper = Stepper(scenario)
    cache: dict[StateKey, Expansion] = {}
    games_hit = dict.fromkeys(scenario.steps, 0)
    visits = dict.fromkeys(scenario.steps, 0)
    endings: dict[str, int] = {}
    unfinished = 0
    turns_total = 0
    for _ in range(games):
        key = stepper.start
        seen: set[str] = set()
        for turn in range(max_turns + 1):
            step_id = key[0]
            visits[step_id] += 1
            seen.add(step_id)
            expansion = cache.get(key)
            if expansion is None:
                expansion = stepper.expand(key)
                if len(cache) < cache_size:  # bounded memory on huge state spaces
                    cache[key] = expansion
            if expansion.ending is not None:
                endings[expansion.ending] = endings.get(expansion.ending, 0) + 1
                turns_total += turn
                break
            if turn == max_turns:
                unfinished += 1
                turns_total += turn
                break
            key = rng.choice(expansion.moves).target
        for step_id in seen:
            games_hit[step_id] += 1
    steps = [
        {
            "step": step_id,
            "line": scenario.steps[step_id].pos.line,
            "games": games_hit[step_id],
            "percent": round(100 * games_hit[step_id] / games, 1) if games else 0.0,
            "visits": visits[step_id],
        }
        for step_id in scenario.steps
    ]
    return {
        "scenario": scenario.id,
        "path": scenario.path,
        "random": {"games": games, "seed": seed, "max_turns": max_turns},
        "endings": {k: endings[k] for k in ENDINGS if k in endings},
        "unfinished": unfinished,
        "mean_turns": round(turns_total / games, 2) if games else 0.0,
        "steps": steps,
        "never_hit": [{"step": s["step"], "line": s["line"]} for s in steps if not s["games"]],
        "coverage": {
            "steps": {"reached": sum(1 for s in steps if s["games"]), "total": len(steps)}
        },
    }
