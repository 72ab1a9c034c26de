"""Short names for sources and references, as the reader and dialogs show them."""

from ldn_tui.content import load_content
from ldn_tui.tui.widgets.badges import source_label


def test_sources_and_references_get_short_human_names():
    content = load_content()
    assert source_label(content, "src:003") == "the fibromyalgia specialist's post"
    assert source_label(content, "younger2014") == "Younger et al. 2014"


def test_a_reference_without_captured_authors_is_named_by_its_journal():
    content = load_content()
    ref = content.reference_by_id["naltrexone50-fm-2009"]
    assert ref.authors.lower().startswith("not captured")
    assert source_label(content, ref.id) == "PLoS One 2009"
