"""The whole guide as a book: one Markdown file, or one self-contained HTML page (`book_html`).

`ldn-study export --content --format md|html` writes it, to read away from the terminal, on a
phone or on paper. What goes in, in reading order:

1. the title, the "educational, not medical advice" line and a table of contents that links
   every chapter and card;
2. each chapter (summary, then its cards in order); each card: its kind, its body, its claims
   as an evidence table (claim, evidence label, GRADE certainty, sources), where the sources
   disagree and which evidence is stronger, the glossary terms it leans on and related cards;
3. the glossary, the references (citation, PMID/DOI, how far each was checked) and the five
   source articles with what to keep in mind about each.

No progress is in it (it is the same for every student), so no store is needed.

Markdown: CommonMark with GitHub pipe tables and no HTML. Links inside the document point at
headings by GitHub's slug rule (lower case, punctuation dropped, spaces to `-`, `-1`, `-2` for
repeats), which GitHub, Obsidian-style viewers and markdown-it's anchors plugin all follow.
Card bodies are Markdown already; their headings move one level below the card's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from ldn_tui.content.labels import CERTAINTY, EVIDENCE, VERIFIED
from ldn_tui.content.model import Card, Chapter, Claim, Content, Reference, Source, Term
from ldn_tui.content.names import source_name
from ldn_tui.export.common import DISCLAIMER, Scope, select
from ldn_tui.export.mdtext import Slugs, body_headings, cell, esc, escape_html, inline, shift_headings

TITLE = "LDN study guide"

#: Heading levels in both renderings: the book's title, chapters and the closing sections,
#: cards; a card body's own `###` headings go one level below its card.
CHAPTER_LEVEL, CARD_LEVEL, BODY_SHIFT = 2, 3, 1


# --- what goes in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Guide:
    """The parts of the content a book covers, in reading order."""

    content: Content
    chapters: tuple[Chapter, ...]
    everything: bool
    glossary: tuple[Term, ...]
    references: tuple[Reference, ...]
    sources: tuple[Source, ...]

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for ch in self.chapters for card in ch.cards)

    @property
    def claims(self) -> int:
        return sum(len(card.claims) for card in self.cards)


def guide(content: Content, scope: Scope | None = None) -> Guide:
    """The book's contents for `scope` (default: every chapter).

    A book of some chapters keeps the glossary terms, references and sources those chapters
    use; the whole book keeps them all.
    """
    scope = scope or select(content)
    if scope.everything:
        return Guide(content, scope.chapters, True, content.glossary, content.references, content.sources)
    cited: set[str] = set()
    terms: set[str] = set()
    for card in scope.cards:
        terms.update(t.lower() for t in card.terms)
        for claim in card.claims:
            cited.update(claim.sources)
        for d in card.disagreements:
            for v in d.versions:
                cited.update(v.sources)
    glossary = tuple(t for t in content.glossary if t.term.lower() in terms)
    refs = tuple(r for r in content.references if r.id in cited)
    sources = tuple(s for s in content.sources if s.id in cited)
    return Guide(content, scope.chapters, False, glossary, refs, sources)


def evidence_name(label: str) -> str:
    return EVIDENCE.get(label, label)


def certainty_name(level: str | None) -> str:
    """`Low`, `Very low` ... (the GRADE level without its explanation); `–` when not rated."""
    if not level:
        return "–"
    return CERTAINTY.get(level, level).split(":")[0]


def verified_name(value: str) -> str:
    return VERIFIED.get(value, value)


def term_of(content: Content, name: str) -> Term | None:
    return content.term_by_name.get(name.lower())


def source_label(content: Content, source_id: str) -> str:
    """The one display name of a source or reference (`content.names.source_name`)."""
    return source_name(content, source_id)


# --- Markdown ---------------------------------------------------------------------------------


def _chapter_heading(n: int, ch: Chapter) -> str:
    return f"{n}. {ch.title}"


def render_markdown(content: Content, scope: Scope | None = None) -> str:
    """The book as one Markdown document."""
    g = guide(content, scope)
    slugs = Slugs()
    slugs.take(TITLE)
    slugs.take("Contents")
    # anchors in document order, so repeats are numbered as a viewer numbers them
    chapter_anchor: dict[str, str] = {}
    card_anchor: dict[str, str] = {}
    for n, ch in enumerate(g.chapters, 1):
        chapter_anchor[ch.id] = slugs.take(_chapter_heading(n, ch))
        for card in ch.cards:
            card_anchor[card.id] = slugs.take(card.title)
            for text in body_headings(escape_html(card.body)):
                slugs.take(text)
    closing = {name: slugs.take(name) for name in ("Glossary", "References", "Sources")}

    out = [f"# {TITLE}", _intro(g), "## Contents", _toc(g, chapter_anchor, card_anchor, closing)]
    for n, ch in enumerate(g.chapters, 1):
        out.append(f"{'#' * CHAPTER_LEVEL} {esc(_chapter_heading(n, ch))}")
        out.append(f"*{inline(ch.summary)}*")
        for card in ch.cards:
            out.append(_card(g, card, card_anchor, closing))
    if g.glossary:
        out.append("## Glossary")
        out.append(_glossary(g))
    if g.references:
        out.append("## References")
        out.append(_references(g))
    if g.sources:
        out.append("## Sources")
        out.append(_sources(g))
    return "\n\n".join(part.strip("\n") for part in out if part) + "\n"


def _intro(g: Guide) -> str:
    first, rest = DISCLAIMER.split(". ", 1)
    what = "The whole guide" if g.everything else "Chapters " + ", ".join(ch.title for ch in g.chapters)
    n_cards = len(g.cards)
    return (
        f"> **{first}.** {rest}\n\n"
        f"{what}: {len(g.chapters)} chapter{'s' if len(g.chapters) != 1 else ''}, {n_cards} card"
        f"{'s' if n_cards != 1 else ''} and {g.claims} claims, each with the kind of evidence behind it "
        "and, for claims about whether LDN works or is safe, how certain that evidence is (GRADE). "
        "Made by ldn-study."
    )


def _toc(g: Guide, chapter_anchor: dict[str, str], card_anchor: dict[str, str], closing: dict[str, str]) -> str:
    lines = []
    for n, ch in enumerate(g.chapters, 1):
        lines.append(f"- [{esc(_chapter_heading(n, ch))}](#{chapter_anchor[ch.id]})")
        for card in ch.cards:
            lines.append(f"  - [{esc(card.title)}](#{card_anchor[card.id]})")
    for name, present in (("Glossary", g.glossary), ("References", g.references), ("Sources", g.sources)):
        if present:
            lines.append(f"- [{name}](#{closing[name]})")
    return "\n".join(lines)


def _source_links(g: Guide, ids: tuple[str, ...], closing: dict[str, str]) -> str:
    out = []
    for sid in ids:
        label = esc(source_label(g.content, sid))
        if sid in g.content.source_by_id:
            out.append(f"[{label}](#{closing['Sources']})")
        elif sid in g.content.reference_by_id:
            out.append(f"[{label}](#{closing['References']})")
        else:
            out.append(label)
    return ", ".join(out)


def _claims_table(g: Guide, claims: tuple[Claim, ...], closing: dict[str, str]) -> str:
    rows = ["| Claim | Evidence | Certainty | Sources |", "|:---|:---|:---|:---|"]
    for c in claims:
        text = cell(c.text)
        if c.note:
            text += f" *Note: {cell(c.note)}*"
        sources = _source_links(g, c.sources, closing).replace("|", "\\|")
        rows.append(f"| {text} | {cell(evidence_name(c.evidence))} | {cell(certainty_name(c.certainty))} | {sources} |")
    return "\n".join(rows)


def _card(g: Guide, card: Card, card_anchor: dict[str, str], closing: dict[str, str]) -> str:
    out = [f"{'#' * CARD_LEVEL} {esc(card.title)}", f"*{esc(card.kind.capitalize())} card.*"]
    out.append(shift_headings(escape_html(card.body.strip("\n")), BODY_SHIFT))
    if card.claims:
        out.append(f"**Claims and the evidence behind them** ({len(card.claims)})")
        out.append(_claims_table(g, card.claims, closing))
    for d in card.disagreements:
        lines = [f"**Where the sources disagree: {esc(d.topic)}**", ""]
        for v in d.versions:
            lines.append(f"- {inline(v.says)} ({_source_links(g, v.sources, closing)})")
        lines.append("")
        lines.append(f"*Which evidence is stronger:* {inline(d.verdict)}")
        out.append("\n".join(lines))
    extras = []
    terms = [t for t in card.terms if term_of(g.content, t) is not None]
    if terms and g.glossary:
        extras.append(f"*Terms* ([glossary](#{closing['Glossary']})): " + ", ".join(esc(t) for t in terms))
    related = [g.content.card_by_id[c] for c in card.see_also if c in g.content.card_by_id and c in card_anchor]
    if related:
        extras.append("*See also:* " + "; ".join(f"[{esc(c.title)}](#{card_anchor[c.id]})" for c in related))
    if extras:
        out.append("  \n".join(extras))
    return "\n\n".join(out)


def _glossary(g: Guide) -> str:
    items = []
    for t in sorted(g.glossary, key=lambda t: t.term.lower()):
        line = f"- **{esc(t.term)}**: {inline(t.definition)}"
        if t.aliases:
            line += f" *Also: {', '.join(esc(a) for a in t.aliases)}.*"
        if t.see_also:
            line += f" *See also: {', '.join(esc(s) for s in t.see_also)}.*"
        items.append(line)
    return "\n".join(items)


def _ids(ref: Reference) -> str:
    ids = []
    if ref.pmid:
        ids.append(f"PMID [{ref.pmid}](https://pubmed.ncbi.nlm.nih.gov/{ref.pmid}/)")
    if ref.doi:
        ids.append(f"DOI [{esc(ref.doi)}](https://doi.org/{ref.doi})")
    if ref.pmcid:
        ids.append(f"[{ref.pmcid}](https://www.ncbi.nlm.nih.gov/pmc/articles/{ref.pmcid}/)")
    return " · ".join(ids) if ids else "No PMID or DOI"


def _references(g: Guide) -> str:
    items = []
    for r in g.references:
        title = f"*{esc(r.title.rstrip('.'))}.* " if r.title and r.title not in r.citation else ""
        lines = [f"- **{esc(r.id)}**: {title}{esc(r.citation)}", f"  - {_ids(r)}"]
        if r.design:
            lines.append(f"  - Design: {esc(r.design)}" + (f"; n: {esc(r.n)}" if r.n else ""))
        lines.append(f"  - Checked: {esc(verified_name(r.verified))}")
        if r.discrepancies:
            lines.append(f"  - Discrepancies: {esc(r.discrepancies)}")
        items.append("\n".join(lines))
    return "\n".join(items)


def _sources(g: Guide) -> str:
    items = []
    for s in g.sources:
        items.append(
            f"- **{esc(source_label(g.content, s.id))}: {esc(s.title)}** ({esc(s.kind)}; {esc(s.author)}, "
            f"{esc(s.year)}; for {esc(s.audience.lower() if s.audience else 'anyone')}). "
            f"*Keep in mind:* {esc(s.keep_in_mind)}"
        )
    return "\n".join(items)


__all__ = [
    "Guide",
    "Slugs",
    "certainty_name",
    "evidence_name",
    "guide",
    "render_markdown",
]
