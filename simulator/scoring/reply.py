"""Scoring one reply: the rubric's rules and the context detectors -> evidence -> scores.

How a reply's score is built (see docs/scoring.md):
- every rule hit is a piece of evidence with signed points per dimension;
- the same rule counts at most ``max_hits`` times, each repeat worth ``diminishing``
  times the one before (so length buys nothing: filler adds no hits, repeats fade);
- a dimension's score is ``50 + sum(points)``, clamped to 0..100, and only for the
  dimensions that got evidence;
- a picked choice adds an ``authored`` item worth ``50*s/3`` (its -3..+3 score) and
  its text's own evidence counts at ``authored_text_factor`` (half) weight.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from simulator.scoring import belief_model, buyer_context, judgement, signals
from simulator.scoring.evidence_content import drop_hollow
from simulator.scoring.move_rules import apply_moves
from simulator.scoring.moves import Move, read_moves, reply_vectors
from simulator.scoring.prefilter import DIGIT, boundary_matches
from simulator.scoring.rubric import Rubric, Rule, default_rubric
from simulator.scoring.sentence_vectors import SentenceVectors
from simulator.scoring.text import lookup_form, normalise, sentence_of, sentences, tokens
from simulator.scoring.types import DIMENSIONS, CloseTo, Evidence, ReplyContext, ReplyScore

_TRIM = " \t\r\n,.;:"
# Hits kept per rule before the cap is applied (only the first max_hits ever count).
_KEEP = 24
_OUTCOME_RULES = ("outcome", "outcome_for_you")
_SPECIFICS = ("specific_figure", "proper_name", "echo_buyer", "recalls_buyer")
_UNSOUND = ("discount", "false_claim", "overclaim")
_HOLLOW = ("cliche", "buzzword")
# Longer replies than this are scored on their first MAX_CHARS characters, so that
# scoring stays fast whatever is pasted in (the evidence says so).
MAX_CHARS = 20_000
_DIGIT = re.compile(r"\d")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return s, e


class _Hits:
    """Collects (rule, start, end, note suffix); one span per rule, no overlaps.

    Hits in a sentence that repeats an earlier one word for word are ignored: saying
    the same thing twice is not twice the evidence (and pasting it 25 times is not)."""

    def __init__(self, repeats: Sequence[tuple[int, int]] = ()) -> None:
        self.by_rule: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self.repeats = repeats

    def add(self, rule: str, s: int, e: int, suffix: str = "") -> None:
        spans = self.by_rule[rule]
        if len(spans) >= _KEEP or any(s < pe and ps < e for ps, pe, _ in spans):
            return
        if self.repeats and any(rs <= s < re_ for rs, re_ in self.repeats):
            return
        spans.append((s, e, suffix))

    def drop_inside(self, rules: tuple[str, ...], outer: tuple[str, ...]) -> None:
        """Forget hits of ``rules`` that sit inside a hit of an ``outer`` rule."""
        walls = [(s, e) for name in outer for s, e, _ in self.by_rule.get(name, ())]
        if not walls:
            return
        for name in rules:
            if name in self.by_rule:
                self.by_rule[name] = [
                    h
                    for h in self.by_rule[name]
                    if not any(ws <= h[0] and h[1] <= we for ws, we in walls)
                ]


def _repeated_sentences(text: str, sents: list) -> list[tuple[int, int]]:
    """Spans of sentences that say word for word what an earlier sentence said."""
    seen: set[str] = set()
    out: list[tuple[int, int]] = []
    for s, e in sents:
        key = " ".join(text[s:e].lower().split()).strip(_TRIM + "!?")
        if not key:
            continue
        if key in seen:
            out.append((s, e))
        else:
            seen.add(key)
    return out


class _Helpers:
    """Answers "does this sentence contain helper X?" (e.g. a second-person word).

    A helper is its own phrases and patterns plus the hits of the rules it lists
    (found once, before negation, by the rule matching itself)."""

    def __init__(self, rubric: Rubric, text: str, toks: list, lowered: list[str], raw: list):
        self.rubric, self.text = rubric, text
        self.found: dict[str, list[int]] = defaultdict(list)
        self._cache: dict[tuple[str, int, int], bool] = {}
        # "your" inside "passionate about your success" is a stock phrase talking, not
        # the rep framing something for this buyer.
        hollow = [(s, e) for rule, s, e in raw if rule.name in _HOLLOW]
        for label, s, _e in rubric.helper_phrases.find(toks, lowered):
            if not any(hs <= s < he for hs, he in hollow):
                self.found[label].append(s)
        by_rule: dict[str, list[int]] = defaultdict(list)
        for rule, s, _e in raw:
            by_rule[rule.name].append(s)
        for hname, listed in rubric.helper_rules.items():
            for rn in listed:
                self.found[hname].extend(by_rule.get(rn, ()))

    def in_sentence(self, name: str, span: tuple[int, int]) -> bool:
        key = (name, span[0], span[1])
        got = self._cache.get(key)
        if got is None:
            got = any(span[0] <= s < span[1] for s in self.found.get(name, ()))
            if not got:
                rx = self.rubric.helpers.get(name)
                got = bool(rx and rx.search(self.text, span[0], span[1]))
            self._cache[key] = got
        return got


def _lowercase(text: str) -> str:
    """``text`` lowercased with the same length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _rule_hits(
    text: str, rubric: Rubric, toks: list, lowered: list[str]
) -> list[tuple[Rule, int, int]]:
    """(rule, start, end) from the phrase index, then from each rule's patterns."""
    out = [(rubric.rules[name], s, e) for name, s, e in rubric.phrases.find(toks, lowered)]
    low = _lowercase(text)
    # Which of the patterns' needles the reply holds, looked up once each; a pattern
    # none of whose needles is here cannot match, and is not run.
    present = {n for n in rubric.needles if n != DIGIT and n in low}
    if _DIGIT.search(text) is not None:
        present.add(DIGIT)
    ascii_text = text.isascii()  # see rubric._as_written_needles
    for rule, found, rx, on_lower in rubric.scan:
        if on_lower:
            if found is None or not present.isdisjoint(found):
                it = boundary_matches(rx, low) if on_lower == "boundary" else rx.finditer(low)
                out += [(rule, m.start(), m.end()) for m in it]
        elif found is None or not ascii_text or not present.isdisjoint(found):
            out += [(rule, m.start(), m.end()) for m in rx.finditer(text)]
    # Earliest, then longest first: of two overlapping hits of one rule, that one counts.
    out.sort(key=lambda h: (h[1], -h[2]))
    return out


def _match_rules(text: str, sents: list, rubric: Rubric, hits: _Hits) -> None:
    neg = rubric.negation
    toks = tokens(text)
    lowered = [lookup_form(t) for t, _, _ in toks]
    raw = _rule_hits(text, rubric, toks, lowered)
    helpers = _Helpers(rubric, text, toks, lowered, raw)
    for rule, s0, e0 in raw:
        if rule.detector is not None and rule.detector != "feature_list":
            continue
        if len(hits.by_rule.get(rule.name, ())) >= _KEEP:
            continue
        s, e = _trim(text, s0, e0)
        if s >= e:
            continue
        target: Rule = rule
        if rule.on_negated != "keep":
            negator = neg.negator_before(text, s)
            if negator is not None:
                if rule.on_negated == "skip":
                    continue
                target = rubric.rules[rule.on_negated]
                s = negator.start()
        if target is rule and (rule.with_helper or rule.without_helper):
            sent = sentence_of(sents, s)
            if rule.with_helper and not helpers.in_sentence(rule.with_helper, sent):
                continue
            if rule.without_helper and helpers.in_sentence(rule.without_helper, sent):
                continue
        hits.add(target.name, s, e)


def _detect(text: str, sents: list, context: ReplyContext, rubric: Rubric, hits: _Hits) -> None:
    wanted = {r.detector for r in rubric.rules.values() if r.detector}
    found: list[signals.Found] = []
    if "proper_name" in wanted:
        found += signals.proper_names(text, rubric)
    claims = tuple(context.false_claims) + rubric.false_claims
    fact_list = tuple(context.facts) + rubric.facts
    want_claims = bool(claims) and bool(wanted & {"false_claims", "false_claims_denied"})
    want_facts = bool(fact_list) and "facts" in wanted
    want_echo = bool(context.buyer_line) and "echo" in wanted
    if want_claims or want_facts or want_echo:
        sent_stems = signals.sentence_stems(text, sents, rubric)
        if want_claims:
            found += signals.false_claims(text, sents, sent_stems, claims, rubric, fact_list)
        if want_facts:
            found += signals.facts(text, sents, sent_stems, fact_list, rubric)
        if want_echo:
            found += signals.echo(text, context.buyer_line, rubric, sents, sent_stems)
    if "feature_list" in wanted and not any(hits.by_rule.get(r) for r in _OUTCOME_RULES):
        found += signals.feature_lists(text, sents)
    for rule, s, e, suffix in found:
        if rule in rubric.rules:
            hits.add(rule, s, e, suffix)


def _evidence(text: str, hits: _Hits, rubric: Rubric, factor: dict[str, float]) -> list[Evidence]:
    out: list[Evidence] = []
    for name, spans in hits.by_rule.items():
        rule = rubric.rules[name]
        spans.sort()
        for k, (s, e, suffix) in enumerate(spans[: rule.max_hits]):
            scale = rubric.diminishing**k
            for dim in DIMENSIONS:
                if dim not in rule.weights:
                    continue
                w = round(rule.weights[dim] * scale * factor.get(dim, 1.0), 2)
                out.append(Evidence(dim, name, text[s:e], s, e, w, rule.note + suffix))
    return out


def _model_evidence(
    original: str, text: str, sents: list, factor: dict[str, float], vectors: SentenceVectors
) -> list[Evidence]:
    """The belief model's reading, one evidence item per sentence it moved."""
    out: list[Evidence] = []
    scale = factor.get("belief", 1.0)
    for s0, e0, points in belief_model.sentence_points(text, sents, vectors):
        s, e = _trim(text, s0, e0)
        weight = round(points * scale, 2)
        rule, note = belief_model.RULE, belief_model.NOTE
        out.append(Evidence("belief", rule, original[s:e], s, e, weight, note))
    return out


def score_reply(
    text: str, context: ReplyContext | None = None, rubric: Rubric | None = None
) -> ReplyScore:
    """Score one reply in its context; every point comes with the evidence for it."""
    rubric = rubric if isinstance(rubric, Rubric) else default_rubric()
    context = context if isinstance(context, ReplyContext) else ReplyContext()
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    original = text
    text = normalise(text[:MAX_CHARS])
    evidence: list[Evidence] = []
    moves: tuple[Move, ...] = ()
    factor: dict[str, float] = {}
    close_to = _authored(original, context, rubric, evidence, factor)
    if context.kind == "timeout" and "no_answer" in rubric.rules:
        rule = rubric.rules["no_answer"]
        for dim, w in rule.weights.items():
            evidence.append(Evidence(dim, "no_answer", "", 0, 0, w, rule.note))
    if text.strip():
        sents = sentences(text)
        hits = _Hits(_repeated_sentences(text, sents))
        _match_rules(text, sents, rubric, hits)
        _detect(text, sents, context, rubric, hits)
        # A figure or a name inside a discount, a false claim or an overclaim ("20%
        # off", "it replaces your lawyers") is part of the problem, not evidence.
        hits.drop_inside(_SPECIFICS, _UNSOUND)
        # "They might. But..." concedes the buyer's point; it is not the rep's doubt.
        hits.drop_inside(("hedge",), ("addresses_other_side",))
        # A connective with nothing concrete after it, a number word, a name with no
        # result: signposts of evidence, not evidence.
        drop_hollow(text, sents, hits.by_rule)
        # Each sentence embedded once, for the ask model and the belief model alike.
        vectors = reply_vectors(text, sents)
        moves = _typed_spans(original, read_moves(text, sents, hits.by_rule, vectors))
        apply_moves(text, moves, hits.by_rule, rubric)
        evidence += _evidence(original, hits, rubric, factor)
        evidence += _model_evidence(original, text, sents, factor, vectors)
        hit = [name for name, spans in hits.by_rule.items() if spans]
        evidence += buyer_context.context_evidence(
            original, text, moves, hit, context.buyer_line, factor
        )
    evidence.sort(key=lambda ev: (ev.start, ev.end, DIMENSIONS.index(ev.dimension)))
    totals: dict[str, float] = {}
    for ev in evidence:
        totals[ev.dimension] = totals.get(ev.dimension, 0.0) + ev.weight
    scores = {d: int(max(0, min(100, round(50 + totals[d])))) for d in DIMENSIONS if d in totals}
    return ReplyScore(scores, tuple(evidence), moves, close_to)


def _authored(
    original: str,
    context: ReplyContext,
    rubric: Rubric,
    evidence: list[Evidence],
    factor: dict[str, float],
) -> CloseTo | None:
    """The author's own score: a picked choice's, or that of the authored answer a typed
    reply is close to in meaning (judgement.py). Adds ``authored`` evidence and sets
    the dimensions whose rubric evidence then counts at ``authored_text_factor``."""
    authored = dict(context.authored or {})
    note = context.feedback or "the scenario's own score for this choice"
    close_to = None
    if not authored and context.kind == "typed" and context.answers:
        found = judgement.nearest_answer(original, context.answers)
        if found is not None:
            answer, close_to = found
            authored = dict(answer.score)
            note = f"Close to {answer.label} ({close_to.nearness:.2f}): " + (
                answer.feedback or "the scenario's own score for that answer"
            )
    for dim, s in authored.items():
        if dim not in DIMENSIONS or isinstance(s, bool) or not isinstance(s, (int, float)):
            continue
        s = max(-3, min(3, s))
        evidence.append(
            Evidence(dim, "authored", original, 0, len(original), round(50 * s / 3, 2), note)
        )
        factor[dim] = rubric.authored_text_factor
    return close_to


def _typed_spans(original: str, moves: tuple[Move, ...]) -> tuple[Move, ...]:
    """The moves' text as the rep typed it (the scorer reads a same-length copy)."""
    return tuple(Move(m.move, original[m.start : m.end], m.start, m.end) for m in moves)
