"""Flagged questions ("come back to this") and the paused quiz that can be resumed."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from ldn_tui.progress.database import Database


class FlagsTable(Database):
    # -- flags ---------------------------------------------------------------------------------

    def flagged_uids(self) -> set[str]:
        return {r["question_uid"] for r in self._query("SELECT question_uid FROM flags")}

    def set_flag(self, question_uid: str, on: bool, *, now: datetime | None = None) -> None:
        """Flag a question (`on`) or clear its flag; either is a no-op if already so."""
        at = self._at(now)
        if on:
            self._write(
                lambda c: c.execute(
                    "INSERT OR IGNORE INTO flags(question_uid, created_at) VALUES (?, ?)", (question_uid, at)
                )
            )
        else:
            self._write(lambda c: c.execute("DELETE FROM flags WHERE question_uid = ?", (question_uid,)))

    # -- the paused quiz -----------------------------------------------------------------------

    def save_quiz_state(self, state: dict[str, Any], *, now: datetime | None = None) -> None:
        """Keep `state` (any JSON object) as the quiz to resume, replacing any earlier one."""
        text = json.dumps(state, ensure_ascii=False, sort_keys=True)
        at = self._at(now)
        self._write(
            lambda c: c.execute(
                "INSERT OR REPLACE INTO saved_quiz(slot, state, updated_at) VALUES (1, ?, ?)", (text, at)
            )
        )

    def saved_quiz_state(self) -> dict[str, Any] | None:
        """The quiz to resume, or None (also None for a row that is not a JSON object)."""
        rows = self._query("SELECT state FROM saved_quiz WHERE slot = 1")
        if not rows:
            return None
        try:
            state = json.loads(rows[0]["state"])
        except ValueError:
            return None
        return state if isinstance(state, dict) else None

    def clear_saved_quiz(self, token: str | None = None) -> None:
        """Forget the quiz to resume; with `token`, only if it is that quiz (its `"token"` key)."""
        if token is None:
            self._write(lambda c: c.execute("DELETE FROM saved_quiz"))
        else:
            self._write(
                lambda c: c.execute("DELETE FROM saved_quiz WHERE json_extract(state, '$.token') = ?", (token,))
            )
