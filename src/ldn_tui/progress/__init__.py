"""Progress: the SQLite store, its migrations, FSRS scheduling and stats. No Textual here.

Import the parts you need: `progress.store.ProgressStore`, `progress.scheduler`,
`progress.stats`. The names below are the ones most callers want.
"""

from ldn_tui.progress.store import (
    CannotSuspend,
    ProgressStore,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreVersionError,
)

__all__ = [
    "CannotSuspend",
    "ProgressStore",
    "StoreCorrupt",
    "StoreError",
    "StoreLocked",
    "StoreVersionError",
]
