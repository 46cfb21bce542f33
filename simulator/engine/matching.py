"""Routing a typed reply to the best-matching ``routes`` entry.

Two ways a route's ``like`` phrase can match, per scenario-format.md:

1. **contains**: the reply contains the phrase, ignoring case, punctuation and
   extra spaces (whole words only: "price" does not match "priceless").
2. **similar**: the reply says the same thing in other words. Every content word
   of the phrase (stop words like "the", "you" left out) appears in the reply in
   some inflection ("costs" for "cost", "discounting" for "discount"), in any
   order, and the phrase has at least two content words. A one-content-word
   phrase must match as a contained phrase.

The best match wins: a contained phrase beats a similar one, a longer phrase
beats a shorter one, and ties go to the earlier route (then the earlier phrase).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from simulator.scenario.model import Route

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

# Words that carry no meaning for routing; kept short on purpose so "not" and
# "no" still count (they flip what a rep means).
STOP_WORDS = frozenset(
    """a an the and or but if of to in on at for with by from as is are was were be been
    it its this that these those i me my we us our you your he she they them their
    do does did so just really very can could would will shall should may might
    there here what which who whom about into than then too also""".split()
)

_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s", "ly")


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, runs of spaces folded; apostrophes dropped,
    so "can't" and "cant" read the same (reps typing fast leave them out)."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return " ".join(w.replace("'", "") for w in _WORD.findall(text))


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A deliberately crude stem: enough for "costs"/"cost", "discounting"/"discount"."""
    word = word.replace("'", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:  # "stopp(ing)" -> "stop"
        word = word[:-1]
    return word


@lru_cache(maxsize=4096)
def _phrase_parts(phrase: str) -> tuple[str, frozenset[str]]:
    norm = normalise(phrase)
    content = frozenset(stem(w) for w in norm.split() if w not in STOP_WORDS)
    return norm, content


@dataclass(frozen=True)
class RouteMatch:
    """Which route took a typed reply, and why."""

    route: Route
    phrase: str | None  # the ``like`` phrase that matched; None for ``else``
    how: str  # "contains", "similar" or "else"

    def to_dict(self) -> dict:
        return {
            "index": self.route.index,
            "like": self.phrase,
            "match": self.how,
            "else": self.route.is_else,
            "next": self.route.next,
        }


def best_route(reply: str, routes: Sequence[Route]) -> RouteMatch | None:
    """The route a typed reply takes among ``routes`` (already filtered by ``when``)."""
    norm = f" {normalise(reply)} "
    reply_stems = {stem(w) for w in norm.split()}
    best: tuple[tuple[int, int], RouteMatch] | None = None
    for route in routes:
        if route.is_else:
            continue
        for phrase in route.like:
            phrase_norm, content = _phrase_parts(phrase)
            if not phrase_norm:
                continue
            if f" {phrase_norm} " in norm:
                rank = (2, len(phrase_norm.split()))
                how = "contains"
            elif len(content) >= 2 and content <= reply_stems:
                rank = (1, len(content))
                how = "similar"
            else:
                continue
            if best is None or rank > best[0]:
                best = (rank, RouteMatch(route, phrase, how))
    if best is not None:
        return best[1]
    fallback = next((r for r in routes if r.is_else), None)
    return RouteMatch(fallback, None, "else") if fallback else None
