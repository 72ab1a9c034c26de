"""The review schedule table: one FSRS card per question uid (see scheduler.py for the rules)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ldn_tui.progress.database import Database
from ldn_tui.progress.rows import ScheduleRow, schedule_from
from ldn_tui.progress.times import iso


class ScheduleTable(Database):
    # -- schedule ------------------------------------------------------------------------------

    def get_schedule(self, question_uid: str) -> ScheduleRow | None:
        rows = self._query("SELECT * FROM schedule WHERE question_uid = ?", (question_uid,))
        return schedule_from(rows[0]) if rows else None

    def schedule_rows(self) -> list[ScheduleRow]:
        """Every schedule row, soonest due first."""
        return [schedule_from(r) for r in self._query("SELECT * FROM schedule ORDER BY due, question_uid")]

    def save_schedule(self, row: ScheduleRow) -> None:
        self._write(lambda c: upsert_schedule(c, row))

    def set_suspended(self, question_uid: str, suspended: bool) -> bool:
        """Raw flag update (use `scheduler.suspend`, which protects safety questions).

        Returns False when the question has no schedule row yet.
        """
        return bool(
            self._write(
                lambda c: (
                    c.execute(
                        "UPDATE schedule SET suspended = ? WHERE question_uid = ?",
                        (1 if suspended else 0, question_uid),
                    ).rowcount
                )
            )
        )

    def due_question_uids(self, now: datetime | None = None) -> list[str]:
        """The raw queue: question uids whose schedule row is due at `now` and not suspended.

        What the app should use is `scheduler.due_question_uids(content, store)`, which also drops
        questions that left the content, re-queues changed ones and caps safety questions.
        """
        at = self._at(now)
        rows = self._query(
            "SELECT question_uid FROM schedule WHERE suspended = 0 AND due <= ? ORDER BY due, question_uid",
            (at,),
        )
        return [r["question_uid"] for r in rows]


def upsert_schedule(c: sqlite3.Connection, row: ScheduleRow) -> None:
    c.execute(
        "INSERT INTO schedule(question_uid, content_hash, card, due, state, last_review, suspended)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(question_uid) DO UPDATE SET content_hash = excluded.content_hash,"
        " card = excluded.card, due = excluded.due, state = excluded.state,"
        " last_review = excluded.last_review, suspended = excluded.suspended",
        (
            row.question_uid,
            row.content_hash,
            row.card,
            iso(row.due),
            int(row.state),
            iso(row.last_review) if row.last_review else None,
            1 if row.suspended else 0,
        ),
    )
