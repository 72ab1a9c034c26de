"""What a student does to cards: views, opened references, bookmarks and notes."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from ldn_tui.progress.database import Database
from ldn_tui.progress.rows import BookmarkRow, NoteRow
from ldn_tui.progress.times import parse_iso


class CardStateTable(Database):
    # -- views, references ---------------------------------------------------------------------

    def record_view(self, card_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(lambda c: c.execute("INSERT INTO card_views(card_id, viewed_at) VALUES (?, ?)", (card_id, at)))

    def viewed_cards(self) -> dict[str, datetime]:
        """When each card was last viewed, by card id."""
        rows = self._query("SELECT card_id, MAX(viewed_at) AS at FROM card_views GROUP BY card_id")
        return {r["card_id"]: parse_iso(r["at"]) for r in rows}

    def record_reference_open(self, reference_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(
            lambda c: c.execute(
                "INSERT INTO reference_opens(reference_id, opened_at) VALUES (?, ?)", (reference_id, at)
            )
        )

    def reference_open_counts(self) -> dict[str, int]:
        rows = self._query("SELECT reference_id, COUNT(*) AS n FROM reference_opens GROUP BY reference_id")
        return {r["reference_id"]: r["n"] for r in rows}

    # -- bookmarks -----------------------------------------------------------------------------

    def add_bookmark(self, card_id: str, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(
            lambda c: c.execute("INSERT OR IGNORE INTO bookmarks(card_id, created_at) VALUES (?, ?)", (card_id, at))
        )

    def remove_bookmark(self, card_id: str) -> None:
        self._write(lambda c: c.execute("DELETE FROM bookmarks WHERE card_id = ?", (card_id,)))

    def toggle_bookmark(self, card_id: str, *, now: datetime | None = None) -> bool:
        """Flip the bookmark; return whether the card is bookmarked now."""
        at = self._at(now)

        def run(c: sqlite3.Connection) -> bool:
            if c.execute("DELETE FROM bookmarks WHERE card_id = ?", (card_id,)).rowcount:
                return False
            c.execute("INSERT INTO bookmarks(card_id, created_at) VALUES (?, ?)", (card_id, at))
            return True

        return self._write(run)

    def is_bookmarked(self, card_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM bookmarks WHERE card_id = ?", (card_id,)))

    def list_bookmarks(self) -> list[BookmarkRow]:
        """Bookmarks, oldest first."""
        return [
            BookmarkRow(r["card_id"], parse_iso(r["created_at"]))
            for r in self._query("SELECT * FROM bookmarks ORDER BY created_at, card_id")
        ]

    def bookmarked_card_ids(self) -> set[str]:
        return {r["card_id"] for r in self._query("SELECT card_id FROM bookmarks")}

    # -- notes ---------------------------------------------------------------------------------

    def get_note(self, card_id: str) -> str:
        """The note on a card, or "" if there is none."""
        rows = self._query("SELECT body FROM notes WHERE card_id = ?", (card_id,))
        return rows[0]["body"] if rows else ""

    def set_note(self, card_id: str, body: str, *, now: datetime | None = None) -> None:
        """Save a note; an empty (or all-whitespace) body deletes it."""
        if not body.strip():
            self._write(lambda c: c.execute("DELETE FROM notes WHERE card_id = ?", (card_id,)))
            return
        at = self._at(now)
        self._write(
            lambda c: c.execute(
                "INSERT INTO notes(card_id, body, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(card_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                (card_id, body, at),
            )
        )

    def list_notes(self) -> list[NoteRow]:
        """Notes, most recently updated first."""
        return [
            NoteRow(r["card_id"], r["body"], parse_iso(r["updated_at"]))
            for r in self._query("SELECT * FROM notes ORDER BY updated_at DESC, card_id")
        ]
