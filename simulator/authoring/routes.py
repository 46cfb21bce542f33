"""What a trainer needs to know about a scenario's typed-reply routes.

Per step that takes typed replies: exemplars of different routes that say nearly the
same thing (a reply near both could go either way), exemplars that would themselves
be routed somewhere other than where they lead, and routes with too few exemplars
to be found by meaning. Also the ranking behind one reply (``--try``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.engine.matching import THRESHOLD, Exemplar, best_route, exemplars, nearness_to
from simulator.language.contradiction import contradicts
from simulator.language.similarity import similarities
from simulator.scenario.model import Scenario, Step

# Exemplars of two routes this near are hard to tell apart.
AMBIGUOUS = 0.8
# A route with fewer exemplars than this is easy to miss by meaning.
FEW = 3


@dataclass(frozen=True)
class Finding:
    step: str
    kind: str  # "ambiguous", "misroutes", "few"
    message: str
    line: int = 0
    col: int = 0


@dataclass
class Ranked:
    """One exemplar's nearness to a tried reply."""

    exemplar: Exemplar
    nearness: float


@dataclass
class Tried:
    step: str
    ranking: list[Ranked] = field(default_factory=list)
    why: str = ""
    goes_to: str | None = None
    threshold: float = THRESHOLD  # the bar this reply had to reach (its length, the route's own)


def _pool(step: Step) -> list[Exemplar]:
    return exemplars(step, step.routes, step.choices)


def check_routes(scenario: Scenario) -> list[Finding]:
    """Every finding for every step that takes typed replies, in file order."""
    out: list[Finding] = []
    for step in scenario.steps.values():
        if step.routes:
            out += _check_step(step)
    return out


def _check_step(step: Step) -> list[Finding]:
    pool = _pool(step)
    out: list[Finding] = []
    for route in step.routes:
        if route.is_else:
            continue
        count = sum(1 for e in pool if e.leads_to == route.next)
        if count < FEW:
            out.append(
                Finding(
                    step.id,
                    "few",
                    f"route to '{route.next}' has {count} exemplar(s); add `like` phrases "
                    f"(at least {FEW}) so replies in other words find it",
                    route.pos.line,
                    route.pos.col,
                )
            )
    for i, ex in enumerate(pool):
        sims = similarities(ex.text, [e.text for e in pool[i + 1 :]])
        for other, sim in zip(pool[i + 1 :], sims, strict=True):
            # Vectors put "no discounts" near "some discount"; routing tells them apart.
            if other.leads_to == ex.leads_to or sim < AMBIGUOUS or contradicts(ex.text, other.text):
                continue
            out.append(
                Finding(
                    step.id,
                    "ambiguous",
                    f"'{ex.text}' (to {ex.leads_to}) and '{other.text}' (to "
                    f"{other.leads_to}) are {sim:.2f} near: a reply like either may go "
                    "either way",
                )
            )
        if ex.kind == "model_answer":
            continue
        match = best_route(ex.text, step.routes, step, step.choices)
        if match.next and match.next != ex.leads_to:
            out.append(
                Finding(
                    step.id,
                    "misroutes",
                    f"typed as a reply, '{ex.text}' goes to '{match.next}', not "
                    f"'{ex.leads_to}' ({match.why()})",
                )
            )
    return out


def try_reply(scenario: Scenario, step_id: str, reply: str) -> Tried:
    """The ranking of a step's exemplars for ``reply``, and where it would go."""
    step = scenario.steps[step_id]
    pool = _pool(step)
    sims = nearness_to(reply, pool) or [0.0] * len(pool)
    ranking = sorted(
        (Ranked(e, s) for e, s in zip(pool, sims, strict=True)), key=lambda r: -r.nearness
    )
    match = best_route(reply, step.routes, step, step.choices)
    return Tried(step_id, ranking, match.why(), match.next or None, match.threshold)


__all__ = ["AMBIGUOUS", "FEW", "THRESHOLD", "Finding", "check_routes", "try_reply"]
