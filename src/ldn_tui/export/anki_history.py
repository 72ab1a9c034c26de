"""A student's FSRS schedule and review log, written into an Anki collection so Anki carries on.

genanki writes notes and *new* cards only; it has no notion of a card's schedule or of the
review log. So after genanki has written `collection.anki2`, `apply()` updates each reviewed
card's row and adds its `revlog` rows with plain SQL, in the columns Anki's importer reads
(with "Import any learning progress" ticked, Anki's `with_scheduling` option):

- `cards.type` / `queue` / `due` / `ivl` / `left` / `reps` / `lapses`: the card's place in
  the schedule. Review cards are due on a *day number* counted from the collection's
  creation (`col.crt`); Anki's importer shifts that number by the difference between the
  package's "today" and the target collection's, so the due day lands on the same calendar
  day. Learning cards (minutes-long steps) are due at a Unix time in seconds.
- `cards.data`: the FSRS memory state as Anki keeps it (`{"s": stability, "d": difficulty,
  "dr": desired retention, "decay": …, "lrt": last review}`), so Anki's FSRS continues from
  it rather than starting over.
- `revlog`: one row per answer (time, button 1-4 from `rating_for`, interval after and
  before, time taken), so Anki's statistics and its FSRS optimiser see the history.

What counts: only answers to the question *as it reads now* (the same content hash as the
schedule row). A question edited since it was last reviewed is new again in ldn-study, and it
goes to Anki as a new card with no history. A suspended question stays suspended; safety
questions keep ldn-study's 30-day cap on their due date.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from fsrs import Card as FsrsCard
from fsrs import Scheduler, State

from ldn_tui.content.model import Content
from ldn_tui.progress.store import AttemptRow, ScheduleRow, utc

#: Anki's default day rollover (4 am local time) and the collection creation time genanki
#: writes (2014-09-19 11:00 UTC). Day numbers are counted from that date in UTC, with
#: `creationOffset` 0, which is how Anki's v2/v3 scheduler counts them.
ROLLOVER_HOUR = 4
CRT = 1411124400
CRT_DATE = datetime.fromtimestamp(CRT, UTC).date()

#: Anki's card types and queues.
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
QUEUE_SUSPENDED, QUEUE_LEARN, QUEUE_REVIEW, QUEUE_DAY_LEARN = -1, 1, 2, 3
#: Anki's revlog review kinds.
KIND_LEARNING, KIND_REVIEW, KIND_RELEARNING = 0, 1, 2

_FSRS = Scheduler()  # default parameters: ldn-study's schedulers use them
DESIRED_RETENTION = _FSRS.desired_retention
DECAY = float(_FSRS.parameters[20])


@dataclass(frozen=True, slots=True)
class CardSchedule:
    """The columns of one Anki `cards` row that say where it is in the schedule."""

    type: int
    queue: int
    due: int
    ivl: int
    factor: int
    reps: int
    lapses: int
    left: int
    data: str


@dataclass(frozen=True, slots=True)
class RevlogEntry:
    """One Anki `revlog` row (without the card id, which the package assigns)."""

    id: int  # answered at, in milliseconds since the epoch
    ease: int  # 1 Again, 2 Hard, 3 Good, 4 Easy
    ivl: int  # interval after the answer: days if > 0, seconds if < 0
    last_ivl: int
    factor: int
    time: int  # milliseconds taken
    type: int  # 0 learning, 1 review, 2 relearning


@dataclass(frozen=True, slots=True)
class History:
    """A question's schedule (None: new in Anki) and its review log, oldest first."""

    schedule: CardSchedule | None
    revlog: tuple[RevlogEntry, ...]


def day_number(when: datetime, tz: tzinfo | None) -> int:
    """The Anki day `when` falls on, counted from the collection's creation (rollover 4 am)."""
    local = utc(when).astimezone(tz) if tz is not None else utc(when).astimezone()
    return ((local - timedelta(hours=ROLLOVER_HOUR)).date() - CRT_DATE).days


def _interval(due: datetime, reviewed: datetime, state: int) -> int:
    """Anki's interval: whole days for review cards, minus seconds for (re)learning steps."""
    seconds = (utc(due) - utc(reviewed)).total_seconds()
    if state == int(State.Review):
        return max(1, round(seconds / 86400))
    return -max(1, round(seconds))


def _memory(card: FsrsCard) -> str:
    last = card.last_review
    data: dict[str, float | int] = {
        "s": round(float(card.stability or 0.0), 4),
        "d": round(float(card.difficulty or 0.0), 3),
        "dr": round(DESIRED_RETENTION, 2),
        "decay": round(DECAY, 4),
    }
    if last is not None:
        data["lrt"] = int(utc(last).timestamp())
    return json.dumps(data, separators=(",", ":"))


def replay(
    uid: str,
    content_hash: str,
    attempts: Sequence[AttemptRow],
    *,
    safety: bool,
) -> list[tuple[AttemptRow, ScheduleRow | None, ScheduleRow]]:
    """(answer, schedule before, schedule after) for each answer, replayed through the scheduler.

    The store keeps only the latest schedule row; the review log also needs the state each
    answer was given in and the interval it led to, so the answers are run through the same
    `ReviewScheduler` again (FSRS without fuzz is deterministic).
    """
    from ldn_tui.progress.scheduler import ReviewScheduler, rating_for

    sched = ReviewScheduler()
    out: list[tuple[AttemptRow, ScheduleRow | None, ScheduleRow]] = []
    before: ScheduleRow | None = None
    for a in attempts:
        rating = rating_for(a.score, a.confidence)
        after = sched.next_row(
            uid, content_hash, before, rating, safety=safety, now=a.answered_at, elapsed_ms=a.elapsed_ms
        )
        out.append((a, before, after))
        before = after
    return out


def _kind(before: ScheduleRow | None) -> int:
    if before is None or before.state == int(State.Learning):
        return KIND_LEARNING
    if before.state == int(State.Relearning):
        return KIND_RELEARNING
    return KIND_REVIEW


def revlog_for(
    uid: str, content_hash: str, attempts: Sequence[AttemptRow], *, safety: bool
) -> tuple[tuple[RevlogEntry, ...], int]:
    """The review log of one question and its number of lapses (Again on a review card)."""
    from ldn_tui.progress.scheduler import rating_for

    rows: list[RevlogEntry] = []
    lapses = 0
    last_ivl = 0
    for a, before, after in replay(uid, content_hash, attempts, safety=safety):
        ease = int(rating_for(a.score, a.confidence))
        kind = _kind(before)
        if kind == KIND_REVIEW and ease == 1:
            lapses += 1
        card = FsrsCard.from_json(after.card)
        ivl = _interval(after.due, a.answered_at, after.state)
        elapsed = 0 if a.elapsed_ms is None else max(0, min(int(a.elapsed_ms), 2**31 - 1))
        rows.append(
            RevlogEntry(
                id=int(utc(a.answered_at).timestamp() * 1000),
                ease=ease,
                ivl=ivl,
                last_ivl=last_ivl,
                factor=round(float(card.difficulty or 0.0) * 100),
                time=elapsed,
                type=kind,
            )
        )
        last_ivl = ivl
    return tuple(rows), lapses


def schedule_for(
    row: ScheduleRow,
    due: datetime | None,
    *,
    reps: int,
    lapses: int,
    tz: tzinfo | None,
) -> CardSchedule:
    """The Anki card columns for a schedule row; `due` is when it is really due (None: suspended)."""
    card = FsrsCard.from_json(row.card)
    last = row.last_review or card.last_review or row.due
    when = due if due is not None else row.due
    state = row.state
    if state == int(State.Review):
        ctype, queue, due_col = REVIEW, QUEUE_REVIEW, day_number(when, tz)
        left = 0
    else:
        steps = _FSRS.learning_steps if state == int(State.Learning) else _FSRS.relearning_steps
        ctype = LEARNING if state == int(State.Learning) else RELEARNING
        left = max(1, len(steps) - (card.step or 0))
        if utc(when) - utc(last) < timedelta(days=1):
            queue, due_col = QUEUE_LEARN, int(utc(when).timestamp())
        else:
            queue, due_col = QUEUE_DAY_LEARN, day_number(when, tz)
    ivl = max(1, (utc(when) - utc(last)).days) if ctype == REVIEW else 0
    return CardSchedule(
        type=ctype,
        queue=QUEUE_SUSPENDED if due is None else queue,
        due=due_col,
        ivl=ivl,
        factor=2500 if ctype in (REVIEW, RELEARNING) else 0,
        reps=reps,
        lapses=lapses,
        left=left,
        data=_memory(card),
    )


def histories(
    content: Content,
    uids: Iterable[str],
    attempts: Iterable[AttemptRow],
    schedule: Iterable[ScheduleRow],
    *,
    now: datetime,
    tz: tzinfo | None,
) -> dict[str, History]:
    """uid -> History for every question in `uids` that was answered in its current form."""
    from ldn_tui.progress.scheduler import SAFETY_KIND, content_hashes, effective_due

    wanted = set(uids)
    hashes = content_hashes(content)
    rows = {r.question_uid: r for r in schedule if r.question_uid in wanted}
    by_uid: dict[str, list[AttemptRow]] = {}
    for a in attempts:
        if a.question_uid in wanted:
            by_uid.setdefault(a.question_uid, []).append(a)
    out: dict[str, History] = {}
    for uid, answers in by_uid.items():
        current = hashes.get(uid)
        row = rows.get(uid)
        if current is None or row is None or row.content_hash != current:
            continue  # edited since: new in ldn-study, so new in Anki
        mine = [a for a in answers if a.content_hash == current]
        card = content.card_by_id.get(uid.rsplit("/", 1)[0])
        safety = card is not None and card.kind == SAFETY_KIND
        try:
            log, lapses = revlog_for(uid, current, mine, safety=safety)
            due = effective_due(row, safety=safety, current_hash=current, now=now)
            out[uid] = History(schedule_for(row, due, reps=len(log), lapses=lapses, tz=tz), log)
        except (ValueError, KeyError, TypeError):
            continue  # a schedule row FSRS cannot read (a hand-edited backup): new in Anki, as in ldn-study
    return out


def apply(db: sqlite3.Connection, by_guid: Mapping[str, History], *, stamp: float) -> int:
    """Write `by_guid` (note GUID -> History) into a genanki collection; returns revlog rows written.

    Also marks the collection as using Anki's v2+ scheduler with a 4 am rollover, so the day
    numbers above mean what they say when Anki opens the package.
    """
    conf = json.loads(db.execute("SELECT conf FROM col").fetchone()[0])
    conf.update({"schedVer": 2, "rollover": ROLLOVER_HOUR, "creationOffset": 0})
    db.execute("UPDATE col SET crt = ?, conf = ?", (CRT, json.dumps(conf)))
    cards = db.execute("SELECT cards.id, notes.guid FROM cards JOIN notes ON cards.nid = notes.id").fetchall()
    used: set[int] = set()
    written = 0
    for card_id, guid in cards:
        h = by_guid.get(guid)
        if h is None or h.schedule is None:
            continue
        s = h.schedule
        db.execute(
            "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=?, data=?, mod=?"
            " WHERE id=?",
            (s.type, s.queue, s.due, s.ivl, s.factor, s.reps, s.lapses, s.left, s.data, int(stamp), card_id),
        )
        for e in h.revlog:
            rid = e.id
            while rid in used:  # two answers in the same millisecond: Anki keys the log on the time
                rid += 1
            used.add(rid)
            db.execute(
                "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
                " VALUES (?, ?, -1, ?, ?, ?, ?, ?, ?)",
                (rid, card_id, e.ease, e.ivl, e.last_ivl, e.factor, e.time, e.type),
            )
            written += 1
    return written


__all__ = [
    "CRT",
    "CardSchedule",
    "History",
    "RevlogEntry",
    "apply",
    "day_number",
    "histories",
    "replay",
    "revlog_for",
    "schedule_for",
]
