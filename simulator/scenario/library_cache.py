"""A small on-disk cache of what ``list_library`` learned about each scenario file.

Listing the library means parsing every file, and the YAML parse alone is most of
the app's start-up. A file whose size and modification time are unchanged, read
by the same loader code, lists the same way, so its entry (title, skills,
diagnostics...) is kept in the user cache directory. Anything odd about the
cache (missing, corrupt, unwritable) just means parsing again: it is never an
error and never touches the scenario files.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

import platformdirs

from simulator import __version__
from simulator.scenario.diagnostics import Diagnostic

CACHE_NAME = "library-cache.json"


def _code_stamp() -> str:
    """Changes whenever the scenario layer's code does, so stale entries are dropped."""
    here = Path(__file__).parent
    parts = [__version__]
    for py in sorted(here.glob("*.py")):
        try:
            st = py.stat()
        except OSError:
            continue
        parts.append(f"{py.name}:{st.st_mtime_ns}:{st.st_size}")
    return "|".join(parts)


class LibraryCache:
    """Entries keyed by resolved file path, valid while (size, mtime) and the code match."""

    def __init__(self, path: Path | None = None):
        self.path = path or Path(platformdirs.user_cache_dir("repcraft")) / CACHE_NAME
        self.stamp = _code_stamp()
        self.entries: dict[str, dict] = {}
        self.dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("stamp") == self.stamp:
                entries = data.get("entries")
                self.entries = entries if isinstance(entries, dict) else {}
        except (OSError, ValueError):
            pass

    @staticmethod
    def _key(path: Path) -> tuple[str, list[int]] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return str(path.resolve()), [st.st_size, st.st_mtime_ns]

    def get(self, path: Path) -> dict | None:
        """The cached fields for ``path`` (diagnostics rebuilt), or None."""
        key = self._key(path)
        if key is None:
            return None
        found = self.entries.get(key[0])
        if not isinstance(found, dict) or found.get("stat") != key[1]:
            return None
        fields = dict(found["fields"])
        fields["skills"] = tuple(fields.get("skills", ()))
        fields["tags"] = tuple(fields.get("tags", ()))
        fields["diagnostics"] = tuple(Diagnostic(**d) for d in fields.get("diagnostics", ()))
        return fields

    def put(self, path: Path, fields: dict) -> None:
        key = self._key(path)
        if key is None:
            return
        stored = dict(fields)
        stored["diagnostics"] = [d.to_dict() for d in fields.get("diagnostics", ())]
        stored["skills"] = list(fields.get("skills", ()))
        stored["tags"] = list(fields.get("tags", ()))
        self.entries[key[0]] = {"stat": key[1], "fields": stored}
        self.dirty = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is simply not kept."""
        if not self.dirty:
            return
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".library-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"stamp": self.stamp, "entries": self.entries}, f)
            os.replace(tmp, self.path)
            self.dirty = False
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
