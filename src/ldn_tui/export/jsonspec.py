"""The layout of the JSON progress export: its tables, their columns and what each column may hold.

One description that three readers share: `jsonio` writes and checks files by it, `jsonimport`
restores what it checked, and `progress_schema` turns it into a JSON Schema. No Textual here.

Format versions: 1 had sessions, attempts, card views, bookmarks, notes, schedule, reference opens
and settings; 2 adds the question flags (`flags`) and the paused quiz (`saved_quiz`, at most one
row). A version 1 file still imports; its missing tables are read as empty.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

FORMAT = "ldn-study-progress"
#: The version of this file format (not of the SQLite schema). Bump it when the layout changes.
SCHEMA_VERSION = 2
SUPPORTED_VERSIONS = frozenset({1, 2})

#: Settings that describe this machine's use of the store rather than the student's progress.
VOLATILE_SETTINGS = frozenset({"last_opened_at"})

#: How a summary names a table's rows ("3 flagged questions"); the rest: the name with spaces.
ROW_NAMES = {"flags": "flagged questions", "saved_quiz": "paused quiz"}

# Each column: (name, kind, nullable). Kinds: id, int, text, nonempty, time, bool, score,
# confidence, json, object (see `KINDS`).
SPEC: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "sessions": (
        ("id", "id", False),
        ("started_at", "time", False),
        ("finished_at", "time", True),
        ("mode", "nonempty", False),
        ("selection", "object", False),
    ),
    "attempts": (
        ("id", "id", False),
        ("question_uid", "nonempty", False),
        ("card_id", "nonempty", False),
        ("content_hash", "text", False),
        ("answer", "json", True),
        ("score", "score", False),
        ("correct", "bool", False),
        ("confidence", "confidence", True),
        ("answered_at", "time", False),
        ("elapsed_ms", "int", True),
        ("session_id", "id", True),
        ("generated", "bool", False),
    ),
    "card_views": (("id", "id", False), ("card_id", "nonempty", False), ("viewed_at", "time", False)),
    "bookmarks": (("card_id", "nonempty", False), ("created_at", "time", False)),
    "notes": (("card_id", "nonempty", False), ("body", "nonempty", False), ("updated_at", "time", False)),
    "schedule": (
        ("question_uid", "nonempty", False),
        ("content_hash", "text", False),
        ("card", "object", False),
        ("due", "time", False),
        ("state", "int", False),
        ("last_review", "time", True),
        ("suspended", "bool", False),
    ),
    "reference_opens": (("id", "id", False), ("reference_id", "nonempty", False), ("opened_at", "time", False)),
    "flags": (("question_uid", "nonempty", False), ("created_at", "time", False)),
    # The store keeps the one paused quiz in slot 1; the file has the state and when it was saved.
    "saved_quiz": (("state", "object", False), ("updated_at", "time", False)),
    "settings": (("key", "nonempty", False), ("value", "json", True)),
}

JSON_COLUMNS = {
    ("sessions", "selection"),
    ("attempts", "answer"),
    ("schedule", "card"),
    ("saved_quiz", "state"),
    ("settings", "value"),
}
BOOL_COLUMNS = {("attempts", "correct"), ("attempts", "generated"), ("schedule", "suspended")}
#: The unique key of each table (also its sort order in the file).
KEY = {
    "sessions": ("id",),
    "attempts": ("id",),
    "card_views": ("id",),
    "bookmarks": ("card_id",),
    "notes": ("card_id",),
    "schedule": ("question_uid",),
    "reference_opens": ("id",),
    "flags": ("question_uid",),
    "saved_quiz": ("updated_at",),
    "settings": ("key",),
}
#: Tables that hold at most this many rows.
MAX_ROWS = {"saved_quiz": 1}
#: The columns that record when the student did something (for `last_activity`; not `due`).
ACTIVITY_COLUMNS = {
    "sessions": ("started_at", "finished_at"),
    "attempts": ("answered_at",),
    "card_views": ("viewed_at",),
    "bookmarks": ("created_at",),
    "notes": ("updated_at",),
    "schedule": ("last_review",),
    "reference_opens": ("opened_at",),
    "flags": ("created_at",),
    "saved_quiz": ("updated_at",),
}


def columns(table: str) -> tuple[str, ...]:
    return tuple(c for c, _, _ in SPEC[table])


def row_name(table: str) -> str:
    return ROW_NAMES.get(table, table.replace("_", " "))


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


#: Each kind of column: the test a value must pass, and what it should be (for the message).
KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "a whole number from 1 up"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number from 0 up"),
    "text": (lambda v: isinstance(v, str), "text"),
    "nonempty": (lambda v: isinstance(v, str) and v.strip() != "", "non-empty text"),
    "time": (_is_time, 'an ISO 8601 time such as "2026-11-21T09:30:00.000+00:00"'),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "score": (
        lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= 1,
        "a number from 0 to 1",
    ),
    "confidence": (lambda v: v in ("sure", "unsure", "guess"), '"sure", "unsure", "guess" or null'),
    "json": (lambda v: True, "any JSON value"),
    "object": (lambda v: isinstance(v, dict), "an object"),
}
