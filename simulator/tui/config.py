"""What the app is started with: one plain dataclass, filled by the CLI or by a test."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.scoring.rubric import Rubric


@dataclass
class AppConfig:
    """Everything :func:`simulator.tui.app.make_app` needs; no Textual, no I/O."""

    extra_dirs: list[str] = field(default_factory=list)  # --scenarios / REPCRAFT_SCENARIOS
    include_bundled: bool = True  # tests turn the bundled library off for stable screens
    db_path: str | None = None  # --db / REPCRAFT_DB; None = the user data directory
    no_log: bool = False
    seed: int | None = None
    watch: bool = False  # reload the played file when it changes on disk
    watch_interval: float = 1.0
    authoring: bool = False  # a scenario file opened to work on: offer Reload (^r)
    play: Scenario | None = None  # a loaded Scenario to open straight away (repcraft play ID)
    rubric: Rubric | None = None  # the rubric for ``play``
    drill: bool = False  # open the drill straight away (repcraft drill)
    drill_count: int = 10
    drill_seconds: float | None = 30.0
    # For tests and screenshots: a fixed "today" for progress, and the sessions' clock.
    today: date | None = None
    clock: Callable[[], float] | None = None  # e.g. time.monotonic
    cursor_blink: bool = True  # False: a steady cursor, so screenshots do not depend on timing
