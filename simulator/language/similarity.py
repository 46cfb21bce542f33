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

MODEL_NAME = "wordllama l2_supercat_256"

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
                wordllama, WordLlama = _import_quietly()

                folder = Path(wordllama.__file__).parent
                _model = WordLlama.load(cache_dir=folder, disable_download=True)
            except Exception as exc:  # any failure means: no model, say so
                raise ModelUnavailable(f"the sentence model could not be loaded: {exc}") from exc
        return _model


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


def is_loaded() -> bool:
    return _model is not None


def embed(texts: Sequence[str]) -> Any:
    """Unit-length embeddings, one row per text (numpy array), cached per text."""
    import numpy as np

    missing = [t for t in dict.fromkeys(texts) if t not in _cache]
    if missing:
        vectors = _load().embed(list(missing))
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.maximum(norms, 1e-9)
        with _lock:
            for text, vec in zip(missing, vectors, strict=True):
                _cache[text] = vec
                if len(_cache) > _CACHE_SIZE:
                    _cache.popitem(last=False)
    return np.stack([_cache[t] if t in _cache else embed([t])[0] for t in texts])


def similarities(text: str, others: Sequence[str]) -> list[float]:
    """Cosine similarity of ``text`` to each of ``others`` (-1..1; 0 for empty text)."""
    if not others:
        return []
    if not text.strip():
        return [0.0] * len(others)
    matrix = embed([text, *others])
    return [float(x) for x in matrix[1:] @ matrix[0]]
