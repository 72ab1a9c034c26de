"""The progress database's schema, as an ordered list of migrations.

`PRAGMA user_version` holds the number of the last migration applied. Each migration runs in
its own transaction together with the version bump, so a crash mid-migration leaves the file
at the previous version, never half-way. Never edit a migration that has shipped: add a new one.

Times are ISO-8601 UTC text (`2025-03-01T09:30:00.000+00:00`): they sort as text, so `due <= ?`
works in SQL, and they read well in a dump. JSON columns hold plain JSON text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

# --- v1: the first schema ------------------------------------------------------------------

V1 = (
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        mode        TEXT NOT NULL DEFAULT 'all',
        selection   TEXT NOT NULL DEFAULT '{}'
    )
    """,
    """
    CREATE TABLE attempts (
        id           INTEGER PRIMARY KEY,
        question_uid TEXT NOT NULL,
        card_id      TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        answer       TEXT NOT NULL,
        score        REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        correct      INTEGER NOT NULL,
        confidence   TEXT CHECK (confidence IN ('sure', 'unsure', 'guess')),
        answered_at  TEXT NOT NULL,
        elapsed_ms   INTEGER,
        session_id   INTEGER REFERENCES sessions(id) ON DELETE SET NULL
    )
    """,
    "CREATE INDEX attempts_by_question ON attempts(question_uid, answered_at)",
    """
    CREATE TABLE card_views (
        id        INTEGER PRIMARY KEY,
        card_id   TEXT NOT NULL,
        viewed_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE bookmarks (
        card_id    TEXT PRIMARY KEY,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE notes (
        card_id    TEXT PRIMARY KEY,
        body       TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE schedule (
        question_uid TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        card         TEXT NOT NULL,
        due          TEXT NOT NULL,
        state        INTEGER NOT NULL,
        last_review  TEXT
    )
    """,
    """
    CREATE TABLE reference_opens (
        id           INTEGER PRIMARY KEY,
        reference_id TEXT NOT NULL,
        opened_at    TEXT NOT NULL
    )
    """,
)


# --- v2: generated questions, suspension, settings -------------------------------------------

V2 = (
    # Whether an attempt was at a generated (evidence/certainty) question. Backfilled from the
    # uid shape the generator uses, `card/claim-<id>-evidence|certainty`.
    "ALTER TABLE attempts ADD COLUMN generated INTEGER NOT NULL DEFAULT 0",
    """
    UPDATE attempts SET generated = 1
    WHERE question_uid LIKE '%/claim-%-evidence' OR question_uid LIKE '%/claim-%-certainty'
    """,
    # A suspended question is left out of the due queue (never allowed for safety cards).
    "ALTER TABLE schedule ADD COLUMN suspended INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX schedule_by_due ON schedule(due)",
    "CREATE INDEX attempts_by_time ON attempts(answered_at)",
    # Small key/value settings such as `welcome_dismissed`; values are JSON text.
    """
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
)


# --- v3: flagged questions and the paused (resumable) quiz -------------------------------------

V3 = (
    # "Come back to this": a flag on a question, set from either quiz mode; kept until removed.
    """
    CREATE TABLE flags (
        question_uid TEXT PRIMARY KEY,
        created_at   TEXT NOT NULL
    )
    """,
    # The quiz in progress, one at a time (slot 1): its request, items in the order shown, the
    # position and every response given, as JSON (see quiz/saved.py). Written after every answer
    # and every move, so a killed process resumes at the question it was on.
    """
    CREATE TABLE saved_quiz (
        slot       INTEGER PRIMARY KEY CHECK (slot = 1),
        state      TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
)


def _script(statements: tuple[str, ...]) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return run


#: (version, migration) in order. `version` is what `user_version` becomes once it has run.
MIGRATIONS: tuple[tuple[int, Callable[[sqlite3.Connection], None]], ...] = (
    (1, _script(V1)),
    (2, _script(V2)),
    (3, _script(V3)),
)

LATEST = MIGRATIONS[-1][0]


class SchemaTooNew(Exception):
    """The file was written by a newer ldn-study than this one."""

    def __init__(self, found: int, latest: int = LATEST) -> None:
        super().__init__(found, latest)
        self.found = found
        self.latest = latest


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, target: int | None = None) -> list[int]:
    """Bring `conn` up to `target` (default: the latest version); return the versions applied.

    `conn` must be in autocommit mode (`isolation_level=None`). Raises `SchemaTooNew` if the
    database is ahead of this code.
    """
    target = LATEST if target is None else target
    current = user_version(conn)
    if current > LATEST:
        raise SchemaTooNew(current)
    applied: list[int] = []
    for version, step in MIGRATIONS:
        if version <= current or version > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            step(conn)
            conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied
