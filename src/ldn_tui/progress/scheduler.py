"""Spaced repetition with FSRS (the `fsrs` package), one FSRS card per question uid.

Rating from an answer (`rating_for`):

| answer | rating |
|---|---|
| wrong (score 0) | Again |
| partly right (0 < score < 1) | Hard |
| right, but a guess | Hard |
| right, unsure (or no confidence given) | Good |
| right and sure | Easy |

Why Easy for "right and sure": a confident correct answer is the strongest signal the student
can give, and in FSRS Easy skips the minutes-long learning steps, so a question the student
already knows is not shown again in ten minutes. Being *unsure* keeps the ordinary Good path
(learning steps, then days); a guess that happened to be right is treated like a partial answer.

Safety: questions on cards of kind `safety` are scheduled by an FSRS scheduler whose
`maximum_interval` is `SAFETY_MAX_INTERVAL_DAYS` (30), their due date is also capped at
30 days after their last review when read back (so a card that *became* a safety card is pulled
in too), and they cannot be suspended (`CannotSuspend`).

A question whose content hash differs from the one it was scheduled under is treated as new: it
is due now, and its next review starts a fresh FSRS card.

Fuzzing (FSRS's random spread of intervals) is off by default so schedules are reproducible with
a fixed clock; pass `enable_fuzzing=True` to turn it on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from ldn_tui.content.hashing import question_hash
from ldn_tui.content.model import Card, Content, Question
from ldn_tui.progress.errors import CannotSuspend
from ldn_tui.progress.rows import ScheduleRow
from ldn_tui.progress.times import utc

SAFETY_KIND = "safety"
SAFETY_MAX_INTERVAL_DAYS = 30

__all__ = [
    "SAFETY_KIND",
    "SAFETY_MAX_INTERVAL_DAYS",
    "CannotSuspend",
    "DueDay",
    "Rating",
    "ReviewScheduler",
    "ScheduleStore",
    "State",
    "content_hashes",
    "due_counts_by_chapter",
    "due_forecast",
    "due_question_uids",
    "effective_due",
    "next_due",
    "rating_for",
    "suspend",
]


class ScheduleStore(Protocol):
    """What the scheduler needs of a store: its clock and the schedule rows (`ProgressStore` is one).

    A protocol rather than the store's class, so this module and the store's never import each
    other: the store keeps rows, the scheduler decides what they mean.
    """

    def now(self) -> datetime: ...
    def get_schedule(self, question_uid: str) -> ScheduleRow | None: ...
    def schedule_rows(self) -> list[ScheduleRow]: ...
    def save_schedule(self, row: ScheduleRow) -> None: ...
    def set_suspended(self, question_uid: str, suspended: bool) -> bool: ...


def rating_for(score: float, confidence: str | None) -> Rating:
    """The FSRS rating for an answer's score (0..1) and the student's confidence."""
    if score <= 0.0:
        return Rating.Again
    if score < 1.0 - 1e-9:
        return Rating.Hard
    if confidence == "guess":
        return Rating.Hard
    if confidence == "sure":
        return Rating.Easy
    return Rating.Good


def _fsrs_card_id(uid: str) -> int:
    # Stable per question (fsrs would otherwise use the clock, and sleep 1 ms per card).
    return int.from_bytes(hashlib.blake2b(uid.encode("utf-8"), digest_size=6).digest(), "big")


class ReviewScheduler:
    """Turns answers into schedule rows. Holds two FSRS schedulers: normal and safety-capped."""

    def __init__(
        self,
        *,
        desired_retention: float = 0.9,
        maximum_interval: int = 36500,
        safety_max_interval: int = SAFETY_MAX_INTERVAL_DAYS,
        enable_fuzzing: bool = False,
    ) -> None:
        self.safety_max_interval = min(safety_max_interval, maximum_interval)
        self._normal = Scheduler(
            desired_retention=desired_retention,
            maximum_interval=maximum_interval,
            enable_fuzzing=enable_fuzzing,
        )
        self._safety = Scheduler(
            desired_retention=desired_retention,
            maximum_interval=self.safety_max_interval,
            enable_fuzzing=enable_fuzzing,
        )

    def next_row(
        self,
        question_uid: str,
        content_hash: str,
        previous: ScheduleRow | None,
        rating: Rating,
        *,
        safety: bool,
        now: datetime,
        elapsed_ms: int | None = None,
    ) -> ScheduleRow:
        """The schedule row after one review (not saved: pass it to `store.record_attempt`)."""
        now = utc(now)
        fresh = previous is None or previous.content_hash != content_hash
        if fresh or previous is None:
            card = FsrsCard(card_id=_fsrs_card_id(question_uid), due=now)
        else:
            try:
                card = FsrsCard.from_json(previous.card)
            except (ValueError, KeyError, TypeError):
                card = FsrsCard(card_id=_fsrs_card_id(question_uid), due=now)
        if card.last_review is not None and card.last_review > now:
            # A clock that went backwards (or an imported row from the future): start over
            # rather than feed FSRS a negative interval.
            card = FsrsCard(card_id=_fsrs_card_id(question_uid), due=now)
        sched = self._safety if safety else self._normal
        card, _log = sched.review_card(card, rating, review_datetime=now, review_duration=elapsed_ms)
        due = utc(card.due)
        if safety:
            due = min(due, now + timedelta(days=self.safety_max_interval))
        suspended = bool(previous and not fresh and previous.suspended and not safety)
        return ScheduleRow(
            question_uid=question_uid,
            content_hash=content_hash,
            card=card.to_json(),
            due=due,
            state=int(card.state),
            last_review=utc(card.last_review) if card.last_review else now,
            suspended=suspended,
        )

    def review(
        self,
        store: ScheduleStore,
        question: Question,
        *,
        card_kind: str,
        score: float,
        confidence: str | None,
        now: datetime | None = None,
        content_hash: str | None = None,
        save: bool = True,
    ) -> ScheduleRow:
        """Compute (and by default save) a question's next schedule after an answer."""
        now = utc(now) if now is not None else store.now()
        h = content_hash or question_hash(question)
        row = self.next_row(
            question.uid,
            h,
            store.get_schedule(question.uid),
            rating_for(score, confidence),
            safety=card_kind == SAFETY_KIND,
            now=now,
        )
        if save:
            store.save_schedule(row)
        return row


# --- reading the queue ------------------------------------------------------------------------


def content_hashes(content: Content, *, include_generated: bool = True) -> dict[str, str]:
    """uid -> content hash for every question (cached on the Content object)."""
    key = "content_hashes_gen" if include_generated else "content_hashes"
    cached = content._extra.get(key)
    if cached is None:
        from ldn_tui.content.generated import all_questions

        cached = {q.uid: question_hash(q) for q in all_questions(content, include_generated=include_generated)}
        content._extra[key] = cached
    return cached


def _scheduled(content: Content, uid: str) -> tuple[Card, str] | None:
    """A scheduled question's card and current content hash; None if it left the content.

    Built for that question alone (for a generated one, its card's generated questions), never
    for the whole bank: what is due is worked out from the schedule's rows, so a student who has
    answered nothing pays nothing, however large the content (at 10,000 cards, building and
    hashing every question took ~4.9 s and 126 MiB; benchmarks/README.md). Cached per content.
    """
    cache: dict[str, tuple[Card, str] | None] = content._extra.setdefault("scheduled_questions", {})
    if uid in cache:
        return cache[uid]
    from ldn_tui.content.generated import is_generated, questions_for_card

    card_id, _, qid = uid.rpartition("/")
    card = content.card_by_id.get(card_id)
    found = None
    if card is not None:
        question = next((q for q in card.quiz if q.id == qid), None)  # its chapter's questions only
        if question is None and is_generated(qid):
            question = next((q for q in questions_for_card(card, content) if q.uid == uid), None)
        if question is not None:
            found = (card, question_hash(question))
    cache[uid] = found
    return found


def effective_due(row: ScheduleRow, *, safety: bool, current_hash: str | None, now: datetime) -> datetime | None:
    """When a scheduled question is really due, or None if it is suspended.

    Changed content -> due now; safety -> never later than last review + the safety cap.
    """
    if current_hash is not None and current_hash != row.content_hash:
        return utc(now)
    if row.suspended and not safety:
        return None
    due = row.due
    if safety and row.last_review is not None:
        due = min(due, row.last_review + timedelta(days=SAFETY_MAX_INTERVAL_DAYS))
    return due


def _queue(content: Content, store: ScheduleStore, now: datetime) -> list[tuple[datetime, str]]:
    out: list[tuple[datetime, str]] = []
    for row in store.schedule_rows():
        found = _scheduled(content, row.question_uid)
        if found is None:
            continue  # the question was removed from the content
        card, current_hash = found
        due = effective_due(row, safety=card.kind == SAFETY_KIND, current_hash=current_hash, now=now)
        if due is not None:
            out.append((due, row.question_uid))
    out.sort()
    return out


def due_question_uids(
    content: Content, store: ScheduleStore, now: datetime | None = None, *, include_generated: bool = True
) -> list[str]:
    """Questions due at `now`, most overdue first (changed questions count as due now)."""
    now = utc(now) if now is not None else store.now()
    from ldn_tui.content.generated import is_generated

    return [
        uid for due, uid in _queue(content, store, now) if due <= now and (include_generated or not is_generated(uid))
    ]


def next_due(content: Content, store: ScheduleStore, now: datetime | None = None) -> datetime | None:
    """When the soonest scheduled (not suspended) question is due; None if nothing is scheduled.

    May be in the past (something is due now). For "nothing is due; next review ..." messages.
    """
    queue = _queue(content, store, utc(now) if now is not None else store.now())
    return queue[0][0] if queue else None


def due_counts_by_chapter(content: Content, store: ScheduleStore, now: datetime | None = None) -> dict[str, int]:
    """chapter id -> number of questions due now (every chapter present, 0 if none)."""
    out = {ch.id: 0 for ch in content.chapters}
    for uid in due_question_uids(content, store, now):
        found = _scheduled(content, uid)
        if found is not None:
            out[found[0].chapter_id] = out.get(found[0].chapter_id, 0) + 1
    return out


@dataclass(frozen=True, slots=True)
class DueDay:
    day: date  # a local calendar day
    count: int  # questions due that day (day 0 also counts everything overdue)


def due_forecast(
    content: Content,
    store: ScheduleStore,
    now: datetime | None = None,
    *,
    days: int = 7,
    tz: tzinfo | None = None,
) -> list[DueDay]:
    """Questions due on each of the next `days` calendar days in `tz` (default: local time).

    Day 0 is today and includes everything already overdue.
    """
    now = utc(now) if now is not None else store.now()
    local_now = now.astimezone(tz) if tz is not None else now.astimezone()
    today = local_now.date()
    counts = [0] * days
    for due, _uid in _queue(content, store, now):
        d = (due.astimezone(local_now.tzinfo).date() - today).days
        if d < 0:
            d = 0
        if d < days:
            counts[d] += 1
    return [DueDay(today + timedelta(days=i), counts[i]) for i in range(days)]


def suspend(
    content: Content,
    store: ScheduleStore,
    question_uid: str,
    suspended: bool = True,
    *,
    now: datetime | None = None,
) -> None:
    """Suspend (or un-suspend) a question; raises `CannotSuspend` for safety questions."""
    found = _scheduled(content, question_uid)
    if found is None:
        raise KeyError(question_uid)
    card, current_hash = found
    if suspended and card.kind == SAFETY_KIND:
        raise CannotSuspend(f"{question_uid} is on a safety card; safety questions always stay in review.")
    if store.set_suspended(question_uid, suspended):
        return
    if not suspended:
        return
    now = utc(now) if now is not None else store.now()
    fsrs_card = FsrsCard(card_id=_fsrs_card_id(question_uid), due=now)
    store.save_schedule(
        ScheduleRow(
            question_uid=question_uid,
            content_hash=current_hash,
            card=fsrs_card.to_json(),
            due=now,
            state=int(State.Learning),
            last_review=None,
            suspended=True,
        )
    )
