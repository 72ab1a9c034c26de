"""Back/forward navigation between visited places, like a web browser's. No Textual here.

A plain class so it can be unit-tested without an app: the screen asks it where "back" is and
tells it where the user went. Visiting somewhere new while part-way back drops the forward
entries, as browsers do; visiting the current place again changes nothing.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class History(Generic[T]):
    """A bounded list of visited locations with a cursor."""

    def __init__(self, limit: int = 200) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        self._limit = limit
        self._items: list[T] = []
        self._cursor = -1

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    @property
    def current(self) -> T | None:
        return self._items[self._cursor] if self._items else None

    @property
    def can_go_back(self) -> bool:
        return self._cursor > 0

    @property
    def can_go_forward(self) -> bool:
        return 0 <= self._cursor < len(self._items) - 1

    def visit(self, location: T) -> None:
        """Record a move to `location`; forward entries are forgotten."""
        if self.current == location:
            return
        del self._items[self._cursor + 1 :]
        self._items.append(location)
        if len(self._items) > self._limit:
            del self._items[: len(self._items) - self._limit]
        self._cursor = len(self._items) - 1

    def back(self) -> T | None:
        """Step back and return the location there, or None (and stay) at the start."""
        if not self.can_go_back:
            return None
        self._cursor -= 1
        return self._items[self._cursor]

    def forward(self) -> T | None:
        """Step forward and return the location there, or None (and stay) at the end."""
        if not self.can_go_forward:
            return None
        self._cursor += 1
        return self._items[self._cursor]

    def forget(self, location: T) -> None:
        """Remove every entry for `location` (e.g. a card that no longer exists)."""
        current = self.current
        kept = [item for item in self._items if item != location]
        if len(kept) == len(self._items):
            return
        self._items = kept
        if current is not None and current != location and current in kept:
            self._cursor = len(kept) - 1 - kept[::-1].index(current)
        else:
            self._cursor = len(kept) - 1
        # Two equal neighbours may now touch; merge them so back always moves somewhere.
        merged: list[T] = []
        cursor = self._cursor
        for i, item in enumerate(self._items):
            if merged and merged[-1] == item:
                if i <= self._cursor:
                    cursor -= 1
                continue
            merged.append(item)
        self._items = merged
        self._cursor = max(-1, min(cursor, len(merged) - 1))
