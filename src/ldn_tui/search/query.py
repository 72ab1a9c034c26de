"""Search queries: words and `key:value` filters, parsed from what the student types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ldn_tui.content import labels
from ldn_tui.search.text import STOPWORDS, tokenize

#: Result types, in the order they are listed when nothing else ranks them.
TYPES: tuple[str, ...] = ("card", "claim", "term", "reference")
TYPE_ALIASES: dict[str, str] = {
    "card": "card",
    "cards": "card",
    "claim": "claim",
    "claims": "claim",
    "term": "term",
    "terms": "term",
    "glossary": "term",
    "reference": "reference",
    "references": "reference",
    "ref": "reference",
    "refs": "reference",
    "study": "reference",
}

#: The filters a query may use, and what each one means (shown in help and in error messages).
FILTERS: dict[str, str] = {
    "kind": "card kind: " + ", ".join(labels.KINDS),
    "evidence": "claim evidence: " + ", ".join(labels.EVIDENCE),
    "certainty": "claim certainty: " + ", ".join(labels.CERTAINTY),
    "chapter": "chapter id or the start of its title",
    "type": "result type: card, claim, term or reference",
}

_FILTER = re.compile(r"^([a-z]+):(.*)$")


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: words to match, filters (key -> accepted values) and problems found."""

    words: tuple[str, ...]
    filters: dict[str, tuple[str, ...]]
    problems: tuple[str, ...] = ()
    last_is_prefix: bool = True

    @property
    def empty(self) -> bool:
        return not self.words and not self.filters


def parse_query(text: str) -> Query:
    """Split `text` into words and `key:value` filters.

    Filters may repeat (`kind:safety kind:dosing` means either) and combine with words and with
    other filters (all must hold). An unknown filter name is reported, and its text is searched
    as words instead so nothing the user typed is silently dropped.
    """
    words: list[str] = []
    filters: dict[str, list[str]] = {}
    problems: list[str] = []
    parts = text.split()
    for part in parts:
        m = _FILTER.match(part.lower())
        if m:
            key, value = m.group(1), m.group(2).strip(",")
            if key in FILTERS:
                if value:
                    filters.setdefault(key, []).append(value)
                continue
            problems.append(f"unknown filter {key}: (use {', '.join(k + ':' for k in FILTERS)})")
            words.extend(tokenize(part))
            continue
        words.extend(tokenize(part))
    meaningful = [w for w in words if w not in STOPWORDS]
    if meaningful or not words:
        words = meaningful
    # Search as you type: the last word is still being typed unless the text ends in a space.
    last_is_prefix = bool(parts) and not text[-1:].isspace()
    return Query(tuple(words), {k: tuple(v) for k, v in filters.items()}, tuple(problems), last_is_prefix)
