"""`QuizSession`: a run through a fixed list of items — grade, schedule, record, summarise.

Two styles. **Tutor** (the default): `submit` grades and records each answer at once, and the
screen shows its feedback. **Exam**: `answer` keeps a response (changeable, in any order:
`goto`, `next`, `previous`), nothing is graded until `submit_exam` (or the time limit runs
out), which grades and records every answer together; after that the session walks through
every question with its feedback (`reviewing`).

Every change is handed to the log as a checkpoint (`quiz.saved.state_of`), so a session that is
paused, or whose process is killed, can be rebuilt at the question it was on with every answer
given (`quiz.saved.restore`). The clock is injectable (`clock=`; every action takes `now=`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from ldn_tui.content.model import Content
from ldn_tui.progress.rows import CONFIDENCE, ScheduleRow
from ldn_tui.progress.scheduler import SAFETY_KIND, ReviewScheduler, rating_for
from ldn_tui.progress.times import iso, make_clock, utc
from ldn_tui.quiz.grading import Grade, grade
from ldn_tui.quiz.items import STYLES, Answered, QuizError, QuizItem, Selection, SessionProgress, SessionSummary
from ldn_tui.quiz.recording import AnswerLog, AttemptRecord, SessionInfo
from ldn_tui.quiz.summary import summarise

#: Version of the saved state's shape (`QuizSession.state`); a state of another version is not resumed.
STATE_VERSION = 1


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
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.content = content
        self.log = log
        self.items: tuple[QuizItem, ...] = tuple(items)
        self.selection = selection
        self.seed = seed
        self.scheduler = scheduler or ReviewScheduler()
        if clock is not None:
            self._clock = make_clock(clock)
        else:
            self._clock = make_clock(now) if now is not None else log.now
        self.started_at = utc(self._clock())
        self.finished_at: datetime | None = None
        self.index = 0
        self.answers: dict[int, Answered] = {}
        #: What the student gave, by item index, in shown positions: (response, confidence).
        #: Tutor: the submitted answers. Exam: the answers so far, changeable until submitted.
        self.responses: dict[int, tuple[Any, str | None]] = {}
        self.style = "tutor"
        self.time_limit: int | None = None  # seconds, exam only
        self.submitted = False  # exam: graded and recorded
        self.timed_out = False
        #: Time spent in earlier sittings (before a pause), in ms; the clock runs only in a sitting.
        self.used_ms = 0
        self.sitting_start = self.started_at
        #: Time on each item (ms), for the exam's per-answer times.
        self.time_on: dict[int, int] = {}
        self.info = SessionInfo(
            selection.mode, selection.to_dict() | {"seed": seed, "count": len(self.items)}, self.started_at
        )
        # Read once, here: answering never waits on the database.
        self._schedules: dict[str, ScheduleRow] = log.schedules(item.uid for item in self.items)
        self._shown_at = self.started_at

    def set_style(self, style: str, time_limit: int | None = None) -> None:
        if style not in STYLES:
            raise ValueError(f"mode must be one of {', '.join(STYLES)}, not {style!r}")
        self.style = style
        self.time_limit = time_limit if style == "exam" else None
        self.info.selection |= {"style": style, "time_limit": self.time_limit}

    # -- state ---------------------------------------------------------------------------------

    @property
    def exam(self) -> bool:
        return self.style == "exam"

    @property
    def reviewing(self) -> bool:
        """Exam mode after submitting: walking through every question with its feedback."""
        return self.exam and self.submitted

    @property
    def current(self) -> QuizItem | None:
        return self.items[self.index] if self.index < len(self.items) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    @property
    def current_answer(self) -> Answered | None:
        """The graded answer to the current item (tutor: once submitted; exam: in the review)."""
        return self.answers.get(self.index)

    @property
    def current_response(self) -> tuple[Any, str | None] | None:
        return self.responses.get(self.index)

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
            answered=len(self.responses) if self.exam and not self.submitted else len(done),
            correct=sum(1 for a in done if a.grade.correct),
            score_sum=sum(a.grade.score for a in done),
        )

    @property
    def started(self) -> bool:
        """Whether anything has been answered (there is something to pause or to summarise)."""
        return bool(self.responses or self.answers)

    def now(self) -> datetime:
        return utc(self._clock())

    def elapsed_seconds(self, now: datetime | None = None) -> float:
        """Time spent in the quiz so far, pauses excluded."""
        at = utc(now) if now is not None else self.now()
        return self.used_ms / 1000 + max(0.0, (at - self.sitting_start).total_seconds())

    def remaining_seconds(self, now: datetime | None = None) -> float | None:
        """Exam with a time limit: seconds left (never below 0); else None."""
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed_seconds(now))

    def time_up(self, now: datetime | None = None) -> bool:
        left = self.remaining_seconds(now)
        return left is not None and left <= 0

    def _checkpoint(self) -> None:
        self.log.checkpoint(self.info, self.state())

    def state(self) -> dict[str, Any]:
        """The session as plain JSON, for `quiz.saved` to resume (pause, kill -9): the request, each item
        with the order its choices were shown in, the position, every response and the time used."""
        at = self.now()
        return {
            "version": STATE_VERSION,
            "style": self.style,
            "time_limit": self.time_limit,
            "selection": self.selection.to_dict(),
            "seed": self.seed,
            "started_at": iso(self.started_at),
            "used_ms": int(self.elapsed_seconds(at) * 1000),
            "index": self.index,
            "items": [
                {"uid": it.uid, "choices": list(it.choice_order), "items": list(it.item_order)} for it in self.items
            ],
            "responses": {
                str(i): {
                    "response": response,
                    "confidence": confidence,
                    "elapsed_ms": self.answers[i].elapsed_ms if i in self.answers else None,
                    "answered_at": iso(self.answers[i].answered_at) if i in self.answers else None,
                }
                for i, (response, confidence) in sorted(self.responses.items())
            },
            "time_on": {str(i): ms for i, ms in sorted(self.time_on.items())},
        }

    def _leave(self, at: datetime) -> None:
        """Count the time on the current item before moving off it."""
        spent = max(0, int((at - self._shown_at).total_seconds() * 1000))
        self.time_on[self.index] = self.time_on.get(self.index, 0) + spent
        self._shown_at = at

    # -- tutor ---------------------------------------------------------------------------------

    def submit(
        self,
        response: Any,
        confidence: str | None = None,
        elapsed_ms: int | None = None,
        *,
        now: datetime | None = None,
    ) -> Grade:
        """Tutor mode: grade the current item, save the attempt and the new schedule, return the grade.

        Does not move on: call `next()` when the student is done reading the feedback.
        Store failures never raise here: the grade is returned and `notice` explains.
        """
        item = self.current
        if item is None:
            raise QuizError("the session is finished")
        if self.exam:
            raise QuizError("an exam is graded at the end: use answer() and submit_exam()")
        if self.index in self.answers:
            raise QuizError(f"{item.uid} was already answered")
        self._check_confidence(confidence)
        at = utc(now) if now is not None else self.now()
        if elapsed_ms is None:
            elapsed_ms = max(0, int((at - self._shown_at).total_seconds() * 1000))
        result = self._record(self.index, response, confidence, elapsed_ms, at)
        self.responses[self.index] = (response, confidence)
        self._checkpoint()
        return result

    def _check_confidence(self, confidence: str | None) -> None:
        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE} or None, not {confidence!r}")

    def _record(self, index: int, response: Any, confidence: str | None, elapsed_ms: int, at: datetime) -> Grade:
        item = self.items[index]
        result = grade(item.question, item.to_authored(response), card=item.card)
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
        self.answers[index] = Answered(item, result, confidence, elapsed_ms, at)
        return result

    def next(self, *, now: datetime | None = None) -> QuizItem | None:
        """Move to the next item (answered or not); return it, or None at the end.

        In an exam (before submitting) the last item is as far as it goes.
        """
        at = utc(now) if now is not None else self.now()
        if self.exam and not self.submitted:
            self._leave(at)
            self.index = min(self.index + 1, len(self.items) - 1)
            self._checkpoint()
            return self.current
        if self.index < len(self.items):
            self.index += 1
        self._shown_at = at
        if not self.reviewing:
            self._checkpoint()
        return self.current

    skip = next

    # -- exam ----------------------------------------------------------------------------------

    def answer(self, response: Any, confidence: str | None = None, *, now: datetime | None = None) -> None:
        """Exam mode: keep (or change) the answer to the current item; nothing is graded yet.

        Raises `InvalidResponse` for a response that does not fit the question, `QuizError`
        once the exam is submitted.
        """
        item = self.current
        if item is None or not self.exam or self.submitted:
            raise QuizError("answers can be changed only in an exam that is not yet submitted")
        self._check_confidence(confidence)
        grade(item.question, item.to_authored(response), card=item.card)  # InvalidResponse now, not at the end
        self.responses[self.index] = (response, confidence)
        self._leave(utc(now) if now is not None else self.now())
        self._checkpoint()

    def clear_answer(self, *, now: datetime | None = None) -> None:
        if self.exam and not self.submitted and self.responses.pop(self.index, None) is not None:
            self._checkpoint()

    def goto(self, index: int, *, now: datetime | None = None) -> QuizItem | None:
        """Exam mode (and its review): show item `index` (clamped to the list)."""
        at = utc(now) if now is not None else self.now()
        if not self.items:
            return None
        if not self.submitted:
            self._leave(at)
        self.index = max(0, min(len(self.items) - 1, index))
        self._shown_at = at
        if not self.submitted:
            self._checkpoint()
        return self.current

    def previous(self, *, now: datetime | None = None) -> QuizItem | None:
        return self.goto(self.index - 1, now=now)

    @property
    def unanswered(self) -> list[int]:
        """Exam: the (1-based) numbers of the questions without an answer."""
        return [i + 1 for i in range(len(self.items)) if i not in self.responses]

    def submit_exam(self, *, now: datetime | None = None) -> None:
        """Grade and record every answer given (unanswered questions are not recorded), then
        start the review at the first question. Called when the time runs out too."""
        if not self.exam or self.submitted:
            raise QuizError("this is not an exam waiting to be submitted")
        at = utc(now) if now is not None else self.now()
        self._leave(at)
        self.timed_out = self.time_up(at)
        for index in sorted(self.responses):
            response, confidence = self.responses[index]
            self._record(index, response, confidence, self.time_on.get(index, 0), at)
        self.submitted = True
        self.used_ms = int(self.elapsed_seconds(at) * 1000)
        self.sitting_start = at
        self.index = 0
        self._shown_at = at
        self.log.end(self.info, at)

    def review_item(self, index: int) -> Answered:
        """Exam review: the graded answer to item `index`, or its blank grade if unanswered."""
        found = self.answers.get(index)
        if found is not None:
            return found
        item = self.items[index]
        return Answered(item, grade(item.question, None, card=item.card), None, None, self.finished_at or self.now())

    # -- ending --------------------------------------------------------------------------------

    def finish(self, *, now: datetime | None = None) -> SessionSummary:
        """Close the session in the store and return its summary."""
        self.finished_at = utc(now) if now is not None else self.now()
        if self.exam and not self.submitted:
            self.submit_exam(now=self.finished_at)
        else:
            self.log.end(self.info, self.finished_at)
        return self.summary()

    def abandon(self) -> None:
        """Leave a session that has nothing answered: there is nothing to resume."""
        if not self.started:
            self.log.discard(self.info)

    @property
    def session_id(self) -> int | None:
        """The store's id for this session, once its first answer has been saved."""
        return self.info.session_id

    # -- summary -------------------------------------------------------------------------------

    def summary(self) -> SessionSummary:
        done = [self.answers[i] for i in sorted(self.answers)]
        if self.submitted:
            duration = timedelta(milliseconds=self.used_ms)
        else:
            last = max((a.answered_at for a in done), default=self.sitting_start)
            end = self.finished_at or last
            duration = timedelta(milliseconds=self.used_ms) + max(timedelta(0), end - self.sitting_start)
        return summarise(
            self.content,
            done,
            total=len(self.items),
            duration=duration,
            session_id=self.session_id,
            style=self.style,
            review=tuple(self.review_item(i) for i in range(len(self.items))) if self.submitted else (),
            timed_out=self.timed_out,
        )
