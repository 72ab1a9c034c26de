"""The Anki exports imported into the real Anki (the `anki` package, a test-only dependency).

What a student sees after File > Import with "Import any learning progress" ticked: every
question is a note with its fields as exported, each question studied in ldn-study arrives
with its FSRS memory state, its due date and one review-log row per answer, and importing a
newer deck updates the notes instead of adding copies. The CSV export goes through Anki's own
CSV importer the same way (header lines, GUID column, no note lost to a `#` comment line).

Anki counts days from its collection's creation with a 4 am rollover in local time; the
exporter's `day_number` does the same, and these tests compare in Anki's own terms
(`col.sched.today`), with study times taken from the real clock since that is what Anki uses.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest, ImportCsvRequest
from fsrs import Card as FsrsCard

from ldn_tui.content import load_content
from ldn_tui.content.hashing import question_hash
from ldn_tui.export import anki, export, render
from ldn_tui.export.anki_history import day_number
from ldn_tui.progress.scheduler import ReviewScheduler, rating_for
from ldn_tui.progress.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"

Q_REVIEW = "basics.what-is-ldn/q1"  # right and sure, then right again two days later: a review card
Q_LEARN = "basics.what-is-ldn/q3"  # wrong, just now: still in its learning steps
Q_LAPSE = "evidence.fm-crossover/q1"  # right and sure, then wrong a week later: relearning
Q_NEW = "evidence.fm-crossover/q2"  # never answered
Q_SUSPENDED = "basics.what-is-ldn/q2"  # answered, then suspended by the student


@pytest.fixture(scope="module")
def mini():
    return load_content(MINI)


def study(
    store: ProgressStore,
    content,
    uid: str,
    score: float,
    confidence: str | None,
    at: datetime,
    elapsed_ms: int | None = 7000,
) -> None:
    """One answer, recorded as the quiz records it: attempt and new schedule row together."""
    q = content.question_by_uid[uid]
    card = content.card_by_id[q.card_id]
    h = question_hash(q)
    row = ReviewScheduler().next_row(
        uid, h, store.get_schedule(uid), rating_for(score, confidence), safety=card.kind == "safety", now=at
    )
    store.record_attempt(
        uid,
        card_id=card.id,
        content_hash=h,
        answer="x",
        score=score,
        confidence=confidence,
        elapsed_ms=elapsed_ms,
        now=at,
        schedule=row,
    )


@pytest.fixture
def studied(tmp_path, mini):
    """A store with ten days of study ending now (Anki schedules against the real clock)."""
    now = datetime.now(UTC).replace(microsecond=0)
    t0 = now - timedelta(days=10)
    s = ProgressStore.open(tmp_path / "progress.sqlite3", now=t0)
    study(s, mini, Q_REVIEW, 1.0, "sure", t0)
    study(s, mini, Q_REVIEW, 1.0, "unsure", t0 + timedelta(days=7))
    study(s, mini, Q_LAPSE, 1.0, "sure", t0 + timedelta(minutes=2))
    study(s, mini, Q_LAPSE, 0.0, "sure", t0 + timedelta(days=9, minutes=30))
    study(s, mini, Q_SUSPENDED, 1.0, "sure", t0 + timedelta(minutes=3), elapsed_ms=None)
    s.set_suspended(Q_SUSPENDED, True)
    study(s, mini, Q_LEARN, 0.0, "guess", now - timedelta(minutes=5))
    yield s, now
    s.close()


def new_collection(path: Path) -> Collection:
    path.parent.mkdir(parents=True, exist_ok=True)
    return Collection(str(path))


def import_apkg(col: Collection, path: Path, *, with_scheduling: bool = True):
    options = ImportAnkiPackageOptions(with_scheduling=with_scheduling, merge_notetypes=True)
    return col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def card_of(col: Collection, uid: str):
    """The Anki card of the note whose Id field is `uid`."""
    nids = [nid for nid in col.find_notes("") if col.get_note(nid)["Id"] == uid]
    assert len(nids) == 1, (uid, nids)
    (cid,) = col.get_note(nids[0]).card_ids()
    return col.get_card(cid)


def revlog(col: Collection, cid: int) -> list[tuple[int, int, int, int]]:
    return [tuple(r) for r in col.db.all("SELECT id, ease, type, ivl FROM revlog WHERE cid = ? ORDER BY id", cid)]


def test_apkg_carries_schedule_and_history_into_anki(tmp_path, mini, studied):
    store, now = studied
    result = export(mini, store, "anki", output=tmp_path / "deck.apkg", now=now)
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        log = import_apkg(col, result.path).log
        assert len(log.new) == col.note_count() == len(mini.questions) == 5

        # fields intact: what the exporter built is what Anki holds
        for q in mini.questions:
            _, front, back, tags = anki.note_parts(mini, q)
            note = col.get_note(card_of(col, q.uid).nid)
            assert (note["Front"], note["Back"], note["Id"]) == (front, back, q.uid)
            assert sorted(note.tags) == sorted(tags)

        attempts = store.attempts()
        for uid in (Q_REVIEW, Q_LAPSE, Q_SUSPENDED, Q_LEARN):
            card = card_of(col, uid)
            mine = [a for a in attempts if a.question_uid == uid]
            # FSRS memory state as ldn-study has it
            fsrs = FsrsCard.from_json(store.get_schedule(uid).card)
            assert card.memory_state is not None, uid
            assert card.memory_state.stability == pytest.approx(fsrs.stability, abs=1e-3)
            assert card.memory_state.difficulty == pytest.approx(fsrs.difficulty, abs=1e-3)
            # one review-log row per answer, at the answer's time, with the button it maps to
            rows = revlog(col, card.id)
            assert len(rows) == len(mine) == card.reps, uid
            assert [r[0] for r in rows] == [int(a.answered_at.timestamp() * 1000) for a in mine]
            assert [r[1] for r in rows] == [int(rating_for(a.score, a.confidence)) for a in mine]

        # the review card is due on the day ldn-study says, counted in Anki's days
        review = card_of(col, Q_REVIEW)
        row = store.get_schedule(Q_REVIEW)
        assert (review.type, review.queue) == (2, 2)
        assert review.due - col.sched.today == day_number(row.due, None) - day_number(now, None)
        assert review.ivl == (row.due - row.last_review).days
        assert [r[2] for r in revlog(col, review.id)] == [0, 1]  # a learning answer, then a review

        # a lapse: relearning, one lapse counted, the second answer logged as a review
        lapsed = card_of(col, Q_LAPSE)
        assert (lapsed.type, lapsed.lapses) == (3, 1)
        assert [r[2] for r in revlog(col, lapsed.id)] == [0, 1]

        # still learning: due at the minute ldn-study says (seconds since the epoch)
        learning = card_of(col, Q_LEARN)
        assert (learning.type, learning.queue) == (1, 1)
        assert learning.due == int(store.get_schedule(Q_LEARN).due.timestamp())

        # suspended in ldn-study, suspended in Anki; never answered: new, no history
        assert card_of(col, Q_SUSPENDED).queue == -1
        fresh = card_of(col, Q_NEW)
        assert (fresh.type, fresh.queue, fresh.reps, fresh.memory_state) == (0, 0, 0, None)
        assert revlog(col, fresh.id) == []
        assert col.db.scalar("SELECT COUNT(*) FROM revlog") == len(attempts)
    finally:
        col.close()


def test_anki_fsrs_uses_the_imported_state(tmp_path, mini, studied):
    """With FSRS on, Anki's own scheduler reads the imported memory state: its next interval for
    the review card is what FSRS gives from that stability, not a new card's first step."""
    store, now = studied
    path = export(mini, store, "anki", output=tmp_path / "deck.apkg", now=now).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        col.set_config("fsrs", True)
        import_apkg(col, path)
        card = card_of(col, Q_REVIEW)
        states = col._backend.get_scheduling_states(card.id)
        assert states.current.normal.WhichOneof("kind") == "review"
        good = states.good.normal.review
        assert good.memory_state.stability > card.memory_state.stability
        assert good.scheduled_days > card.ivl  # a review that goes well pushes it further out
    finally:
        col.close()


def test_reimport_updates_instead_of_duplicating(tmp_path, mini, studied):
    store, now = studied
    first = export(mini, store, "anki", output=tmp_path / "one.apkg", now=now, timestamp=time.time() - 60).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_apkg(col, first)
        notes, cards, reviews = col.note_count(), col.card_count(), col.db.scalar("SELECT COUNT(*) FROM revlog")
        # the student edits a note in Anki, then studies on in ldn-study and exports again
        note = col.get_note(card_of(col, Q_NEW).nid)
        exported_front = note["Front"]
        note["Front"] = "edited in Anki"
        col.update_note(note)
        study(store, mini, Q_NEW, 1.0, "sure", now)
        second = export(mini, store, "anki", output=tmp_path / "two.apkg", now=now, timestamp=time.time() + 60).path
        log = import_apkg(col, second).log
        assert len(log.new) == 0 and len(log.updated) == len(mini.questions)
        assert (col.note_count(), col.card_count()) == (notes, cards)
        assert col.get_note(note.id)["Front"] == exported_front  # the newer deck's text
        # Anki keeps the schedule of cards it already has (its importer adds history only with a card)
        assert col.db.scalar("SELECT COUNT(*) FROM revlog") == reviews
    finally:
        col.close()


def test_no_history_deck_is_all_new(tmp_path, mini, studied):
    store, now = studied
    path = export(mini, store, "anki", output=tmp_path / "clean.apkg", now=now, history=False).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_apkg(col, path)
        assert col.note_count() == 5
        assert col.db.scalar("SELECT COUNT(*) FROM revlog") == 0
        assert col.db.list("SELECT DISTINCT type FROM cards") == [0]
    finally:
        col.close()


def test_generated_questions_keep_their_history(tmp_path, mini, studied):
    store, now = studied
    from ldn_tui.content.generated import question_by_uid

    uid = "basics.what-is-ldn/claim-c1-evidence"
    q = question_by_uid(mini, uid)
    card = mini.card_by_id[q.card_id]
    h = question_hash(q)
    row = ReviewScheduler().next_row(uid, h, None, rating_for(1.0, "sure"), safety=False, now=now - timedelta(days=1))
    store.record_attempt(
        uid,
        card_id=card.id,
        content_hash=h,
        answer="x",
        score=1.0,
        confidence="sure",
        now=now - timedelta(days=1),
        schedule=row,
        generated=True,
    )
    path = export(mini, store, "anki", output=tmp_path / "gen.apkg", now=now, include_generated=True).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_apkg(col, path)
        c = card_of(col, uid)
        assert c.memory_state is not None and len(revlog(col, c.id)) == 1
    finally:
        col.close()


def test_a_question_edited_since_goes_to_anki_as_new(tmp_path, mini, studied):
    """ldn-study treats a question edited since its last review as new; so does the deck."""
    store, now = studied
    row = store.get_schedule(Q_REVIEW)
    store.save_schedule(row._replace(content_hash="an older version"))
    path = export(mini, store, "anki", output=tmp_path / "deck.apkg", now=now).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_apkg(col, path)
        c = card_of(col, Q_REVIEW)
        assert (c.type, c.reps, revlog(col, c.id)) == (0, 0, [])
        assert card_of(col, Q_LAPSE).reps == 2  # the others keep theirs
    finally:
        col.close()


# --- the CSV export through Anki's CSV importer ----------------------------------------------


def import_csv(col: Collection, path: Path):
    metadata = col.get_csv_metadata(str(path), None)
    return metadata, col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata))


def test_anki_csv_imports_every_note_of_the_bundled_guide(tmp_path):
    """The bundled content has a question whose genanki GUID starts with `#`: it must arrive too."""
    import genanki

    content = load_content(None)
    hashed = [q.uid for q in content.questions if genanki.guid_for(q.uid).startswith("#")]
    assert hashed, "the bundled content no longer exercises a '#' GUID; keep the mini test below"
    path = tmp_path / "anki.csv"
    path.write_bytes(render("anki-csv", content, None))
    rows = [r for r in csv.reader(io.StringIO(path.read_text("utf-8"))) if r and not r[0].startswith("#")]
    assert len(rows) == len(content.questions)
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        metadata, out = import_csv(col, path)
        # Anki read the header lines: no settings needed
        assert (metadata.guid_column, metadata.notetype_column, metadata.deck_column, metadata.tags_column) == (
            1,
            2,
            3,
            6,
        )
        assert metadata.is_html
        assert len(out.log.new) == col.note_count() == len(content.questions)
        for uid in hashed:
            guid = anki.note_guid(uid)
            assert not guid.startswith("#")
            assert col.db.scalar("SELECT COUNT(*) FROM notes WHERE guid = ?", guid) == 1
        # decks and tags as in the .apkg
        assert any(d.name.startswith("LDN study guide::") for d in col.decks.all_names_and_ids())
        assert "ldn-study::chapter::evidence" in col.tags.all()
        # importing the same file again updates the notes: no duplicates
        _, again = import_csv(col, path)
        assert col.note_count() == len(content.questions) and len(again.log.new) == 0
    finally:
        col.close()


def test_anki_csv_fields_arrive_intact(tmp_path, mini):
    path = tmp_path / "mini.csv"
    path.write_bytes(render("anki-csv", mini, None))
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_csv(col, path)
        assert col.note_count() == len(mini.questions)
        for q in mini.questions:
            guid, front, back, tags = anki.note_parts(mini, q)
            (nid,) = col.db.list("SELECT id FROM notes WHERE guid = ?", guid)
            note = col.get_note(nid)
            assert (note["Front"], note["Back"]) == (front, back)
            assert sorted(note.tags) == sorted(tags)
            assert col.decks.name(col.get_card(note.card_ids()[0]).did) == anki.chapter_deck_name(
                mini.chapter_by_id[mini.card_by_id[q.card_id].chapter_id].title
            )
    finally:
        col.close()


def test_note_guid_never_starts_with_hash():
    """`note_guid` keeps genanki's GUID unless it starts with `#`, and is deterministic."""
    import genanki

    # About 1 uid in 4,000 gets a genanki GUID starting with `#` (a 9-character GUID whose first
    # base-91 digit is `#`); 40,000 uids give a handful, always the same ones.
    uids = [f"card.{i}/q{i % 7}" for i in range(40_000)]
    hashed = [u for u in uids if genanki.guid_for(u).startswith("#")]
    assert len(hashed) >= 3  # the rule is exercised
    for u in uids:
        g = anki.note_guid(u)
        assert not g.startswith("#") and g == anki.note_guid(u)
        if u not in hashed:
            assert g == genanki.guid_for(u)
    assert len({anki.note_guid(u) for u in uids}) == len(uids)


def test_collection_in_the_package_says_how_to_count_days(tmp_path, mini, studied):
    """The package's collection uses the v2 scheduler with a 4 am rollover (day numbers' basis)."""
    import sqlite3
    import zipfile

    store, now = studied
    data = render("anki", mini, store, now=now)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        (tmp_path / "c.anki2").write_bytes(z.read("collection.anki2"))
    conn = sqlite3.connect(tmp_path / "c.anki2")
    try:
        crt, conf = conn.execute("SELECT crt, conf FROM col").fetchone()
        conf = json.loads(conf)
        assert (conf["schedVer"], conf["rollover"], conf["creationOffset"]) == (2, 4, 0)
        assert crt == 1411124400
        data_json = conn.execute("SELECT data FROM cards WHERE type = 2").fetchone()[0]
        assert set(json.loads(data_json)) >= {"s", "d", "dr", "decay", "lrt"}
    finally:
        conn.close()


def test_an_unreadable_schedule_row_does_not_stop_the_export(tmp_path, mini, studied):
    """A schedule row FSRS cannot read (say, from a hand-edited backup) gives a new card, not a crash."""
    store, now = studied
    store.save_schedule(store.get_schedule(Q_REVIEW)._replace(card="{not json"))
    path = export(mini, store, "anki", output=tmp_path / "deck.apkg", now=now).path
    col = new_collection(tmp_path / "anki" / "collection.anki2")
    try:
        import_apkg(col, path)
        assert card_of(col, Q_REVIEW).type == 0
        assert card_of(col, Q_LAPSE).memory_state is not None
    finally:
        col.close()
