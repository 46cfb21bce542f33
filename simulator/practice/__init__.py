"""The practice log: every session and turn saved as it happens, and statistics over them.

The only layer that imports sqlite3. Public API, used by ``play --script``, the TUI and
the ``stats`` / ``export`` commands (nothing outside this package sees a connection):

- ``open_store(path_or_url, rep=)`` -> a ``PracticeStore`` (store.py; ``PracticeLog`` is
  the SQLite one): ``start_session(NewSession(...))`` / ``record_turn`` / ``touch`` /
  ``finish_session`` / ``sessions`` / ``import_sessions`` / ``close``; ``PracticeLogError``;
  ``default_db_path()``
- ``compute_stats(log, since=, today=, scenarios=[ScenarioInfo...])`` -> the
  ``repcraft stats --json`` dict; ``recommend(...)`` the next scenario, pure.
"""

from simulator.practice.errors import PracticeLogError
from simulator.practice.log import PracticeLog, default_db_path
from simulator.practice.recommend import ScenarioInfo, recommend
from simulator.practice.records import NewSession
from simulator.practice.schema import SCHEMA_VERSION
from simulator.practice.stats import compute_stats
from simulator.practice.store import PracticeStore, current_rep, open_store

__all__ = [
    "SCHEMA_VERSION",
    "PracticeLog",
    "NewSession",
    "PracticeLogError",
    "PracticeStore",
    "ScenarioInfo",
    "compute_stats",
    "current_rep",
    "default_db_path",
    "open_store",
    "recommend",
]
