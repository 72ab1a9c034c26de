"""Quiz sessions and answers (attempts), and progress per card and chapter derived from them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ldn_tui.progress.database import Database
from ldn_tui.progress.rows import (
    CONFIDENCE,
    GENERATED_UID,
    AttemptRow,
    Progress,
    ScheduleRow,
    SessionRow,
    attempt_from,
)
from ldn_tui.progress.schedule import upsert_schedule
from ldn_tui.progress.times import iso, parse_iso

if TYPE_CHECKING:
    from ldn_tui.content.model import Content, Question


class AttemptsTable(Database):
    # -- sessions ------------------------------------------------------------------------------

    def start_session(
        self, mode: str = "all", selection: Mapping[str, Any] | None = None, *, now: datetime | None = None
    ) -> int:
        at = self._at(now)
        sel = json.dumps(dict(selection or {}), sort_keys=True)
        return self._write(
            lambda c: _rowid(
                c.execute("INSERT INTO sessions(started_at, mode, selection) VALUES (?, ?, ?)", (at, mode, sel))
            )
        )

    def finish_session(self, session_id: int, *, now: datetime | None = None) -> None:
        at = self._at(now)
        self._write(lambda c: c.execute("UPDATE sessions SET finished_at = ? WHERE id = ?", (at, session_id)))

    def sessions(self) -> list[SessionRow]:
        return [
            SessionRow(
                id=r["id"],
                started_at=parse_iso(r["started_at"]),
                finished_at=parse_iso(r["finished_at"]),
                mode=r["mode"],
                selection=json.loads(r["selection"] or "{}"),
            )
            for r in self._query("SELECT * FROM sessions ORDER BY started_at, id")
        ]

    # -- attempts ------------------------------------------------------------------------------

    def record_attempt(
        self,
        question_uid: str,
        *,
        content_hash: str,
        answer: Any,
        score: float,
        confidence: str | None = None,
        elapsed_ms: int | None = None,
        session_id: int | None = None,
        generated: bool | None = None,
        card_id: str | None = None,
        now: datetime | None = None,
        schedule: ScheduleRow | None = None,
    ) -> int:
        """Save one answer (and, if given, the question's new schedule) in one transaction.

        `answer` is any JSON-able value; `score` is clamped to 0..1 and `correct` is
        `score == 1`. `generated` defaults to whether the uid looks generated. Returns the
        attempt id.
        """
        if confidence is not None and confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {CONFIDENCE} or None, not {confidence!r}")
        score = min(1.0, max(0.0, float(score)))
        correct = 1 if score >= 1.0 - 1e-9 else 0
        if card_id is None:
            card_id = question_uid.rsplit("/", 1)[0]
        if generated is None:
            generated = bool(GENERATED_UID.search(question_uid))
        params = (
            question_uid,
            card_id,
            content_hash,
            json.dumps(answer, ensure_ascii=False),
            score,
            correct,
            confidence,
            self._at(now),
            None if elapsed_ms is None else int(elapsed_ms),
            session_id,
            1 if generated else 0,
        )

        def run(c: sqlite3.Connection) -> int:
            rowid = _rowid(
                c.execute(
                    "INSERT INTO attempts(question_uid, card_id, content_hash, answer, score, correct,"
                    " confidence, answered_at, elapsed_ms, session_id, generated)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params,
                )
            )
            if schedule is not None:
                upsert_schedule(c, schedule)
            return rowid

        return self._write(run)

    def attempts(
        self,
        *,
        question_uid: str | None = None,
        question_uids: Iterable[str] | None = None,
        card_id: str | None = None,
        card_ids: Iterable[str] | None = None,
        session_id: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        generated: bool | None = None,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[AttemptRow]:
        """Attempts matching every filter given, oldest first unless `newest_first`.

        `since` is inclusive, `until` exclusive.
        """
        where: list[str] = []
        params: list[Any] = []
        if question_uid is not None:
            where.append("question_uid = ?")
            params.append(question_uid)
        if question_uids is not None:
            uids = list(question_uids)
            where.append(f"question_uid IN ({','.join('?' * len(uids)) or 'NULL'})")
            params.extend(uids)
        if card_id is not None:
            where.append("card_id = ?")
            params.append(card_id)
        if card_ids is not None:
            ids = list(card_ids)
            where.append(f"card_id IN ({','.join('?' * len(ids)) or 'NULL'})")
            params.extend(ids)
        if session_id is not None:
            where.append("session_id = ?")
            params.append(session_id)
        if since is not None:
            where.append("answered_at >= ?")
            params.append(iso(since))
        if until is not None:
            where.append("answered_at < ?")
            params.append(iso(until))
        if generated is not None:
            where.append("generated = ?")
            params.append(1 if generated else 0)
        sql = "SELECT * FROM attempts"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY answered_at DESC, id DESC" if newest_first else " ORDER BY answered_at, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [attempt_from(r) for r in self._query(sql, params)]

    def last_attempt_by_question(self) -> dict[str, AttemptRow]:
        """The most recent attempt at each question, by question uid."""
        rows = self._query(
            "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY question_uid"
            " ORDER BY answered_at DESC, id DESC) AS rn FROM attempts) WHERE rn = 1"
        )
        return {r["question_uid"]: attempt_from(r) for r in rows}

    def missed_question_uids(self) -> set[str]:
        """Questions whose most recent attempt scored below 1 ("missed last time")."""
        return {uid for uid, a in self.last_attempt_by_question().items() if not a.correct}

    def card_progress(self, content: Content, *, include_generated: bool = False) -> dict[str, Progress]:
        """Per card id: its questions, how many were ever answered, how many correct last time."""
        last = self.last_attempt_by_question()
        extra = _generated_by_card(content) if include_generated else {}
        out: dict[str, Progress] = {}
        for card in content.cards:
            uids = [q.uid for q in card.quiz] + [q.uid for q in extra.get(card.id, ())]
            answered = [last[u] for u in uids if u in last]
            out[card.id] = Progress(len(uids), len(answered), sum(1 for a in answered if a.correct))
        return out

    def chapter_progress(self, content: Content, *, include_generated: bool = False) -> dict[str, Progress]:
        """Per chapter id: the sum of its cards' `card_progress`."""
        cards = self.card_progress(content, include_generated=include_generated)
        out: dict[str, Progress] = {}
        for ch in content.chapters:
            parts = [cards[c.id] for c in ch.cards]
            out[ch.id] = Progress(
                sum(p.total for p in parts), sum(p.answered for p in parts), sum(p.correct for p in parts)
            )
        return out


def _generated_by_card(content: Content) -> dict[str, tuple[Question, ...]]:
    from ldn_tui.content.generated import generated_questions

    out: dict[str, list[Question]] = {}
    for q in generated_questions(content):
        out.setdefault(q.card_id, []).append(q)
    return {k: tuple(v) for k, v in out.items()}


def _rowid(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just added (always set after a successful INSERT)."""
    rowid = cursor.lastrowid
    assert rowid is not None
    return rowid
