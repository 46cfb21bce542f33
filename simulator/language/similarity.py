"""Sentence similarity from a small static embedding model shipped inside a wheel.

The model is wordllama's ``l2_supercat_256`` (MIT): token embeddings distilled from
a large model, averaged over a sentence. Its weights (16 MB) are inside the
``wordllama`` wheel, so nothing is downloaded: it is loaded from the package
directory with downloads disabled. It loads in about 0.2-0.4 s, so it is loaded on
first use (or by ``warm_up()`` in a background worker), never at start-up; one
reply costs well under a millisecond once loaded. This is the only module that
imports the model library.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.language.words import content_words

MODEL_NAME = "wordllama l2_supercat_256"

# How near in meaning = this much whole-sentence cosine + the rest word coverage.
# Calibrated with the routing threshold on ../shared/eval/routing-dev.jsonl
# (benchmarks/bench_routing.py); coverage lifts a short phrase said inside a long reply.
SENTENCE_WEIGHT = 0.7

_lock = threading.Lock()
_model: Any = None
_cache: OrderedDict[str, Any] = OrderedDict()
_CACHE_SIZE = 8192


class ModelUnavailable(RuntimeError):
    """The embedding model could not be loaded (a broken install)."""


def _load() -> Any:
    global _model
    with _lock:
        if _model is None:
            try:
                _model = _load_files()
            except Exception:  # another wordllama layout: load it the library's way
                _model = None
            try:
                if _model is None:
                    wordllama, WordLlama = _import_quietly()

                    folder = Path(wordllama.__file__).parent
                    _model = WordLlama.load(cache_dir=folder, disable_download=True)
            except Exception as exc:  # any failure means: no model, say so
                raise ModelUnavailable(f"the sentence model could not be loaded: {exc}") from exc
        return _model


class _StaticModel:
    """The wordllama model read straight from its files in the wheel, embedding as
    ``WordLlamaInference.embed`` does (tokens, their vectors, the mean over real
    tokens): importing the ``wordllama`` package itself costs about 0.15 s of
    start-up (it imports an HTTP client and a settings library to download models),
    which ``repcraft score`` pays on every run."""

    def __init__(self, embedding: Any, tokenizer: Any) -> None:
        import numpy as np

        self.embedding = np.ascontiguousarray(embedding.astype(np.float32))
        tokenizer.enable_padding()
        tokenizer.no_truncation()
        self.tokenizer = tokenizer

    def embed(self, texts: list[str], batch_size: int = 64) -> Any:
        import numpy as np

        out = np.empty((len(texts), self.embedding.shape[1]), dtype=np.float32)
        for i in range(0, len(texts), batch_size):
            encoded = self.tokenizer.encode_batch(
                texts[i : i + batch_size], is_pretokenized=False, add_special_tokens=False
            )
            ids = np.array([e.ids for e in encoded], dtype=np.int32)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.float32)
            np.clip(ids, 0, self.embedding.shape[0] - 1, out=ids)
            tokens = self.embedding[ids]
            count = np.maximum(mask.sum(axis=1, keepdims=True), 1.0).astype(np.float32)
            out[i : i + batch_size] = (
                np.sum(tokens * mask[..., np.newaxis], axis=1, dtype=np.float32) / count
            )
        return out


def _load_files() -> _StaticModel | None:
    """The model from the wheel's files without importing ``wordllama`` (None when
    the files are not where this wordllama version keeps them)."""
    import importlib.util

    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    weights = folder / "weights" / "l2_supercat_256.safetensors"
    tokenizer_file = folder / "tokenizers" / "l2_supercat_tokenizer_config.json"
    if not (weights.is_file() and tokenizer_file.is_file()):
        return None
    from safetensors import safe_open
    from tokenizers import Tokenizer

    with safe_open(str(weights), framework="np", device="cpu") as f:
        embedding = f.get_tensor("embedding.weight")
    return _StaticModel(embedding, Tokenizer.from_file(str(tokenizer_file)))


def _import_quietly() -> tuple[Any, Any]:
    """Import wordllama without its side effect: it calls logging.basicConfig(INFO) on
    import, which would print every library's INFO messages to the rep's terminal."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import wordllama
    from wordllama import WordLlama

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    return wordllama, WordLlama


def warm_up() -> bool:
    """Load the model now (for a background worker); False when it cannot load."""
    try:
        _load()
    except ModelUnavailable:
        return False
    return True


def embed(texts: Sequence[str]) -> Any:
    """Unit-length embeddings, one row per text (numpy array), cached per text."""
    import numpy as np

    found = {t: _cache[t] for t in dict.fromkeys(texts) if t in _cache}
    missing = [t for t in dict.fromkeys(texts) if t not in found]
    if missing:
        # The tokenizer refuses lone surrogates (pasted from a broken source): replace them.
        vectors = _load().embed([t.encode("utf-8", "replace").decode("utf-8") for t in missing])
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        found.update(zip(missing, vectors, strict=True))
        with _lock:
            for text in missing:
                _cache[text] = found[text]
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return np.stack([found[t] for t in texts])


def similarities(text: str, others: Sequence[str]) -> list[float]:
    """Cosine similarity of ``text`` to each of ``others`` (-1..1; 0 for empty text)."""
    if not others:
        return []
    if not text.strip():
        return [0.0] * len(others)
    matrix = embed([text, *others])
    return [float(x) for x in matrix[1:] @ matrix[0]]


def coverage(text: str, others: Sequence[str]) -> list[float]:
    """How much of each of ``others`` ``text`` says, word by word (-1..1): for every
    meaningful word of the other text, its nearest word in ``text``, averaged.

    A sentence embedding averages every word, so "can I show you what turned up?"
    inside a long reply is diluted; coverage asks whether each word of a short phrase
    has a counterpart in the reply ("told us breakdowns were rare" covers "thought
    breakdowns were rare").
    """
    if not others:
        return []
    mine = content_words(text)
    if not mine:
        return [0.0] * len(others)
    theirs = [content_words(o) for o in others]
    vocab = list(dict.fromkeys([*mine, *(w for ws in theirs for w in ws)]))
    rows = dict(zip(vocab, embed(vocab), strict=True))
    import numpy as np

    reply = np.stack([rows[w] for w in mine])
    out = []
    for words in theirs:
        if not words:
            out.append(0.0)
            continue
        other = np.stack([rows[w] for w in words])
        out.append(float((other @ reply.T).max(axis=1).mean()))
    return out


def nearness(text: str, others: Sequence[str]) -> list[float]:
    """How near ``text`` is in meaning to each of ``others``: sentence cosine blended
    with word coverage (``SENTENCE_WEIGHT``). Routing and scoring both use this."""
    if not others:
        return []
    whole = similarities(text, others)
    words = coverage(text, others)
    w = SENTENCE_WEIGHT
    return [w * a + (1 - w) * b for a, b in zip(whole, words, strict=True)]
