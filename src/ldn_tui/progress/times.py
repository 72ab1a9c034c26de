"""Time helpers for the progress store: every stored time is aware UTC, as ISO-8601 text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import overload

Clock = Callable[[], datetime]


def utc(dt: datetime) -> datetime:
    """`dt` as an aware UTC datetime (a naive one is taken to be UTC already)."""
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def iso(dt: datetime) -> str:
    return utc(dt).isoformat(timespec="milliseconds")


@overload
def parse_iso(text: str) -> datetime: ...
@overload
def parse_iso(text: None) -> None: ...
@overload
def parse_iso(text: str | None) -> datetime | None: ...
def parse_iso(text: str | None) -> datetime | None:
    if text is None:
        return None
    return utc(datetime.fromisoformat(text))


def make_clock(now: datetime | Clock | None) -> Clock:
    if now is None:
        return lambda: datetime.now(UTC)
    if isinstance(now, datetime):
        fixed = utc(now)
        return lambda: fixed
    return lambda: utc(now())
