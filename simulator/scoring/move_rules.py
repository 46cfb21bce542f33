"""Courage and authenticity from moves in context, not from word lists alone.

After the rubric's rules have matched and the reply has been read as moves
(``moves.read_moves``), the moves settle what the words alone cannot:

- an ``ask`` the rubric's next-step phrases missed ("Deal?") earns
  ``asks_for_commitment`` (not a hedged one: "maybe we could just try it");
- a ``trade`` is not a discount: the ``discount`` hit inside it is dropped and the
  trade earns ``trades``; a ``concession`` the discount words missed costs
  ``concedes``;
- a ``refusal`` the price rules missed earns ``refuses``; a false claim or an
  overclaim named inside a refusal ("Uncapped liability, no.") is being declined,
  so it is not asserted: the refusal corrects it (``corrects_false_claim``);
- ``empathy`` earns ``empathy``, and "ugh" inside it is feeling, not contempt;
- casing is not read at all: a reply typed all in lowercase, a lowercase "i" or
  a sentence started in lowercase costs nothing (rubric 1.6; it was a belief
  penalty). A reply stands for words said on a call, where no buyer hears capitals;
  real text-speak ("u", "gr8", "idk") still counts as ``sloppy_writing``.

Every point is a rubric rule (weights and notes in rubric.json, ``detector:
moves``), with the move's words as its span, so it stays traced to what earned it.
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.scoring.moves import Move
from simulator.scoring.rubric import Rubric

Hits = dict[str, list[tuple[int, int, str]]]

_RULE_ASKS = ("next_step", "commitment_question")
_RULE_REFUSALS = ("holds_price", "plain_no", "disagrees_respectfully")  # courage rules
_DECLINED = ("false_claim", "overclaim", "absolute_claim")


def _inside(spans: Sequence[tuple[int, int, str]], s: int, e: int) -> list[tuple[int, int, str]]:
    return [h for h in spans if s <= h[0] < e]


def _drop(hits: Hits, rule: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """Remove and return ``rule``'s hits that start inside ``[s, e)``."""
    gone = _inside(hits.get(rule, ()), s, e)
    if gone:
        hits[rule] = [h for h in hits[rule] if h not in gone]
    return gone


def _add(hits: Hits, rules: Sequence[str], rule: str, s: int, e: int, suffix: str = "") -> None:
    if rule in rules and not any(ps < e and s < pe for ps, pe, _ in hits.get(rule, ())):
        hits.setdefault(rule, []).append((s, e, suffix))


def apply_moves(text: str, moves: Sequence[Move], hits: Hits, rubric: Rubric) -> None:
    """Change ``hits`` (rule -> spans) by what the moves show (only into rules the
    rubric has: a trainer may switch any of them off)."""
    rules = tuple(rubric.rules)
    seen: dict[tuple[int, int], set[str]] = {}
    for m in moves:
        s, e = m.start, m.end
        has = seen.get((s, e))
        if has is None:  # the rules found in this sentence, once per sentence
            has = seen[(s, e)] = {n for n, spans in hits.items() if _inside(spans, s, e)}
        if m.move == "ask" and not has & set(_RULE_ASKS) and "hedge" not in has:
            _add(hits, rules, "asks_for_commitment", s, e)
        elif m.move == "trade":
            _drop(hits, "discount", s, e)
            if "holds_price" not in has:  # "in exchange for" already earned it
                _add(hits, rules, "trades", s, e)
        elif m.move == "concession" and "discount" not in has:
            _add(hits, rules, "concedes", s, e)
        elif m.move == "refusal":
            _refusal(hits, rules, has, s, e)
        elif m.move == "empathy":
            _drop(hits, "hostile", s, e)
            _add(hits, rules, "empathy", s, e)


def _refusal(hits: Hits, rules: Sequence[str], has: set[str], s: int, e: int) -> None:
    declined = _drop(hits, "false_claim", s, e)
    for name in _DECLINED:
        _drop(hits, name, s, e)
    if declined:
        _add(hits, rules, "corrects_false_claim", s, e, declined[0][2])
    if not has & set(_RULE_REFUSALS):
        _add(hits, rules, "refuses", s, e)
