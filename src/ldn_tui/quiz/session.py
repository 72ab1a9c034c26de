"""`QuizSession`: a run through a fixed list of items — grade, schedule, record, summarise."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from ldn_tui.content.labels import KINDS
from ldn_tui.content.model import Content
from ldn_tui.progress.rows import CONFIDENCE, ScheduleRow
from ldn_tui.progress.scheduler import SAFETY_KIND, ReviewScheduler, rating_for
from ldn_tui.progress.times import make_clock, utc
from ldn_tui.quiz.grading import Grade, grade
from ldn_tui.quiz.items import Answered, QuizError, QuizItem, Selection, SessionProgress, SessionSummary, Tally
from ldn_tui.quiz.recording import AnswerLog, AttemptRecord, SessionInfo


class QuizSession:
    """A run through a fixed list of `QuizItem`s. Build one with `build_session`."""

    def __init__(
        self,
        content: Content,
        log: AnswerLog,
        items: Sequence[QuizItem],
        selection: Selection,
        *,
        seed: int,
        scheduler: ReviewScheduler | None = None,
        now: datetime | None = None,
    ) -> None:
        self.content = content
        self.log = log
        self.items: tuple[QuizItem, ...] = tuple(items)
        self.selection = selection
        self.seed = seed
        self.scheduler = scheduler or ReviewScheduler()
        self._clock = make_clock(now) if now is not None else log.now
        self.started_at = utc(self._clock())
        self.finished_at: datetime | None = None
        self.index = 0
        self.answers: dict[int, Answered] = {}
        self.info = SessionInfo(
            selection.mode, selection.to_dict() | {"seed": seed, "count": len(self.items)}, self.started_at
        )
        # Read once, here: answering never waits on the database.
        self._schedules: dict[str, ScheduleRow] = log.schedules(item.uid for item in self.items)
        self._shown_at = self.started_at

    # -- state ---------------------------------------------------------------------------------

    @property
    def current(self) -> QuizItem | None:
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    @property
    def current_answer(self) -> Answered | None:
        """The answer to the current item, once submitted (None before)."""
        return self.answers.get(self.index)

    @property
    def notice(self) -> str | None:
        """A message for the student if answers are not being saved."""
        return self.log.notice

    @property
    def progress(self) -> SessionProgress:
        done = list(self.answers.values())
        return SessionProgress(
            position=min(self.index, len(self.items)) + 1,
            total=len(self.items),
            answered=len(done),
            correct=sum(1 for a in done if a.grade.correct),
            score_sum=sum(a.grade.score for a in done),
        )

    # -- actions -------------------------------------------------------------------------------

    def submit(
        self,
        response: Any,
        confidence: str | None = None,
        elapsed_ms: int | None = None,
        *,
        now: datetime | None = None,
    ) -> Grade:
        """Grade the current item, save the attempt and the new schedule, return the grade.

        Does not move on: call `next()` when the student is done reading the feedback.
        Store failures never raise here: the grade is returned and `notice` explains.
        """
        item = self.current
        if item is None:
            raise QuizError("the session is finished")
        if self.index in self.answers:
            raise QuizError(f"{item.uid} was already answered")
        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE} or None, not {confidence!r}")
        result = grade(item.question, item.to_authored(response), card=item.card)
        at = utc(now) if now is not None else utc(self._clock())
        if elapsed_ms is None:
            elapsed_ms = max(0, int((at - self._shown_at).total_seconds() * 1000))
        row = self.scheduler.next_row(
            item.uid,
            item.content_hash,
            self._schedules.get(item.uid),
            rating_for(result.score, confidence),
            safety=item.card.kind == SAFETY_KIND,
            now=at,
            elapsed_ms=elapsed_ms,
        )
        self._schedules[item.uid] = row
        self.log.record(
            self.info,
            AttemptRecord(
                question_uid=item.uid,
                card_id=item.card.id,
                content_hash=item.content_hash,
                answer=result.answer,
                score=result.score,
                confidence=confidence,
                elapsed_ms=elapsed_ms,
                generated=item.generated,
                answered_at=at,
                schedule=row,
            ),
        )
        self.answers[self.index] = Answered(item, result, confidence, elapsed_ms, at)
        return result

    def next(self, *, now: datetime | None = None) -> QuizItem | None:
        """Move to the next item (answered or not); return it, or None at the end."""
        if self.index < len(self.items):
            self.index += 1
        self._shown_at = utc(now) if now is not None else utc(self._clock())
        return self.current

    skip = next

    def finish(self, *, now: datetime | None = None) -> SessionSummary:
        """Close the session in the store and return its summary."""
        self.finished_at = utc(now) if now is not None else utc(self._clock())
        self.log.end(self.info, self.finished_at)
        return self.summary()

    @property
    def session_id(self) -> int | None:
        """The store's id for this session, once its first answer has been saved."""
        return self.info.session_id

    # -- summary -------------------------------------------------------------------------------

    def summary(self) -> SessionSummary:
        done = [self.answers[i] for i in sorted(self.answers)]
        by_chapter: dict[str, Tally] = {}
        by_kind: dict[str, Tally] = {}
        for a in done:
            for table, key, label in (
                (by_chapter, a.item.chapter.id, a.item.chapter.title),
                (by_kind, a.item.card.kind, a.item.card.kind),
            ):
                t = table.get(key, Tally(label))
                table[key] = Tally(label, t.answered + 1, t.correct + int(a.grade.correct), t.score_sum + a.grade.score)
        order = {ch.id: i for i, ch in enumerate(self.content.chapters)}
        by_chapter = dict(sorted(by_chapter.items(), key=lambda kv: order.get(kv[0], 1 << 30)))
        by_kind = dict(sorted(by_kind.items(), key=lambda kv: KINDS.index(kv[0]) if kv[0] in KINDS else 99))
        missed = tuple(a for a in done if a.grade.score < 1.0)
        confident = tuple(a for a in missed if a.confidence == "sure")
        review = [a.item.uid for a in confident] + [a.item.uid for a in missed if a.confidence != "sure"]
        last = max((a.answered_at for a in done), default=self.started_at)
        end = self.finished_at or last
        answered = len(done)
        return SessionSummary(
            total=len(self.items),
            answered=answered,
            correct=sum(1 for a in done if a.grade.correct),
            score=(sum(a.grade.score for a in done) / answered) if answered else 0.0,
            by_chapter=by_chapter,
            by_kind=by_kind,
            answer_time_ms=sum(a.elapsed_ms or 0 for a in done),
            duration=max(timedelta(0), end - self.started_at),
            missed=missed,
            confidently_wrong=confident,
            review_uids=tuple(dict.fromkeys(review)),
            session_id=self.session_id,
        )
