"""One name for each source: the app, the sources dialog, the book, the progress notes and the
generated questions all name a source by `content.names.source_name`."""

from __future__ import annotations

import pytest

from ldn_tui.content import load_content
from ldn_tui.content.generated import generated_questions
from ldn_tui.content.names import source_name
from ldn_tui.export.book import render_markdown
from ldn_tui.export.book import source_label as book_label
from ldn_tui.tui.widgets.badges import source_label as app_label


@pytest.fixture(scope="module")
def bundled():
    return load_content(None)


def test_each_source_has_one_short_name_and_no_raw_id(bundled):
    names = {s.id: source_name(bundled, s.id) for s in bundled.sources}
    assert names["src:003"] == "the fibromyalgia specialist's post"  # sources.yaml `name`
    assert not any("003" in n or "src:" in n for n in names.values())
    assert len(set(names.values())) == len(names)  # no two sources share a name


def test_references_are_named_by_authors_and_year(bundled):
    refs = {r.id: r for r in bundled.references}
    assert source_name(bundled, "younger2013") == "Younger et al. 2013"
    two = next(r for r in refs.values() if r.authors.count(",") == 1)
    assert " & " in source_name(bundled, two.id)


def test_the_app_and_the_book_use_the_same_name(bundled):
    for sid in [s.id for s in bundled.sources] + [r.id for r in bundled.references[:20]]:
        assert app_label(bundled, sid) == book_label(bundled, sid) == source_name(bundled, sid)


def test_the_book_and_the_generated_explanations_name_sources_that_way(bundled):
    book = render_markdown(bundled)
    for s in bundled.sources:
        assert source_name(bundled, s.id) in book
    names = [source_name(bundled, s.id) for s in bundled.sources]
    explained = [q.explanation for q in generated_questions(bundled) if any(n in q.explanation for n in names)]
    assert explained, "no generated question names one of the five sources"
    assert all("(src:" not in text for text in explained)


def test_an_unknown_id_is_named_by_itself(bundled):
    assert source_name(bundled, "nobody2099") == "nobody2099"
