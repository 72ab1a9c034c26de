"""What the exporters read from the progress store, limited to the chapters exported, read once.

No Textual here. `gather` reads the store into a `Snapshot`; the Markdown, CSV and Anki writers
only read the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from ldn_tui.content.model import Card, Content, Question
from ldn_tui.export.common import Scope, select
from ldn_tui.progress.store import utc


@dataclass
class Snapshot:
    """Everything the exporters read from the store, limited to a scope, read once.

    Attempts, schedule rows, notes and bookmarks of cards outside the scope are left out
    (cards no longer in the content are kept only by a full export).
    """

    content: Content
    scope: Scope
    now: datetime
    tz: tzinfo | None
    attempts: list  # AttemptRow, oldest first
    last: dict  # question uid -> latest AttemptRow
    schedule: list  # ScheduleRow, soonest first
    notes: dict  # card id -> NoteRow
    bookmarks: dict  # card id -> BookmarkRow
    reference_opens: dict  # reference id -> times opened
    viewed: dict  # card id -> last viewed

    def question(self, uid: str) -> Question | None:
        from ldn_tui.content.generated import question_by_uid

        return question_by_uid(self.content, uid)

    def card(self, card_id: str) -> Card | None:
        return self.content.card_by_id.get(card_id)

    def claim_of(self, question: Question):
        card = self.card(question.card_id)
        if card is None or not question.claim:
            return None
        return card.claim(question.claim)

    def evidence_of(self, question: Question) -> str | None:
        claim = self.claim_of(question)
        return claim.evidence if claim is not None else None

    def due_of(self, row) -> datetime | None:
        """When a schedule row is really due (None if suspended); see `scheduler.effective_due`."""
        from ldn_tui.progress.scheduler import SAFETY_KIND, content_hashes, effective_due

        card = self.card(row.question_uid.rsplit("/", 1)[0])
        return effective_due(
            row,
            safety=card is not None and card.kind == SAFETY_KIND,
            current_hash=content_hashes(self.content).get(row.question_uid),
            now=self.now,
        )

    def due_queue(self) -> list[tuple[datetime, str]]:
        """(due, uid) of every scheduled question still in the content and not suspended, soonest first."""
        out = []
        for row in self.schedule:
            if self.question(row.question_uid) is None:
                continue
            due = self.due_of(row)
            if due is not None:
                out.append((due, row.question_uid))
        out.sort()
        return out

    @property
    def empty(self) -> bool:
        """No answers, notes, bookmarks, opened references or read cards in scope."""
        return not (self.attempts or self.notes or self.bookmarks or self.reference_opens or self.viewed)


def gather(
    content: Content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
) -> Snapshot:
    """Read what an export needs from `store` (a `ProgressStore`), limited to `scope`."""
    scope = scope or select(content)
    now = utc(now) if now is not None else store.now()
    attempts = [a for a in store.attempts() if scope.has_card(a.card_id)]
    last: dict = {}
    for a in attempts:  # oldest first, so the last one wins
        last[a.question_uid] = a
    schedule = [r for r in store.schedule_rows() if scope.has_card(r.question_uid.rsplit("/", 1)[0])]
    notes = {n.card_id: n for n in store.list_notes() if scope.has_card(n.card_id)}
    bookmarks = {b.card_id: b for b in store.list_bookmarks() if scope.has_card(b.card_id)}
    opens = store.reference_open_counts()
    if not scope.everything:
        cited = _references_cited(scope)
        opens = {r: n for r, n in opens.items() if r in cited}
    viewed = {c: t for c, t in store.viewed_cards().items() if scope.has_card(c)}
    return Snapshot(content, scope, now, tz, attempts, last, schedule, notes, bookmarks, opens, viewed)


def _references_cited(scope: Scope) -> set[str]:
    out: set[str] = set()
    for card in scope.cards:
        for claim in card.claims:
            out.update(claim.sources)
        for d in card.disagreements:
            for v in d.versions:
                out.update(v.sources)
    return out
