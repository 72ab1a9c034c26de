"""What a student does to cards, as the study service keeps it: read, bookmarked, annotated.

A mixin of `Study` (kept apart so the service module stays small): it uses the service's store,
writer, lock and content. The marks are read from the store once, then kept in memory; a change
updates that view at once and queues the write on the writer thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import NamedTuple, TypeVar

from ldn_tui.content.model import Content
from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.store import ProgressStore

T = TypeVar("T")


class MarkedCard(NamedTuple):
    """A bookmarked or annotated card, for the bookmarks list."""

    card_id: str
    where: str  # "Chapter › Card title"
    bookmarked: bool
    note: str


class CardMarks:
    content: Content
    _store: ProgressStore
    _lock: threading.RLock
    _viewed: set[str] | None = None
    _bookmarked: set[str] | None = None
    _notes: dict[str, str] | None = None

    def _write(self, label: str, fn: Callable[[], T]) -> None:
        raise NotImplementedError

    def _load_marks(self) -> None:
        if self._viewed is not None:
            return
        try:
            viewed = set(self._store.viewed_cards())
            bookmarked = self._store.bookmarked_card_ids()
            notes = {row.card_id: row.body for row in self._store.list_notes()}
        except StoreError:
            viewed, bookmarked, notes = set(), set(), {}
        self._viewed, self._bookmarked, self._notes = viewed, bookmarked, notes

    def viewed(self) -> set[str]:
        with self._lock:
            self._load_marks()
            assert self._viewed is not None
            return set(self._viewed)

    def bookmarked(self) -> set[str]:
        with self._lock:
            self._load_marks()
            assert self._bookmarked is not None
            return set(self._bookmarked)

    def noted(self) -> set[str]:
        with self._lock:
            self._load_marks()
            assert self._notes is not None
            return set(self._notes)

    def is_bookmarked(self, card_id: str) -> bool:
        with self._lock:
            self._load_marks()
            assert self._bookmarked is not None
            return card_id in self._bookmarked

    def note(self, card_id: str) -> str:
        """The student's note on a card ("" if none)."""
        with self._lock:
            self._load_marks()
            assert self._notes is not None
            return self._notes.get(card_id, "")

    def record_visit(self, card_id: str) -> None:
        """Record that the student opened this card (and that it is where they are now).

        A visit, not a reading: reading a card to its end is `finish_card`."""
        with self._lock:
            self._load_marks()
            assert self._viewed is not None
            self._viewed.add(card_id)
        self._write(f"your visit to {card_id}", lambda: self._store.record_view(card_id))

    def toggle_bookmark(self, card_id: str) -> bool:
        """Flip the bookmark on a card; return whether it is bookmarked now."""
        with self._lock:
            self._load_marks()
            assert self._bookmarked is not None
            on = card_id not in self._bookmarked
            (self._bookmarked.add if on else self._bookmarked.discard)(card_id)
        if on:
            self._write(f"the bookmark on {card_id}", lambda: self._store.add_bookmark(card_id))
        else:
            self._write(f"removing the bookmark on {card_id}", lambda: self._store.remove_bookmark(card_id))
        return on

    def set_note(self, card_id: str, body: str) -> None:
        """Save a note on a card; an empty (all-whitespace) body deletes it."""
        with self._lock:
            self._load_marks()
            assert self._notes is not None
            if body.strip():
                self._notes[card_id] = body
            else:
                self._notes.pop(card_id, None)
        self._write(f"your note on {card_id}", lambda: self._store.set_note(card_id, body))

    def record_reference_open(self, reference_id: str) -> None:
        self._write(f"opening {reference_id}", lambda: self._store.record_reference_open(reference_id))

    def marked_cards(self) -> list[MarkedCard]:
        """Bookmarked cards (oldest bookmark first), then cards with only a note; cards that left
        the content are skipped (their progress stays in the store)."""
        try:
            order = [row.card_id for row in self._store.list_bookmarks()]
        except StoreError:
            order = []
        with self._lock:
            self._load_marks()
            assert self._bookmarked is not None and self._notes is not None
            bookmarked, notes = set(self._bookmarked), dict(self._notes)
        order = [cid for cid in order if cid in bookmarked]
        order += sorted(cid for cid in bookmarked if cid not in order)
        order += [cid for cid in notes if cid not in bookmarked]
        out: list[MarkedCard] = []
        for cid in order:
            card = self.content.card_by_id.get(cid)
            if card is None:
                continue
            where = f"{self.content.chapter_of(card).title} › {card.title}"
            out.append(MarkedCard(cid, where, cid in bookmarked, notes.get(cid, "")))
        return out
