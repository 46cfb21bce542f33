"""Text helpers for the scorers: sentences, content words, negation, phrase tokens.

Everything works on the original string and returns offsets into it, so that every
piece of evidence can point at the exact characters (``text[start:end]``). What a
word, a stem, a negator and a number word are comes from the language layer
(``simulator.language``), which routing reads with too; this module adds only what
scoring needs on top: sentence spans, same-length clean-up, the rubric's phrase
index, content words whose compounds and figures stay whole (see ``WORD``), and how
far back a negator reaches for a rubric phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from simulator.language.numbers import WORD_VALUES, find_numbers
from simulator.language.stemming import stem as language_stem
from simulator.language.words import WORD as LANGUAGE_WORD

# Curly quotes (and other apostrophe look-alikes) become straight ones; same length,
# so offsets stay valid.
_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
    }
)

_SENTENCE_END = re.compile(r"[.!?;\n]+(?=\s|$)|<br\s*/?>|\n")
# Content words for matching facts, false claims and the buyer's words by overlap:
# letters of any alphabet ("café", "Zoë"), so evidence never cuts a word short, with a
# hyphenated compound ("month-end") and a figure ("3,000", "1.8") each one unit: the
# overlap is a share of units, and splitting them would count "month" and "end" as
# two matches (a question naming "a day of month-end close" read as citing the fact
# "customers cut month-end close from 10 days to 4"). Phrases are matched on the
# language layer's words (``tokens``).
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['\-])*|\d[\d,.]*")

# Terminal escape sequences and other control characters: not words a rep said,
# so "\x1b[31m" must not read as the figure 31.
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI, e.g. colours
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, e.g. window titles
    r"|\x1b[@-_]?"
    r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)


def normalise(text: str) -> str:
    """Same-length normalisation: curly quotes straightened, control characters and
    escape sequences blanked to spaces (so evidence offsets still fit the reply)."""
    text = text.translate(_QUOTES)
    return _CONTROLS.sub(lambda m: " " * len(m.group()), text)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in ``text``, surrounding spaces trimmed."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        _add_span(text, pos, m.end(), spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding offset ``pos`` (binary search; spans are sorted)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return spans[mid]
    return (pos, pos)


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(lowercased content word, start, end) for each word in ``text[start:end]``."""
    return [
        (m.group().lower().strip("'-.,"), m.start(), m.end())
        for m in WORD.finditer(text, start, len(text) if end is None else end)
    ]


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=8192)
def figure_kinds(text: str) -> frozenset[str]:
    """The kinds of figure in ``text`` (date, money, percent, figure; number words are
    not figures). Every figure holds a digit, so a text without one is not searched;
    cached, as a sentence is asked several times (for evidence, a story, belief)."""
    if _DIGIT.search(text) is None:
        return frozenset()
    return frozenset(n.kind for n in find_numbers(text) if n.is_figure)


def stem(word: str) -> str:
    """The language layer's one stemmer (Snowball), so scoring and routing agree."""
    return language_stem(word)


def content_stems(
    text: str, stopwords: frozenset[str], synonyms: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """Content-word stems of ``text`` (synonyms mapped to one head) -> first span."""
    out: dict[str, tuple[int, int]] = {}
    for w, s, e in words(text):
        if w in stopwords or (len(w) < 2 and not w.isdigit()):
            continue
        st = WORD_VALUES.get(w) or stem(w)
        st = synonyms.get(st, st)
        out.setdefault(st, (s, e))
    return out


# Tokens for phrase matching: the language layer's words and single punctuation marks.
_TOKEN = re.compile(rf"{LANGUAGE_WORD.pattern}|[^\w\s]")


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for every word and punctuation mark in ``text``.

    A hyphen inside a word ("follow-up", "best-in-class") is dropped, so a phrase
    matches with or without it ("best in class").
    """
    out = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    if "-" not in text:
        return out
    return [
        t
        for i, t in enumerate(out)
        if not (
            t[0] == "-" and 0 < i < len(out) - 1 and out[i - 1][2] == t[1] and out[i + 1][1] == t[2]
        )
    ]


# Contractions typed without the apostrophe ("dont", "youre") match the phrases
# written with it. Words that are also ordinary words ("well", "were", "its", "lets",
# "id", "hell", "shed") are left alone.
CONTRACTIONS = {
    w.replace("'", ""): w
    for w in (
        "don't doesn't didn't won't can't isn't aren't wasn't weren't wouldn't couldn't "
        "shouldn't haven't hasn't hadn't mustn't ain't i'm i've i'll i'd you're you've "
        "you'll you'd we're we've we'll they're they've they'll that's what's there's "
        "here's who's how's where's let's it'll that'll"
    ).split()
    if w.replace("'", "") not in ("well", "were", "lets", "id", "hell", "shed", "wed", "its")
}


def lookup_form(token: str) -> str:
    """The form a token is looked up under in a phrase index (lowercase, contractions
    spelled with their apostrophe)."""
    low = token.lower()
    return CONTRACTIONS.get(low, low)


class PhraseIndex:
    """Whole-phrase lookup over tokens (a trie): linear in the text, whatever the
    number of phrases. A phrase matches a run of tokens equal to its own, ignoring
    case (unless its entry is case-sensitive) and the spaces between them.
    """

    _END = ""  # key under which a trie node keeps the labels of phrases ending there

    def __init__(self) -> None:
        self._root: dict = {}

    def add(self, phrase: str, label: str, case_sensitive: bool = False) -> None:
        toks = tuple(t for t, _, _ in tokens(phrase))
        if not toks:
            return
        node = self._root
        for t in toks:
            node = node.setdefault(lookup_form(t), {})
        ends = node.setdefault(self._END, [])
        entry = (label, toks if case_sensitive else None)
        if entry not in ends:
            ends.append(entry)

    def __bool__(self) -> bool:
        return bool(self._root)

    def find(
        self, toks: list[tuple[str, int, int]], lowered: list[str]
    ) -> Iterator[tuple[str, int, int]]:
        """Yield (label, start, end) for each phrase occurrence, longest first per start."""
        n, root, end_key = len(toks), self._root, self._END
        for i in range(n):
            node = root.get(lowered[i])
            if node is None:
                continue
            found = []
            j = i
            while True:
                ends = node.get(end_key)
                if ends:
                    found.append((j, ends))
                j += 1
                if j >= n:
                    break
                node = node.get(lowered[j])
                if node is None:
                    break
            for j, ends in reversed(found):
                for label, exact in ends:
                    if exact is not None and tuple(t for t, _, _ in toks[i : j + 1]) != exact:
                        continue
                    yield label, toks[i][1], toks[j][2]
