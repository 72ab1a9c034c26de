"""Reading to the end and today's queue: the part of `Study` the Today screen and the
`today` command ask (mixed into `Study`; see study/service.py for the rest)."""

from __future__ import annotations

import threading
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from ldn_tui.content.model import Content
from ldn_tui.progress.errors import StoreError
from ldn_tui.progress.times import iso, parse_iso

if TYPE_CHECKING:
    from ldn_tui.progress.store import ProgressStore
    from ldn_tui.study.today import Today, UnfinishedQuiz

#: Cards read to their end (or marked read), card id -> when first: a setting, not a table.
CARDS_READ_SETTING = "cards_read"

#: How long a read of the whole schedule waits for queued writes (as in service.py).
_READ_WAIT_SECONDS = 1.0


class DailyMixin:
    content: Content
    _store: ProgressStore
    _lock: threading.RLock

    def setting(self, key: str, default: Any = None) -> Any:
        raise NotImplementedError

    def set_setting(self, key: str, value: Any) -> None:
        raise NotImplementedError

    def flush(self, timeout: float | None = None) -> bool:
        raise NotImplementedError

    def last_card(self) -> str | None:
        raise NotImplementedError

    # -- reading to the end, and today's queue -----------------------------------------------------

    def cards_read(self) -> dict[str, datetime]:
        """Cards the student read to their end (or marked read), with when that first happened.

        Opening a card is not reading it (`record_visit` records the visit); the reader calls
        `finish_card` once the card's end has been on screen.
        """
        raw = self.setting(CARDS_READ_SETTING, {})
        out: dict[str, datetime] = {}
        if isinstance(raw, dict):
            for card_id, at in raw.items():
                try:
                    out[str(card_id)] = parse_iso(str(at))
                except ValueError:
                    continue
        return out

    def finish_card(self, card_id: str, *, now: datetime | None = None) -> bool:
        """Record that the student reached the end of a card; False if it was already read."""
        with self._lock:
            raw = self.setting(CARDS_READ_SETTING, {})
            read = dict(raw) if isinstance(raw, dict) else {}
            if card_id in read:
                return False
            read[card_id] = iso(now if now is not None else self._store.now())
        self.set_setting(CARDS_READ_SETTING, read)
        return True

    def mastered_cards(self) -> set[str]:
        """Cards with questions, every one of which was answered right the last time."""
        self.flush(_READ_WAIT_SECONDS)
        try:
            progress = self._store.card_progress(self.content)
        except StoreError:
            return set()
        return {cid for cid, p in progress.items() if p.total and p.correct == p.total}

    def chapter_mastery(self, chapter_id: str) -> tuple[int, int, int]:
        """(questions, answered at least once, right the last time) for a chapter's authored questions."""
        self.flush(_READ_WAIT_SECONDS)
        try:
            p = self._store.chapter_progress(self.content).get(chapter_id)
        except StoreError:
            p = None
        return (p.total, p.answered, p.correct) if p is not None else (0, 0, 0)

    def unfinished_quiz(self) -> UnfinishedQuiz | None:
        """The paused quiz (`QuizBank.saved_quiz`), to resume from the Today screen; None if none."""
        saved = self.saved_quiz()  # type: ignore[attr-defined]  # QuizBank, beside this mixin in Study
        if saved is None:
            return None
        from ldn_tui.study.today import UnfinishedQuiz

        return UnfinishedQuiz(
            title="Exam" if saved.style == "exam" else "Quiz", answered=saved.answered, total=saved.total
        )

    def today(self, *, now: datetime | None = None, tz: tzinfo | None = None) -> Today:
        """Today's queue: due reviews, new questions and cards under the daily limits, the unfinished
        quiz, where reading stopped and the streak (`study.today.plan_today`)."""
        from ldn_tui.progress import scheduler as schedule_rules
        from ldn_tui.study.today import DailyLimits, plan_today

        self.flush(_READ_WAIT_SECONDS)
        now = now if now is not None else self._store.now()
        first: dict[str, datetime] = {}
        times: list[datetime] = []
        try:
            for attempt in self._store.attempts():  # oldest first
                first.setdefault(attempt.question_uid, attempt.answered_at)
                times.append(attempt.answered_at)
            due = schedule_rules.due_question_uids(self.content, self._store, now, include_generated=False)
        except StoreError:
            due = []
        return plan_today(
            self.content,
            now=now,
            first_answers=first,
            answer_times=times,
            cards_read=self.cards_read(),
            due=due,
            limits=DailyLimits.from_settings(self.setting),
            last_card=self.last_card(),
            unfinished=self.unfinished_quiz(),
            tz=tz,
        )
