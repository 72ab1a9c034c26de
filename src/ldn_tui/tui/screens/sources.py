"""Drill-down from a claim (or a search result) to the evidence behind it.

For each reference: citation, year, design, n, identifiers, how far it was verified, the
findings, where the sources misreport it, and which of the five articles cite it. For each of
the five articles: what kind of text it is, who wrote it for whom, and what to keep in mind.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ldn_tui.content import labels
from ldn_tui.content.model import Claim, Reference, Source
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.tui.screens.base import Dialog
from ldn_tui.tui.widgets.badges import (
    certainty_badge,
    certainty_description,
    evidence_badge,
    evidence_description,
    source_label,
    verified_badge,
)


def _field(name: str, value: str | None) -> list:
    if not value:
        return []
    return ["\n", (f"{name}: ", "bold $text-muted"), value]


def reference_block(study: StudyContent, ref: Reference) -> Content:
    ids = " · ".join(
        f"{name} {value}" for name, value in (("PMID", ref.pmid), ("DOI", ref.doi), ("PMCID", ref.pmcid)) if value
    )
    if ref.cited_in:
        cited = "; ".join(source_label(study, sid) for sid in ref.cited_in)
    else:
        cited = "none of the five articles (evidence from outside the sources)"
    label = source_label(study, ref.id)
    if not ref.year:
        year = "  (year unknown)"
    else:
        year = "" if str(ref.year) in label else f"  {ref.year}"
    parts: list = [
        (label, "bold"),
        (year, "$text-muted"),
        (f"  [{ref.id}]", "$text-muted"),
        "  ",
        verified_badge(ref.verified),
        "\n",
        (labels.VERIFIED.get(ref.verified, ""), "italic $text-muted"),
        "\n",
        ref.citation,
    ]
    if ref.title and ref.title not in ref.citation:
        parts += ["\n", (ref.title, "italic")]
    parts += _field("Design", ref.design)
    parts += _field("n", ref.n)
    parts += _field("Findings", ref.findings)
    parts += _field("Discrepancies", ref.discrepancies)
    parts += _field("Identifiers", ids or "none given")
    parts += _field("Cited in", cited)
    return Content.assemble(*parts)


def source_block(study: StudyContent, src: Source) -> Content:
    name = source_label(study, src.id)
    title = src.title.strip("[]")
    parts: list = [(name[:1].upper() + name[1:], "bold")]
    if title != name:  # the full title, where the short name is not the title itself
        parts += ["\n", (title, "italic")]
    parts += [
        "\n",
        (f"{src.kind} · {src.author} · {src.year}", "$text-muted"),
    ]
    parts += _field("Written for", src.audience)
    parts += _field("Keep in mind", src.keep_in_mind)
    return Content.assemble(*parts)


class SourcesScreen(Dialog[None]):
    """The sources of one claim, or one reference on its own (from search)."""

    def __init__(
        self, study: StudyContent, source_ids: tuple[str, ...], *, claim: Claim | None = None, title: str = "Sources"
    ) -> None:
        super().__init__()
        self._study = study
        self._ids = source_ids
        self._claim = claim
        self._title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide") as dialog:
            dialog.border_title = self._title
            dialog.border_subtitle = "↑↓ scroll · Esc close"
            with VerticalScroll(id="sources-body"):
                claim = self._claim
                if claim is not None:
                    head: list = [
                        (claim.text, "bold"),
                        "\n",
                        evidence_badge(claim.evidence),
                        "  ",
                        (evidence_description(claim.evidence), "$text-muted"),
                    ]
                    if claim.certainty:
                        head += [
                            "\n",
                            certainty_badge(claim.certainty),
                            "  ",
                            (certainty_description(claim.certainty), "$text-muted"),
                        ]
                    if claim.note:
                        head += ["\n", ("Caveat: ", "bold $text-muted"), (claim.note, "italic")]
                    yield Static(Content.assemble(*head), classes="claim-head")
                for sid in self._ids:
                    if sid in self._study.reference_by_id:
                        yield Static(
                            reference_block(self._study, self._study.reference_by_id[sid]), classes="source reference"
                        )
                    elif sid in self._study.source_by_id:
                        yield Static(source_block(self._study, self._study.source_by_id[sid]), classes="source article")
                    else:
                        yield Static(f"{sid}: not found in this content set", classes="source")

    def on_mount(self) -> None:
        self.query_one("#sources-body").focus()
