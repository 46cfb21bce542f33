"""The sentence model read straight from the wheel's files embeds exactly as
wordllama's own loader does (and that loader is still the fallback)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from simulator.language import similarity

TEXTS = [
    "Deal?",
    "Northgate cut their close from 11 days to 4.",
    "",
    "café Zoë, 日本語, \ufffd",
    "word " * 400,
    "What does it cost you today to close the books?",
]


def test_files_model_embeds_as_wordllama_does():
    import wordllama
    from wordllama import WordLlama

    files = similarity._load_files()
    assert files is not None
    ref = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    assert np.array_equal(files.embed(TEXTS), ref.embed(TEXTS))
    one_by_one = np.concatenate([files.embed([t]) for t in TEXTS])
    assert np.array_equal(one_by_one, ref.embed(TEXTS))


def test_wordllama_loader_is_the_fallback(monkeypatch):
    monkeypatch.setattr(similarity, "_model", None)
    monkeypatch.setattr(similarity, "_load_files", lambda: None)
    model = similarity._load()
    assert type(model).__name__ == "WordLlamaInference"
