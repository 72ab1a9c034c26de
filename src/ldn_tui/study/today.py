"""Today's queue, as Anki's deck overview shows it: what is due, what is new, where to go on.

Plain Python over plain inputs (no store, no Textual), so the rules are tested with a fixed
clock: `plan_today(...)` takes what the study service read (first answers, cards read, what is
due, the limits) and `now`, and returns a `Today`. `Study.today()` gathers the inputs;
the Today screen and `ldn-study today` present the result.

The daily loop: reviews that are due come first; then new material, under daily limits kept in
the settings table (`new_questions_per_day`, `new_cards_per_day`): new questions from cards
already read (in reading order), then the next unread cards. A question or card counts against
today's limit when it was first answered or first read on today's local calendar day, so the
limits start afresh at local midnight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from ldn_tui.content.model import Content

#: Setting keys and defaults of the daily limits (small enough for a first week).
NEW_QUESTIONS_SETTING, NEW_QUESTIONS_DEFAULT = "new_questions_per_day", 10
NEW_CARDS_SETTING, NEW_CARDS_DEFAULT = "new_cards_per_day", 5


@dataclass(frozen=True, slots=True)
class DailyLimits:
    new_questions: int = NEW_QUESTIONS_DEFAULT
    new_cards: int = NEW_CARDS_DEFAULT

    @classmethod
    def from_settings(cls, setting: Callable[[str, Any], Any]) -> DailyLimits:
        """The limits from the settings table; a missing or unusable value gives the default."""

        def number(key: str, default: int) -> int:
            value = setting(key, default)
            return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else default

        return cls(number(NEW_QUESTIONS_SETTING, NEW_QUESTIONS_DEFAULT), number(NEW_CARDS_SETTING, NEW_CARDS_DEFAULT))


@dataclass(frozen=True, slots=True)
class UnfinishedQuiz:
    """A quiz left part-way, to resume (filled by the resumable-sessions work; see
    `Study.unfinished_quiz`)."""

    title: str
    answered: int
    total: int


@dataclass(frozen=True, slots=True)
class Today:
    day: date  # the local calendar day this plan is for
    due: tuple[str, ...]  # question uids due now, most overdue first
    new_questions: tuple[str, ...]  # new questions to introduce today, in reading order
    new_questions_done: int  # new questions first answered today
    new_cards: tuple[str, ...]  # unread cards to read today, in reading order
    new_cards_done: int  # cards first read today
    limits: DailyLimits
    last_card: str | None  # where reading stopped
    streak: int  # days in a row, up to today (or yesterday), with an answer or a card read
    studied_today: bool
    unfinished: UnfinishedQuiz | None = None

    @property
    def next_step(self) -> str:
        """What "today's session" does next: `resume`, `review`, `new-questions`, `read` or `done`."""
        if self.unfinished is not None:
            return "resume"
        if self.due:
            return "review"
        if self.new_questions:
            return "new-questions"
        if self.new_cards:
            return "read"
        return "done"


def local_day(moment: datetime, tz: tzinfo | None = None) -> date:
    """The calendar day `moment` falls on in `tz` (default: this computer's zone)."""
    return moment.astimezone(tz).date()


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with study ending today, or yesterday if nothing is done yet today."""
    studied = set(days)
    day = today if today in studied else today - timedelta(days=1)
    count = 0
    while day in studied:
        count += 1
        day -= timedelta(days=1)
    return count


def plan_today(
    content: Content,
    *,
    now: datetime,
    first_answers: Mapping[str, datetime],
    answer_times: Iterable[datetime],
    cards_read: Mapping[str, datetime],
    due: Iterable[str],
    limits: DailyLimits,
    last_card: str | None = None,
    unfinished: UnfinishedQuiz | None = None,
    tz: tzinfo | None = None,
) -> Today:
    """Today's queue from what the student has done (see the module docstring).

    `first_answers`: question uid -> its first answer. `answer_times`: every answer (for the
    streak). `cards_read`: card id -> when it was first read to its end. `due`: question uids
    due now. Authored questions only are introduced as new (generated ones come with review).
    """
    today = local_day(now, tz)
    new_q_done = sum(1 for at in first_answers.values() if local_day(at, tz) == today)
    new_c_done = sum(1 for at in cards_read.values() if local_day(at, tz) == today)
    q_left = max(0, limits.new_questions - new_q_done)
    c_left = max(0, limits.new_cards - new_c_done)
    new_questions: list[str] = []
    new_cards: list[str] = []
    for card in content.cards:  # reading order
        if card.id in cards_read:
            for q in card.quiz:
                if len(new_questions) < q_left and q.uid not in first_answers:
                    new_questions.append(q.uid)
        elif len(new_cards) < c_left:
            new_cards.append(card.id)
    days = {local_day(at, tz) for at in answer_times} | {local_day(at, tz) for at in cards_read.values()}
    return Today(
        day=today,
        due=tuple(due),
        new_questions=tuple(new_questions),
        new_questions_done=new_q_done,
        new_cards=tuple(new_cards),
        new_cards_done=new_c_done,
        limits=limits,
        last_card=last_card if last_card in content.card_by_id else None,
        streak=streak(days, today),
        studied_today=today in days,
        unfinished=unfinished,
    )


def summary_lines(content: Content, today: Today) -> list[str]:
    """`ldn-study today` in plain text (the Today screen shows the same facts)."""
    lines = [f"Today, {today.day:%A} {today.day.day} {today.day:%B %Y}"]
    if today.unfinished is not None:
        u = today.unfinished
        lines.append(f"  Unfinished quiz:  {u.title}, {u.answered} of {u.total} answered (resume it in the app)")
    lines.append(f"  Reviews due:      {len(today.due)}")
    lines.append(
        f"  New questions:    {len(today.new_questions)} to go today "
        f"({today.new_questions_done} of {today.limits.new_questions} introduced)"
    )
    lines.append(
        f"  New cards:        {len(today.new_cards)} to read today "
        f"({today.new_cards_done} of {today.limits.new_cards} read)"
    )
    if today.last_card:
        card = content.card_by_id[today.last_card]
        lines.append(f"  Reading stopped:  {content.chapter_of(card).title} › {card.title}")
    days = "day" if today.streak == 1 else "days"
    lines.append(f"  Streak:           {today.streak} {days}" + ("" if today.studied_today else " (nothing yet today)"))
    lines.append("")
    lines.append(next_step_sentence(content, today))
    return lines


def next_step_sentence(content: Content, today: Today) -> str:
    step = today.next_step
    if step == "resume":
        return "Next: resume your unfinished quiz."
    if step == "review":
        n = len(today.due)
        return f"Next: review {n} question{'s' if n != 1 else ''} due now."
    if step == "new-questions":
        n = len(today.new_questions)
        return f"Next: {n} new question{'s' if n != 1 else ''} on the cards you have read."
    if step == "read":
        card = content.card_by_id[today.new_cards[0]]
        return f"Next: read “{card.title}”."
    return "All done for today: nothing is due and today's new material is done."
