"""CSV exports for spreadsheets, and the quiz questions as a CSV file Anki imports.

Three files, three jobs:

- `attempts_csv`: one row per answer, oldest first (date and time in local time).
- `summary_csv` (`--format csv --summary`): one row per question: attempts, accuracy, the
  last answer's score and when the question is next due.
- `anki_csv` (`--format anki-csv`): every quiz question as a Basic note, with Anki's header
  lines (`#separator:Comma`, `#html:true`, `#columns:…`, `#guid column:1`,
  `#notetype column:2`, `#deck column:3`, `#tags column:6`), so File › Import in Anki (2.1.55
  or later) needs no settings; each chapter goes to its own sub-deck, as in the `.apkg`. Notes
  carry the same GUIDs as the `.apkg` deck, so importing again updates them. No GUID starts
  with `#` (Anki would read that line as a comment and drop the note; see `anki.note_guid`).

The spreadsheet files are UTF-8 with CRLF line ends (RFC 4180); with `excel=True`
(`--excel`) they start with a byte-order mark, which Excel needs to read accents and arrows
right. Their cells are guarded against formula injection: a cell starting with `=`, `+`, `-`,
`@`, a tab or a carriage return (which a spreadsheet would run as a formula, and a student's
typed answer can start with anything) gets a leading `'`, which spreadsheets show as text.
`unguard()` reverses it. The Anki file is neither guarded nor BOM-prefixed: Anki is not a
spreadsheet, and it reads its header lines from the very first byte.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo

from ldn_tui.content.generated import is_generated
from ldn_tui.content.labels import EVIDENCE
from ldn_tui.content.model import Content
from ldn_tui.export.common import Scope, answer_text, local, order_answer_text, stamp
from ldn_tui.export.snapshot import Snapshot, gather

ATTEMPT_COLUMNS = (
    "date",
    "time",
    "chapter",
    "card title",
    "question id",
    "question type",
    "prompt",
    "your answer",
    "correct answer",
    "score",
    "correct",
    "confidence",
    "seconds taken",
    "evidence label",
)

SUMMARY_COLUMNS = (
    "chapter",
    "card title",
    "question id",
    "question type",
    "prompt",
    "attempts",
    "correct attempts",
    "accuracy",
    "last answered",
    "last score",
    "last correct",
    "next due",
    "evidence label",
)

ANKI_COLUMNS = ("GUID", "Notetype", "Deck", "Front", "Back", "Tags")
ANKI_NOTETYPE = "Basic"

#: What a spreadsheet reads as the start of a formula (OWASP's list for CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(cell: object) -> object:
    """A cell a spreadsheet will show as text: `'` before a text that starts like a formula.

    Numbers (int, float) are left alone, so counts stay numbers; only text is guarded.
    """
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The text `guard` was given (for reading an export back)."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _table(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows([guard(c) for c in row] for row in rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def _score(x: float) -> str:
    return f"{x:.2f}"


def _evidence_name(snap: Snapshot, q) -> str:
    label = snap.evidence_of(q) if q is not None else None
    return EVIDENCE.get(label, label) if label else ""


def _where(snap: Snapshot, card_id: str) -> tuple[str, str]:
    card = snap.card(card_id)
    if card is None:
        return "", f"{card_id} (no longer in the guide)"
    return snap.content.chapter_by_id[card.chapter_id].title, card.title


def attempts_csv(
    content: Content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    excel: bool = False,
) -> bytes:
    """One row per answer, oldest first."""
    from ldn_tui.quiz.grading import display_answer

    snap = gather(content, store, scope, now=now, tz=tz)
    rows = []
    for a in snap.attempts:
        q = snap.question(a.question_uid)
        chapter, card_title = _where(snap, a.card_id)
        at = local(a.answered_at, tz)
        qtype = q.type if q is not None else ""
        yours = order_answer_text(a.answer) if qtype == "order" else answer_text(a.answer)
        rows.append(
            (
                at.strftime("%Y-%m-%d"),
                at.strftime("%H:%M:%S"),
                chapter,
                card_title,
                a.question_uid,
                qtype,
                q.prompt if q is not None else "(no longer in the guide)",
                yours,
                display_answer(q) if q is not None else "",
                _score(a.score),
                "yes" if a.correct else "no",
                a.confidence or "",
                "" if a.elapsed_ms is None else f"{a.elapsed_ms / 1000:.1f}",
                _evidence_name(snap, q),
            )
        )
    return _table(ATTEMPT_COLUMNS, rows, bom=excel)


def summary_csv(
    content: Content,
    store,
    scope: Scope | None = None,
    *,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    excel: bool = False,
) -> bytes:
    """One row per question in scope (authored; generated ones once answered), in content order."""
    snap = gather(content, store, scope, now=now, tz=tz)
    per: dict[str, list] = {}  # uid -> [attempts, correct]
    for a in snap.attempts:
        t = per.setdefault(a.question_uid, [0, 0])
        t[0] += 1
        t[1] += int(a.correct)
    schedule = {r.question_uid: r for r in snap.schedule}
    rows = []
    for q in snap.scope.questions(include_generated=True):
        if is_generated(q) and q.uid not in per:
            continue
        chapter, card_title = _where(snap, q.card_id)
        n, right = per.get(q.uid, (0, 0))
        last = snap.last.get(q.uid)
        row = schedule.get(q.uid)
        if row is None:
            next_due = ""
        else:
            due = snap.due_of(row)
            if due is None:
                next_due = "suspended"
            elif due <= snap.now:
                next_due = "now"
            else:
                next_due = stamp(due, tz)
        rows.append(
            (
                chapter,
                card_title,
                q.uid,
                q.type,
                q.prompt,
                n,
                right,
                _score(right / n) if n else "",
                stamp(last.answered_at, tz) if last else "",
                _score(last.score) if last else "",
                ("yes" if last.correct else "no") if last else "",
                next_due,
                _evidence_name(snap, q),
            )
        )
    return _table(SUMMARY_COLUMNS, rows, bom=excel)


def anki_csv(content: Content, scope: Scope | None = None, *, include_generated: bool = False) -> bytes:
    """The quiz questions in scope as Anki Basic notes, with Anki's header lines.

    Columns: GUID (the same as the `.apkg` notes'), note type (`Basic`), deck
    (`LDN study guide::<chapter>`), front, back (HTML) and tags (space-separated).
    """
    from ldn_tui.export.anki import chapter_deck_name, note_parts
    from ldn_tui.export.common import select

    scope = scope or select(content)
    col = {name: i + 1 for i, name in enumerate(ANKI_COLUMNS)}
    head = [
        "#separator:Comma",
        "#html:true",
        "#columns:" + ",".join(ANKI_COLUMNS),
        f"#guid column:{col['GUID']}",
        f"#notetype column:{col['Notetype']}",
        f"#deck column:{col['Deck']}",
        f"#tags column:{col['Tags']}",
    ]
    buf = io.StringIO()
    buf.write("\n".join(head) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    for q in scope.questions(include_generated=include_generated):
        guid, front, back, tags = note_parts(content, q)
        deck = chapter_deck_name(content.chapter_by_id[content.card_by_id[q.card_id].chapter_id].title)
        if guid.startswith("#"):  # note_guid never makes one; a comment line would lose the note
            raise ValueError(f"GUID {guid!r} of {q.uid} starts with '#'")
        w.writerow((guid, ANKI_NOTETYPE, deck, front, back, " ".join(tags)))
    return buf.getvalue().encode("utf-8")
