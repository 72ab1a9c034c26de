"""Search filters accept each label as it is displayed and its short forms, one test per spelling;
unknown values are explained in words the student can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from ldn_tui.content import load_content
from ldn_tui.search import SearchIndex, parse_query
from ldn_tui.search.query import FILTERS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

CERTAINTY_SPELLINGS = {
    'certainty:"very low"': "very-low",  # as the badge shows it
    "certainty:'very low'": "very-low",
    "certainty:very-low": "very-low",  # the id
    "certainty:very_low": "very-low",
    "certainty:VERY-LOW": "very-low",
    "certainty:vl": "very-low",  # initials
    "certainty:low": "low",
    "certainty:l": "low",
    "certainty:moderate": "moderate",
    "certainty:m": "moderate",
    "certainty:high": "high",
    "certainty:h": "high",
}

EVIDENCE_SPELLINGS = {
    "evidence:rct": "rct",
    'evidence:"Randomised controlled trial"': "rct",  # the description
    'evidence:"pilot trial"': "pilot-trial",  # the badge
    "evidence:pilot-trial": "pilot-trial",
    "evidence:pt": "pilot-trial",
    'evidence:"PROPOSED MECHANISM"': "mechanistic",
    "evidence:mechanistic": "mechanistic",
    'evidence:"expert opinion"': "expert-opinion",
    "evidence:eo": "expert-opinion",
    'evidence:"systematic review"': "systematic-review",
    "evidence:sr": "systematic-review",
    'evidence:"case series"': "case-series",
    'evidence:"case report"': "case-report",
    "evidence:anecdote": "anecdote",
}


@pytest.mark.parametrize(("typed", "label"), list(CERTAINTY_SPELLINGS.items()) + list(EVIDENCE_SPELLINGS.items()))
def test_each_spelling_names_its_label(typed, label):
    key = typed.split(":", 1)[0]
    query = parse_query(typed + " pain")
    assert query.filters == {key: (label,)}
    assert query.words == ("pain",)
    assert query.problems == ()


@pytest.fixture(scope="module")
def index():
    return SearchIndex(load_content(MINI, use_cache=False))


@pytest.mark.parametrize("typed", ['certainty:"low"', "certainty:l", "certainty:LOW", "certainty:low"])
def test_the_spellings_find_the_same_claims(index, typed):
    assert [h.doc.claim_id for h in index.search(typed).hits] == [
        h.doc.claim_id for h in index.search("certainty:low").hits
    ]
    assert index.search(typed).total >= 1


def test_a_value_still_being_typed_matches_as_a_prefix(index):
    assert parse_query('certainty:"very lo').filters == {"certainty": ("very-lo",)}
    assert index.search('certainty:"very lo').problems == ()  # a valid label, just unused in the mini set


def test_an_unknown_value_is_explained_with_the_accepted_spellings(index):
    results = index.search("certainty:sure")
    assert results.total == 0
    assert len(results.problems) == 1
    problem = results.problems[0]
    assert "certainty:sure matches no certainty" in problem
    assert '"very low" (vl)' in problem
    assert 'evidence: "systematic review"' not in FILTERS["certainty"]


def test_quoted_words_outside_a_filter_are_searched_as_words():
    assert parse_query('"placebo pain"').words == ("placebo", "pain")
