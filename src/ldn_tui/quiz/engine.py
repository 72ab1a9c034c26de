"""The quiz engine: choose questions, present them shuffled, grade, record, summarise.

Plain Python, no Textual. A screen builds a session and drives it:

    session = build_session(content, Selection(chapters=("evidence",)), store, count=10)
    while (item := session.current) is not None:
        ...show item.prompt and item.choices / item.items...
        grade = session.submit(response, confidence="unsure", elapsed_ms=4200)
        ...show grade...
        session.next()
    summary = session.finish()

Responses to `submit` use what was *shown*: for single/multiple an int is a position in
`item.choices`, for order a position in `item.items`; texts are accepted too (choice or item
text). True-false takes a bool, cloze a str. Each answer is written to the store (with the
question's next schedule) before `submit` returns.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ldn_tui.content.generated import generated_questions, is_generated
from ldn_tui.content.hashing import question_hash
from ldn_tui.content.labels import EVIDENCE, KINDS
from ldn_tui.content.model import Card, Chapter, Choice, Claim, Content, Question
from ldn_tui.progress.rows import CONFIDENCE, ScheduleRow
from ldn_tui.progress.scheduler import SAFETY_KIND, ReviewScheduler, due_question_uids, rating_for
from ldn_tui.progress.store import ProgressStore
from ldn_tui.progress.times import make_clock, utc
from ldn_tui.quiz.grading import Grade, InvalidResponse, grade
from ldn_tui.quiz.recording import AnswerLog, AttemptRecord, SessionInfo, StoreLog

MODES = ("all", "missed", "bookmarked", "due")

__all__ = [
    "CONFIDENCE",
    "MODES",
    "Answered",
    "QuizError",
    "QuizItem",
    "QuizRequest",
    "QuizSession",
    "Selection",
    "SessionProgress",
    "SessionSummary",
    "Tally",
    "available_count",
    "build_session",
    "candidates",
]


class QuizError(Exception):
    """Misuse of a session (answering twice, answering after the end)."""


@dataclass(frozen=True)
class Selection:
    """Which questions a session draws from. Empty tuples mean "no filter"."""

    chapters: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()  # claim evidence labels; questions without a claim drop out
    mode: str = "all"  # all | missed | bookmarked | due
    include_generated: bool = True

    def __post_init__(self) -> None:
        for name in ("chapters", "kinds", "evidence"):
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
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Selection:
        keys = {"chapters", "kinds", "evidence", "mode", "include_generated"}
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
    label: str  # chapter title or card kind
    answered: int = 0
    correct: int = 0
    score_sum: float = 0.0

    @property
    def score(self) -> float:
        """Mean score, 0..1."""
        return self.score_sum / self.answered if self.answered else 0.0


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

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def confidently_wrong_safety_first(self) -> tuple[Answered, ...]:
        """`confidently_wrong` with the safety questions first (each group in answer order)."""
        return tuple(sorted(self.confidently_wrong, key=lambda a: not a.safety))


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


# --- building a session -----------------------------------------------------------------------


@dataclass
class _Candidate:
    question: Question
    card: Card
    chapter: Chapter
    generated: bool
    claim: Claim | None = field(default=None)


def candidates(content: Content, selection: Selection) -> list[_Candidate]:
    """Every question matching the selection's chapter, kind and evidence filters, in content order."""
    known = {ch.id for ch in content.chapters}
    bad = [c for c in selection.chapters if c not in known]
    if bad:
        raise ValueError(f"unknown chapter {bad[0]!r}; chapters: {', '.join(ch.id for ch in content.chapters)}")
    extra: dict[str, list[Question]] = {}
    if selection.include_generated:
        for q in generated_questions(content):
            extra.setdefault(q.card_id, []).append(q)
    out: list[_Candidate] = []
    for ch in sorted(content.chapters, key=lambda c: c.order):
        if selection.chapters and ch.id not in selection.chapters:
            continue
        for card in ch.cards:
            if selection.kinds and card.kind not in selection.kinds:
                continue
            for q in (*card.quiz, *extra.get(card.id, ())):
                claim = card.claim(q.claim) if q.claim else None
                if selection.evidence and (claim is None or claim.evidence not in selection.evidence):
                    continue
                out.append(_Candidate(q, card, ch, is_generated(q), claim))
    return out


def _present(c: _Candidate, rng: random.Random) -> QuizItem:
    q = c.question
    choices: tuple[Choice, ...] = ()
    choice_order: tuple[int, ...] = ()
    items: tuple[str, ...] = ()
    item_order: tuple[int, ...] = ()
    if q.type in ("single", "multiple"):
        order = list(range(len(q.choices)))
        # Generated certainty questions keep GRADE's order (high -> very low): it is a scale.
        if not (c.generated and q.id.endswith("-certainty")):
            rng.shuffle(order)
        choice_order = tuple(order)
        choices = tuple(q.choices[i] for i in order)
    elif q.type == "order":
        order = list(range(len(q.items)))
        if len(order) >= 2:
            while order == sorted(order):
                rng.shuffle(order)
        item_order = tuple(order)
        items = tuple(q.items[i] for i in order)
    return QuizItem(
        question=q,
        card=c.card,
        chapter=c.chapter,
        content_hash=question_hash(q),
        generated=c.generated,
        claim=c.claim,
        choices=choices,
        choice_order=choice_order,
        items=items,
        item_order=item_order,
    )


#: In shuffled sessions, at most one generated question follows every AUTHORED_PER_GENERATED
#: authored ones until the authored run out: claims outnumber authored questions, and a short
#: quiz should still be mostly the authors' questions.
AUTHORED_PER_GENERATED = 2


def _mix(pool: list[_Candidate], rng: random.Random) -> list[_Candidate]:
    authored = [c for c in pool if not c.generated]
    made = [c for c in pool if c.generated]
    rng.shuffle(authored)
    rng.shuffle(made)
    out: list[_Candidate] = []
    a = g = 0
    while a < len(authored) or g < len(made):
        take = authored[a : a + AUTHORED_PER_GENERATED]
        out.extend(take)
        a += len(take)
        if g < len(made) and (take or a >= len(authored)):
            out.append(made[g])
            g += 1
    return out


def _pool(content: Content, selection: Selection, store: ProgressStore, at: datetime) -> list[_Candidate]:
    """The questions a session with `selection` draws from (before shuffling and `count`)."""
    pool = candidates(content, selection)
    if selection.mode == "missed":
        missed = store.missed_question_uids()
        pool = [c for c in pool if c.question.uid in missed]
    elif selection.mode == "bookmarked":
        marked = store.bookmarked_card_ids()
        pool = [c for c in pool if c.card.id in marked]
    elif selection.mode == "due":
        due = due_question_uids(content, store, at, include_generated=selection.include_generated)
        rank = {uid: i for i, uid in enumerate(due)}
        pool = sorted((c for c in pool if c.question.uid in rank), key=lambda c: rank[c.question.uid])
    return pool


def available_count(
    content: Content, selection: Selection, store: ProgressStore, *, now: datetime | None = None
) -> int:
    """How many questions a session with `selection` could hold (for "12 questions match").

    Cheaper than `build_session` (nothing is shuffled or hashed); raises ValueError for an
    unknown chapter, like `candidates`.
    """
    at = utc(now) if now is not None else store.now()
    return len(_pool(content, selection, store, at))


@dataclass(frozen=True)
class QuizRequest:
    """Everything needed to start a session: what to draw from, how many, which seed, which uids.

    The CLI, the setup dialog and "review these now" all describe a session this way; the app
    turns it into a `QuizSession` with `build`.
    """

    selection: Selection = field(default_factory=Selection)
    count: int | None = None
    seed: int | None = None
    uids: tuple[str, ...] | None = None  # "review these now": exactly these, in this order

    def __post_init__(self) -> None:
        if self.uids is not None:
            object.__setattr__(self, "uids", tuple(self.uids))

    def build(
        self, content: Content, store: ProgressStore, *, now: datetime | None = None, log: AnswerLog | None = None
    ) -> QuizSession:
        return build_session(
            content, self.selection, store, count=self.count, seed=self.seed, now=now, uids=self.uids, log=log
        )

    def available(self, content: Content, store: ProgressStore, *, now: datetime | None = None) -> int:
        """How many questions the session would hold."""
        if self.uids is not None:
            at = utc(now) if now is not None else store.now()
            wanted = set(self.uids)
            n = sum(1 for c in _pool(content, self.selection, store, at) if c.question.uid in wanted)
        else:
            n = available_count(content, self.selection, store, now=now)
        return n if self.count is None else min(n, max(0, int(self.count)))


def build_session(
    content: Content,
    selection: Selection,
    store: ProgressStore,
    *,
    count: int | None = None,
    seed: int | None = None,
    now: datetime | None = None,
    uids: Sequence[str] | None = None,
    scheduler: ReviewScheduler | None = None,
    log: AnswerLog | None = None,
) -> QuizSession:
    """Build a session from the questions matching `selection`.

    Modes: "all" (every match), "missed" (latest attempt scored < 1), "bookmarked" (questions
    on bookmarked cards), "due" (due for review at `now`, most overdue first). Every mode but
    "due" shuffles the questions, two authored to one generated while both last (`_mix`).
    `count` keeps the first `count`. `uids`, if given, restricts the session to those
    questions in that order ("review these now"). The same `seed` gives the same session
    (questions, choice order, item order); None picks one at random, which is kept with the
    session in the store. `store` is read to choose the questions; answers go to `log`
    (default: `StoreLog(store)`, which writes each one before `submit` returns).
    """
    if seed is None:
        seed = random.SystemRandom().randrange(1 << 32)
    rng = random.Random(seed)
    at = utc(now) if now is not None else store.now()
    pool = _pool(content, selection, store, at)

    if uids is not None:
        by_uid = {c.question.uid: c for c in pool}
        pool = [by_uid[u] for u in dict.fromkeys(uids) if u in by_uid]
    elif selection.mode != "due":
        pool = _mix(pool, rng)

    if count is not None:
        pool = pool[: max(0, int(count))]
    items = [_present(c, rng) for c in pool]
    log = log if log is not None else StoreLog(store)
    return QuizSession(content, log, items, selection, seed=seed, scheduler=scheduler, now=now)
