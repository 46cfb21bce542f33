"""Routing a typed reply: exact phrases first, then nearest in meaning, else ``else``.

0. **choice** (absolute, checked first): the reply contains an offered choice's
   whole text (as typed from the screen, or pasted): it goes where picking that
   choice goes, whatever shorter ``like`` phrase the choice's words also contain.
1. **contains** (absolute): the reply contains one of a route's
   ``like`` phrases, ignoring case, punctuation and extra spaces, whole words only,
   and not inside a negation ("we don't discount" does not contain "discount" as
   a request for one). The longest contained phrase wins; of routes whose longest
   are equally long, the one the reply says more phrases of, then the earlier route.
2. **nearest**: otherwise the reply goes where its nearest *exemplar* in meaning
   leads, if that exemplar is near enough: nearness is sentence cosine blended with
   word coverage (``simulator.language.similarity.nearness``), less a penalty where
   the reply contradicts the exemplar (``simulator.language.contradiction``: "not
   ISO certified" against "ISO certified", "net 90" against "net 60"), and the bar is
   ``THRESHOLD`` for a ten-word reply, a little higher for shorter replies and a
   little lower for longer ones, never below ``FLOOR`` (``threshold_for``); a route
   may set its own ``threshold`` instead. A step's exemplars
   are every route's ``like`` phrases, the text of every offered choice (under the
   route that leads where the choice leads, or as the choice itself when no route
   does), and the model answer (under the choice it is nearest to). So typing a
   choice's words, or a paraphrase of them, gets the reaction picking it gets.
3. **else**: nothing near enough; the step's ``else`` route, if it has one.

Routes whose ``when`` is false are not offered (the caller filters them). The same
reply at the same step always goes the same way: nothing here is random.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.language import contradiction, similarity
from simulator.language.negation import is_negator, scoped_words
from simulator.language.numbers import canonical_dates
from simulator.language.words import normalise
from simulator.scenario.model import Choice, Route, Step

# Calibrated on ../shared/eval/routing-dev.jsonl with benchmarks/bench_routing.py:
# the nearness at which a ten-word reply counts as saying what an exemplar says.
THRESHOLD = 0.40
# A long reply is a little less near any short phrase (its words are averaged), so
# the bar drops by LENGTH_SLOPE per e-fold of length, down to FLOOR; noise between
# unrelated texts does not grow with length, so the floor stays well above it.
LENGTH_SLOPE = 0.05
FLOOR = 0.35
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b", re.I)
# What a rep means is in the first lines; a pasted megabyte is routed by its start.
MAX_CHARS = 2000


@dataclass(frozen=True)
class Exemplar:
    """One text that shows what a reply taking ``route`` (or ``choice``) says."""

    text: str
    kind: str  # "like", "choice" or "model_answer"
    route: Route | None = None
    choice: Choice | None = None  # set when no route leads where this choice leads

    @property
    def leads_to(self) -> str:
        target = self.route if self.route is not None else self.choice
        return target.next if target is not None else ""


@dataclass(frozen=True)
class RouteMatch:
    """Where a typed reply went, and why."""

    route: Route | None  # None when the reply took a choice (``choice`` is set)
    phrase: str | None  # the contained ``like`` phrase or the nearest exemplar
    how: str  # "choice", "contains", "nearest", "else", or "none" (no else: stays)
    nearness: float | None = None
    nearest: Exemplar | None = None
    choice: Choice | None = None
    threshold: float = THRESHOLD

    @property
    def next(self) -> str:
        target = self.route if self.route is not None else self.choice
        return target.next if target is not None else ""

    def why(self) -> str:
        """One line a rep or trainer can read: why the reply went where it went."""
        if self.how == "contains":
            return f"contains '{self.phrase}'"
        if self.how == "choice" and self.phrase is not None:
            return f"says a choice's words: '{_short(self.phrase)}'"
        near = self.nearest
        if self.how == "nearest" and near is not None:
            return f"nearest: '{_short(near.text)}' ({near.kind}) at {self.nearness:.2f}"
        if near is None:
            return "no route close enough (no exemplars to compare with)"
        return (
            f"no route close enough (nearest: '{_short(near.text)}' at {self.nearness:.2f},"
            f" needs {self.threshold:.2f})"
        )

    def to_dict(self) -> dict:
        out: dict = {
            "index": self.route.index if self.route is not None else None,
            "like": self.phrase if self.how == "contains" else None,
            "match": self.how,
            "else": bool(self.route is not None and self.route.is_else),
            "next": self.next or None,
            "why": self.why(),
            "nearness": None if self.nearness is None else round(self.nearness, 3),
            "threshold": round(self.threshold, 3),
        }
        if self.nearest is not None:
            out["nearest"] = {"text": self.nearest.text, "kind": self.nearest.kind}
        if self.choice is not None:
            out["choice"] = self.choice.index + 1
        return out


def _short(text: str, width: int = 60) -> str:
    """A long exemplar (a model answer) cut to a readable start in one-line reasons."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def exemplars(
    step: Step | None, routes: Sequence[Route], offered: Sequence[Choice]
) -> list[Exemplar]:
    """What each live route (and each offered choice no route covers) is known to mean."""
    by_target: dict[str, Route] = {}
    for route in routes:
        by_target.setdefault(route.next, route)
    out: list[Exemplar] = [
        Exemplar(p, "like", route=r) for r in routes if not r.is_else for p in r.like
    ]
    for choice in offered:
        covering = by_target.get(choice.next)
        out.append(
            Exemplar(choice.text, "choice", route=covering, choice=None if covering else choice)
        )
    if step is not None and step.model_answer and offered:
        texts = [c.text for c in offered]
        sims = _measured(similarity.similarities, step.model_answer, texts)
        if sims:
            best = offered[max(range(len(sims)), key=sims.__getitem__)]
            covering = by_target.get(best.next)
            out.append(
                Exemplar(
                    step.model_answer,
                    "model_answer",
                    route=covering,
                    choice=None if covering else best,
                )
            )
    return out


def _measured(
    measure: Callable[[str, Sequence[str]], list[float]], text: str, others: list[str]
) -> list[float] | None:
    """``measure(text, others)``, or None when the model cannot load (routing then
    falls back to contained phrases and ``else``)."""
    try:
        return measure(text, others)
    except similarity.ModelUnavailable:
        return None


def nearness_to(reply: str, pool: Sequence[Exemplar]) -> list[float] | None:
    """How near ``reply`` is to each exemplar, less ``contradiction.PENALTY`` where it
    contradicts one ("not ISO certified" against "ISO certified": vectors miss it);
    None when there is nothing to compare or the model cannot load."""
    texts = [e.text for e in pool]
    sims = _measured(similarity.nearness, reply, texts) if pool else None
    return contradiction.discounted(reply, texts, sims) if sims else None


def threshold_for(reply: str) -> float:
    """How near a reply must be to an exemplar to take its route (see ``THRESHOLD``)."""
    words = len(reply.split())
    return max(FLOOR, THRESHOLD - LENGTH_SLOPE * (math.log1p(words) - math.log(11)))


def contained_choice(
    reply: str, routes: Sequence[Route], offered: Sequence[Choice]
) -> Exemplar | None:
    """The longest offered choice whose whole text the reply says, under the route
    that leads where it leads (or as the choice itself when no route does)."""
    norm = f" {normalise(reply)} "
    best: tuple[int, Choice] | None = None
    for choice in offered:
        text = normalise(choice.text)
        if text and f" {text} " in norm and (best is None or len(text) > best[0]):
            best = (len(text), choice)
    if best is None:
        return None
    covering = next((r for r in routes if r.next == best[1].next), None)
    return Exemplar(best[1].text, "choice", covering, None if covering else best[1])


def contained_phrase(reply: str, routes: Sequence[Route]) -> tuple[Route, str] | None:
    """The longest ``like`` phrase the reply says outright (not negated), if any. Of
    routes whose longest phrases are equally long, the one more of whose phrases the
    reply says wins (it says more of what that route means), then the earlier."""
    # Read three ways, joined by "|" (no phrase spans it): as typed, with dates written
    # one way ("10th of July" says `july 10`), and without possessives ("June's
    # cohort" says `june cohort`).
    dated = canonical_dates(reply)
    forms = (reply, dated, _POSSESSIVE.sub("", dated))
    norm = " | ".join(f" {normalise(f)} " for f in forms)
    negated = {w.word.replace("'", "") for w in scoped_words(reply) if w.negated}
    best: tuple[int, int, Route, str] | None = None
    for route in routes:
        if route.is_else:
            continue
        said = [p for p in route.like if _says(norm, negated, p)]
        if not said:
            continue
        longest = max(said, key=lambda p: len(normalise(p).split()))
        rank = (len(normalise(longest).split()), sum(len(normalise(p).split()) for p in said))
        if best is None or rank > best[:2]:
            best = (*rank, route, longest)
    return (best[2], best[3]) if best else None


def _says(norm: str, negated: set[str], phrase: str) -> bool:
    """Whether the normalised reply ``norm`` contains ``phrase`` outright (not negated)."""
    phrase_norm = normalise(canonical_dates(phrase))
    if not phrase_norm or f" {phrase_norm} " not in norm:
        return False
    return not (negated.intersection(phrase_norm.split()) and not _phrase_negates(phrase))


def _phrase_negates(phrase: str) -> bool:
    return any(is_negator(w) for w in normalise(phrase).split())


def best_route(
    reply: str,
    routes: Sequence[Route],
    step: Step | None = None,
    offered: Sequence[Choice] = (),
    threshold: float | None = None,
) -> RouteMatch:
    """Where a typed reply goes among ``routes`` (already filtered by ``when``).

    With no ``else`` and nothing matched, the match has neither route nor choice:
    the conversation stays on the step (the buyer presses again).
    """
    reply = reply[:MAX_CHARS]
    explicit = threshold is not None
    threshold = threshold_for(reply) if threshold is None else threshold
    said = contained_choice(reply, routes, offered)
    if said is not None:
        return RouteMatch(said.route, said.text, "choice", 1.0, said, said.choice, threshold)
    found = contained_phrase(reply, routes)
    if found is not None:
        return RouteMatch(found[0], found[1], "contains", threshold=threshold)
    fallback = next((r for r in routes if r.is_else), None)
    pool = exemplars(step, routes, offered)
    sims = nearness_to(reply, pool)
    if not sims:
        how = "else" if fallback is not None else "none"
        return RouteMatch(fallback, None, how, threshold=threshold)
    bars = [_bar(e, threshold, explicit) for e in pool]
    passing = [i for i in range(len(pool)) if sims[i] >= bars[i]]
    # The nearest exemplar near enough for its route's bar; first of equals: earlier.
    i = max(passing or range(len(pool)), key=sims.__getitem__)
    near, nearness = pool[i], sims[i]
    if passing:
        return RouteMatch(near.route, near.text, "nearest", nearness, near, near.choice, bars[i])
    how = "else" if fallback is not None else "none"
    return RouteMatch(fallback, None, how, nearness, near, threshold=bars[i])


def _bar(exemplar: Exemplar, default: float, explicit: bool) -> float:
    """The bar ``exemplar`` must be reached at: its route's own ``threshold`` if the
    file sets one (unless the caller fixed one bar for all, as a benchmark sweep does)."""
    route = exemplar.route
    if explicit or route is None or route.threshold is None:
        return default
    return route.threshold
