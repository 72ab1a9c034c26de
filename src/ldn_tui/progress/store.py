"""The progress store: one SQLite file holding everything a student does.

`ProgressStore` is the connection (`database.Database`: opening safely, one committed
transaction per write, faults classified and survived) together with one class per group of
tables:

- `attempts.AttemptsTable`: quiz sessions, answers, progress per card and chapter;
- `cardstate.CardStateTable`: card views, opened references, bookmarks, notes;
- `settings.SettingsTable`: small JSON settings;
- `flags.FlagsTable`: flagged questions and the paused quiz to resume;
- `schedule.ScheduleTable`: the FSRS review schedule rows (the rules are in `scheduler.py`,
  which needs only the rows, never this module).

Keyed by stable ids: questions by uid (`card_id/question_id`), cards by card id; attempts and
schedule rows also keep the question's `content_hash` (see `content/hashing.py`).

Screens never use this class: they talk to `ldn_tui.study.Study`, which owns the store and
sends every write through its single writer thread.
"""

from __future__ import annotations

from ldn_tui.progress.attempts import AttemptsTable
from ldn_tui.progress.cardstate import CardStateTable
from ldn_tui.progress.errors import CannotSuspend, StoreCorrupt, StoreError, StoreLocked, StoreVersionError
from ldn_tui.progress.files import check_writable
from ldn_tui.progress.flags import FlagsTable
from ldn_tui.progress.rows import (
    CONFIDENCE,
    GENERATED_UID,
    AttemptRow,
    BookmarkRow,
    NoteRow,
    Progress,
    ScheduleRow,
    SessionRow,
)
from ldn_tui.progress.schedule import ScheduleTable
from ldn_tui.progress.settings import SettingsTable
from ldn_tui.progress.times import Clock, iso, make_clock, parse_iso, utc

__all__ = [
    "CONFIDENCE",
    "GENERATED_UID",
    "AttemptRow",
    "BookmarkRow",
    "CannotSuspend",
    "Clock",
    "NoteRow",
    "Progress",
    "ProgressStore",
    "ScheduleRow",
    "SessionRow",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreVersionError",
    "check_writable",
    "iso",
    "make_clock",
    "parse_iso",
    "utc",
]


class ProgressStore(AttemptsTable, CardStateTable, SettingsTable, ScheduleTable, FlagsTable):
    """Everything a student does, in one SQLite file. Open it with `ProgressStore.open()`."""
