"""What the item linter reports: one `Finding` per problem, printed the way a compiler prints.

`path/to/chapter.yaml:661: raw-id: safety.sleep-effects/q2 choices[0].why: ... [error]`
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem: where (file, line, and the question or chapter it is in), which rule, what."""

    file: str
    line: int  # 0 when the finding is about the whole bank, not a line
    rule: str
    subject: str  # "card/question field", a chapter id, or "bank"
    message: str
    severity: str  # ERROR or WARNING

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        subject = f"{self.subject}: " if self.subject else ""
        return f"{where}: {self.rule}: {subject}{self.message} [{self.severity}]"

    def to_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
        }
