"""The immutable scenario model: what a valid v1 file means, with no YAML in sight.

The loader (``loader.py``) builds these; the engine, scoring, authoring tools and
TUI read them. Every object keeps the position of the YAML node it came from so
that later checks (and tools like ``walk``) can point a trainer at a line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from simulator.scenario.conditions import Condition, Lookup

DIMENSIONS: tuple[str, ...] = ("courage", "authenticity", "belief")
ENDINGS: tuple[str, ...] = ("win", "advance", "stall", "loss")
METERS: tuple[str, ...] = ("trust", "belief")


def frozen_map(data: Mapping | None = None) -> Mapping:
    """A read-only view of a copy of ``data`` (frozen dataclasses need frozen fields)."""
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class Position:
    """1-based line and column of a YAML node, as editors count them."""

    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class CastMember:
    """One buyer in the room. ``trust`` and ``belief`` are the starting meters."""

    key: str
    name: str
    role: str = ""
    persona: str = ""
    trust: float = 50  # whole or decimal, 0..100
    belief: float = 50
    pos: Position = Position()


@dataclass(frozen=True)
class Effect:
    """A change applied when a reply is taken: ``cfo.trust: +10`` or ``discounted: true``.

    ``target`` is ``member.meter`` or a variable name; ``op`` is ``"add"`` or ``"set"``.
    """

    target: str
    op: str
    value: float | bool
    pos: Position = Position()

    @property
    def is_meter(self) -> bool:
        return "." in self.target


@dataclass(frozen=True)
class Choice:
    """A scripted reply the rep can pick. ``index`` is its place in the step's list."""

    index: int
    text: str
    next: str
    score: Mapping[str, int] = field(default_factory=frozen_map)
    effects: tuple[Effect, ...] = ()
    feedback: str = ""
    when: Condition | None = None
    pos: Position = Position()


@dataclass(frozen=True)
class Route:
    """Where a typed reply goes: matched by ``like`` phrases, or the step's ``else``."""

    index: int
    next: str
    like: tuple[str, ...] = ()
    effects: tuple[Effect, ...] = ()
    when: Condition | None = None
    is_else: bool = False
    pos: Position = Position()
    threshold: float | None = None  # the route's own bar for nearness (optional)


@dataclass(frozen=True)
class Interjection:
    """Another cast member speaking after the step's line, when ``when`` holds."""

    speaker: str
    line: str
    when: Condition | None = None
    pos: Position = Position()


def holds(item: Choice | Route | Interjection, lookup: Lookup) -> bool:
    """Whether ``item`` is on offer now (its ``when`` holds under ``lookup``): the one
    place this is decided, for the engine, its ``transitions`` guards and ``walk``."""
    return item.when is None or item.when.evaluate(lookup)


@dataclass(frozen=True)
class Step:
    """One state of the conversation. ``end`` is set only on ending steps."""

    id: str
    speaker: str | None = None
    line: str | None = None
    variants: tuple[str, ...] = ()
    interjections: tuple[Interjection, ...] = ()
    choices: tuple[Choice, ...] = ()
    routes: tuple[Route, ...] = ()
    model_answer: str = ""
    end: str | None = None
    pos: Position = Position()

    @property
    def is_ending(self) -> bool:
        return self.end is not None

    @property
    def phrasings(self) -> tuple[str, ...]:
        """``line`` followed by its variants: what the speaker may say here."""
        return ((self.line,) if self.line is not None else ()) + self.variants

    @property
    def else_route(self) -> Route | None:
        return next((r for r in self.routes if r.is_else), None)

    def offered(self, lookup: Lookup) -> list[Choice]:
        """The choices on offer, in file order."""
        return [c for c in self.choices if holds(c, lookup)]

    def live_routes(self, lookup: Lookup) -> list[Route]:
        """The routes a typed reply may take, in file order."""
        return [r for r in self.routes if holds(r, lookup)]

    def speaking(self, lookup: Lookup) -> list[Interjection]:
        """The interjections that are said."""
        return [i for i in self.interjections if holds(i, lookup)]

    def targets(self) -> tuple[str, ...]:
        """Every step a reply here can lead to, whatever the conditions."""
        return tuple(c.next for c in self.choices) + tuple(r.next for r in self.routes)


@dataclass(frozen=True)
class Product:
    """What is true (``facts``) and not true (``false_claims``) about what the rep sells."""

    name: str = ""
    facts: tuple[str, ...] = ()
    false_claims: tuple[str, ...] = ()
    pos: Position = Position()


@dataclass(frozen=True)
class Scenario:
    """A whole, validated v1 scenario. Build with the loader, never by hand in app code."""

    id: str
    title: str
    start: str
    cast: Mapping[str, CastMember]
    steps: Mapping[str, Step]
    format_version: int = 1
    summary: str = ""
    difficulty: int = 2
    skills: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    reply_seconds: float | None = None
    product: Product = Product()
    vars: Mapping[str, float | bool] = field(default_factory=frozen_map)
    rubric: str | None = None
    path: str | None = None
    content_hash: str = ""
    pos: Position = Position()

    def step(self, step_id: str) -> Step:
        return self.steps[step_id]

    def speaker_label(self, key: str | None) -> str:
        """``"Dana Ruiz (CFO)"`` for a cast key; the key itself if unknown."""
        if key is None:
            return ""
        member = self.cast.get(key)
        if member is None:
            return key
        return f"{member.name} ({member.role})" if member.role else member.name
