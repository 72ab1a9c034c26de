"""Reading what the app saved: its writes run on the study service's writer thread."""

from __future__ import annotations

from typing import Any


def saved(app: Any) -> Any:
    """The app's progress store once every queued write has landed."""
    assert app.study.flush(10), "queued writes did not finish within 10 s"
    return app.study.progress_store
