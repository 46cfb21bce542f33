"""The practice log as the app uses it: opened on first use, and never fatal.

A log that cannot be opened or written (corrupt, locked, read-only) must not stop
a rep from practising: the app keeps going, says why nothing is being recorded,
and never touches the file again this run. No Textual here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from simulator.practice.recommend import ScenarioInfo
    from simulator.practice.records import NewSession
    from simulator.practice.store import PracticeStore as Log

T = TypeVar("T")


class PracticeStore:
    """Lazily opened :class:`~simulator.practice.PracticeLog`, or nothing with ``--no-log``."""

    def __init__(self, db_path: str | None, *, enabled: bool = True):
        self.db_path = db_path
        self.enabled = enabled
        self.error: str | None = None  # why the log is not in use, once known
        self._log: Log | None = None
        self._lock = threading.Lock()

    # -- the log ---------------------------------------------------------------------

    def log(self) -> Log | None:
        """The open log, or None (disabled, or it could not be opened: see :attr:`error`)."""
        if not self.enabled or self.error is not None:
            return None
        with self._lock:
            if self._log is None:
                from simulator.practice import PracticeLogError, open_store

                try:
                    self._log = open_store(self.db_path)
                except PracticeLogError as exc:
                    self._fail(exc)
        return self._log

    def _fail(self, exc: Exception) -> None:
        self.error = f"{exc} (practice is not being recorded)"

    def _guard(self, fn: Callable[[Log], T], default: T | None = None) -> T | None:
        log = self.log()
        if log is None:
            return default
        from simulator.practice import PracticeLogError

        try:
            return fn(log)
        except PracticeLogError as exc:
            self._fail(exc)
            return default

    @property
    def status(self) -> str:
        """One line for the screens: where practice goes, or why it does not."""
        if not self.enabled:
            return "not recording (--no-log)"
        if self.error:
            return self.error
        return "recording to the practice log"

    # -- writing ---------------------------------------------------------------------

    def start(self, new: NewSession) -> int | None:
        """A new session (abandoned until finished); its id, or None when not logging."""
        return self._guard(lambda log: log.start_session(new))

    def record(self, sid: int | None, turn: Mapping[str, Any], seconds: float | None) -> None:
        if sid is not None:
            self._guard(lambda log: log.record_turn(sid, turn, reply_seconds=seconds))

    def finish(self, sid: int | None, report: Mapping[str, Any]) -> None:
        if sid is not None:
            self._guard(lambda log: log.finish_session(sid, report))

    # -- reading ---------------------------------------------------------------------

    def stats(
        self, infos: Iterable[ScenarioInfo], today: date | None = None, focus: str | None = None
    ) -> dict | None:
        """``compute_stats`` over the log with the library's scenarios, or None;
        ``focus``: the skill the rep narrowed the library to (for the recommendation)."""
        from simulator.practice.stats import compute_stats

        infos = list(infos)
        return self._guard(
            lambda log: compute_stats(log, scenarios=infos, today=today, focus=focus)
        )

    def history(self, days: int = 84, today: date | None = None) -> list[dict]:
        """Sessions of the last ``days`` days, oldest first (turns included)."""
        since = ((today or date.today()) - timedelta(days=days - 1)).isoformat()
        return self._guard(lambda log: list(log.sessions(since_day=since)), default=[]) or []

    def close(self) -> None:
        with self._lock:
            if self._log is not None:
                try:
                    self._log.close()
                finally:
                    self._log = None
