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

if TYPE_CHECKING:  # the model is only needed for annotations
    from ldn_tui.content.model import Content, Term

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

STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the this to was were with".split()
)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_FILTER = re.compile(r"^([a-z]+):(.*)$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`#>|]+")
_SPACES = re.compile(r"\s+")

# Field weights: where a word appears matters more than how often.
W_TITLE = 4.0
W_STRONG = 3.0
W_MEDIUM = 2.0
W_BODY = 1.0

PREFIX_PENALTY = 0.7  # a prefix match counts a little less than the whole word
MIN_PREFIX = 2  # one typed letter matches only itself, not every word that starts with it
MAX_EXPANSIONS = 400  # prefix expansions considered per word (the shortest, i.e. closest, first)


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits); punctuation and hyphens split words."""
    return _TOKEN.findall(text.lower())


def plain_text(markdown: str) -> str:
    """Markdown with the markup removed and white space collapsed, for snippets."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip()


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
class Query:
    """A parsed query: words to match, filters (key -> accepted values) and problems found."""

    words: tuple[str, ...]
    filters: dict[str, tuple[str, ...]]
    problems: tuple[str, ...] = ()
    last_is_prefix: bool = True

    @property
    def empty(self) -> bool:
        return not self.words and not self.filters


@dataclass(frozen=True, slots=True)
class Results:
    hits: tuple[Hit, ...]
    total: int  # how many matched before the limit
    query: Query
    problems: tuple[str, ...] = field(default=())


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
                    problems.append(f"no {key} matches {value!r} ({FILTERS[key]})")
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
        pattern = _highlighter(query.words)
        return Results(tuple(self._hit(d, s, pattern) for d, s in best), total, query, all_problems)

    def _hit(self, doc_id: int, score: float, pattern: re.Pattern[str] | None) -> Hit:
        doc = self.docs[doc_id]
        if pattern is None:
            return Hit(doc, score, (), _clip(doc.text, 0), ())
        title_spans = _spans(pattern, doc.title)
        m = pattern.search(doc.text)
        start = m.start() if m else 0
        snippet, offset = _window(doc.text, start)
        spans = tuple((a - offset, b - offset) for a, b in _spans(pattern, doc.text, offset, offset + len(snippet)))
        if snippet and offset > 0:
            snippet = "…" + snippet
            spans = tuple((a + 1, b + 1) for a, b in spans)
        return Hit(doc, score, title_spans, snippet, spans)


SNIPPET = 90  # characters of context shown under a hit


def _clip(text: str, start: int) -> str:
    return _window(text, start)[0]


def _window(text: str, start: int) -> tuple[str, int]:
    """About SNIPPET characters of `text` around `start`, cut at word boundaries."""
    if len(text) <= SNIPPET:
        return text, 0
    begin = max(0, start - 25)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 and begin - space < 15 else begin
    end = min(len(text), begin + SNIPPET)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + SNIPPET // 2 else end
    out = text[begin:end]
    if end < len(text):
        out += "…"
    return out, begin


def _highlighter(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")[^\W_]*", re.IGNORECASE)


def _spans(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> tuple[tuple[int, int], ...]:
    end = len(text) if end is None else end
    return tuple(m.span() for m in pattern.finditer(text, start, end))


def terms_in_text(glossary: Iterable[Term], text: str) -> list[Term]:
    """Glossary entries whose term or an alias appears in `text` as whole words, in glossary order."""
    low = text.lower()
    found: list[Term] = []
    for term in glossary:
        for name in (term.term, *term.aliases):
            name = name.lower()
            if name and name in low and re.search(r"(?<![^\W_])" + re.escape(name) + r"(?![^\W_])", low):
                found.append(term)
                break
    return found
