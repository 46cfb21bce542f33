"""The practice log as headless play and drills use it: never a reason to stop practising.

A log that will not open (damaged, locked, read-only, a folder) or stops taking writes
mid-session (disk full) is reported once, plainly, on stderr; the rep's session goes on
with the log off. The file itself is left as it was: the store never writes to a log it
could not check (see simulator/practice/checks.py).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from simulator.commands.common import db_path_arg, err

if TYPE_CHECKING:
    from simulator.practice import NewSession, PracticeStore

T = TypeVar("T")

LOG_OFF = "the log is off: you can practise, but this session is not recorded"


class Recording:
    """Forwards sessions and turns to the practice log while it works; after the first
    failure, only says so. The write methods have the store's signatures."""

    def __init__(self, store: PracticeStore | None = None):
        self.store = store
        self.turns = 0

    @classmethod
    def open(cls, args: argparse.Namespace) -> Recording:
        """The log named by --db / REPCRAFT_DB / the default; off with --no-log or when it
        cannot be opened (said on stderr)."""
        if getattr(args, "no_log", False):
            return cls()
        from simulator.practice import PracticeLogError, open_store

        try:
            return cls(open_store(db_path_arg(args), rep=getattr(args, "rep", None)))
        except PracticeLogError as exc:
            err(str(exc))
            err(LOG_OFF)
            return cls()

    @property
    def on(self) -> bool:
        return self.store is not None

    def start_session(self, new: NewSession) -> int | None:
        """The new session's id, or None with the log off."""
        ok, sid = self._call(lambda store: store.start_session(new))
        return sid if ok else None

    def record_turn(self, sid: int | None, turn: Mapping[str, Any], **fields: Any) -> None:
        if sid is not None and self._call(lambda s: s.record_turn(sid, turn, **fields))[0]:
            self.turns += 1

    def finish_session(self, sid: int | None, report: Mapping[str, Any], **fields: Any) -> None:
        if sid is not None:
            self._call(lambda store: store.finish_session(sid, report, **fields))

    def _call(self, fn: Callable[[PracticeStore], T]) -> tuple[bool, T | None]:
        """(True, what ``fn`` returned), or (False, None) with the log off from now on."""
        if self.store is None:
            return False, None
        from simulator.practice import PracticeLogError

        try:
            return True, fn(self.store)
        except PracticeLogError as exc:
            err(str(exc))
            kept = f"the {self.turns} turn{'s' * (self.turns != 1)} before it were kept; "
            err(f"the log is off from here: {kept if self.turns else ''}you can go on practising")
            self.close()
            return False, None

    def close(self) -> None:
        store, self.store = self.store, None
        if store is not None:
            from simulator.practice import PracticeLogError

            with contextlib.suppress(PracticeLogError):
                store.close()
