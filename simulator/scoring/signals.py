"""Signals that need more than a word list: the scenario's facts and false claims,
the buyer's own words, proper names and feature lists.

Each detector returns ``(rule_name, start, end, note_suffix)`` tuples; spans index
into the (same-length normalised) reply text.
"""

from __future__ import annotations

import math
import re

from simulator.language import similarity
from simulator.language.contradiction import contradicts
from simulator.scoring.rubric import Rubric
from simulator.scoring.text import content_stems, stem, words

Found = tuple[str, int, int, str]

# Capitalised for grammar, not because they name something specific.
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split()
)
# A capitalised word in any alphabet ("Zoë", "Müller", "McKay"); checked by _is_name.
_NAME = re.compile(r"(?<![\w'])[^\W\d_a-z][^\W\d_]+(?![\w'])")


def _is_name(word: str) -> bool:
    """Capital then lowercase, with at most one more capital inside ("McKay")."""
    if not (word[0].isupper() and word[1].islower()):
        return False
    rest = word[1:]
    return sum(c.isupper() for c in rest) <= 1 and all(c.isupper() or c.islower() for c in rest)


_SENTENCE_START = set('.!?:;"(\n>')
_LIST_SPLIT = re.compile(r",|;|\s+(?:and|or)\s+")
_CLAUSE = re.compile(r"[,;:]|\bbut\b|\band\b")


def proper_names(text: str, rubric: Rubric) -> list[Found]:
    """Capitalised words that are not just the first word of a sentence."""
    out: list[Found] = []
    for m in _NAME.finditer(text):
        if not _is_name(m.group()):
            continue
        i = m.start() - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] in _SENTENCE_START:
            continue
        if m.group().lower() in rubric.stopwords or m.group().lower() in _NOT_NAMES:
            continue
        out.append(("proper_name", m.start(), m.end(), ""))
        if len(out) >= 8:
            break
    return out


def sentence_stems(text: str, sents: list[tuple[int, int]], rubric: Rubric) -> list[dict]:
    return [
        content_stems(text[s:e], rubric.stopwords, rubric.synonyms) if e > s else {}
        for s, e in sents
    ]


def _need(target: dict, fraction: float) -> int:
    return len(target) if len(target) <= 2 else max(2, math.ceil(fraction * len(target)))


def _all_stems(sent_stems: list[dict]) -> set[str]:
    out: set[str] = set()
    for stems in sent_stems:
        out.update(stems)
    return out


def _could_match(target: dict, everything: set[str], fraction: float) -> bool:
    """Cheap pre-check over the whole reply before trying sentence by sentence."""
    return bool(target) and sum(1 for k in target if k in everything) >= _need(target, fraction)


def _overlap(target: dict, stems: dict, fraction: float, offset: int) -> tuple[int, int] | None:
    """Span of the shared words when enough of ``target``'s words appear in ``stems``."""
    if not target:
        return None
    shared = [k for k in target if k in stems]
    if len(shared) < _need(target, fraction):
        return None
    spans = [stems[k] for k in shared]
    return offset + min(s for s, _ in spans), offset + max(e for _, e in spans)


def facts(
    text: str, sents: list, sent_stems: list, facts_: tuple[str, ...], rubric: Rubric
) -> list[Found]:
    """Sentences that restate a product fact (content-word overlap)."""
    out: list[Found] = []
    everything = _all_stems(sent_stems)
    for fact in facts_:
        target = rubric.context_stems(fact)
        if not _could_match(target, everything, rubric.fact_overlap):
            continue
        for (s, _e), stems in zip(sents, sent_stems, strict=True):
            span = _overlap(target, stems, rubric.fact_overlap, s)
            if span:
                out.append(("proof_point", span[0], span[1], f" (fact: {fact})"))
                break
    return out


def _claim_targets(claims: tuple[str, ...], fact_list: tuple[str, ...], rubric: Rubric) -> list:
    """(claim, its content stems, the stems to match, its polarity) per claim, computed
    once per context (a scenario step's claims and facts do not change between replies).

    Words the claim shares with the true facts do not make it false: match on the
    rest ("every customer closes in four days" turns on "every")."""
    key = ("claims", claims, fact_list)
    cached = rubric._stems_cache.get(key)
    if cached is None:
        shared_with_facts: set[str] = set()
        for fact in fact_list:
            shared_with_facts.update(rubric.context_stems(fact))
        cached = []
        for claim in claims:
            full = rubric.context_stems(claim)
            target = {k: v for k, v in full.items() if k not in shared_with_facts} or full
            cached.append((claim, full, target, rubric.negation.polarity(claim)))
        if len(rubric._stems_cache) > 4096:
            rubric._stems_cache.clear()
        rubric._stems_cache[key] = cached
    return cached


def false_claims(
    text: str,
    sents: list,
    sent_stems: list,
    claims: tuple[str, ...],
    rubric: Rubric,
    fact_list: tuple[str, ...] = (),
) -> list[Found]:
    """Sentences that assert (or plainly deny) one of the scenario's false claims.

    Polarity decides which: the claim and the rep's clause are compared by their
    count of negating words, so "no implementation effort" is matched by "there's no
    implementation effort" and denied by "implementation takes real effort".
    """
    out: list[Found] = []
    neg = rubric.negation
    everything = _all_stems(sent_stems)
    for claim, full, target, claim_pol in _claim_targets(claims, fact_list, rubric):
        if not _could_match(target, everything, rubric.false_claim_overlap):
            continue
        for (s, _e), stems in zip(sents, sent_stems, strict=True):
            span = _overlap(target, stems, rubric.false_claim_overlap, s)
            # The words that make it false must come with enough of the claim itself:
            # "it depends on your setup" is not about "no implementation effort".
            if not span or not _overlap(full, stems, rubric.false_claim_overlap, s):
                continue
            clause_start = s
            for m in _CLAUSE.finditer(text, s, span[0]):
                clause_start = m.end()
            pol = neg.polarity(text, clause_start, span[1])
            start = min(clause_start, span[0])
            while start < span[0] and text[start].isspace():
                start += 1
            rule = "false_claim" if pol == claim_pol else "corrects_false_claim"
            if rule == "false_claim" and _states_a_fact(text[s:_e], claim, fact_list):
                continue
            end = max([span[1]] + [s + e for k, (_, e) in stems.items() if k in full])
            out.append((rule, start, end, f" (false claim: {claim})"))
            break
    said = {f[3] for f in out}
    rest = tuple(c for c in claims if f" (false claim: {c})" not in said)
    return out + claims_by_meaning(text, sents, rest, fact_list)


# A sentence this near a false claim in meaning (the language layer's nearness) says
# it in other words ("It works with whatever telematics you use").
MEANING_BAR = 0.6
# A false claim usually turns on an absolute: a sentence near it says it only if it
# says an absolute too ("Works with Geotab and Samsara" is near "works with every
# telematics provider", and true).
_ABSOLUTES = frozenset(
    stem(w)
    for w in """every all any whatever whichever each no none zero never nothing nobody
    always guaranteed guarantee guarantees eliminate eliminates completely entirely
    totally fully 100 instantly""".split()
)


def _states_a_fact(sentence: str, claim: str, fact_list: tuple[str, ...]) -> bool:
    """Whether ``sentence`` is at least as near one of the true facts as it is to the
    false ``claim``: then it states the fact ("ISO 27001 audit is scheduled for Q3;"
    shares the claim's words but is the fact's start), and asserts nothing false."""
    if not fact_list:
        return False
    try:
        near = similarity.nearness(sentence, [claim, *fact_list])
    except similarity.ModelUnavailable:
        return False
    return max(near[1:]) >= near[0]


def _absolute(text: str) -> bool:
    return any(stem(w) in _ABSOLUTES for w, _s, _e in words(text.lower()))


def claims_by_meaning(
    text: str, sents: list, claims: tuple[str, ...], fact_list: tuple[str, ...] = ()
) -> list[Found]:
    """False claims said in other words: a sentence at least ``MEANING_BAR`` near one
    asserts it, or corrects it when it contradicts it ("not certified today")."""
    out: list[Found] = []
    todo = list(claims)
    for s, e in sents:
        if not todo:
            break
        sentence = text[s:e]
        try:
            near = similarity.nearness(sentence, todo)
        except similarity.ModelUnavailable:
            return out
        for claim, n in zip(list(todo), near, strict=True):
            if n < MEANING_BAR:
                continue
            if contradicts(sentence, claim):
                rule = "corrects_false_claim"
            elif (_absolute(claim) and not _absolute(sentence)) or _states_a_fact(
                sentence, claim, fact_list
            ):
                continue
            else:
                rule = "false_claim"
            out.append((rule, s, e, f" (false claim: {claim}, said in other words)"))
            todo.remove(claim)
    return out


# Words too common to show the rep heard *this* buyer ("time", "price", "think"):
# repeating them is not reflecting the buyer's own words back.
_COMMON = frozenset(
    stem(w)
    for w in """time year day week month today people thing things way lot part place case
    point fact kind sort bit number word words name line end side level area group team
    company business money price cost costs pay budget deal product service work job
    problem issue question idea reason result change help look make know think want need
    feel like take give tell say said get got go going come use find keep seem show try
    call talk ask mean start stop move run put let good great better best bad new old big
    small high low long short right wrong real sure true easy hard clear simple full free
    important different whole other same last next first early late much more most many
    little less least enough really actually just still even also always never ever often
    sometimes maybe perhaps probably already again there here where when what which while
    about would could should might must shall that this these those them they their have
    been being were with from into over under after before because than then very quite
    something anything everything nothing someone anyone everyone""".split()
)


def echo(text: str, buyer_line: str, rubric: Rubric, sents: list, sent_stems: list) -> list[Found]:
    """Reply words that repeat the buyer's own substantive words: content words of 4+
    letters that are not numbers (a figure repeated is not a word heard) and not
    common words (``_COMMON``)."""
    if not buyer_line:
        return []
    theirs = {
        k
        for k, (s, e) in rubric.context_stems(buyer_line).items()
        if e - s >= 4 and not k.isdigit() and k not in _COMMON
    }
    if not theirs:
        return []
    out: list[Found] = []
    for (offset, _end), stems in zip(sents, sent_stems, strict=True):
        for k, (s, e) in stems.items():
            if k in theirs:
                out.append(("echo_buyer", offset + s, offset + e, ""))
                if len(out) >= 4:
                    return out
    return out


def feature_lists(text: str, sents: list) -> list[Found]:
    """Runs of four or more short list items (1-3 words each) in one sentence."""
    out: list[Found] = []
    for s, e in sents:
        chunk = text[s:e]
        if chunk.count(",") < 2:
            continue
        pos = 0
        run: list[tuple[int, int]] = []
        for piece in [*_LIST_SPLIT.finditer(chunk), None]:
            end = piece.start() if piece else len(chunk)
            seg_words = words(chunk, pos, end)
            if 1 <= len(seg_words) <= 3:
                run.append((seg_words[0][1], seg_words[-1][2]))
            else:
                if len(run) >= 4:
                    break
                run = []
            pos = piece.end() if piece else len(chunk)
        if len(run) >= 4:
            out.append(("feature_list", s + run[0][0], s + run[-1][1], ""))
    return out
