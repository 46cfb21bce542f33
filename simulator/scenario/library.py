"""Finding scenarios: the bundled library, the user's folder and extra folders.

An ``ID_OR_PATH`` that is an existing file is that file; otherwise it is an id,
looked up in user folders first (``--scenarios``, ``REPCRAFT_SCENARIOS``, then the
``scenarios`` folder in the user data directory), then the bundled library. A
user scenario with a bundled id shadows it. Nothing is cached between calls.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from simulator.scenario.diagnostics import Diagnostic
from simulator.scenario.files import find_scenario_files
from simulator.scenario.library_cache import LibraryCache

BUNDLED_PACKAGE = "simulator.bundled_scenarios"
_ID_LINE = re.compile(r"^id:[ \t]*([a-z0-9][a-z0-9-]*)[ \t]*(?:#.*)?$", re.MULTILINE)


class ScenarioNotFound(LookupError):
    """No file and no scenario id matches; ``close`` holds ids that look alike."""

    def __init__(self, wanted: str, close: list[str], searched: list[Path]):
        self.wanted = wanted
        self.close = close
        self.searched = searched
        message = f"no scenario file or id '{wanted}'"
        if close:
            message += f"; did you mean {', '.join(repr(c) for c in close)}?"
        else:
            message += " (run 'repcraft list' to see the scenarios)"
        super().__init__(message)

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class LibraryEntry:
    """One scenario file as ``repcraft list`` shows it; ``id`` falls back to the file stem."""

    id: str
    title: str
    path: Path
    source: str  # "bundled" or "user"
    difficulty: int | None = None
    skills: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    shadows: Path | None = None  # the bundled file this user scenario hides
    shadowed_by: Path | None = field(default=None)

    @property
    def valid(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def playable(self) -> bool:
        """Valid, and what its id plays (not hidden by a user file with the same id)."""
        return self.valid and self.shadowed_by is None


def bundled_dir() -> Path:
    """The bundled scenarios: the installed package, or ``scenarios/`` in a checkout."""
    # find_spec works for regular and namespace packages alike (the folder of YAML
    # files may ship without an __init__.py), installed or editable.
    try:
        spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return Path(__file__).resolve().parents[2] / "scenarios"


def user_dir() -> Path:
    """``<user data dir>/repcraft/scenarios``: always searched, may not exist."""
    return Path(platformdirs.user_data_dir("repcraft")) / "scenarios"


def search_dirs(extra: list[str] | None = None) -> list[Path]:
    """Folders in lookup order: extra folders, the user folder, then the bundled library."""
    dirs = [Path(d) for d in (extra or [])] + [user_dir(), bundled_dir()]
    out: list[Path] = []
    for d in dirs:
        if d not in out:
            out.append(d)
    return out


def _peek_id(path: Path) -> str | None:
    """The top-level ``id`` of a file, without a full check (cheap id lookup).

    For a file YAML cannot read, a plain ``id: ...`` line still names it.
    """
    from simulator.scenario.yaml_nodes import MAPPING, SCALAR, decode, parse

    try:
        data = path.read_bytes()
    except OSError:
        return None
    text, problem = decode(data, str(path))
    if problem is not None or text is None:
        return None
    root, problem = parse(text, str(path))
    if problem is not None:
        m = _ID_LINE.search(text)
        return m.group(1) if m else None
    if root is None or root.kind != MAPPING:
        return None
    for key, value in root.value:
        if key.value == "id" and value.kind == SCALAR:
            return value.value
    return None


def _files(folder: Path) -> list[Path]:
    return find_scenario_files(folder) if folder.is_dir() else []


def resolve(id_or_path: str | os.PathLike, extra: list[str] | None = None) -> Path:
    """The scenario file for an existing path or an id (user folders first, then bundled)."""
    as_path = Path(id_or_path)
    if as_path.is_file():
        return as_path
    wanted = str(id_or_path)
    dirs = search_dirs(extra)
    seen_ids: list[str] = []
    for folder in dirs:
        files = _files(folder)
        # A file named after the id is the likely one: look at it first.
        files.sort(key=lambda p: p.stem != wanted)
        for path in files:
            ident = _peek_id(path)
            if ident == wanted:
                return path
            if ident:
                seen_ids.append(ident)
    close = difflib.get_close_matches(wanted, seen_ids, n=3, cutoff=0.5)
    raise ScenarioNotFound(wanted, close, dirs)


def list_library(extra: list[str] | None = None, *, cache: bool = True) -> list[LibraryEntry]:
    """Every scenario in the user and bundled folders, invalid ones with their diagnostics.

    With ``cache``, files unchanged since a previous listing are not parsed again
    (see library_cache.py); the result is the same either way.
    """
    store = LibraryCache() if cache else None
    bundled = bundled_dir()
    user_folders = [d for d in search_dirs(extra) if d != bundled]
    entries: list[LibraryEntry] = []
    seen_files: set[Path] = set()
    for folder, source in [(d, "user") for d in user_folders] + [(bundled, "bundled")]:
        for path in _files(folder):
            key = path.resolve()
            if key in seen_files:
                continue
            seen_files.add(key)
            entries.append(_entry(path, source, store))
    if store is not None:
        store.save()
    bundled_by_id = {e.id: e.path for e in entries if e.source == "bundled"}
    user_ids = {e.id: e.path for e in reversed(entries) if e.source == "user"}
    out = []
    for e in entries:
        if e.source == "user" and e.id in bundled_by_id:
            e = _replace(e, shadows=bundled_by_id[e.id])
        elif e.source == "bundled" and e.id in user_ids:
            e = _replace(e, shadowed_by=user_ids[e.id])
        out.append(e)
    return out


def _replace(entry: LibraryEntry, **changes: Any) -> LibraryEntry:
    from dataclasses import replace

    return replace(entry, **changes)


def _entry(path: Path, source: str, store: LibraryCache | None = None) -> LibraryEntry:
    fields = store.get(path) if store is not None else None
    if fields is None:
        fields = _read_entry(path)
        # Whether a scenario is valid also depends on its rubric file being there,
        # which the cache (keyed on the scenario file alone) cannot see.
        if store is not None and not _names_a_rubric(path):
            store.put(path, fields)
    return LibraryEntry(path=path, source=source, **fields)


_RUBRIC_LINE = re.compile(rb"^rubric:", re.MULTILINE)


def _names_a_rubric(path: Path) -> bool:
    try:
        return _RUBRIC_LINE.search(path.read_bytes()) is not None
    except OSError:
        return True


def _read_entry(path: Path) -> dict:
    """What the library shows about one file, from a full check."""
    from simulator.scenario.loader import check_file

    scenario, diagnostics = check_file(path)
    if scenario is not None:
        return {
            "id": scenario.id,
            "title": scenario.title,
            "difficulty": scenario.difficulty,
            "skills": scenario.skills,
            "tags": scenario.tags,
            "summary": scenario.summary,
            "diagnostics": tuple(diagnostics),
        }
    return {"id": _peek_id(path) or path.stem, "title": "", "diagnostics": tuple(diagnostics)}
