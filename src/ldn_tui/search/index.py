"""The search index: documents, the inverted index and the ranking (see the package docstring)."""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from ldn_tui.content import labels
from ldn_tui.search.query import FILTERS, TYPE_ALIASES, TYPES, Query, parse_query
from ldn_tui.search.text import STOPWORDS, clip, highlighter, plain_text, spans_of, tokenize, window

if TYPE_CHECKING:  # the model is only needed for annotations
    from ldn_tui.content.model import Content

# Field weights: where a word appears matters more than how often.
W_TITLE = 4.0
W_STRONG = 3.0
W_MEDIUM = 2.0
W_BODY = 1.0

PREFIX_PENALTY = 0.7  # a prefix match counts a little less than the whole word
MIN_PREFIX = 2  # one typed letter matches only itself, not every word that starts with it
MAX_EXPANSIONS = 400  # prefix expansions considered per word (the shortest, i.e. closest, first)


@dataclass(frozen=True, slots=True)
class Doc:
    """One searchable thing. `card_id`, `claim_id`, `term`, `ref_id` say what to open."""

    type: str  # card | claim | term | reference
    title: str
    text: str  # plain text the snippet is taken from
    context: str  # where it lives, e.g. "Evidence › The crossover trial"
    card_id: str | None = None
    claim_id: str | None = None
    term: str | None = None
    ref_id: str | None = None
    evidence: str | None = None
    certainty: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked result, with the spans (start, end) of `title` and `snippet` to highlight."""

    doc: Doc
    score: float
    title_spans: tuple[tuple[int, int], ...]
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]

    @property
    def type(self) -> str:
        return self.doc.type

    @property
    def title(self) -> str:
        return self.doc.title


@dataclass(frozen=True, slots=True)
class Results:
    hits: tuple[Hit, ...]
    total: int  # how many matched before the limit
    query: Query
    problems: tuple[str, ...] = field(default=())


class SearchIndex:
    """Everything searchable in a content set, indexed once."""

    def __init__(self, content: Content) -> None:
        self.docs: list[Doc] = []
        self._postings: dict[str, dict[int, float]] = {}
        self._attrs: dict[tuple[str, str], set[int]] = {}
        self._values: dict[str, set[str]] = {key: set() for key in FILTERS}
        self._chapter_titles: dict[str, str] = {}
        self._match_cache: OrderedDict[tuple[str, bool], dict[int, float]] = OrderedDict()
        self._build(content)
        self.vocabulary: list[str] = sorted(self._postings)
        n = max(1, len(self.docs))
        self._idf = {tok: math.log(1.0 + n / len(post)) for tok, post in self._postings.items()}

    # -- building ---------------------------------------------------------------------------

    def _add(self, doc: Doc, fields: Iterable[tuple[str, float]], attrs: dict[str, str]) -> None:
        doc_id = len(self.docs)
        self.docs.append(doc)
        weights: dict[str, float] = {}
        for text, weight in fields:
            if not text:
                continue
            for tok in tokenize(text):
                if tok in STOPWORDS:
                    continue
                old = weights.get(tok)
                if old is None:
                    weights[tok] = weight
                elif weight > old:
                    weights[tok] = weight + 0.1
                else:
                    weights[tok] = min(old + 0.1, old * 1.5)  # repetition helps, a little
        postings = self._postings
        for tok, weight in weights.items():
            post = postings.get(tok)
            if post is None:
                postings[tok] = {doc_id: weight}
            else:
                post[doc_id] = weight
        attrs["type"] = doc.type
        for key, value in attrs.items():
            if value:
                self._attrs.setdefault((key, value), set()).add(doc_id)
                self._values[key].add(value)

    def _build(self, content: Content) -> None:
        for chapter in content.chapters:
            self._chapter_titles[chapter.id] = chapter.title.lower()
            for card in chapter.cards:
                where = f"{chapter.title} › {card.title}"
                body = plain_text(card.body)
                self._add(
                    Doc("card", card.title, body, chapter.title, card_id=card.id),
                    ((card.title, W_TITLE), (" ".join(card.terms), W_MEDIUM), (body, W_BODY)),
                    {"kind": card.kind, "chapter": chapter.id},
                )
                for claim in card.claims:
                    self._add(
                        Doc(
                            "claim",
                            claim.text,
                            claim.note or "",
                            where,
                            card_id=card.id,
                            claim_id=claim.id,
                            evidence=claim.evidence,
                            certainty=claim.certainty,
                        ),
                        ((claim.text, W_STRONG), (claim.note or "", W_BODY)),
                        {
                            "kind": card.kind,
                            "chapter": chapter.id,
                            "evidence": claim.evidence,
                            "certainty": claim.certainty or "",
                        },
                    )
        for term in content.glossary:
            self._add(
                Doc("term", term.term, term.definition, "Glossary", term=term.term),
                ((term.term, W_TITLE), (" ".join(term.aliases), W_STRONG), (term.definition, W_BODY)),
                {},
            )
        for ref in content.references:
            title = ref.title or ref.citation
            year = str(ref.year) if ref.year else ""
            self._add(
                Doc(
                    "reference",
                    title,
                    " ".join(filter(None, (ref.citation, ref.findings))),
                    f"Reference {ref.id}" + (f", {year}" if year else ""),
                    ref_id=ref.id,
                ),
                (
                    (ref.id, W_TITLE),
                    (ref.title, W_STRONG),
                    (ref.authors, W_MEDIUM),
                    (ref.citation, W_MEDIUM),
                    (year, W_MEDIUM),
                    (ref.pmid or "", W_STRONG),
                    (ref.doi or "", W_MEDIUM),
                    (ref.journal, W_BODY),
                    (ref.design, W_BODY),
                    (ref.n, W_BODY),
                    (ref.findings, W_BODY),
                ),
                {},
            )

    # -- querying ---------------------------------------------------------------------------

    def _expand(self, word: str, prefix: bool) -> list[str]:
        """Vocabulary tokens `word` matches: itself, and when typing, the tokens it begins."""
        if not prefix or len(word) < MIN_PREFIX:
            return [word] if word in self._postings else []
        lo = bisect_left(self.vocabulary, word)
        hi = bisect_right(self.vocabulary, word + "\U0010ffff", lo)
        found = self.vocabulary[lo:hi]
        if len(found) > MAX_EXPANSIONS:
            found = sorted(found, key=len)[:MAX_EXPANSIONS]
        return found

    def _match(self, word: str, prefix: bool) -> dict[int, float]:
        """Documents containing `word` (as a prefix if `prefix`), with their score for it."""
        key = (word, prefix)
        cached = self._match_cache.get(key)
        if cached is not None:
            self._match_cache.move_to_end(key)
            return cached
        postings = self._postings
        tokens = sorted(self._expand(word, prefix), key=lambda t: len(postings[t]), reverse=True)
        scores: dict[int, float] = {}
        for n, tok in enumerate(tokens):
            factor = self._idf[tok] * (1.0 if tok == word else PREFIX_PENALTY)
            if n == 0:  # the biggest list, copied in one fast pass
                scores = {doc_id: weight * factor for doc_id, weight in postings[tok].items()}
                continue
            get = scores.get
            for doc_id, weight in postings[tok].items():
                s = weight * factor
                if s > get(doc_id, 0.0):
                    scores[doc_id] = s
        self._match_cache[key] = scores
        if len(self._match_cache) > 64:
            self._match_cache.popitem(last=False)
        return scores

    def _filter_set(self, query: Query) -> tuple[set[int] | None, list[str]]:
        """The documents every filter admits (None: no filter), and problems with values."""
        allowed: set[int] | None = None
        problems: list[str] = []
        for key, values in query.filters.items():
            matched: set[int] = set()
            for value in values:
                hits = self._filter_values(key, value)
                if not hits:
                    problems.append(f"{key}:{value} matches no {key} here; {FILTERS[key]}")
                for v in hits:
                    matched |= self._attrs.get((key, v), set())
            allowed = matched if allowed is None else allowed & matched
        return allowed, problems

    def _filter_values(self, key: str, value: str) -> list[str]:
        """Attribute values `value` selects: an exact value, else every value it begins."""
        if key == "type":
            value = TYPE_ALIASES.get(value, value)
        known = self._values[key]
        if value in known:
            return [value]
        found = [v for v in known if v.startswith(value)]
        if key == "chapter":
            found += [
                cid for cid, title in self._chapter_titles.items() if title.startswith(value) and cid not in found
            ]
        if not found and key in ("evidence", "certainty", "kind", "type"):
            vocab = {"evidence": labels.EVIDENCE, "certainty": labels.CERTAINTY, "kind": labels.KINDS, "type": TYPES}[
                key
            ]
            found = [v for v in vocab if v.startswith(value)]  # valid label, just unused here
        return found

    def search(self, text: str, limit: int = 50) -> Results:
        """Ranked hits for `text` (words and filters), best first, at most `limit` of them."""
        query = parse_query(text)
        if query.empty:
            return Results((), 0, query, query.problems)
        allowed, problems = self._filter_set(query)
        all_problems = query.problems + tuple(problems)
        if not query.words:
            ids = sorted(allowed or ())
            total = len(ids)
            hits = tuple(self._hit(i, 0.0, None) for i in ids[:limit])
            return Results(hits, total, query, all_problems)

        # Each word is either the prefix being typed (its matches materialised and cached) or a
        # whole word (its postings used as they are, scaled lazily). Only the smallest source is
        # copied; the others are merely probed for the candidates that remain.
        last = len(query.words) - 1
        sources: list[tuple[int, dict[int, float], float]] = []
        for i, word in enumerate(query.words):
            if i == last and query.last_is_prefix and len(word) >= MIN_PREFIX:
                found = self._match(word, prefix=True)
                sources.append((len(found), found, 1.0))
            else:
                post = self._postings.get(word)
                if post is None:
                    return Results((), 0, query, all_problems)
                sources.append((len(post), post, self._idf[word]))
        sources.sort(key=lambda item: item[0])
        _, first, factor = sources[0]
        if allowed is not None and len(allowed) < len(first):
            scores = {d: first[d] * factor for d in sorted(allowed) if d in first}
        elif allowed is not None:
            scores = {d: s * factor for d, s in first.items() if d in allowed}
        else:
            scores = {d: s * factor for d, s in first.items()}
        for _, other, factor in sources[1:]:
            if not scores:
                break
            scores = {d: s + other[d] * factor for d, s in scores.items() if d in other}
        total = len(scores)
        best = heapq.nlargest(limit, scores.items(), key=itemgetter(1))  # ties: content order
        pattern = highlighter(query.words)
        return Results(tuple(self._hit(d, s, pattern) for d, s in best), total, query, all_problems)

    def _hit(self, doc_id: int, score: float, pattern: re.Pattern[str] | None) -> Hit:
        doc = self.docs[doc_id]
        if pattern is None:
            return Hit(doc, score, (), clip(doc.text, 0), ())
        title_spans = spans_of(pattern, doc.title)
        m = pattern.search(doc.text)
        start = m.start() if m else 0
        snippet, offset = window(doc.text, start)
        spans = tuple((a - offset, b - offset) for a, b in spans_of(pattern, doc.text, offset, offset + len(snippet)))
        if snippet and offset > 0:
            snippet = "…" + snippet
            spans = tuple((a + 1, b + 1) for a, b in spans)
        return Hit(doc, score, title_spans, snippet, spans)
