"""The library listing cache: same answers as a fresh parse, never stale, never fatal."""

from __future__ import annotations

import os
import shutil
import textwrap

from simulator.scenario.library import list_library
from simulator.scenario.library_cache import LibraryCache

GOOD = textwrap.dedent(
    """\
    scenario: 1
    id: cached-deal
    title: First title
    skills: [courage]
    cast:
      cfo: {name: Dana}
    start: open
    steps:
      open:
        speaker: cfo
        line: Hello.
        choices:
          - text: Hi.
            next: won
      won:
        end: win
    """
)


def _entry(entries, ident):
    return next(e for e in entries if e.id == ident)


def test_cached_listing_equals_a_fresh_parse(tmp_path):
    (tmp_path / "deal.yaml").write_text(GOOD, encoding="utf-8")
    fresh = list_library([str(tmp_path)], cache=False)
    first = list_library([str(tmp_path)])
    second = list_library([str(tmp_path)])
    assert fresh == first == second
    assert LibraryCache().path.exists()


def test_an_edited_file_is_read_again(tmp_path):
    path = tmp_path / "deal.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert _entry(list_library([str(tmp_path)]), "cached-deal").title == "First title"
    path.write_text(GOOD.replace("First title", "A longer second title"), encoding="utf-8")
    assert _entry(list_library([str(tmp_path)]), "cached-deal").title == "A longer second title"
    # the same size and a new mtime still counts as a change
    path.write_text(GOOD.replace("First title", "Other title"), encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert _entry(list_library([str(tmp_path)]), "cached-deal").title == "Other title"


def test_diagnostics_survive_the_cache(tmp_path):
    (tmp_path / "bad.yaml").write_text("scenario: 1\nid: bad-one\n", encoding="utf-8")
    fresh = _entry(list_library([str(tmp_path)]), "bad-one")
    cached = _entry(list_library([str(tmp_path)]), "bad-one")
    assert fresh.diagnostics and cached.diagnostics == fresh.diagnostics


def test_a_corrupt_or_unwritable_cache_is_ignored(tmp_path):
    (tmp_path / "deal.yaml").write_text(GOOD, encoding="utf-8")
    cache_file = LibraryCache().path
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(b"\x00not json{")
    assert _entry(list_library([str(tmp_path)]), "cached-deal").title == "First title"
    shutil.rmtree(cache_file.parent)
    cache_file.parent.parent.mkdir(parents=True, exist_ok=True)
    cache_file.parent.write_text("a file where the folder should be", encoding="utf-8")
    assert _entry(list_library([str(tmp_path)]), "cached-deal").title == "First title"
