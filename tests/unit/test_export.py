"""Exports (Markdown, JSON, CSV, Anki) and the JSON import.

Golden files under tests/golden/export/ are made from a fixed progress store over the mini
fixture content, with fixed times and UTC; they are compared byte for byte. After a deliberate
change, regenerate them with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_export.py

and read the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import genanki
import pytest

from ldn_tui.content import load_content
from ldn_tui.content.generated import all_questions, question_by_uid
from ldn_tui.content.hashing import question_hash
from ldn_tui.content.labels import EVIDENCE
from ldn_tui.export import (
    ExportError,
    OutputExists,
    UnknownChapter,
    anki,
    csvio,
    export,
    jsonimport,
    jsonio,
    jsonspec,
    render,
    select,
)
from ldn_tui.export.common import FORMATS
from ldn_tui.export.output import default_filename, output_path, write_output
from ldn_tui.progress import tables
from ldn_tui.progress.scheduler import ReviewScheduler, rating_for
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.building import QuizRequest
from ldn_tui.quiz.grading import grade

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden" / "export"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=2)
STAMP = T0.timestamp()  # fixed note times in the Anki deck


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


def answer(store, content, uid, response, at, confidence="unsure", elapsed_ms=8000, session=None):
    q = question_by_uid(content, uid)
    card = content.card_by_id[q.card_id]
    g = grade(q, response, card=card)
    h = question_hash(q)
    row = ReviewScheduler().next_row(
        uid, h, store.get_schedule(uid), rating_for(g.score, confidence), safety=card.kind == "safety", now=at
    )
    store.record_attempt(
        uid,
        card_id=card.id,
        content_hash=h,
        answer=g.answer,
        score=g.score,
        confidence=confidence,
        elapsed_ms=elapsed_ms,
        session_id=session,
        now=at,
        schedule=row,
    )


def build_store(path: Path, content) -> ProgressStore:
    """Two days of study over the mini content: misses of every question type, a generated
    question, notes (one with a `|` and a blank line), a bookmark, references and a source opened."""
    s = ProgressStore.open(path, now=T0)
    sid = s.start_session("all", {"chapters": ["basics"]}, now=T0)
    s.record_view("basics.what-is-ldn", now=T0)
    answer(s, content, "basics.what-is-ldn/q1", "50 to 100 mg", T0 + timedelta(minutes=1), session=sid)
    answer(s, content, "basics.what-is-ldn/q2", False, T0 + timedelta(minutes=2), "sure", 4100, session=sid)
    answer(s, content, "basics.what-is-ldn/q3", "1936", T0 + timedelta(minutes=3), "guess", 12500, session=sid)
    gq = question_by_uid(content, "basics.what-is-ldn/claim-c1-evidence")
    wrong = next(c.text for c in gq.choices if not c.correct)
    answer(s, content, gq.uid, wrong, T0 + timedelta(minutes=4), session=sid)
    s.finish_session(sid, now=T0 + timedelta(minutes=5))
    s.add_bookmark("basics.what-is-ldn", now=T0 + timedelta(minutes=6))
    s.set_note(
        "basics.what-is-ldn",
        "Remember: 1.5-4.5 mg | off-label.\n\nAsk about the 1984 approval.",
        now=T0 + timedelta(minutes=7),
    )
    s.record_reference_open("younger2013", now=T0 + timedelta(minutes=8))
    t1 = T0 + timedelta(days=1)
    sid2 = s.start_session("due", {}, now=t1)
    s.record_view("evidence.fm-crossover", now=t1)
    answer(
        s,
        content,
        "evidence.fm-crossover/q1",
        ["Only 31 participants", "It had no placebo"],
        t1 + timedelta(minutes=1),
        session=sid2,
    )
    answer(
        s,
        content,
        "evidence.fm-crossover/q2",
        ["Baseline", "LDN", "Placebo", "Washout"],
        t1 + timedelta(minutes=2),
        elapsed_ms=None,
        session=sid2,
    )
    answer(s, content, "basics.what-is-ldn/q1", "1.5 to 4.5 mg", t1 + timedelta(minutes=3), "sure", session=sid2)
    answer(
        s, content, "evidence.fm-crossover/claim-c1-certainty", "Low", t1 + timedelta(minutes=4), "sure", session=sid2
    )
    s.finish_session(sid2, now=t1 + timedelta(minutes=5))
    s.set_note("evidence.fm-crossover", "Crossover: each woman was her own control.", now=t1 + timedelta(minutes=6))
    s.record_reference_open("younger2013", now=t1 + timedelta(minutes=7))
    s.record_reference_open("src:003", now=t1 + timedelta(minutes=8))
    s.set_setting("theme", "light")
    s.set_flag("evidence.fm-crossover/q2", True, now=t1 + timedelta(minutes=9))
    # an exam paused at its second question, one answer given (a draft: nothing recorded yet)
    exam = QuizRequest(
        uids=("basics.what-is-ldn/q2", "evidence.fm-crossover/q1"), style="exam", time_limit=600, seed=7
    ).build(content, s, now=t1 + timedelta(minutes=10))
    exam.info.token = "golden-exam"  # else a random one, and the golden file would differ each run
    exam.answer(True, "sure", now=t1 + timedelta(minutes=11))
    exam.next(now=t1 + timedelta(minutes=11))
    return s


@pytest.fixture
def store(tmp_path, mini):
    s = build_store(tmp_path / "progress.sqlite3", mini)
    yield s
    s.close()


@pytest.fixture
def empty_store(tmp_path):
    s = ProgressStore.open(tmp_path / "empty.sqlite3", now=T0)
    yield s
    s.close()


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"no golden file {path}; run with UPDATE_GOLDEN=1 to make it"
    expected = path.read_bytes()
    if data != expected:
        # a readable diff for text formats
        assert data.decode("utf-8", "replace") == expected.decode("utf-8", "replace")
        assert data == expected


# --- golden files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "kw"),
    [
        ("progress.md", "markdown", {}),
        ("progress-evidence.md", "markdown", {"chapters": ["evidence"]}),
        ("progress.json", "json", {}),
        ("attempts.csv", "csv", {}),
        ("attempts-summary.csv", "csv", {"summary": True}),
        ("anki.csv", "anki-csv", {}),
        ("anki-with-generated.csv", "anki-csv", {"include_generated": True}),
    ],
)
def test_golden(store, mini, name, fmt, kw):
    scope = select(mini, kw.pop("chapters", None))
    data = render(fmt, mini, store, scope, now=NOW, tz=UTC, **kw)
    golden(name, data)


def test_golden_empty_progress(empty_store, mini):
    data = render("markdown", mini, empty_store, now=NOW, tz=UTC)
    golden("empty.md", data)
    text = data.decode()
    assert "## The chapters" in text and "| Basics | 1 | 3 |" in text
    assert "Start with **Basics**" in text  # the chapter with the orientation card
    assert "## How to begin" in text
    assert "Questions to revisit" not in text


def _apkg_notes(data: bytes, tmp_path: Path) -> list[dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert set(z.namelist()) == {"collection.anki2", "media"}
        assert json.loads(z.read("media")) == {}
        db = tmp_path / f"collection-{len(list(tmp_path.iterdir()))}.anki2"
        db.write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT guid, mid, tags, flds, sfld FROM notes ORDER BY id").fetchall()
        decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
        models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
        cards = conn.execute("SELECT COUNT(*), COUNT(DISTINCT did) FROM cards").fetchone()
    finally:
        conn.close()
    notes = [
        {"guid": g, "model": mid, "tags": tags.split(), "fields": flds.split("\x1f"), "sort": sfld}
        for g, mid, tags, flds, sfld in rows
    ]
    return notes, decks, models, cards


def test_golden_anki_notes(mini, tmp_path):
    """The deck's notes (guid, tags, fields) as JSON: the .apkg's SQLite bytes are not compared."""
    data = render("anki", mini, None, timestamp=STAMP)
    notes, decks, models, _ = _apkg_notes(data, tmp_path)
    summary = {
        "decks": sorted((int(k), v["name"]) for k, v in decks.items() if v["name"] != "Default"),
        "models": sorted((int(k), v["name"], [f["name"] for f in v["flds"]]) for k, v in models.items()),
        "notes": notes,
    }
    golden("anki-notes.json", (json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode())


# --- Markdown -----------------------------------------------------------------------------------


def _tables(md: str) -> list[list[str]]:
    tables, cur = [], []
    for line in md.splitlines():
        if line.startswith("|"):
            cur.append(line)
        elif cur:
            tables.append(cur)
            cur = []
    if cur:
        tables.append(cur)
    return tables


@pytest.mark.parametrize("which", ["store", "empty_store"])
def test_markdown_is_plain_markdown(request, mini, which):
    md = render("markdown", mini, request.getfixturevalue(which), now=NOW, tz=UTC).decode()
    assert md.startswith("# LDN study: progress notes\n")
    assert "Educational, not medical advice." in md
    assert not re.search(r"<[a-zA-Z/!]", md), "no HTML"
    assert md.endswith("\n") and not md.endswith("\n\n")
    for table in _tables(md):
        assert re.fullmatch(r"\|(:?-+:?\|)+", table[1]), table[1]
        width = len(re.findall(r"(?<!\\)\|", table[0]))
        for row in table:
            assert len(re.findall(r"(?<!\\)\|", row)) == width, row
    _parses_as_markdown(md)


def _parses_as_markdown(md: str) -> None:
    """A CommonMark parser with GitHub tables sees every table, and no raw HTML."""
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(md)
    assert sum(t.type == "table_open" for t in tokens) == len(_tables(md))
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [c for c in inline if c.type == "html_inline"]


def test_markdown_content(store, mini):
    md = render("markdown", mini, store, now=NOW, tz=UTC).decode()
    # overall and per chapter
    assert "- **Questions answered:** 5 of 5 (100%)" in md
    assert "| Basics | 1/1 | 3/3 | 67% | 1 |" in md
    # by evidence label
    assert f"| {EVIDENCE['expert-opinion']} (`expert-opinion`) | 2 | 2 | 50% | 3 | 33% |" in md
    # missed: correct answer, explanation and the why of the pick; a later right answer clears a miss
    assert "Naltrexone was first synthesised in \\_\\_\\_." in md
    assert "- **Correct answer:** 1963" in md
    assert "It had no placebo: not right. It did have a placebo period." in md
    assert "Unequal LDN and placebo periods: you left this out." in md
    assert "Which daily range" not in md.split("## Questions to revisit")[1].split("## Your notes")[0]
    # notes under the card title, a | inside a note is not a table
    notes = md.split("## Your notes and bookmarks")[1].split("## Due next")[0]
    assert (
        notes.index("### Basics")
        < notes.index("#### What LDN is")
        < notes.index("```text\nRemember: 1.5-4.5 mg | off-label.\n\nAsk about the 1984 approval.\n```")
    )
    assert "*Bookmarked 1 March 2025.*" in notes
    # due next and references
    assert "| Today, Mon 3 Mar (with anything overdue) | 4 |" in md
    assert "PMID [23359310](https://pubmed.ncbi.nlm.nih.gov/23359310/)" in md
    assert "DOI [10.1002/art.37734](https://doi.org/10.1002/art.37734)" in md
    assert "Verified: yes" in md and "Opened 2 times" in md


def test_markdown_chapter_scope(store, mini):
    md = render("markdown", mini, store, select(mini, ["evidence"]), now=NOW, tz=UTC).decode()
    assert "covers chapter Evidence" in md
    assert "| Evidence |" in md and "| Basics |" not in md
    assert "What LDN is" not in md  # its misses and its note are left out
    assert "younger2013" not in md and "Low-dose naltrexone for the treatment of fibromyalgia" in md


def test_markdown_with_views_only_is_not_the_start_page(empty_store, mini):
    empty_store.record_view("basics.what-is-ldn", now=T0)
    md = render("markdown", mini, empty_store, now=NOW, tz=UTC).decode()
    assert "## Progress" in md and "No answers yet." in md and "## How to begin" not in md


def test_markdown_survives_removed_questions_and_cards(empty_store, mini):
    empty_store.record_attempt("gone.card/q1", content_hash="x", answer="a", score=0.0, now=T0)
    empty_store.set_note("gone.card", "old note", now=T0)
    empty_store.record_reference_open("nowhere1999", now=T0)
    md = render("markdown", mini, empty_store, now=NOW, tz=UTC).decode()
    assert "*1 missed question is no longer in the guide.*" in md
    assert "### Cards no longer in the guide" in md and "```text\nold note\n```" in md
    assert "no longer in the guide: nowhere1999" in md


# --- JSON export and import ---------------------------------------------------------------------


def test_json_covers_every_store_column(store):
    raw = store.export_rows()
    for table in tables.TABLES:
        # the paused quiz's `slot` is always 1 (one paused quiz at a time): the file leaves it out
        stored = set(raw[table][0]) - ({"slot"} if table == "saved_quiz" else set())
        assert stored == set(jsonspec.columns(table)), table


def test_json_round_trip(store, tmp_path):
    first = jsonio.export_json(store)
    path = tmp_path / "backup.json"
    path.write_bytes(first)
    fresh = ProgressStore.open(tmp_path / "fresh" / "progress.sqlite3", now=NOW + timedelta(days=5))
    result = jsonimport.import_file(fresh, path)
    assert result.added["attempts"] == 8 and result.added["sessions"] == 2 and not result.merged
    again = jsonio.export_json(fresh)
    assert again == first
    # the rows themselves, not just the file
    a, b = store.export_rows(), fresh.export_rows()
    for table in tables.PROGRESS_TABLES:
        key = jsonspec.columns(table)[0]
        assert sorted(a[table], key=lambda r: r[key]) == sorted(b[table], key=lambda r: r[key]), table
    fresh.close()


def test_json_has_format_version_and_no_export_time(store):
    data = json.loads(jsonio.export_json(store))
    assert data["format"] == "ldn-study-progress" and data["schema_version"] == jsonspec.SCHEMA_VERSION
    assert data["last_activity"] == "2025-03-02T09:09:00.000+00:00"  # the last thing done (a flag), from the data
    assert "last_opened_at" not in {s["key"] for s in data["tables"]["settings"]}
    assert data["counts"]["attempts"] == 8
    # opening the store again (which stamps last_opened_at) changes nothing in the export
    store2 = ProgressStore.open(store.path, now=NOW + timedelta(days=30))
    assert jsonio.export_json(store2) == jsonio.export_json(store)
    store2.close()


def test_import_refuses_a_store_with_progress(store, tmp_path):
    path = tmp_path / "b.json"
    path.write_bytes(jsonio.export_json(store))
    with pytest.raises(jsonio.StoreNotEmpty, match="already holds progress.*--force"):
        jsonimport.import_file(store, path)


def test_import_force_merges_without_duplicates(store, empty_store, mini, tmp_path):
    path = tmp_path / "b.json"
    path.write_bytes(jsonio.export_json(store))
    empty_store.set_note("basics.what-is-ldn", "my newer note", now=NOW)
    answer(
        empty_store, mini, "evidence.fm-crossover/q1", ["Only 31 participants", "Unequal LDN and placebo periods"], NOW
    )
    before = empty_store.counts()
    r1 = jsonimport.import_file(empty_store, path, force=True)
    assert r1.merged and r1.added["attempts"] == 8 and r1.skipped["notes"] == 1
    assert empty_store.get_note("basics.what-is-ldn") == "my newer note"  # the newer note is kept
    # the schedule row reviewed later (here, in the store) is kept
    assert empty_store.get_schedule("evidence.fm-crossover/q1").last_review == NOW
    r2 = jsonimport.import_file(empty_store, path, force=True)
    assert sum(r2.added.values()) == 0
    after = empty_store.counts()
    assert after["attempts"] == before["attempts"] + 8 and after["sessions"] == before["sessions"] + 2


def _bad(tmp_path, data) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _valid(store) -> dict:
    return json.loads(jsonio.export_json(store))


def test_import_checks_the_file(store, empty_store, tmp_path):
    with pytest.raises(jsonio.ImportFileError, match="no such file"):
        jsonimport.import_file(empty_store, tmp_path / "missing.json")
    with pytest.raises(jsonio.ImportFileError, match=r"not valid JSON \(line 1, column 2"):
        jsonimport.import_file(empty_store, _bad(tmp_path, "{oops"))
    with pytest.raises(jsonio.ImportFileError, match=r'is not an ldn-study progress export \(its "format" is "anki"\)'):
        jsonimport.import_file(empty_store, _bad(tmp_path, {"format": "anki"}))
    newer = _valid(store) | {"schema_version": 99}
    with pytest.raises(jsonio.ImportFileError, match="newer ldn-study .*version 99.*up to 2"):
        jsonimport.import_file(empty_store, _bad(tmp_path, newer))
    data = _valid(store)
    data["tables"]["attempts"][2]["score"] = 2
    data["tables"]["notes"][0]["updated_at"] = "yesterday"
    with pytest.raises(jsonio.ImportFileError) as err:
        jsonimport.import_file(empty_store, _bad(tmp_path, data))
    msg = str(err.value)
    assert "nothing was changed" in msg
    assert "tables.attempts[2].score: expected a number from 0 to 1, got 2" in msg
    assert "tables.notes[0].updated_at: expected an ISO 8601 time" in msg
    assert empty_store.counts()["attempts"] == 0


def test_import_checks_references_and_duplicates(store, empty_store, tmp_path):
    data = _valid(store)
    data["tables"]["attempts"][3]["session_id"] = 42
    data["tables"]["bookmarks"].append(dict(data["tables"]["bookmarks"][0]))
    with pytest.raises(jsonio.ImportFileError) as err:
        jsonimport.import_file(empty_store, _bad(tmp_path, data))
    msg = str(err.value)
    assert "tables.attempts[3].session_id: no session 42 in the file" in msg
    assert 'tables.bookmarks[1].card_id: "basics.what-is-ldn" is already used by tables.bookmarks[0]' in msg


def test_import_refuses_a_read_only_store(store, tmp_path):
    path = tmp_path / "b.json"
    path.write_bytes(jsonio.export_json(store))
    mem = ProgressStore.in_memory(now=T0, notice="Cannot write to /x.")
    with pytest.raises(ExportError, match="not being saved"):
        jsonimport.import_file(mem, path)


# --- CSV ----------------------------------------------------------------------------------------


def test_attempts_csv_parses(store, mini):
    data = render("csv", mini, store, now=NOW, tz=UTC)
    assert not data.startswith("\ufeff".encode())  # a BOM only for Excel (--excel)
    assert render("csv", mini, store, now=NOW, tz=UTC, excel=True) == "\ufeff".encode() + data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    assert list(rows[0]) == list(csvio.ATTEMPT_COLUMNS)
    assert len(rows) == 8
    first = rows[0]
    assert first["date"] == "2025-03-01" and first["time"] == "09:01:00"
    assert first["chapter"] == "Basics" and first["card title"] == "What LDN is"
    assert first["your answer"] == "50 to 100 mg" and first["correct answer"] == "1.5 to 4.5 mg"
    assert first["correct"] == "no" and first["confidence"] == "unsure" and first["seconds taken"] == "8.0"
    assert first["evidence label"] == EVIDENCE["expert-opinion"]
    order = next(r for r in rows if r["question type"] == "order")
    assert order["score"] == "0.67" and order["seconds taken"] == ""


def test_summary_csv(store, mini):
    data = render("csv", mini, store, now=NOW, tz=UTC, summary=True)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(csvio.SUMMARY_COLUMNS)
    by_id = {r["question id"]: r for r in rows}
    assert set(by_id) >= {q.uid for q in mini.questions}
    q1 = by_id["basics.what-is-ldn/q1"]
    assert (q1["attempts"], q1["correct attempts"], q1["accuracy"], q1["last score"]) == ("2", "1", "0.50", "1.00")
    assert by_id["basics.what-is-ldn/q3"]["next due"] == "now"
    # generated questions appear once answered, not before
    assert "basics.what-is-ldn/claim-c1-evidence" in by_id
    assert "evidence.fm-crossover/claim-c1-evidence" not in by_id


def test_anki_csv_header_and_rows(mini, tmp_path):
    data = render("anki-csv", mini, None).decode("utf-8")
    lines = data.split("\n")
    assert lines[:7] == [
        "#separator:Comma",
        "#html:true",
        "#columns:GUID,Notetype,Deck,Front,Back,Tags",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
    ]
    rows = list(csv.reader(io.StringIO("\n".join(lines[7:]), newline="")))
    assert len(rows) == len(mini.questions) and all(len(r) == 6 for r in rows)
    assert {r[1] for r in rows} == {"Basic"}
    # the same GUIDs as the .apkg, so both update the same notes
    notes, *_ = _apkg_notes(render("anki", mini, None, timestamp=STAMP), tmp_path)
    assert [r[0] for r in rows] == [n["guid"] for n in notes]
    assert all(" " not in t for r in rows for t in r[5].split(" "))
    assert rows[0][2] == "LDN study guide::Basics"


# --- Anki deck ----------------------------------------------------------------------------------


def test_apkg_is_a_valid_collection(mini, tmp_path):
    data = render("anki", mini, None)
    notes, decks, models, cards = _apkg_notes(data, tmp_path)
    assert len(notes) == len(mini.questions) == 5
    assert cards == (5, 2)  # one card per note, in two chapter decks
    assert {d["name"] for d in decks.values()} >= {
        "LDN study guide",
        "LDN study guide::Basics",
        "LDN study guide::Evidence",
    }
    assert [int(k) for k in models] == [anki.NOTE_TYPE_ID]
    assert [n["guid"] for n in notes] == [genanki.guid_for(q.uid) for q in mini.questions]
    for n in notes:
        assert "ldn-study" in n["tags"] and all(" " not in t for t in n["tags"])
    tags = {t for n in notes for t in n["tags"]}
    assert {
        "ldn-study::chapter::basics",
        "ldn-study::chapter::evidence",
        "ldn-study::kind::orientation",
        "ldn-study::evidence::expert-opinion",
        "ldn-study::type::cloze",
    } <= tags
    front, back, uid = notes[0]["fields"]
    assert uid == "basics.what-is-ldn/q1" and "<ol" in front and "1.5 to 4.5 mg" in front
    assert "This is the range source 001 gives." in back and "That is ultra-low dose." in back


def test_apkg_ids_are_stable_across_exports(mini, tmp_path):
    a = _apkg_notes(render("anki", mini, None), tmp_path)
    b = _apkg_notes(render("anki", mini, None, timestamp=STAMP + 86400), tmp_path)
    assert [n["guid"] for n in a[0]] == [n["guid"] for n in b[0]]
    assert set(a[1]) == set(b[1]) and set(a[2]) == set(b[2])  # deck and note type ids
    assert anki.ROOT_DECK_ID == anki.stable_id("ldn-study")
    assert 1 << 30 <= anki.NOTE_TYPE_ID < 1 << 31


def test_apkg_chapters_and_generated(mini, tmp_path):
    only = _apkg_notes(render("anki", mini, None, select(mini, ["evidence"])), tmp_path)[0]
    assert [n["fields"][2] for n in only] == ["evidence.fm-crossover/q1", "evidence.fm-crossover/q2"]
    gen = _apkg_notes(render("anki", mini, None, include_generated=True), tmp_path)[0]
    assert len(gen) == len(all_questions(mini))
    generated = [n for n in gen if "ldn-study::generated" in n["tags"]]
    assert len(generated) == 3
    assert any("ldn-study::certainty::low" in n["tags"] for n in generated)


def test_anki_front_never_shows_an_order_question_solved(mini):
    q = mini.question_by_uid["evidence.fm-crossover/q2"]
    shown = anki.shown_order(q)
    assert shown != sorted(shown) and anki.shown_order(q) == shown  # and the same every time


def test_anki_html_escapes_and_formats():
    assert anki.to_html("a <b> & `code` and **bold** *it*") == (
        "a &lt;b&gt; &amp; <code>code</code> and <strong>bold</strong> <em>it</em>"
    )
    assert anki.to_html("p<0.05 * 2") == "p&lt;0.05 * 2"


# --- writing files ------------------------------------------------------------------------------


def test_default_names():
    day = datetime(2026, 11, 21).date()
    assert default_filename("markdown", day) == "ldn-study-progress-2026-11-21.md"
    assert default_filename("json", day) == "ldn-study-progress-2026-11-21.json"
    assert default_filename("csv", day, summary=True) == "ldn-study-attempts-2026-11-21-summary.csv"
    assert default_filename("anki", day) == "ldn-study-deck-2026-11-21.apkg"
    assert default_filename("anki-csv", day) == "ldn-study-anki-2026-11-21.csv"


def test_export_writes_dated_file_in_cwd(store, mini, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = export(mini, store, now=NOW, tz=UTC)
    assert r.path == tmp_path / "ldn-study-progress-2025-03-03.md"
    assert r.path.read_bytes() == render("markdown", mini, store, now=NOW, tz=UTC)
    assert r.path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    # an existing file is kept unless forced
    with pytest.raises(OutputExists, match="already exists. Add --force"):
        export(mini, store, now=NOW, tz=UTC)
    r.path.write_text("old")
    export(mini, store, now=NOW, tz=UTC, force=True)
    assert r.path.read_text().startswith("# LDN study")
    # the app's variant picks a free name instead
    r2 = export(mini, store, now=NOW, tz=UTC, unique=True)
    assert r2.path.name == "ldn-study-progress-2025-03-03-2.md"
    # a folder as --output gets the dated name inside it
    (tmp_path / "out").mkdir()
    r3 = export(mini, store, "json", output=tmp_path / "out", now=NOW, tz=UTC)
    assert r3.path == tmp_path / "out" / "ldn-study-progress-2025-03-03.json"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp files


def _umask() -> int:
    m = os.umask(0o022)
    os.umask(m)
    return m


def test_missing_folder(store, mini, tmp_path):
    with pytest.raises(ExportError, match="the folder .*nope does not exist"):
        export(mini, store, output=tmp_path / "nope" / "x.md", now=NOW)
    assert not (tmp_path / "nope").exists()


def test_parent_is_a_file(store, mini, tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is not a folder"):
        export(mini, store, output=tmp_path / "file" / "x.md", now=NOW)


def test_read_only_folder_message(store, mini, tmp_path, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == ro else real(p, mode))
    with pytest.raises(ExportError, match="the folder .*ro is read-only"):
        export(mini, store, output=ro / "x.md", now=NOW)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_read_only_folder_for_real(store, mini, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="read-only"):
            export(mini, store, output=ro / "x.md", now=NOW)
    finally:
        ro.chmod(0o755)


def test_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("old notes")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ExportError, match="No space left on device. Nothing was written"):
        write_output(target, b"new", force=True)
    assert target.read_text() == "old notes"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_unknown_chapter_lists_the_valid_ids(mini, store):
    with pytest.raises(UnknownChapter) as err:
        export(mini, store, chapters=["basics", "nope"])
    assert str(err.value) == "No chapter 'nope'. The chapters are: basics, evidence."


def test_json_refuses_a_chapter_scope(mini, store):
    with pytest.raises(ExportError, match="complete backup"):
        render("json", mini, store, select(mini, ["basics"]))


def test_output_path_variants(tmp_path):
    day = datetime(2026, 1, 2).date()
    assert output_path(None, "markdown", day, cwd=tmp_path) == tmp_path / "ldn-study-progress-2026-01-02.md"
    assert output_path("x.md", "markdown", day) == Path("x.md")
    assert output_path(tmp_path, "anki", day) == tmp_path / "ldn-study-deck-2026-01-02.apkg"


# --- the real content ---------------------------------------------------------------------------


def test_real_content_smoke(tmp_path):
    content = load_content(None)
    store = ProgressStore.open(tmp_path / "p.sqlite3", now=T0)
    qs = all_questions(content)
    for i, q in enumerate(qs[::7]):
        card = content.card_by_id[q.card_id]
        resp = {"single": 0, "multiple": [0], "true-false": True, "cloze": "x", "order": list(range(len(q.items)))}[
            q.type
        ]
        answer(store, content, q.uid, resp, T0 + timedelta(minutes=i))
        if i % 10 == 0:
            store.set_note(card.id, f"note {i}", now=T0)
            store.add_bookmark(card.id, now=T0)
    for ref in content.references[:3]:
        store.record_reference_open(ref.id, now=T0)
    md = render("markdown", content, store, now=NOW, tz=UTC).decode()
    for ch in content.chapters:
        assert f"| {ch.title} |" in md
    assert not re.search(r"<[a-zA-Z/!]", md)
    _parses_as_markdown(md)
    data = render("anki", content, None)
    notes, *_ = _apkg_notes(data, tmp_path)
    assert len(notes) == len(content.questions)
    assert len({n["guid"] for n in notes}) == len(notes)
    for fmt in ("json", "csv", "anki-csv"):
        assert render(fmt, content, store, now=NOW, tz=UTC)
    empty = ProgressStore.open(tmp_path / "e.sqlite3", now=T0)
    start = render("markdown", content, empty, now=NOW, tz=UTC).decode()
    assert "Start with **Orientation**" in start
    store.close()
    empty.close()


# --- the command line ---------------------------------------------------------------------------


def run(exe, *args, home, cwd, content=MINI):
    env = dict(os.environ, LDN_STUDY_HOME=str(home))
    env.pop("LDN_STUDY_CONTENT", None)
    if content is not None:
        env["LDN_STUDY_CONTENT"] = str(content)
    return subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60)


def test_cli_format_names_match():
    from ldn_tui.commands.export import FORMAT_NAMES, GUIDE_FORMAT_NAMES
    from ldn_tui.export.common import GUIDE_FORMATS

    assert FORMAT_NAMES == tuple(f for f in FORMATS if f not in GUIDE_FORMATS)
    assert set(GUIDE_FORMAT_NAMES.values()) == set(GUIDE_FORMATS)


def test_cli_export_default_and_existing(ldn_study_exe, tmp_path):
    home, cwd = tmp_path / "home", tmp_path / "work"
    cwd.mkdir()
    r = run(ldn_study_exe, "export", home=home, cwd=cwd)
    assert r.returncode == 0, r.stderr
    files = list(cwd.glob("ldn-study-progress-*.md"))
    assert len(files) == 1 and str(files[0]) in r.stdout
    assert "Nothing recorded yet" in files[0].read_text()
    r = run(ldn_study_exe, "export", home=home, cwd=cwd)
    assert r.returncode == 1 and "already exists" in r.stderr and "--force" in r.stderr
    r = run(ldn_study_exe, "export", "--force", home=home, cwd=cwd)
    assert r.returncode == 0


def test_cli_export_errors(ldn_study_exe, tmp_path):
    home = tmp_path / "home"
    r = run(ldn_study_exe, "export", "--chapter", "basics", "nope", home=home, cwd=tmp_path)
    assert r.returncode == 2
    assert "No chapter 'nope'. The chapters are: basics, evidence." in r.stderr
    r = run(ldn_study_exe, "export", "-o", str(tmp_path / "missing" / "x.md"), home=home, cwd=tmp_path)
    assert r.returncode == 1 and "does not exist" in r.stderr
    r = run(ldn_study_exe, "export", "--summary", home=home, cwd=tmp_path)
    assert r.returncode == 2 and "--summary goes with --format csv" in r.stderr
    r = run(ldn_study_exe, "export", "-f", "json", "--chapter", "basics", home=home, cwd=tmp_path)
    assert r.returncode == 2
    assert not list(tmp_path.glob("ldn-study-*"))


def test_cli_help_documents_the_formats(ldn_study_exe, tmp_path):
    r = run(ldn_study_exe, "export", "--help", home=tmp_path, cwd=tmp_path)
    assert r.returncode == 0
    for word in ("markdown", "anki-csv", "#separator", "--summary", "--include-generated", "--force"):
        assert word in r.stdout


def test_cli_json_round_trip(ldn_study_exe, tmp_path, mini):
    home1, home2 = tmp_path / "h1", tmp_path / "h2"
    s = build_store(home1 / "data" / "progress.sqlite3", mini)
    s.close()
    r = run(ldn_study_exe, "export", "-f", "json", "-o", "a.json", home=home1, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = run(ldn_study_exe, "import", "a.json", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Imported a.json" in r.stdout and "8 attempts" in r.stdout
    r = run(ldn_study_exe, "export", "-f", "json", "-o", "b.json", home=home2, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    # a second import into the now non-empty store needs --force, and then adds nothing
    r = run(ldn_study_exe, "import", "a.json", home=home2, cwd=tmp_path)
    assert r.returncode == 1 and "already holds progress" in r.stderr
    r = run(ldn_study_exe, "import", "a.json", "--force", home=home2, cwd=tmp_path)
    assert r.returncode == 0 and "nothing new" in r.stdout
    # other formats from the same store, each to its default name
    for fmt in ("csv", "anki", "anki-csv"):
        r = run(ldn_study_exe, "export", "-f", fmt, home=home2, cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    r = run(ldn_study_exe, "export", "-f", "csv", "--summary", home=home2, cwd=tmp_path)
    assert r.returncode == 0 and "-summary.csv" in r.stdout


def test_cli_import_bad_file(ldn_study_exe, tmp_path):
    (tmp_path / "x.json").write_text('{"format": "something-else"}')
    r = run(ldn_study_exe, "import", "x.json", home=tmp_path / "h", cwd=tmp_path)
    assert r.returncode == 1 and "is not an ldn-study progress export" in r.stderr
    assert "Traceback" not in r.stderr
