"""One embedding per sentence of a reply, shared by the ask model and the belief model.

Both read the same sentences (``text[s:e]`` of the reply's sentence spans, on their
first ``READ_CHARS`` characters), so a reply's sentences are embedded in one call
and each model takes its rows from the same matrix. ``repcraft score`` embeds a
whole chunk of input lines first (``warm``): one batched call costs about a fifth
of embedding its sentences one call at a time, and later calls hit the language
layer's cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

# A sentence is read on its first READ_CHARS characters (a pasted wall of text is not
# one long ask, and embedding stays cheap).
READ_CHARS = 600
_BATCH = 256


def clean(sentence: str) -> str:
    """The string that is embedded for a sentence: its start, with lone surrogates
    (which the tokenizer refuses) replaced."""
    return sentence[:READ_CHARS].encode("utf-8", "replace").decode("utf-8")


class SentenceVectors:
    """Unit-length embeddings of a set of sentences, looked up by sentence text."""

    def __init__(self, sentences: Iterable[str]) -> None:
        from simulator.language.similarity import ModelUnavailable, embed

        self._row: dict[str, int] = {}
        for s in sentences:
            self._row.setdefault(clean(s), len(self._row))
        self.matrix: Any = None
        if self._row:
            try:
                self.matrix = embed(list(self._row))
            except ModelUnavailable:
                self.matrix = None

    @property
    def available(self) -> bool:
        """False when the sentence model cannot load (the models fall back)."""
        return self.matrix is not None

    def rows(self, sentences: Sequence[str]) -> Any:
        """One row per sentence (each must have been given to the constructor), or
        None when the model is unavailable or ``sentences`` is empty."""
        if self.matrix is None or not sentences:
            return None
        return self.matrix[[self._row[clean(s)] for s in sentences]]


def warm(sentences: Sequence[str]) -> None:
    """Embed many sentences ahead of scoring them, in batches; later calls hit the cache."""
    from simulator.language.similarity import ModelUnavailable, embed

    # Shortest first: a batch is padded to its longest sentence, so sentences of like
    # length batched together cost about half (padding adds zeros: same vectors).
    todo = sorted(dict.fromkeys(clean(s) for s in sentences), key=len)
    for i in range(0, len(todo), _BATCH):
        try:
            embed(todo[i : i + _BATCH])
        except ModelUnavailable:
            return
