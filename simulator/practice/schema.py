"""The practice log's schema: every version ever shipped, and how to go from each to the next.

``PRAGMA user_version`` holds the schema version. A release only ever adds a migration
from version N to N+1; it never edits an older DDL, so a database written by any earlier
release opens without loss. A database newer than ``SCHEMA_VERSION`` is refused.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4

# Version 1, as first shipped. Kept verbatim: it is what old databases on disk look like,
# and the migration test builds a version-1 file from it.
SCHEMA_V1 = """
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    scenario_id   TEXT    NOT NULL,
    title         TEXT    NOT NULL DEFAULT '',
    content_hash  TEXT    NOT NULL DEFAULT '',
    difficulty    INTEGER,
    skills        TEXT    NOT NULL DEFAULT '[]',
    seed          INTEGER,
    started_at    REAL    NOT NULL,
    last_at       REAL    NOT NULL,
    ended_at      REAL,
    seconds       REAL    NOT NULL DEFAULT 0,
    status        TEXT    NOT NULL DEFAULT 'abandoned'
                  CHECK (status IN ('finished', 'abandoned')),
    ending        TEXT,
    courage       INTEGER,
    authenticity  INTEGER,
    belief        INTEGER,
    closing       TEXT,
    meters        TEXT,
    vars          TEXT
);
CREATE TABLE turns (
    id             INTEGER PRIMARY KEY,
    session_id     INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    at             REAL    NOT NULL,
    reply_seconds  REAL,
    step           TEXT,
    speaker        TEXT,
    line           TEXT,
    interjections  TEXT,
    reply          TEXT,
    kind           TEXT,
    route          TEXT,
    next_step      TEXT,
    scores         TEXT,
    evidence       TEXT,
    extra          TEXT,
    UNIQUE (session_id, idx)
);
PRAGMA user_version = 1;
"""

# Version 2 adds, on sessions:
# - mode: 'play' or 'drill', so drills and full conversations can be told apart;
# - rubric: the scoring rubric version that produced the scores (scores from different
#   rubrics are not strictly comparable, the progress view can say so);
# - day: the local calendar day the session started (YYYY-MM-DD);
# - turn_count: kept by record_turn, so nothing needs to count the turns table;
# and daily_totals, one row per (day, scenario) kept up to date by triggers, so the
# statistics read a few thousand summary rows instead of every session: their cost
# stays flat as the log grows. Sessions are never deleted and a session's day and
# scenario never change, which is what lets the triggers only ever add.
_V1_TO_V2 = """
ALTER TABLE sessions ADD COLUMN mode TEXT NOT NULL DEFAULT 'play';
ALTER TABLE sessions ADD COLUMN rubric TEXT;
ALTER TABLE sessions ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN turn_count INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET day = date(started_at, 'unixepoch', 'localtime');
UPDATE sessions SET turn_count = (SELECT count(*) FROM turns WHERE turns.session_id = sessions.id);
CREATE INDEX sessions_by_day ON sessions (day);
CREATE INDEX sessions_by_start ON sessions (started_at);
CREATE INDEX sessions_finished ON sessions (status, started_at);
CREATE TABLE daily_totals (
    day                TEXT    NOT NULL,
    scenario_id        TEXT    NOT NULL,
    sessions           INTEGER NOT NULL DEFAULT 0,
    finished           INTEGER NOT NULL DEFAULT 0,
    seconds            REAL    NOT NULL DEFAULT 0,
    practised          INTEGER NOT NULL DEFAULT 0,
    best_courage       INTEGER,
    best_authenticity  INTEGER,
    best_belief        INTEGER,
    last_id            INTEGER,
    PRIMARY KEY (day, scenario_id)
) WITHOUT ROWID;
INSERT INTO daily_totals
    SELECT day, scenario_id, count(*), sum(status = 'finished'), total(seconds),
           max(status = 'finished' OR turn_count > 0),
           max(courage), max(authenticity), max(belief), max(id)
    FROM sessions GROUP BY day, scenario_id;
CREATE TRIGGER daily_totals_on_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO daily_totals (day, scenario_id, sessions, finished, seconds, practised,
                              best_courage, best_authenticity, best_belief, last_id)
    VALUES (NEW.day, NEW.scenario_id, 1, NEW.status = 'finished', NEW.seconds,
            NEW.status = 'finished' OR NEW.turn_count > 0,
            NEW.courage, NEW.authenticity, NEW.belief, NEW.id)
    ON CONFLICT (day, scenario_id) DO UPDATE SET
        sessions = sessions + 1,
        finished = finished + excluded.finished,
        seconds = seconds + excluded.seconds,
        practised = max(practised, excluded.practised),
        best_courage = max(coalesce(best_courage, excluded.best_courage),
                           coalesce(excluded.best_courage, best_courage)),
        best_authenticity = max(coalesce(best_authenticity, excluded.best_authenticity),
                                coalesce(excluded.best_authenticity, best_authenticity)),
        best_belief = max(coalesce(best_belief, excluded.best_belief),
                          coalesce(excluded.best_belief, best_belief)),
        last_id = max(last_id, excluded.last_id);
END;
CREATE TRIGGER daily_totals_on_update
AFTER UPDATE OF seconds, status, turn_count, courage, authenticity, belief ON sessions BEGIN
    UPDATE daily_totals SET
        finished = finished + (NEW.status = 'finished') - (OLD.status = 'finished'),
        seconds = seconds + NEW.seconds - OLD.seconds,
        practised = max(practised, NEW.status = 'finished' OR NEW.turn_count > 0),
        best_courage = max(coalesce(best_courage, NEW.courage),
                           coalesce(NEW.courage, best_courage)),
        best_authenticity = max(coalesce(best_authenticity, NEW.authenticity),
                                coalesce(NEW.authenticity, best_authenticity)),
        best_belief = max(coalesce(best_belief, NEW.belief), coalesce(NEW.belief, best_belief))
    WHERE day = NEW.day AND scenario_id = NEW.scenario_id;
END;
PRAGMA user_version = 2;
"""

# Version 3 adds the rep on sessions: who practised, for a log a team shares. A turn's
# rep is its session's (a turn never changes session), so turns stay as they were.
# Sessions logged before version 3 were all one person's: they get the OS user of
# whoever upgrades the file (filled in by upgrade(), SQL cannot know it).
_V2_TO_V3 = """
ALTER TABLE sessions ADD COLUMN rep TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_by_rep ON sessions (rep, started_at);
PRAGMA user_version = 3;
"""

# Version 4 adds team_viewers: the OS users the log's owner granted the team view to
# (viewers.py). A name, who granted it and when; nothing else refers to it.
_V3_TO_V4 = """
CREATE TABLE team_viewers (
    name        TEXT PRIMARY KEY,
    granted_by  TEXT NOT NULL,
    granted_at  REAL NOT NULL
);
PRAGMA user_version = 4;
"""

# MIGRATIONS[n] takes a database from version n to n + 1.
MIGRATIONS: dict[int, str] = {1: _V1_TO_V2, 2: _V2_TO_V3, 3: _V3_TO_V4}


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def create_at(conn: sqlite3.Connection, version: int) -> None:
    """Create, in an empty database, the schema exactly as release ``version`` shipped it
    (used to know what a log of that version must contain, and by recovery)."""
    _run(conn, SCHEMA_V1)
    for v in range(1, version):
        _run(conn, MIGRATIONS[v])


def upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring a database at ``version`` (0 = empty) to SCHEMA_VERSION.

    Runs inside the caller's transaction: ``executescript`` would commit on its own,
    so each statement is executed one by one and a failure rolls everything back.
    """
    if version == 0:
        _run(conn, SCHEMA_V1)
        version = 1
    while version < SCHEMA_VERSION:
        _run(conn, MIGRATIONS[version])
        version += 1
        if version == 3:
            from simulator.practice.store import current_rep

            conn.execute("UPDATE sessions SET rep = ? WHERE rep = ''", (current_rep(),))


def _run(conn: sqlite3.Connection, script: str) -> None:
    for statement in _statements(script):
        conn.execute(statement)


def _statements(script: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
