"""What can go wrong with the progress file, as exceptions whose `str()` is a sentence for the student."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class of every progress-store problem. `str(err)` is a sentence for the student."""


class StoreLocked(StoreError):
    """Another process holds a lock on the progress file."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = path
        super().__init__(
            f"The progress file {path} is locked: another copy of ldn-study seems to be "
            "running. Close it (or wait for it to finish) and try again."
        )


class StoreCorrupt(StoreError):
    """The file is damaged and could not be moved aside."""


class StoreVersionError(StoreError):
    """The file was written by a newer ldn-study."""

    def __init__(self, path: Path | str | None, found: int, latest: int) -> None:
        self.path, self.found, self.latest = path, found, latest
        super().__init__(
            f"The progress file {path} was written by a newer ldn-study (schema version "
            f"{found}; this version understands up to {latest}). Upgrade ldn-study, or move "
            "the file aside to start afresh."
        )


class CannotSuspend(StoreError, ValueError):
    """Raised when asked to suspend a question that must stay in review (safety cards)."""


class CorruptFile(Exception):
    """Internal: the file is damaged (raised while opening, then handled)."""


class UnwritableFile(Exception):
    """Internal: the file or its folder cannot be written (raised while opening, then handled)."""
