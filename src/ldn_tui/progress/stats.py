"""Plain numbers for the stats screen and `ldn-study stats` (no Textual, no formatting).

- `chapter_mastery`: per chapter, the fraction of its questions whose latest attempt was
  correct, plus answered/total and what is due.
- `answers_per_day`: answers and correct answers on each of the last N local days.
- `due_forecast`: questions due on each of the next 7 days (from the scheduler).
- `accuracy_by_evidence`: for questions linked to a claim (authored and generated), how well
  the student does by the claim's evidence label.
- `totals`: overall counts.
- `overview`: all of the above in one object.

"Latest attempt" ignores content hashes: a question edited since it was answered still counts
with its last answer here; the scheduler, not the stats, re-queues it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from ldn_tui.content.generated import all_questions
from ldn_tui.content.labels import EVIDENCE
from ldn_tui.content.model import Content
from ldn_tui.progress.scheduler import DueDay, due_counts_by_chapter, due_forecast, due_question_uids
from ldn_tui.progress.store import ProgressStore, utc

__all__ = [
    "ChapterMastery",
    "DayCount",
    "DueDay",
    "EvidenceAccuracy",
    "Overview",
    "Totals",
    "accuracy_by_evidence",
    "answers_per_day",
    "chapter_mastery",
    "due_forecast",
    "overview",
    "totals",
]


@dataclass(frozen=True, slots=True)
class ChapterMastery:
    chapter_id: str
    title: str
    total: int  # questions in the chapter
    answered: int  # questions answered at least once
    correct: int  # questions whose latest attempt was correct
    due: int  # questions due now

    @property
    def mastery(self) -> float:
        """correct / total (0..1)."""
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    answered: int
    correct: int


@dataclass(frozen=True, slots=True)
class EvidenceAccuracy:
    label: str  # evidence label, e.g. "rct"
    title: str  # its display name
    questions: int  # questions linked to claims with this label
    attempts: int
    correct: int
    score_sum: float

    @property
    def accuracy(self) -> float:
        """correct attempts / attempts (0..1)."""
        return self.correct / self.attempts if self.attempts else 0.0

    @property
    def mean_score(self) -> float:
        return self.score_sum / self.attempts if self.attempts else 0.0


@dataclass(frozen=True, slots=True)
class Totals:
    questions: int
    questions_answered: int
    questions_correct: int  # latest attempt correct
    attempts: int
    correct_attempts: int
    sessions: int
    cards: int
    cards_viewed: int
    bookmarks: int
    notes: int
    due_now: int

    @property
    def accuracy(self) -> float:
        return self.correct_attempts / self.attempts if self.attempts else 0.0


@dataclass(frozen=True, slots=True)
class Overview:
    totals: Totals
    chapters: tuple[ChapterMastery, ...]
    per_day: tuple[DayCount, ...]
    forecast: tuple[DueDay, ...]
    by_evidence: tuple[EvidenceAccuracy, ...]


def chapter_mastery(
    content: Content,
    store: ProgressStore,
    *,
    include_generated: bool = False,
    now: datetime | None = None,
) -> list[ChapterMastery]:
    """Per chapter (in content order): total, answered, correct-last-time and due questions."""
    progress = store.chapter_progress(content, include_generated=include_generated)
    due = due_counts_by_chapter(content, store, now) if include_generated else _due_authored(content, store, now)
    return [
        ChapterMastery(ch.id, ch.title, p.total, p.answered, p.correct, due.get(ch.id, 0))
        for ch in sorted(content.chapters, key=lambda c: c.order)
        for p in [progress[ch.id]]
    ]


def _due_authored(content: Content, store: ProgressStore, now: datetime | None) -> dict[str, int]:
    out = {ch.id: 0 for ch in content.chapters}
    for uid in due_question_uids(content, store, now, include_generated=False):
        card = content.card_by_id.get(uid.rsplit("/", 1)[0])
        if card is not None:
            out[card.chapter_id] += 1
    return out


def answers_per_day(
    store: ProgressStore,
    *,
    days: int = 14,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> list[DayCount]:
    """Answers on each of the last `days` calendar days in `tz` (default local), oldest first."""
    now = utc(now) if now is not None else store.now()
    local_now = now.astimezone(tz) if tz is not None else now.astimezone()
    today = local_now.date()
    first = today - timedelta(days=days - 1)
    start = datetime(first.year, first.month, first.day, tzinfo=local_now.tzinfo)
    answered = [0] * days
    correct = [0] * days
    for a in store.attempts(since=start - timedelta(days=1)):
        d = (a.answered_at.astimezone(local_now.tzinfo).date() - first).days
        if 0 <= d < days:
            answered[d] += 1
            correct[d] += int(a.correct)
    return [DayCount(first + timedelta(days=i), answered[i], correct[i]) for i in range(days)]


def accuracy_by_evidence(content: Content, store: ProgressStore) -> list[EvidenceAccuracy]:
    """Per evidence label (strongest first), over all attempts at claim-linked questions."""
    label_of: dict[str, str] = {}
    for q in all_questions(content, include_generated=True):
        if q.claim:
            claim = content.card_by_id[q.card_id].claim(q.claim)
            if claim is not None:
                label_of[q.uid] = claim.evidence
    questions = {label: 0 for label in EVIDENCE}
    for label in label_of.values():
        questions[label] = questions.get(label, 0) + 1
    answered = dict.fromkeys(questions, 0)
    correct = dict.fromkeys(questions, 0)
    score = dict.fromkeys(questions, 0.0)
    for a in store.attempts(question_uids=list(label_of)):
        label = label_of[a.question_uid]
        answered[label] += 1
        correct[label] += int(a.correct)
        score[label] += a.score
    return [
        EvidenceAccuracy(
            label, EVIDENCE.get(label, label), questions[label], answered[label], correct[label], score[label]
        )
        for label in questions
    ]


def totals(content: Content, store: ProgressStore, *, now: datetime | None = None) -> Totals:
    questions = all_questions(content, include_generated=True)
    uids = {q.uid for q in questions}
    last = {u: a for u, a in store.last_attempt_by_question().items() if u in uids}
    counts = store.counts()
    rows = store.attempts()
    viewed = store.viewed_cards()
    return Totals(
        questions=len(questions),
        questions_answered=len(last),
        questions_correct=sum(1 for a in last.values() if a.correct),
        attempts=len(rows),
        correct_attempts=sum(1 for a in rows if a.correct),
        sessions=counts["sessions"],
        cards=len(content.cards),
        cards_viewed=sum(1 for c in content.cards if c.id in viewed),
        bookmarks=counts["bookmarks"],
        notes=counts["notes"],
        due_now=len(due_question_uids(content, store, now)),
    )


def overview(
    content: Content,
    store: ProgressStore,
    *,
    now: datetime | None = None,
    days: int = 14,
    tz: tzinfo | None = None,
) -> Overview:
    return Overview(
        totals=totals(content, store, now=now),
        chapters=tuple(chapter_mastery(content, store, now=now)),
        per_day=tuple(answers_per_day(store, days=days, now=now, tz=tz)),
        forecast=tuple(due_forecast(content, store, now, tz=tz)),
        by_evidence=tuple(accuracy_by_evidence(content, store)),
    )
