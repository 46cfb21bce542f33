"""The one stemmer: Snowball (Porter 2) English, so "costs", "costing" and "cost" meet."""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one lower-cased word ("discounting" -> "discount")."""
    word = word.lower().replace("\u2019", "'")
    if word.endswith("n't"):  # "won't" stays a negator, not "won"
        return word
    if word.endswith("'s"):
        word = word[:-2]
    return str(_STEMMER.stemWord(word.replace("'", "")))
