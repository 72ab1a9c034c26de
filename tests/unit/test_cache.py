"""The parse cache: used when fresh, rebuilt when stale or unreadable, harmless when unwritable."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ldn_tui.content import loader


@pytest.fixture
def root(tmp_path, mini_content_dir) -> Path:
    r = tmp_path / "content"
    shutil.copytree(mini_content_dir, r)
    return r


def test_second_load_comes_from_the_cache(root, monkeypatch):
    first = loader.load_content(root)
    assert loader.cache_file(root).is_file()
    monkeypatch.setattr(loader, "validate", lambda *a: pytest.fail("parsed again despite a fresh cache"))
    second = loader.load_content(root)
    assert second == first


def test_an_edited_file_invalidates_the_cache(root):
    loader.load_content(root)
    ch = root / "chapters" / "10-basics.yaml"
    ch.write_text(ch.read_text().replace("title: Basics", "title: Fundamentals"))
    os.utime(ch, ns=(1, 1))  # a different mtime even on coarse clocks
    assert loader.load_content(root).chapters[0].title == "Fundamentals"


def test_an_edited_outcomes_file_invalidates_the_cache(root):
    """Claims take their certainty from outcomes.yaml, so it is part of the cache key."""
    assert loader.load_content(root).chapters[1].cards[0].claims[0].certainty == "low"
    out = root / "outcomes.yaml"
    text = out.read_text()
    out.write_text(
        text.replace("certainty: low", "certainty: very-low")
        .replace(
            "statement: LDN may reduce fibromyalgia pain slightly compared with placebo.",
            "statement: The evidence is very uncertain about LDN and fibromyalgia pain.",
        )
        .replace("    newest_evidence: 2013", "    rated_up: []\n    newest_evidence: 2013")
        .replace("        levels: 1\n        why: The LDN", "        levels: 2\n        why: The LDN")
    )
    os.utime(out, ns=(1, 1))
    assert loader.load_content(root).chapters[1].cards[0].claims[0].certainty == "very-low"


def test_a_corrupt_cache_is_ignored_and_rebuilt(root):
    loader.load_content(root)
    loader.cache_file(root).write_bytes(b"\x80\x04 this is not a pickle")
    assert loader.load_content(root).chapters[0].id == "basics"
    assert loader.load_content(root).chapters[0].id == "basics"


def test_an_unwritable_cache_dir_only_costs_speed(root, monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LDN_STUDY_HOME", str(blocker))  # cache dir would be under a regular file
    assert loader.load_content(root).chapters[0].id == "basics"


def test_invalid_content_is_never_cached(root):
    ch = root / "chapters" / "10-basics.yaml"
    ch.write_text(ch.read_text().replace("order: 10", "order: ten"))
    with pytest.raises(loader.ContentInvalid):
        loader.load_content(root)
    assert not loader.cache_file(root).exists()


def test_questions_come_from_the_cache_when_first_used(root, monkeypatch):
    """The questions are read from their chapter's block in the cache file, not parsed again."""
    first = loader.load_content(root)
    monkeypatch.setattr(loader, "validate", lambda *a: pytest.fail("parsed again despite a fresh cache"))
    second = loader.load_content(root)
    for a, b in zip(first.cards, second.cards, strict=True):
        assert list(b.quiz) == list(a.quiz)
        assert len(b.quiz) == len(a.quiz)
    assert second.question_by_uid.keys() == first.question_by_uid.keys()


def test_questions_survive_the_cache_file_being_replaced_under_a_running_app(root):
    """A cache rewritten or damaged after start-up: the questions are read from the YAML instead."""
    first = loader.load_content(root)
    second = loader.load_content(root)
    assert not isinstance(second.cards[0].quiz, tuple)  # not read yet
    loader.cache_file(root).write_bytes(b"\x80\x04 this is not a pickle")
    assert [q.uid for q in second.questions] == [q.uid for q in first.questions]
    assert second.cards[0].quiz[0] == first.cards[0].quiz[0]


def test_content_from_the_cache_pickles_with_its_questions(root):
    import pickle

    loader.load_content(root)
    cached = loader.load_content(root)
    again = pickle.loads(pickle.dumps(cached))
    assert again == cached
    assert [q.uid for q in again.questions] == [q.uid for q in cached.questions]
    assert all(type(card.quiz) is tuple for card in again.cards)


def test_caches_of_earlier_formats_are_removed(root):
    old = loader.cache_file(root).with_name(loader.cache_file(root).name.replace(f"-v{loader.CACHE_FORMAT}-", "-v1-"))
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_bytes(b"old")
    other = old.with_name("content-v1-0000000000000000.pickle")  # another folder's: kept
    other.write_bytes(b"old")
    loader.load_content(root)
    assert loader.cache_file(root).is_file()
    assert not old.exists()
    assert other.exists()


def test_a_truncated_cache_is_ignored_and_rebuilt(root, monkeypatch):
    first = loader.load_content(root)
    path = loader.cache_file(root)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    again = loader.load_content(root)  # parsed again, and the cache written anew
    assert again == first
    assert path.stat().st_size == len(data)


def test_questions_read_again_after_an_edit_follow_their_card_not_its_position(root):
    """The cache rewritten under a running app after a card was added in front of the others:
    each card still gets its own questions (matched by id), never its neighbour's."""
    loader.load_content(root)
    running = loader.load_content(root)
    first = running.chapters[0].cards[0]
    ch = root / "chapters" / "10-basics.yaml"
    text = ch.read_text()
    card = text[text.index("  - id: basics.what-is-ldn") :]  # the chapter's one card, to the end of the file
    assert card.count("  - id: basics.") == 1
    copy = card.replace("id: basics.what-is-ldn", "id: basics.inserted").replace(
        "title: What LDN is", "title: Inserted first"
    )
    ch.write_text(text.replace(card, copy.rstrip("\n") + "\n" + card, 1))
    os.utime(ch, ns=(1, 1))
    edited = loader.load_content(root)  # another start: validates, rewrites the cache
    assert edited.chapters[0].cards[0].id == "basics.inserted"
    assert [q.uid for q in running.chapters[0].cards[0].quiz] == [q.uid for q in edited.card_by_id[first.id].quiz]
    assert all(q.card_id == first.id for q in running.chapters[0].cards[0].quiz)


def test_what_the_app_caches_on_the_content_is_not_written_to_the_parse_cache(root):
    written = []
    first = loader.load_content(root, later=written.append)
    assert not loader.cache_file(root).exists()  # handed over, not written yet
    first._extra["scheduled_questions"] = {"x": None}  # as the due count does once the app runs
    (write,) = written
    assert len(repr(write)) < 200  # a worker's log shows it: not the whole content (200 MB at 10,000 cards)
    write()
    assert loader.load_content(root)._extra == {}


def test_the_content_repr_is_short():
    from ldn_tui.content import load_content

    content = load_content()
    assert (
        repr(content) == f"Content({len(content.chapters)} chapters, {len(content.cards)} cards, root={content.root!r})"
    )


def test_the_quiz_setup_options_read_no_question_from_disk(tmp_path):
    """The setup dialog lists its options before it paints: from the cards and the declared
    objectives, not from every question (reading them all took ~400 ms at 10,000 cards)."""
    from ldn_tui import paths
    from ldn_tui.study.quizsetup import setup_options

    root = tmp_path / "content"
    shutil.copytree(paths.content_dir(None), root)
    loader.load_content(root)
    content = loader.load_content(root)  # from the cache: each chapter's questions on disk
    blocks = next(card.quiz for card in content.cards)._blocks
    options = setup_options(content)
    assert blocks._loaded == {}
    assert dict(options.objectives) == {o.id: o.text for o in content.objectives}
    assert len(options.objectives) > 10  # the bundled content declares them: the check above can fail
