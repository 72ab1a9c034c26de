"""One name for each source: the app, the sources dialog, the book, the progress notes and the
generated questions all name a source by `content.names.source_name`."""

from __future__ import annotations

import pytest

from ldn_tui.content import load_content
from ldn_tui.content.generated import generated_questions
from ldn_tui.content.names import short_kind, source_name
from ldn_tui.export.book import render_markdown
from ldn_tui.export.book import source_label as book_label
from ldn_tui.tui.widgets.badges import source_label as app_label


@pytest.fixture(scope="module")
def bundled():
    return load_content(None)


def test_each_source_has_one_name_built_from_its_id_and_kind(bundled):
    names = {s.id: source_name(bundled, s.id) for s in bundled.sources}
    assert names["src:003"] == "Source 3 (specialist blog post)"
    assert names["src:000"].startswith("Source 0 (")
    assert len(set(names.values())) == len(names)  # no two sources share a name


def test_short_kind_keeps_the_head_of_the_kind():
    assert short_kind("patient-organisation article with a personal account") == "patient-organisation article"
    assert short_kind("x" * 40).endswith("…") and len(short_kind("x" * 40)) == 32


def test_the_app_and_the_book_use_the_same_name(bundled):
    for sid in [s.id for s in bundled.sources] + [r.id for r in bundled.references[:20]]:
        assert app_label(bundled, sid) == book_label(bundled, sid) == source_name(bundled, sid)


def test_the_book_and_the_generated_explanations_name_sources_that_way(bundled):
    book = render_markdown(bundled)
    for s in bundled.sources:
        assert source_name(bundled, s.id) in book
    explained = [q.explanation for q in generated_questions(bundled) if "Source " in q.explanation]
    assert explained, "no generated question names one of the five sources"
    assert all("(src:" not in text for text in explained)


def test_an_unknown_id_is_named_by_itself(bundled):
    assert source_name(bundled, "nobody2099") == "nobody2099"
