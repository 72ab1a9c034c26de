"""Building a session: which questions match a selection, in what order, shown how.

Pools (`Selection.mode`): "all", "missed" (incorrect last time), "bookmarked", "due", "unused",
"flagged" (see `build_session`); each combines with the chapter, kind, evidence and objective
filters. The store is read here to
choose the questions; answers go to the session's `AnswerLog`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from ldn_tui.content.generated import generated_questions, is_generated
from ldn_tui.content.hashing import question_hash
from ldn_tui.content.model import Card, Chapter, Choice, Claim, Content, Question
from ldn_tui.content.objectives import NO_OBJECTIVES, objective_of, objective_titles
from ldn_tui.progress.scheduler import ReviewScheduler, due_question_uids
from ldn_tui.progress.store import ProgressStore
from ldn_tui.progress.times import utc
from ldn_tui.quiz.items import STYLES, QuizItem, Selection
from ldn_tui.quiz.recording import AnswerLog, StoreLog
from ldn_tui.quiz.session import QuizSession


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
    if selection.objectives:
        objectives = objective_titles(content)
        bad = [o for o in selection.objectives if o not in objectives]
        if bad:
            valid = f"objectives: {', '.join(objectives)}" if objectives else NO_OBJECTIVES
            raise ValueError(f"unknown learning objective {bad[0]!r}; {valid}")
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
                if selection.objectives and objective_of(q) not in selection.objectives:
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
    elif selection.mode == "unused":
        used = store.last_attempt_by_question()
        pool = [c for c in pool if c.question.uid not in used]
    elif selection.mode == "flagged":
        flagged = store.flagged_uids()
        pool = [c for c in pool if c.question.uid in flagged]
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


def available_split(
    content: Content, selection: Selection, store: ProgressStore, *, now: datetime | None = None
) -> tuple[int, int]:
    """(all, authored): how many questions match `selection` with the generated ones included,
    and how many of those are authored (what it matches without them). One pass instead of two,
    for the setup dialog's match line."""
    at = utc(now) if now is not None else store.now()
    pool = _pool(content, replace(selection, include_generated=True), store, at)
    return len(pool), sum(1 for c in pool if not c.generated)


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
    style: str = "tutor"  # tutor: feedback after each answer; exam: at the end
    time_limit: int | None = None  # exam: seconds allowed (None: untimed)

    def __post_init__(self) -> None:
        if self.uids is not None:
            object.__setattr__(self, "uids", tuple(self.uids))
        if self.style not in STYLES:
            raise ValueError(f"mode must be one of {', '.join(STYLES)}, not {self.style!r}")
        if self.time_limit is not None and (self.style != "exam" or self.time_limit <= 0):
            raise ValueError("a time limit needs exam mode and a positive duration")

    def build(
        self, content: Content, store: ProgressStore, *, now: datetime | None = None, log: AnswerLog | None = None
    ) -> QuizSession:
        session = build_session(
            content, self.selection, store, count=self.count, seed=self.seed, now=now, uids=self.uids, log=log
        )
        session.set_style(self.style, self.time_limit)
        return session

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
