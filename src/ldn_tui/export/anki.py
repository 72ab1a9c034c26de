"""The quiz questions as an Anki deck (`.apkg`, written with genanki).

Every question in scope becomes one note: the front is the prompt with its choices (shuffled
the same way every time, so an answer's position gives nothing away), the blank, or the items
to put in order; the back is the correct answer, the explanation, and why each choice is right
or wrong. Tags (no spaces, Anki's `::` hierarchy) say the chapter, card kind, question type and
the evidence label and certainty of the claim the question tests:

    ldn-study  ldn-study::chapter::evidence  ldn-study::kind::evidence
    ldn-study::type::multiple  ldn-study::evidence::rct  ldn-study::certainty::low

Ids are derived from content ids, never random, so importing a newer deck *updates* the notes
already in Anki instead of adding duplicates: the note GUID is `genanki.guid_for(question uid)`
(re-derived in the rare case it starts with `#`, see `note_guid`), the note type id comes from a
hash of "ldn-study/note-type/v1" and each chapter's deck id from a hash of
"ldn-study/deck/<chapter id>" (decks are `LDN study guide::<chapter title>`).

Text goes from Markdown to HTML through markdown-it-py (`export.mdrender`), never regexes.

With the student's progress (the default from the CLI and the app), each answered question's
card carries its FSRS memory state, due date and review log (`export.anki_history`), so Anki
continues the schedule when the package is imported with "Import any learning progress".
Anki takes a card's schedule only when it first adds the card: importing a newer deck updates
the notes' text, and the schedule of cards already in Anki stays Anki's.

The generated evidence/certainty questions (hundreds of them, all alike in form) are left out
unless asked for (`--include-generated`).
"""

from __future__ import annotations

import hashlib
import html
import io
import random
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ldn_tui.content.generated import GENERATED_ID, is_generated
from ldn_tui.content.labels import CERTAINTY, EVIDENCE
from ldn_tui.content.model import Content, Question
from ldn_tui.export.common import DISCLAIMER, Scope, select

if TYPE_CHECKING:
    from ldn_tui.export.anki_history import History

DECK_NAME = "LDN study guide"
NOTE_TYPE_NAME = "ldn-study question"
TAG_ROOT = "ldn-study"


def stable_id(text: str) -> int:
    """A 31-bit id (genanki's recommended range, 2**30 .. 2**31) from a hash of `text`."""
    n = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + n % (1 << 30)


NOTE_TYPE_ID = stable_id("ldn-study/note-type/v1")
ROOT_DECK_ID = stable_id("ldn-study")


def deck_id(chapter_id: str) -> int:
    return stable_id(f"ldn-study/deck/{chapter_id}")


def note_guid(question_uid: str) -> str:
    """The note's GUID: genanki's hash of the question uid, never starting with `#`.

    Anki's CSV import reads a line starting with `#` as a comment, so a note whose GUID began
    with one was silently dropped. Such a GUID is re-derived with a counter until it does not
    (deterministic, so exports still agree); every other note keeps the GUID it always had, so
    decks imported before this rule still update in place.
    """
    import genanki

    guid = genanki.guid_for(question_uid)
    n = 0
    while guid.startswith("#"):
        n += 1
        guid = genanki.guid_for(question_uid, f"ldn-study/guid/{n}")
    return guid


# --- text to Anki HTML ------------------------------------------------------------------------

_BLANK = re.compile(r"_{3,}")
#: Stands in for a cloze blank while the prompt goes through Markdown (a private-use character:
#: CommonMark turns NUL into U+FFFD, and underscores could be read as emphasis).
_BLANK_MARK = "\ue000"


def to_html(s: str) -> str:
    """Content text (Markdown: `code`, **bold**, *italic* ...) as HTML on one line, via markdown-it.

    Raw HTML in the text is escaped, never passed through (see `export.mdrender`).
    """
    from ldn_tui.export.mdrender import inline_html

    return inline_html(s)


def _seeded(uid: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.blake2b(uid.encode("utf-8"), digest_size=8).digest(), "big"))


def shown_order(q: Question) -> list[int]:
    """Indices of the choices (or items) in the order the front shows them; fixed per question."""
    n = len(q.choices) if q.type in ("single", "multiple") else len(q.items) if q.type == "order" else 0
    idx = list(range(n))
    m = GENERATED_ID.match(q.id)
    if m and m.group("what") == "certainty":
        return idx  # GRADE levels stay in their order, highest first
    _seeded(q.uid).shuffle(idx)
    if q.type == "order" and n > 1 and idx == sorted(idx):
        idx = idx[1:] + idx[:1]  # never show an order question already solved
    return idx


def _letters(n: int) -> list[str]:
    return [chr(ord("A") + i) for i in range(n)]


def front_html(content: Content, q: Question) -> str:
    card = content.card_by_id[q.card_id]
    chapter = content.chapter_by_id[card.chapter_id]
    parts = [f'<div class="ldn-where">{to_html(chapter.title)} › {to_html(card.title)}</div>']
    if q.type == "cloze":
        prompt = _BLANK.sub(_BLANK_MARK, " ".join(q.prompt.split()))
        prompt = to_html(prompt).replace(_BLANK_MARK, '<span class="ldn-blank">_____</span>')
        parts.append(f'<div class="ldn-prompt">{prompt}</div>')
        parts.append('<div class="ldn-hint">Fill in the blank.</div>')
    else:
        parts.append(f'<div class="ldn-prompt">{to_html(q.prompt)}</div>')
    if q.type in ("single", "multiple"):
        hint = "Choose one." if q.type == "single" else "Choose every answer that applies."
        parts.append(f'<div class="ldn-hint">{hint}</div>')
        order = shown_order(q)
        items = "".join(f"<li>{to_html(q.choices[i].text)}</li>" for i in order)
        parts.append(f'<ol class="ldn-choices" type="A">{items}</ol>')
    elif q.type == "true-false":
        parts.append('<div class="ldn-hint">True or false?</div>')
    elif q.type == "order":
        parts.append('<div class="ldn-hint">Put these in order:</div>')
        items = "".join(f"<li>{to_html(q.items[i])}</li>" for i in shown_order(q))
        parts.append(f'<ul class="ldn-items">{items}</ul>')
    return "".join(parts)


def back_html(content: Content, q: Question) -> str:
    from ldn_tui.quiz.grading import display_answer

    card = content.card_by_id[q.card_id]
    parts: list[str] = []
    if q.type in ("single", "multiple"):
        order = shown_order(q)
        letters = _letters(len(order))
        right = [f"{letters[k]}. {to_html(q.choices[i].text)}" for k, i in enumerate(order) if q.choices[i].correct]
        label = "Answer" if len(right) == 1 else "Answers"
        parts.append(f'<div class="ldn-answer"><b>{label}:</b> {"; ".join(right)}</div>')
    elif q.type == "order":
        items = "".join(f"<li>{to_html(t)}</li>" for t in q.items)
        parts.append(f'<div class="ldn-answer"><b>Correct order:</b></div><ol class="ldn-order">{items}</ol>')
    else:
        parts.append(f'<div class="ldn-answer"><b>Answer:</b> {to_html(display_answer(q))}</div>')
        if q.type == "cloze" and len(q.answers) > 1:
            also = "; ".join(to_html(a) for a in q.answers[1:])
            parts.append(f'<div class="ldn-accepted">Also accepted: {also}</div>')
    if q.explanation:
        parts.append(f'<div class="ldn-explanation">{to_html(q.explanation)}</div>')
    if q.type in ("single", "multiple"):
        order = shown_order(q)
        letters = _letters(len(order))
        rows = []
        for k, i in enumerate(order):
            c = q.choices[i]
            verdict = "right" if c.correct else "wrong"
            rows.append(f"<li><b>{letters[k]}. {to_html(c.text)}</b> ({verdict}): {to_html(c.why)}</li>")
        parts.append(f'<ul class="ldn-why">{"".join(rows)}</ul>')
    claim = card.claim(q.claim) if q.claim else None
    if claim is not None:
        ev = EVIDENCE.get(claim.evidence, claim.evidence)
        tail = ""
        if claim.certainty:
            tail = f" · certainty {CERTAINTY.get(claim.certainty, claim.certainty).split(':')[0].lower()}"
        parts.append(f'<div class="ldn-evidence">Evidence: {to_html(ev)}{tail}</div>')
    return "".join(parts)


def _tag(*parts: str) -> str:
    return "::".join([TAG_ROOT, *("-".join(p.split()).replace('"', "") for p in parts)])


def tags(content: Content, q: Question) -> list[str]:
    card = content.card_by_id[q.card_id]
    out = [TAG_ROOT, _tag("chapter", card.chapter_id), _tag("kind", card.kind), _tag("type", q.type)]
    if q.focus == "appraisal":
        out.append(_tag("focus", "appraisal"))
    claim = card.claim(q.claim) if q.claim else None
    if claim is not None:
        out.append(_tag("evidence", claim.evidence))
        if claim.certainty:
            out.append(_tag("certainty", claim.certainty))
    if is_generated(q):
        out.append(_tag("generated"))
    return out


def note_parts(content: Content, q: Question) -> tuple[str, str, str, list[str]]:
    """(guid, front HTML, back HTML, tags) of one question's note; the Anki CSV uses it too."""
    return note_guid(q.uid), front_html(content, q), back_html(content, q), tags(content, q)


# --- the package ------------------------------------------------------------------------------

CSS = """\
.card { font-family: -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 18px;
        text-align: left; color: black; background-color: white; max-width: 42em; margin: auto; }
.ldn-where { font-size: 13px; color: #666; margin-bottom: .6em; }
.ldn-prompt { font-weight: 600; margin-bottom: .5em; }
.ldn-hint { font-size: 14px; color: #555; }
.ldn-blank { letter-spacing: .1em; }
.ldn-answer { margin-bottom: .5em; }
.ldn-explanation { margin: .5em 0; }
.ldn-why, .ldn-evidence { font-size: 15px; }
.ldn-evidence { color: #555; margin-top: .5em; }
.nightMode .ldn-where, .nightMode .ldn-hint, .nightMode .ldn-evidence { color: #aaa; }
"""


def _model():
    import genanki

    return genanki.Model(
        NOTE_TYPE_ID,
        NOTE_TYPE_NAME,
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Id"}],
        templates=[
            {
                "name": "Question",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}',
            }
        ],
        css=CSS,
    )


def chapter_deck_name(title: str) -> str:
    return f"{DECK_NAME}::{' '.join(title.replace('::', ':').split())}"


def build_decks(content: Content, scope: Scope | None = None, *, include_generated: bool = False) -> list:
    """The parent deck `LDN study guide` (empty), then one sub-deck per chapter in scope
    (`LDN study guide::<chapter title>`) with its questions in content order."""
    import genanki

    scope = scope or select(content)
    model = _model()
    root = genanki.Deck(
        ROOT_DECK_ID,
        DECK_NAME,
        description=f"Quiz questions from ldn-study, one sub-deck per chapter. {html.escape(DISCLAIMER)}",
    )
    decks = [root]
    for ch in scope.chapters:
        deck = genanki.Deck(
            deck_id(ch.id),
            chapter_deck_name(ch.title),
            description=f"{html.escape(ch.summary)}<br><br>{html.escape(DISCLAIMER)} Made by ldn-study.",
        )
        for card in ch.cards:
            qs = list(card.quiz)
            if include_generated:
                from ldn_tui.content.generated import questions_for_card

                qs += questions_for_card(card, content)
            for q in qs:
                guid, front, back, tag_list = note_parts(content, q)
                deck.add_note(genanki.Note(model=model, fields=[front, back, q.uid], tags=tag_list, guid=guid))
        decks.append(deck)
    return decks


def apkg_bytes(
    content: Content,
    scope: Scope | None = None,
    *,
    include_generated: bool = False,
    timestamp: float | None = None,
    history: Mapping[str, History] | None = None,
) -> bytes:
    """The `.apkg` file as bytes (a zip holding `collection.anki2` and an empty `media` map).

    `timestamp` (seconds since the epoch, default now) stamps the notes' modification time,
    which Anki compares to decide whether an imported note is newer; tests fix it.
    `history` (question uid -> `anki_history.History`) carries the student's FSRS state and
    review log into the cards and the `revlog` table (see `export.anki_history`).
    """
    import itertools

    import genanki

    from ldn_tui.export.anki_history import apply

    decks = build_decks(content, scope, include_generated=include_generated)
    stamp = time.time() if timestamp is None else float(timestamp)
    package = genanki.Package(decks)
    with tempfile.TemporaryDirectory(prefix="ldn-study-anki-") as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
            if history:
                apply(conn, {note_guid(uid): h for uid, h in history.items()}, stamp=stamp)
            conn.commit()
        finally:
            conn.close()
        data = db.read_bytes()
    when = datetime.fromtimestamp(stamp, UTC)
    date_time = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("collection.anki2", date_time), data, zipfile.ZIP_DEFLATED)
        z.writestr(zipfile.ZipInfo("media", date_time), "{}", zipfile.ZIP_DEFLATED)
    return buf.getvalue()


__all__ = [
    "DECK_NAME",
    "NOTE_TYPE_ID",
    "ROOT_DECK_ID",
    "apkg_bytes",
    "back_html",
    "build_decks",
    "deck_id",
    "front_html",
    "note_guid",
    "note_parts",
    "shown_order",
    "stable_id",
    "tags",
    "to_html",
]
