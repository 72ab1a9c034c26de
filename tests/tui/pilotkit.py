"""Helpers the Pilot tests share: waiting for the app to settle, reading a widget's text."""

from __future__ import annotations

from typing import Any


async def settle(pilot: Any) -> None:
    """Let workers (search index, due counts, quiz setup counts) finish, then one more refresh,
    so nothing changes under the camera or the assertion."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text(screen: Any, selector: str) -> str:
    """What the widget at `selector` on `screen` renders, as plain text."""
    rendered = screen.query_one(selector).render()
    return getattr(rendered, "plain", str(rendered))


class Clock:
    """A clock the test moves by hand (`clock.t = ...`); the store and quiz read it."""

    def __init__(self, t: Any) -> None:
        self.t = t

    def __call__(self) -> Any:
        return self.t
