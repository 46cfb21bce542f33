"""Moves: what a rep does in a reply, sentence by sentence, each with its span.

A move is one of ``MOVES``:

- ``ask``: asks for a commitment or a next step, with or without keywords ("Deal?",
  "Worth a 90-day shot?", "Can Sam and I build the plan with you Thursday?"). Read
  by a small logistic model over the sentence's shape and meaning (``ask_model``),
  and by the rubric's next-step rules;
- ``question``: asks for information and commits no one;
- ``concession``: gives something (a discount, a free month, a waived fee);
- ``trade``: gives only in return for something ("I can do 5% if you sign for two
  years by Friday"): a trade, not a concession;
- ``refusal``: declines, holds the price, says no; declining or correcting one of the
  scenario's false claims is a refusal ("Uncapped liability, no."), not the claim;
- ``evidence``: a figure, a proof point, a named customer with a result, a reason
  with something concrete after it ("because" with nothing after it is not);
- ``story``: what happened to a customer, told as a story;
- ``empathy``: names the buyer's feeling or situation ("ugh, that stings");
- ``overclaim``: an absolute promise or a false claim asserted (a negated one, "I
  won't promise a guaranteed ROI", is honest and is not an overclaim);
- ``claim``: any other assertion with content.

Spans index the reply as typed (``reply[start:end] == text``). The moves are read
from the sentence and from the rubric's rule hits in it (negation already applied
by the rubric), so a trainer's rubric extension also feeds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from simulator.language.negation import scoped_words
from simulator.language.words import content_stems
from simulator.scoring.ask_model import ask_decisions, could_ask
from simulator.scoring.sentence_vectors import READ_CHARS, SentenceVectors, warm
from simulator.scoring.text import figure_kinds

MOVES = (
    "ask",
    "question",
    "concession",
    "trade",
    "refusal",
    "evidence",
    "story",
    "empathy",
    "claim",
    "overclaim",
)


@dataclass(frozen=True)
class Move:
    """One move of a reply: its kind (one of ``MOVES``) and the words that made it."""

    move: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"move": self.move, "text": self.text, "start": self.start, "end": self.end}


# Rule hits (by rubric rule name) that make a sentence a given move.
_ASK_RULES = ("next_step", "commitment_question", "dated_next_step")
_CONCESSION_RULES = ("discount",)
_REFUSAL_RULES = ("holds_price", "plain_no", "corrects_false_claim")
_OVERCLAIM_RULES = ("overclaim", "absolute_claim", "false_claim")
_EVIDENCE_RULES = ("proof_point", "specific_figure", "risk_reversal", "teaches_insight")

# Giving something away: the words of a concession that the rubric's discount rule
# does not list ("I can do 5%", "we'll include onboarding", "free for a month").
_GIVES = re.compile(
    r"\b(?:i|we)\s*(?:can|could|'ll|will|would|'d)\s+(?:do|offer|give\s+you|include|add|waive|"
    r"extend|drop|throw\s+in|go\s+(?:to|down\s+to)|knock|take)\b"
    r"|\b(?:happy|glad|able|willing)\s+to\s+(?:include|add|waive|extend|throw\s+in|give\s+you|offer)\b"
    r"|\bfree\s+(?:month|months|onboarding|setup|training|seats?|licen[cs]es?|support)\b"
    r"|\b(?:at\s+no\s+(?:extra\s+)?(?:cost|charge))\b",
)
# Only in return for something of value beyond the purchase itself: a longer term, more
# volume, paying up front, a reference. "If you sign this week" alone is a discount to
# close, not a trade; "if you sign for two years by Friday" is a trade.
_IN_RETURN = re.compile(
    r"\bin\s+(?:return|exchange)\b"
    r"|^\W*(?:at|for|with)\s+(?:\d+|two|three|four|five|six|ten|twelve|twenty|fifty|a\s+hundred)\s+"
    r"(?:cases|seats|licen[cs]es|users|units|boxes|pallets|sites|years|locations|stores|trucks)\b"
    r"|\b(?:if|provided(?:\s+that)?|as\s+long\s+as|so\s+long\s+as|once|when|on\s+condition\s+that)"
    r"\s+(?:you|your|we)\b[^.?!;]{0,60}?"
    r"\b(?:(?:\d+|two|three|four|five|multi)[-\s]?years?|years|annual|annually|upfront|up\s+front|"
    r"prepa(?:y|id)|longer\s+term|term|seats|licen[cs]es|users|volume|reference|case\s+study|logo|"
    r"referral|introduc\w*|expand|renew\w*|all\s+(?:three|four|five|\d+)\s+\w+|whole\s+team)\b",
)
_DECLINE_VERB = re.compile(
    r"\b(?:i|we)\s*(?:won'?t|will\s+not|can'?t|cannot|can\s+not|don'?t|do\s+not|wouldn'?t|"
    r"'m\s+not\s+going\s+to|am\s+not\s+going\s+to|'re\s+not\s+going\s+to|are\s+not\s+going\s+to|"
    r"'d\s+rather\s+not|would\s+rather\s+not)\s+"
    r"(?:do|offer|agree|accept|go|promise|guarantee|sign|give|discount|match|budge|move|drop|"
    r"include|waive|pretend|cap|take|change|remove|add|commit|put)\b"
)
_DECLINE_OPENS = re.compile(
    r"\s*(?:no|nope)\s*[,.;:!-]|\W*not\s+(?:on|at|for|with|in|to|by|below|under|over)\b"
)
_DECLINE_ENDS = re.compile(r"(?:^|[,;:]\s*|\s-\s*)(?:no|nope)\s*[.!]*\s*$")
_DECLINE_PHRASES = re.compile(
    r"\b(?:doing\s+you\s+a\s+disservice|wouldn'?t\s+be\s+doing\s+my\s+job)\b"
    r"|\b(?:not\s+(?:something|a\s+term|a\s+clause)\s+(?:we|i)\s+(?:do|offer|sign|accept|agree\s+to))\b"
    r"|\b(?:that'?s|that\s+is)\s+(?:not\s+(?:possible|on\s+the\s+table)|off\s+the\s+table|a\s+no)\b"
)


def _declines(low: str) -> bool:
    """Declining in words the rubric's price rules do not cover ("Uncapped liability,
    no.", "Not on six", "I won't promise..."); each pattern runs only when the cheap
    substring it needs is there."""
    if _DECLINE_OPENS.match(low):
        return True
    tail = low.rstrip(" .!")
    if tail.endswith(("no", "nope")) and _DECLINE_ENDS.search(low[-24:]):
        return True
    negated = "not" in low or "n't" in low or "nt " in low or "cannot" in low
    if negated and _DECLINE_VERB.search(low):
        return True
    return ("disservice" in low or negated or "table" in low) and bool(_DECLINE_PHRASES.search(low))


_EMPATHY = re.compile(
    r"\b(?:ugh|oof|ouch)\b"
    r"|\bi\s+(?:hear|get)\s+(?:you|that|it|why)\b|\bi\s+(?:understand|see)\s+why\b"
    r"|\bi'?d\s+(?:be|feel)\s+(?:\w+\s+)?(?:the\s+same|frustrated|annoyed|worried|upset|nervous|wary|angry|furious)\b"
    r"|\b(?:that|it|this)\s*(?:'s|is|was|must\s+be|sounds|must\s+have\s+been)\s+(?:\w+\s+)?"
    r"(?:frustrating|painful|exhausting|stressful|awful|rough|tough|hard|maddening|annoying|"
    r"a\s+pain|a\s+lot|no\s+fun|draining|scary|unfair|disappointing)\b(?!\s+to\b)"
    r"|\b(?:that|it)\s+(?:stings|hurts|sucks)\b|\bsounds\s+(?:frustrating|painful|rough|tough|"
    r"stressful|exhausting|hard|like\s+a\s+(?:nightmare|pain|lot|rough|tough|hard))\b"
    r"|\bsorry\s+(?:to\s+hear|that\s+(?:happened|you))\b|\bno\s+wonder\s+you\b"
    r"|\b(?:fair|understandable|makes\s+sense)\s+(?:that\s+)?you'?(?:re|\s+are|'d|\s+would|\s+feel)\b"
    r"|\byou\s+(?:have|had)\s+every\s+right\b|\bthat'?s\s+(?:a\s+)?fair\s+(?:concern|worry|point)\b",
)
# A result a customer story turns on (not just any past-tense verb after a name).
_RESULT = re.compile(
    r"\b(?:cut|dropped|saved|reduced|grew|doubled|halved|tripled|shaved|avoided|stopped|"
    r"expanded|renewed|replaced|increased|decreased|lowered|raised|recovered|freed|closed\s+(?:their|the|its)|"
    r"went\s+from|moved\s+from|fell|rose)\b",
)
# Connectives that promise evidence; they are evidence only with something concrete after.
_CONNECTIVE = re.compile(
    r"\b(?:because|since|according\s+to|studies|study|research|data|evidence|proven|experts|"
    r"which\s+means|that\s+means|so\s+that|due\s+to)\b",
)
# Hype that promises more than anyone could check: an overclaim unless negated.
_HYPE = re.compile(
    r"\b(?:the\s+best|best[-\s]in[-\s]class|world[-\s]class|game[-\s]changer|unprecedented|"
    r"revolutionary|unbeatable|unmatched|second\s+to\s+none|redefines\s+the\s+industry)\b"
)
_VAGUE_STEMS = frozenset(
    "studi show research data evid prove proven expert work result peopl mani lot thing "
    "good great show shown say said find found suggest situat differ factor involv bit "
    "various stuff case depend job sell product compani okay guess excit help use way "
    "everi everyon make get go come seem feel".split()
)
# Asks with no ask keyword: a short question that proposes ("Deal?", "Worth a 90-day
# shot?", "Shall we?", "You in?", "Does Thursday work?").
_PROPOSAL_QUESTION = re.compile(
    r"^\W*(?:so\W+|then\W+|ok(?:ay)?\W+)?(?:deal|agreed|shall\s+we|should\s+we|are\s+you\s+in|you\s+in|"
    r"worth\s+(?:a|it|trying|testing|piloting)|fair|sounds?\s+(?:good|fair|right)|"
    r"(?:does|would|will)\s+(?:that|this|it|\w+day|tomorrow|next\s+week)\s+work|works\s+for\s+you|"
    r"ready\s+to|good\s+to\s+go|want\s+to\s+(?:try|start|go|do)|(?:do\s+you\s+)?want\s+me\s+to|"
    r"shall\s+i|should\s+i\s+(?:book|send|put|lock|go|draw|write|set)|how\s+does\s+(?:that|this)\s+sound|"
    r"can\s+we\s+(?:agree|shake|call\s+it)|do\s+we\s+have\s+a\s+deal|are\s+we\s+(?:agreed|good|on))\b",
)


# A reply is read as moves on its first _MAX_SENTENCES sentences (scoring stays fast
# whatever is pasted in; the rubric's evidence still covers the whole reply).
_MAX_SENTENCES = 100


def _sentence_rules(
    hits: Mapping[str, Sequence[tuple[int, int, str]]], s: int, e: int
) -> dict[str, tuple[int, int]]:
    """The rule hits that start inside ``[s, e)``: rule name -> first span."""
    out: dict[str, tuple[int, int]] = {}
    for name, spans in hits.items():
        for hs, he, _ in spans:
            if s <= hs < e:
                out.setdefault(name, (hs, he))
                break
    return out


# Asking for information without a question mark: "Help me understand why...",
# "Tell me what broke", "Walk me through the approvals".
_INFO_REQUEST = re.compile(
    r"^\W*(?:so\W+|then\W+|ok(?:ay)?\W+)?(?:please\s+)?(?:help\s+me\s+(?:understand|see)|"
    r"tell\s+me|walk\s+me\s+through|talk\s+me\s+through|explain|remind\s+me)\b"
)


def _is_question(sentence: str, low: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    first = low.split(None, 1)[0].strip("\"'(") if low.split() else ""
    if first in ("what", "how", "why", "where", "which", "who"):
        return True
    return _INFO_REQUEST.match(low) is not None


def _concrete_after(sentence: str) -> bool:
    """A connective followed by something concrete: a figure, a name, or a mechanism
    of at least four content words that are not themselves vague ("studies show it
    works" has none)."""
    m = _CONNECTIVE.search(sentence.lower())
    if m is None:
        return False
    tail = sentence[m.end() :]
    if _has_figure(tail):
        return True
    if re.search(r"(?<![.!?]\s)\b[A-Z][a-z]{2,}", tail[1:] if tail else ""):
        return True
    stems = content_stems(tail) - _VAGUE_STEMS
    return len(stems) >= 4


def _hyped(sentence: str, low: str) -> bool:
    """Hype words not governed by a negator ("we're not the best at X" is honest)."""
    m = _HYPE.search(low)
    if m is None:
        return False
    return any(not w.negated for w in scoped_words(sentence) if m.start() <= w.start < m.end())


def _has_figure(sentence: str) -> bool:
    kinds = figure_kinds(sentence)
    return bool(kinds) and kinds != {"date"}


def _sentence_moves(sentence: str, rules: dict[str, tuple[int, int]], ask: bool) -> list[str]:
    """The moves of one sentence (``ask`` decided by the caller's model)."""
    out: list[str] = []
    sentence = sentence[:READ_CHARS]  # a pasted wall of text is read on its start
    low = sentence.lower()  # the patterns are written in lowercase (faster than re.I)
    gives = "discount" in rules or bool(_GIVES.search(low))
    trade = gives and bool(_IN_RETURN.search(low))
    # "in exchange for" is also one of the price-holding phrases: in a trade it is the trade.
    refusals = _REFUSAL_RULES[1:] if trade else _REFUSAL_RULES
    refuses = any(r in rules for r in refusals) or _declines(low)
    if trade and not refuses:
        out.append("trade")
        ask = False  # the condition is part of the trade, not a separate ask
    elif gives and not refuses:
        out.append("concession")
    if refuses:
        out.append("refusal")
    proposes = sentence.rstrip().endswith("?") and bool(_PROPOSAL_QUESTION.search(low))
    if ask or proposes or any(r in rules for r in _ASK_RULES if r != "dated_next_step"):
        out.append("ask")
    elif _is_question(sentence, low):
        out.append("question")
    if _EMPATHY.search(low):
        out.append("empathy")
    commits = bool(set(out) & {"ask", "trade", "concession"})
    if not commits and (
        any(r in rules for r in _EVIDENCE_RULES if r != "specific_figure")
        or (_has_figure(sentence) and "specific_figure" in rules)
        or _concrete_after(sentence)
    ):
        out.append("evidence")
    if "customer_story" in rules and (_RESULT.search(low) or _has_figure(sentence)):
        out.append("story")
        if "evidence" not in out:
            out.append("evidence")
    if "refusal" not in out and (
        any(r in rules for r in _OVERCLAIM_RULES) or _hyped(sentence, low)
    ):
        out.append("overclaim")
    if not out and len(content_stems(sentence)) >= 2:
        out.append("claim")
    return out


def sentence_spans(text: str, sents: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences read as moves: not empty, not bare punctuation, the first
    ``_MAX_SENTENCES``."""
    return [(s, e) for s, e in sents if e > s and text[s:e].strip(" .,;:!?-")][:_MAX_SENTENCES]


def reply_sentences(text: str, sents: Sequence[tuple[int, int]]) -> list[str]:
    """The sentences of a reply that get embedded: those the ask model reads and
    those the belief model reads (one embedding each, shared)."""
    from simulator.scoring.belief_model import read_sentences

    asks = [text[s:e] for s, e in sentence_spans(text, sents) if could_ask(text[s:e])]
    return asks + read_sentences(text, sents)


def reply_vectors(text: str, sents: Sequence[tuple[int, int]]) -> SentenceVectors:
    """The embeddings of a reply's sentences, in one call (see ``reply_sentences``)."""
    return SentenceVectors(reply_sentences(text, sents))


def warm_replies(replies: Sequence[str]) -> None:
    """Embed the sentences of many replies in batches before they are scored one by
    one (``repcraft score`` reads its input in chunks and calls this per chunk)."""
    from simulator.scoring.reply import MAX_CHARS
    from simulator.scoring.text import normalise, sentences

    todo: list[str] = []
    for reply in replies:
        text = normalise(reply[:MAX_CHARS])
        todo += reply_sentences(text, sentences(text))
    warm(todo)


def read_moves(
    text: str,
    sents: Sequence[tuple[int, int]],
    hits: Mapping[str, Sequence[tuple[int, int, str]]],
    vectors: SentenceVectors | None = None,
) -> tuple[Move, ...]:
    """The moves of a reply: ``text`` (same length as the reply as typed), its sentence
    spans, and the rubric's rule hits (rule -> [(start, end, note suffix)]);
    ``vectors``: its sentences' embeddings, when the caller has them."""
    spans = sentence_spans(text, sents)
    if not spans:
        return ()
    asks = ask_decisions([text[s:e] for s, e in spans], vectors)
    out: list[Move] = []
    for (s, e), ask in zip(spans, asks, strict=True):
        sentence = text[s:e]
        for move in _sentence_moves(sentence, _sentence_rules(hits, s, e), ask):
            out.append(Move(move, sentence, s, e))
    return tuple(out)


def count_moves(moves: Sequence[Move]) -> dict[str, int]:
    """How many of each move (only the moves present)."""
    out: dict[str, int] = {}
    for m in moves:
        out[m.move] = out.get(m.move, 0) + 1
    return out


def moves_summary(turns: Sequence[Sequence[Move]]) -> str:
    """One plain line for a scorecard or a drill: how many turns asked, traded, refused,
    showed empathy or evidence, and overclaimed ("you asked for the business in 2 of 7
    turns; ...")."""
    n = len(turns)
    if n == 0:
        return ""

    def turns_with(*kinds: str) -> int:
        return sum(1 for t in turns if any(m.move in kinds for m in t))

    of = f"of {n} turn" + ("s" if n != 1 else "")
    parts = [f"you asked for the business in {turns_with('ask')} {of}"]
    for kinds, label in (
        (("trade",), "traded (gave only for something back) in {k}"),
        (("concession",), "gave something away for nothing in {k}"),
        (("refusal",), "said no or held your position in {k}"),
        (("evidence", "story"), "backed a point with evidence in {k}"),
        (("empathy",), "named the buyer's feeling in {k}"),
        (("overclaim",), "overclaimed in {k}"),
    ):
        k = turns_with(*kinds)
        if k:
            parts.append(label.format(k=k))
    return "; ".join(parts) + "."
