"""The reply read as an answer to what the buyer just said.

The same words are not the same reply after every buyer line: pushing for a date
when the buyer voices doubt is not asking for the business after a buying signal,
and a long story when the buyer said "make it quick" is not the full picture they
asked for. So the buyer's line is read for its **mood**, and the reply's moves
(``moves.py``) and length are judged against it:

- ``doubt`` ("I'm not sure", "not convinced", "we got burned", "worried"): meeting
  the doubt (naming it, a question, empathy) earns courage and belief; an ask that
  skips past it costs both;
- ``signal`` (a buying signal: "sounds good", "next steps?", "when can we start?",
  "send the paperwork"): asking for the business earns courage; selling on
  without an ask costs it;
- ``hurry`` ("make it quick", "short version", "get to the point"): a short reply
  earns belief; a long one (over ``LONG`` words) costs belief and courage;
- ``unhurried`` ("take your time", "walk me through it", "the full picture"): a
  reply too thin to be the picture asked for (``SHORT`` words or fewer) costs
  belief, a full one earns it.

Each item is evidence on the reply's words, its note naming the buyer's line.
Length here is read only against a buyer who asked for short or for long.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from simulator.language.words import normalise
from simulator.scoring.moves import Move
from simulator.scoring.text import words
from simulator.scoring.types import Evidence

LONG = 60  # words: more than this is long for a buyer who asked for quick
SHORT = 30  # words: this or fewer is thin for a buyer who asked for the full picture

# Phrases (normalised: lower case, no apostrophes) that set a buyer line's mood;
# the first mood with a phrase in the line wins, in this order.
_MOODS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "hurry",
        (
            "make it quick",
            "quick version",
            "short version",
            "keep it short",
            "be quick",
            "two minutes",
            "one minute",
            "a minute",
            "five minutes",
            "in a hurry",
            "hurry",
            "get to the point",
            "to the point",
            "between meetings",
            "one reason",
            "bottom line",
            "tldr",
            "im busy",
            "no time",
        ),
    ),
    (
        "unhurried",
        (
            "take your time",
            "no rush",
            "whole hour",
            "the afternoon",
            "walk me through",
            "full picture",
            "convince me properly",
            "tell me about yourselves",
            "in detail",
            "tell me more",
        ),
    ),
    (
        "doubt",
        (
            "not sure",
            "unsure",
            "not convinced",
            "doubt",
            "doubts",
            "doubtful",
            "skeptical",
            "sceptical",
            "worried",
            "worry",
            "concerned",
            "burned",
            "burnt",
            "risky",
            "dont know",
            "dont think",
            "hesitant",
            "not the right time",
            "timing is right",
            "even have this problem",
            "beats what we",
        ),
    ),
    (
        "signal",
        (
            "sounds good",
            "next step",
            "next steps",
            "get started",
            "can we start",
            "when can we",
            "im in",
            "lets do it",
            "send the paperwork",
            "send the contract",
            "move forward",
            "move ahead",
            "ready to",
            "almost there",
            "to start this",
            "loop in",
            "get it approved",
            "looks right",
            "sounds like a fit",
            "what we need",
            "makes sense",
            "where do i sign",
        ),
    ),
)
# Moves and rules that answer a doubt rather than walk past it.
_ANSWERS = frozenset({"question", "evidence"})
_ANSWER_RULES = frozenset(
    """names_objection disagrees_respectfully addresses_other_side teaches_insight
    proof_point customer_story gives_example cites_evidence risk_reversal""".split()
)


@lru_cache(maxsize=1024)
def buyer_mood(line: str) -> str | None:
    """``doubt``, ``signal``, ``hurry``, ``unhurried`` or None for a buyer's line
    (cached: ``repcraft score`` reads every reply against the same line)."""
    padded = f" {normalise(line or '')} "
    for mood, phrases in _MOODS:
        if any(f" {p} " in padded for p in phrases):
            return mood
    return None


def _span(original: str, moves: Sequence[Move], kinds: frozenset[str]) -> tuple[int, int]:
    for m in moves:
        if m.move in kinds:
            return m.start, m.end
    text = original.rstrip()
    return len(text) - len(text.lstrip()), len(text)


def context_evidence(
    original: str,
    text: str,
    moves: Sequence[Move],
    rules_hit: Sequence[str],
    buyer_line: str,
    factor: dict[str, float],
) -> list[Evidence]:
    """Evidence for how the reply fits the buyer's mood (none when the line sets none)."""
    mood = buyer_mood(buyer_line)
    if mood is None or not text.strip():
        return []
    kinds = {m.move for m in moves}
    asks = "ask" in kinds
    n = len(words(text))
    quoted = " ".join(buyer_line.split())
    quoted = quoted if len(quoted) <= 60 else quoted[:59].rstrip() + "…"
    out: list[tuple[str, frozenset[str], Mapping[str, float], str]] = []
    if mood == "doubt":
        # Answering the doubt (a question, a reason, naming it) takes courage; empathy
        # alone meets it, but asks nothing of the rep.
        answers = bool(kinds & _ANSWERS) or bool(set(rules_hit) & _ANSWER_RULES)
        if answers or "empathy" in kinds:
            weights: Mapping[str, float] = {"courage": 6, "belief": 6} if answers else {"belief": 6}
            out.append(("meets_doubt", _ANSWERS | {"empathy"}, weights,
                        "You met the buyer's doubt before asking for anything"))  # fmt: skip
        elif asks:
            out.append(("pushes_past_doubt", frozenset({"ask"}), {"courage": -16, "belief": -8},
                        "The buyer voiced a doubt and you pushed for a commitment; name the "
                        "doubt and answer it first"))  # fmt: skip
    elif mood == "signal":
        if asks:
            out.append(("asks_on_signal", frozenset({"ask"}), {"courage": 8, "belief": 6},
                        "The buyer leaned in and you asked for the business"))  # fmt: skip
        else:
            out.append(("misses_signal", frozenset(), {"courage": -8, "belief": -6},
                        "The buyer gave a buying signal; ask for the next step instead of "
                        "selling on"))  # fmt: skip
    elif mood == "hurry":
        if n > LONG:
            out.append(("ignores_hurry", frozenset(), {"courage": -4, "belief": -10},
                        "The buyer asked for quick and got a long answer; lead with one "
                        "number and one ask"))  # fmt: skip
        elif n <= SHORT:
            out.append(("respects_hurry", frozenset(), {"belief": 6, "courage": 4},
                        "Short, as the buyer asked: the point lands"))  # fmt: skip
    elif n <= SHORT:
        out.append(("too_thin", frozenset(), {"belief": -8},
                    "The buyer asked for the full picture; two lines leave them to fill "
                    "in the rest"))  # fmt: skip
    elif n > LONG:
        out.append(("takes_the_time", frozenset(), {"belief": 6},
                    "The buyer gave you the time and you used it to show the whole "
                    "picture"))  # fmt: skip
    found: list[Evidence] = []
    for rule, where, weights, note in out:
        s, e = _span(original, moves, where)
        for dim, w in weights.items():
            weight = round(w * factor.get(dim, 1.0), 2)
            found.append(Evidence(dim, rule, original[s:e], s, e, weight,
                                  f"{note} (buyer: \"{quoted}\")."))  # fmt: skip
    return found
