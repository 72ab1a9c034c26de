"""Plain numbers for the stats screen and `ldn-study stats` (no Textual, no formatting).

- `chapter_mastery`: per chapter, the fraction of its questions whose latest attempt was
  correct, plus answered/total and what is due.
- `answers_per_day`: answers and correct answers on each of the last N local days.
- `due_forecast`: questions due on each of the next 7 days (from the scheduler).
- `accuracy_by_evidence`: for questions linked to a claim (authored and generated), how well
  the student does by the claim's evidence label.
- `objective_trends`: per learning objective, the mean score in each session that asked it.
- `totals`: overall counts; authored and generated questions counted apart.
- `overview`: all of the above in one object.

"Due now" is one thing everywhere: every question (authored or generated) whose review time
has come (`scheduler.due_question_uids`). The forecast's first day is split into "due now" and
"later today", so its first line is the same number as "due now" beside it.

"Latest attempt" ignores content hashes: a question edited since it was answered still counts
with its last answer here; the scheduler, not the stats, re-queues it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from ldn_tui.content.generated import all_questions
from ldn_tui.content.labels import EVIDENCE
from ldn_tui.content.model import Content
from ldn_tui.content.objectives import objective_of, objective_titles
from ldn_tui.progress.scheduler import DueDay, due_counts_by_chapter, due_forecast, due_question_uids
from ldn_tui.progress.store import ProgressStore, utc

__all__ = [
    "ChapterMastery",
    "DayCount",
    "DueDay",
    "EvidenceAccuracy",
    "ObjectiveTrend",
    "Overview",
    "Totals",
    "accuracy_by_evidence",
    "answers_per_day",
    "chapter_mastery",
    "due_forecast",
    "objective_trends",
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

    @property
    def unused(self) -> int:
        """Questions never answered."""
        return self.total - self.answered


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
class ObjectiveTrend:
    objective_id: str
    title: str
    questions: int  # questions tagged with it
    sessions: tuple[float, ...]  # mean score in each session that asked it, oldest first
    attempts: int

    @property
    def latest(self) -> float | None:
        return self.sessions[-1] if self.sessions else None


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
    questions_authored: int = 0  # written by the authors (what `validate` counts)
    questions_generated: int = 0  # made from the claims' evidence and certainty labels
    due_later_today: int = 0  # due before the end of the local day, but not yet

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
    objectives: tuple[ObjectiveTrend, ...] = ()
    #: Whether the content has learning objectives at all (else the report says so).
    objectives_defined: bool = False


def chapter_mastery(
    content: Content,
    store: ProgressStore,
    *,
    include_generated: bool = False,
    now: datetime | None = None,
) -> list[ChapterMastery]:
    """Per chapter (in content order): total, answered, correct-last-time and due questions.

    `due` counts every question due now, authored or generated, as everywhere else."""
    progress = store.chapter_progress(content, include_generated=include_generated)
    due = due_counts_by_chapter(content, store, now)
    return [
        ChapterMastery(ch.id, ch.title, p.total, p.answered, p.correct, due.get(ch.id, 0))
        for ch in sorted(content.chapters, key=lambda c: c.order)
        for p in [progress[ch.id]]
    ]


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


def objective_trends(content: Content, store: ProgressStore) -> list[ObjectiveTrend]:
    """Per learning objective (content order): the mean score in each session that asked one of
    its questions, oldest session first (answers outside a session count as their own)."""
    titles = objective_titles(content)
    if not titles:
        return []
    of = {q.uid: oid for q in content.questions if (oid := objective_of(q)) is not None}
    per: dict[str, dict[object, list[float]]] = {oid: {} for oid in titles}
    attempts = dict.fromkeys(titles, 0)
    for a in store.attempts(question_uids=list(of)):
        oid = of[a.question_uid]
        key: object = a.session_id if a.session_id is not None else ("attempt", a.id)
        per[oid].setdefault(key, []).append(a.score)
        attempts[oid] += 1
    counts = {oid: sum(1 for o in of.values() if o == oid) for oid in titles}
    return [
        ObjectiveTrend(oid, title, counts[oid], tuple(sum(v) / len(v) for v in per[oid].values()), attempts[oid])
        for oid, title in titles.items()
    ]


def totals(content: Content, store: ProgressStore, *, now: datetime | None = None, tz: tzinfo | None = None) -> Totals:
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
        due_now=(due_now := len(due_question_uids(content, store, now))),
        questions_authored=len(content.questions),
        questions_generated=len(questions) - len(content.questions),
        due_later_today=max(0, due_forecast(content, store, now, days=1, tz=tz)[0].count - due_now),
    )


def overview(
    content: Content,
    store: ProgressStore,
    *,
    now: datetime | None = None,
    days: int = 14,
    tz: tzinfo | None = None,
) -> Overview:
    trends = objective_trends(content, store)
    return Overview(
        totals=totals(content, store, now=now, tz=tz),
        chapters=tuple(chapter_mastery(content, store, now=now)),
        per_day=tuple(answers_per_day(store, days=days, now=now, tz=tz)),
        forecast=tuple(due_forecast(content, store, now, tz=tz)),
        by_evidence=tuple(accuracy_by_evidence(content, store)),
        objectives=tuple(trends),
        objectives_defined=bool(trends),
    )
