"""The guide as one self-contained HTML page: inline CSS, no scripts, no fonts or images to fetch.

It opens from a file on a phone or a laptop and prints cleanly: one column at most ~44
characters wide on a phone and ~70 on a screen, tables that scroll sideways instead of
overflowing, a light and a dark scheme (`prefers-color-scheme`), and in print each chapter on
a new page with link targets spelled out. Every chapter, card, glossary term, reference and
source has an `id`; the table of contents, "see also", glossary terms and claim sources link
to them. Content Markdown goes through markdown-it-py with raw HTML escaped (`mdrender`),
and every other text through `html.escape`, so nothing in the content can inject markup.
"""

from __future__ import annotations

import html
import re

from ldn_tui import __version__
from ldn_tui.content.model import Card, Chapter, Claim, Content, Reference
from ldn_tui.export.book import (
    BODY_SHIFT,
    TITLE,
    Guide,
    certainty_name,
    evidence_name,
    guide,
    source_label,
    term_of,
    verified_name,
)
from ldn_tui.export.common import DISCLAIMER, Scope
from ldn_tui.export.mdrender import block_html, inline_html

CSS = """\
:root { --fg: #1d1d1f; --muted: #5f6368; --bg: #fff; --rule: #d9d9de; --accent: #0b57d0;
  --badge: #eef1f6; --low: #b3261e; --mid: #8a5a00; --high: #146c2e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8e8ea; --muted: #a8abb2; --bg: #131314; --rule: #3a3b3e; --accent: #8ab4f8;
    --badge: #24262b; --low: #f2b8b5; --mid: #f5c26b; --high: #8fd19e; } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; padding: 1rem; max-width: 46rem; color: var(--fg); background: var(--bg);
  font: 1.0625rem/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: break-word; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 .5em; }
h1 { font-size: 1.9rem; } h2 { font-size: 1.5rem; border-bottom: 1px solid var(--rule); padding-bottom: .2em; }
h3 { font-size: 1.25rem; } h4 { font-size: 1.05rem; } h5, h6 { font-size: 1rem; }
a { color: var(--accent); }
.disclaimer { border-left: 4px solid var(--accent); padding: .4em .9em; background: var(--badge); }
.meta, .kind, .summary { color: var(--muted); }
nav ol { padding-left: 1.4em; } nav li { margin: .15em 0; } nav ol ol { font-size: .95em; }
section.card { border-top: 1px solid var(--rule); margin-top: 2rem; }
.table { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .8em 0; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid var(--rule); padding: .35em .5em; text-align: left; vertical-align: top; }
th { background: var(--badge); }
.badge { display: inline-block; padding: 0 .4em; border-radius: .3em; background: var(--badge);
  font-size: .85em; white-space: nowrap; }
.c-high { color: var(--high); } .c-moderate { color: var(--mid); } .c-low, .c-very-low { color: var(--low); }
.note { color: var(--muted); font-style: italic; }
.disagreement { border-left: 3px solid var(--mid); padding-left: .8em; }
dl.glossary dt { font-weight: 600; margin-top: .8em; } dl.glossary dd { margin-left: 1.2em; }
ol.refs li { margin-bottom: .7em; }
code { font-size: .92em; }
@media (max-width: 40rem) {
  body { padding: .75rem; font-size: 1rem; }
  table.claims, table.claims tbody, table.claims tr, table.claims td { display: block; width: 100%; }
  table.claims thead { display: none; }
  table.claims tr { border: 1px solid var(--rule); margin-bottom: .6em; }
  table.claims td { border: 0; padding: .2em .5em; }
  table.claims td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
}
@media print {
  body { max-width: none; font-size: 11pt; color: #000; background: #fff; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .85em; word-break: break-all; }
  section.chapter { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  tr, .disagreement { break-inside: avoid; }
  nav#contents { break-after: page; }
}
"""

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def anchor(kind: str, key: str) -> str:
    """An element id such as `card-evidence.fibromyalgia-pilot` (only letters, digits, `._-`)."""
    return f"{kind}-{_ID_UNSAFE.sub('-', key.lower()).strip('-')}"


def esc(text: str) -> str:
    return html.escape(" ".join((text or "").split()), quote=True)


def render(g: Guide) -> str:
    """The page; the same bytes for the same content and version (no date in it)."""
    body = [
        f'<header><h1 id="top">{esc(TITLE)}</h1>',
        _intro(g),
        "</header>",
        _toc(g),
        "<main>",
    ]
    for n, ch in enumerate(g.chapters, 1):
        body.append(_chapter(g, n, ch))
    if g.glossary:
        body.append(_glossary(g))
    if g.references:
        body.append(_references(g))
    if g.sources:
        body.append(_sources(g))
    body.append("</main>")
    body.append(f'<footer class="meta"><p>Made by ldn-study {esc(__version__)}. {esc(DISCLAIMER)}</p></footer>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(TITLE)}</title>\n"
        f'<meta name="generator" content="ldn-study {esc(__version__)}">\n'
        f"<style>\n{CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _intro(g: Guide) -> str:
    first, rest = DISCLAIMER.split(". ", 1)
    what = "The whole guide" if g.everything else "Chapters " + ", ".join(ch.title for ch in g.chapters)
    return (
        f'<p class="disclaimer"><strong>{esc(first)}.</strong> {esc(rest)}</p>\n'
        f'<p class="meta">{esc(what)}: {len(g.chapters)} chapters, {len(g.cards)} cards and {g.claims} claims, '
        "each with the kind of evidence behind it and, for claims about whether LDN works or is safe, "
        "how certain that evidence is (GRADE).</p>"
    )


def _toc(g: Guide) -> str:
    items = []
    for ch in g.chapters:
        cards = "".join(f'<li><a href="#{anchor("card", c.id)}">{esc(c.title)}</a></li>' for c in ch.cards)
        items.append(
            f'<li><a href="#{anchor("chapter", ch.id)}">{esc(ch.title)}</a>'
            + (f"<ol>{cards}</ol>" if cards else "")
            + "</li>"
        )
    for key, name, present in (
        ("glossary", "Glossary", g.glossary),
        ("references", "References", g.references),
        ("sources", "Sources", g.sources),
    ):
        if present:
            items.append(f'<li><a href="#{key}">{name}</a></li>')
    return f'<nav id="contents" aria-label="Contents"><h2>Contents</h2>\n<ol>{"".join(items)}</ol></nav>'


def _chapter(g: Guide, n: int, ch: Chapter) -> str:
    parts = [
        f'<section class="chapter" id="{anchor("chapter", ch.id)}">',
        f"<h2>{n}. {esc(ch.title)}</h2>",
        f'<p class="summary">{inline_html(ch.summary)}</p>',
    ]
    parts += [_card(g, card) for card in ch.cards]
    parts.append("</section>")
    return "\n".join(parts)


def _source_links(g: Guide, ids: tuple[str, ...]) -> str:
    out = []
    for sid in ids:
        label = esc(source_label(g.content, sid))
        if sid in g.content.source_by_id and any(s.id == sid for s in g.sources):
            out.append(f'<a href="#{anchor("src", sid)}">{label}</a>')
        elif sid in g.content.reference_by_id and any(r.id == sid for r in g.references):
            out.append(f'<a href="#{anchor("ref", sid)}">{label}</a>')
        else:
            out.append(label)
    return ", ".join(out)


def _certainty(level: str | None) -> str:
    if not level:
        return '<span class="meta">not rated</span>'
    return f'<span class="badge c-{esc(level)}">{esc(certainty_name(level))}</span>'


def _claims(g: Guide, claims: tuple[Claim, ...]) -> str:
    rows = []
    for c in claims:
        note = f'<br><span class="note">Note: {inline_html(c.note)}</span>' if c.note else ""
        rows.append(
            "<tr>"
            f'<td data-label="Claim">{inline_html(c.text)}{note}</td>'
            f'<td data-label="Evidence"><span class="badge">{esc(evidence_name(c.evidence))}</span></td>'
            f'<td data-label="Certainty">{_certainty(c.certainty)}</td>'
            f'<td data-label="Sources">{_source_links(g, c.sources)}</td>'
            "</tr>"
        )
    return (
        '<div class="table"><table class="claims"><thead><tr><th>Claim</th><th>Evidence</th>'
        f"<th>Certainty</th><th>Sources</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _card(g: Guide, card: Card) -> str:
    from ldn_tui.export.book import CARD_LEVEL

    h = f"h{CARD_LEVEL}"
    parts = [
        f'<section class="card" id="{anchor("card", card.id)}">',
        f"<{h}>{esc(card.title)}</{h}>",
        f'<p class="kind">{esc(card.kind.capitalize())} card</p>',
        block_html(card.body, shift_headings=BODY_SHIFT),
    ]
    if card.claims:
        parts.append(f"<p><strong>Claims and the evidence behind them</strong> ({len(card.claims)})</p>")
        parts.append(_claims(g, card.claims))
    for d in card.disagreements:
        versions = "".join(f"<li>{inline_html(v.says)} ({_source_links(g, v.sources)})</li>" for v in d.versions)
        parts.append(
            f'<div class="disagreement"><p><strong>Where the sources disagree: {esc(d.topic)}</strong></p>'
            f"<ul>{versions}</ul><p><em>Which evidence is stronger:</em> {inline_html(d.verdict)}</p></div>"
        )
    extras = []
    in_glossary = {t.term for t in g.glossary}
    terms = [t for t in (term_of(g.content, name) for name in card.terms) if t is not None and t.term in in_glossary]
    if terms:
        links = ", ".join(f'<a href="#{anchor("term", t.term)}">{esc(t.term)}</a>' for t in terms)
        extras.append(f"<em>Terms:</em> {links}")
    shown = {c.id for c in g.cards}
    related = [g.content.card_by_id[c] for c in card.see_also if c in shown]
    if related:
        links = "; ".join(f'<a href="#{anchor("card", c.id)}">{esc(c.title)}</a>' for c in related)
        extras.append(f"<em>See also:</em> {links}")
    if extras:
        parts.append(f'<p class="meta">{"<br>".join(extras)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _glossary(g: Guide) -> str:
    items = []
    for t in sorted(g.glossary, key=lambda t: t.term.lower()):
        extra = ""
        if t.aliases:
            extra += f' <span class="note">Also: {esc(", ".join(t.aliases))}.</span>'
        targets = [(name, term_of(g.content, name)) for name in t.see_also]
        links = ", ".join(
            f'<a href="#{anchor("term", other.term)}">{esc(name)}</a>'
            for name, other in targets
            if other is not None and other in g.glossary
        )
        if links:
            extra += f" <em>See also:</em> {links}."
        items.append(f'<dt id="{anchor("term", t.term)}">{esc(t.term)}</dt><dd>{inline_html(t.definition)}{extra}</dd>')
    return f'<section id="glossary" class="chapter"><h2>Glossary</h2>\n<dl class="glossary">{"".join(items)}</dl></section>'


def _ids(r: Reference) -> str:
    ids = []
    if r.pmid:
        ids.append(f'PMID <a href="https://pubmed.ncbi.nlm.nih.gov/{esc(r.pmid)}/">{esc(r.pmid)}</a>')
    if r.doi:
        ids.append(f'DOI <a href="https://doi.org/{esc(r.doi)}">{esc(r.doi)}</a>')
    if r.pmcid:
        ids.append(f'<a href="https://www.ncbi.nlm.nih.gov/pmc/articles/{esc(r.pmcid)}/">{esc(r.pmcid)}</a>')
    return " · ".join(ids) if ids else "No PMID or DOI"


def _references(g: Guide) -> str:
    items = []
    for r in g.references:
        title = f"<em>{esc(r.title.rstrip('.'))}.</em> " if r.title and r.title not in r.citation else ""
        design = ""
        if r.design:
            design = f"<br>Design: {esc(r.design)}" + (f"; n: {esc(r.n)}" if r.n else "")
        disc = f"<br>Discrepancies: {esc(r.discrepancies)}" if r.discrepancies else ""
        items.append(
            f'<li id="{anchor("ref", r.id)}"><strong>{esc(r.id)}</strong>: {title}{esc(r.citation)}<br>{_ids(r)}'
            f"{design}<br>Checked: {esc(verified_name(r.verified))}{disc}</li>"
        )
    return f'<section id="references" class="chapter"><h2>References</h2>\n<ol class="refs">{"".join(items)}</ol></section>'


def _sources(g: Guide) -> str:
    items = []
    for s in g.sources:
        items.append(
            f'<li id="{anchor("src", s.id)}"><strong>{esc(source_label(g.content, s.id))}: {esc(s.title)}</strong> '
            f"({esc(s.kind)}; {esc(s.author)}, {esc(s.year)}). <em>Keep in mind:</em> {esc(s.keep_in_mind)}</li>"
        )
    return f'<section id="sources" class="chapter"><h2>Sources</h2>\n<ol class="refs">{"".join(items)}</ol></section>'


__all__ = ["CSS", "anchor", "render"]


def render_html(content: Content, scope: Scope | None = None) -> str:
    """The book as one self-contained HTML page."""
    return render(guide(content, scope))
