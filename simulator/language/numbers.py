"""Numbers in a reply: figures (digits, money, percentages, dates) and number words.

A figure is evidence a rep can be held to ("30%", "$40k", "1.8", "March 3"); a number
word ("three years", "a couple") is not a figure, so the two are told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_NUM = r"\d+(?:[.,]\d+)*"
_CURRENCIES = "dollars|euros|pounds|usd|eur|gbp"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date", re.compile(r"\b\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?\b", re.I)),
    ("date", re.compile(rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I)),
    ("date", re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.I)),
    ("money", re.compile(rf"[$€£¥]\s?{_NUM}(?:\s?(?:k|m|bn|million|billion|thousand))?\b", re.I)),
    ("money", re.compile(rf"\b{_NUM}\s?(?:k|m|bn)?\s?(?:{_CURRENCIES})\b", re.I)),
    ("percent", re.compile(rf"\b{_NUM}\s?(?:%|percent\b|per cent\b)", re.I)),
    ("figure", re.compile(rf"\b{_NUM}(?:x|k|m|bn)?\b", re.I)),
)
NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion dozen couple half""".split()
)
# The value of each number word that names one number ("a couple", "half" do not).
WORD_VALUES = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "hundred": "100"}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\b", re.I)


@dataclass(frozen=True)
class Number:
    """A number found in a text: ``kind`` is date, money, percent, figure or word."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def is_figure(self) -> bool:
        return self.kind != "word"


def find_numbers(text: str) -> list[Number]:
    """Every number in ``text``, most specific kind first, no two overlapping."""
    found: list[Number] = []
    taken = bytearray(len(text))  # 1 where a number already found sits: linear, not quadratic
    for kind, pattern in _PATTERNS + (("word", _NUMBER_WORD),):
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            found.append(Number(kind, m.group(), s, e))
    return sorted(found, key=lambda n: n.start)


_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTH_DAY = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b", re.I)


def _month(name: str) -> str:
    low = name.lower()
    return next(m for m in _MONTH_NAMES if m.startswith(low[:3]))


def canonical_dates(text: str) -> str:
    """``text`` with each day-and-month date written one way, "july 10", whether it was
    typed "July 10th", "10th of July", "10 jul" or "Jul. 10" (numeric dates such as
    7/10 are left alone: which is the month depends on the country)."""
    text = _MONTH_DAY.sub(lambda m: f"{_month(m.group(1))} {int(m.group(2))}", text)
    return _DAY_MONTH.sub(lambda m: f"{_month(m.group(2))} {int(m.group(1))}", text)
