"""Content problems, reported the way a compiler reports them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one content file: `file:line: key.path: what is wrong; what was expected`."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ContentInvalid(Exception):
    """Raised by the loader when a content folder has problems; carries all of them."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(i) for i in self.issues]
        n = len(self.issues)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
        return "\n".join(lines)
