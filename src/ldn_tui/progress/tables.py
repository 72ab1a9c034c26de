"""The progress file's tables, named once.

A dump, the backup check, the repair's row-by-row copy and the JSON backup all cover these.
Each kept a list of its own, and the two tables added by migration 3 (flags, the paused quiz)
reached the dump and the JSON backup but not the repair: a rebuilt file lost them. A table a
migration adds goes here.
"""

from __future__ import annotations

#: Tables whose rows are the student's progress, in the order a copy must insert them (sessions
#: before the answers that point at them).
PROGRESS_TABLES = (
    "sessions",
    "attempts",
    "card_views",
    "bookmarks",
    "notes",
    "schedule",
    "reference_opens",
    "flags",
    "saved_quiz",
)
#: Every table: the progress, then the settings.
TABLES = (*PROGRESS_TABLES, "settings")
