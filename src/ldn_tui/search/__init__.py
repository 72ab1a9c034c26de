"""Full-text search over cards, claims, glossary terms and references. No Textual here.

The index is built once per content set (`SearchIndex(content)`), then every query is answered
from in-memory structures:

* an inverted index, token -> {document: weight}, where the weight says in which field the
  token appears (a title counts more than a body);
* a sorted vocabulary, so the word being typed matches as a prefix (`plac` finds `placebo`)
  with two binary searches instead of a scan;
* an attribute index, (filter, value) -> documents, for `kind:`, `evidence:`, `certainty:`,
  `chapter:` and `type:` filters.

Ranking is the sum, over the query words, of the best field weight times the token's inverse
document frequency, with exact tokens beating prefix matches. Every word must match (AND).
Highlight spans are computed only for the hits actually returned, so a query costs the same
whether the content holds 10 cards or 10,000 (see tests/unit/test_search.py for the budget).
"""

from ldn_tui.search.index import Doc, Hit, Results, SearchIndex
from ldn_tui.search.query import FILTERS, TYPE_ALIASES, TYPES, Query, parse_query
from ldn_tui.search.text import plain_text, terms_in_text, tokenize

__all__ = [
    "FILTERS",
    "TYPES",
    "TYPE_ALIASES",
    "Doc",
    "Hit",
    "Query",
    "Results",
    "SearchIndex",
    "parse_query",
    "plain_text",
    "terms_in_text",
    "tokenize",
]
