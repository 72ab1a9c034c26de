"""What a quiz session is made of: the selection it draws from, each item as shown, each answer
given, and the tallies of its summary. Plain data; `session.QuizSession` drives them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ldn_tui.content.labels import EVIDENCE, KINDS
from ldn_tui.content.model import Card, Chapter, Choice, Claim, Question
from ldn_tui.progress.scheduler import SAFETY_KIND
from ldn_tui.quiz.grading import Grade, InvalidResponse

#: Which questions a session draws from (`Selection.mode`). "missed" is the "incorrect" pool
#: (last answer below full marks); "unused" were never answered; "flagged" carry a flag.
MODES = ("all", "missed", "bookmarked", "due", "unused", "flagged")

#: The pools as the CLI and the set-up dialog name them -> `Selection.mode`.
POOLS = {"all": "all", "unused": "unused", "incorrect": "missed", "flagged": "flagged", "due": "due"}

#: How a session gives feedback: after each answer (tutor) or only at the end (exam).
STYLES = ("tutor", "exam")


class QuizError(Exception):
    """Misuse of a session (answering twice, answering after the end)."""


@dataclass(frozen=True)
class Selection:
    """Which questions a session draws from. Empty tuples mean "no filter"."""

    chapters: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # claim evidence labels; questions without a claim drop out
    mode: str = "all"  # one of MODES
    include_generated: bool = True
    objectives: tuple[str, ...] = ()  # learning objective ids; questions without one drop out

    def __post_init__(self) -> None:
        for name in ("chapters", "kinds", "evidence", "objectives"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(value))
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        bad = [k for k in self.kinds if k not in KINDS]
        if bad:
            raise ValueError(f"unknown card kind {bad[0]!r}; kinds: {', '.join(KINDS)}")
        bad = [e for e in self.evidence if e not in EVIDENCE]
        if bad:
            raise ValueError(f"unknown evidence label {bad[0]!r}; labels: {', '.join(EVIDENCE)}")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if not d["objectives"]:
            del d["objectives"]  # kept out when unused, so older saved selections compare equal
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        keys = {"chapters", "kinds", "evidence", "mode", "include_generated", "objectives"}
        return cls(**{k: v for k, v in data.items() if k in keys})


@dataclass(frozen=True)
class QuizItem:
    """One question as presented in this session."""

    question: Question
    card: Card
    chapter: Chapter
    content_hash: str
    generated: bool
    claim: Claim | None = None
    choices: tuple[Choice, ...] = ()  # single/multiple, in the order shown
    choice_order: tuple[int, ...] = ()  # shown position -> index in question.choices
    items: tuple[str, ...] = ()  # order: items in the order shown (never already correct)
    item_order: tuple[int, ...] = ()  # shown position -> index in question.items

    @property
    def uid(self) -> str:
        return self.question.uid

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def prompt(self) -> str:
        return self.question.prompt

    def to_authored(self, response: Any) -> Any:
        """Translate a response in shown positions to the authored indices `grade` expects."""
        t = self.question.type
        if t == "single":
            return self._map(self.choice_order, response)
        if t == "multiple":
            if response is None:
                return []
            if isinstance(response, (str, int)):
                response = [response]
            return [self._map(self.choice_order, r) for r in response]
        if t == "order":
            if response is None or isinstance(response, str):
                return response
            return [self._map(self.item_order, r) for r in response]
        return response

    def _map(self, order: tuple[int, ...], value: Any) -> Any:
        if not _is_index(value):
            return value
        if not 0 <= value < len(order):
            raise InvalidResponse(f"{self.uid}: no option number {value} (0..{len(order) - 1})")
        return order[value]


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Answered:
    item: QuizItem
    grade: Grade
    confidence: str | None
    elapsed_ms: int | None
    answered_at: datetime

    @property
    def confidently_wrong(self) -> bool:
        return self.confidence == "sure" and self.grade.score < 1.0

    @property
    def safety(self) -> bool:
        """Whether the question is on a safety card (a confident error there matters most)."""
        return self.item.card.kind == SAFETY_KIND


@dataclass(frozen=True)
class Tally:
    """Answers in one row of a summary table. The bar and every number come from these fields."""

    label: str  # chapter title, card kind or learning objective
    answered: int = 0
    correct: int = 0
    score_sum: float = 0.0
    partial: int = 0  # answers with some but not full credit
    confidently_wrong: int = 0  # "sure" and below full credit

    @property
    def score(self) -> float:
        """Mean score, 0..1."""
        return self.score_sum / self.answered if self.answered else 0.0

    def add(self, a: Answered) -> Tally:
        return Tally(
            self.label,
            self.answered + 1,
            self.correct + int(a.grade.correct),
            self.score_sum + a.grade.score,
            self.partial + int(a.grade.partial),
            self.confidently_wrong + int(a.confidently_wrong),
        )


@dataclass(frozen=True)
class SessionProgress:
    position: int  # 1-based number of the current item (total + 1 when finished)
    total: int
    answered: int
    correct: int
    score_sum: float

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.position + 1)


@dataclass(frozen=True)
class SessionSummary:
    total: int  # items in the session
    answered: int
    correct: int
    score: float  # mean score of answered items, 0..1
    by_chapter: dict[str, Tally]  # chapter id -> tally, content order
    by_kind: dict[str, Tally]  # card kind -> tally
    answer_time_ms: int  # sum of the per-answer times
    duration: timedelta  # wall time from the start to the last answer (or finish)
    missed: tuple[Answered, ...]  # score < 1, in the order answered
    confidently_wrong: tuple[Answered, ...]  # confidence "sure" and score < 1
    review_uids: tuple[str, ...]  # "review these now": confidently wrong first, then the rest
    session_id: int | None = None
    #: learning objective id -> tally (empty when no answered question has an objective).
    by_objective: dict[str, Tally] = field(default_factory=dict)
    style: str = "tutor"
    #: exam mode: every question in order, answered or not, for the end review.
    review: tuple[Answered, ...] = ()
    #: exam mode with a time limit: whether it ran out before the student submitted.
    timed_out: bool = False

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def confidently_wrong_safety_first(self) -> tuple[Answered, ...]:
        """`confidently_wrong` with the safety questions first (each group in answer order)."""
        return tuple(sorted(self.confidently_wrong, key=lambda a: not a.safety))
