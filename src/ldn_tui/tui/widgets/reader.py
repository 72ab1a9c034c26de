"""The card reader: body, claims with badges, disagreements, see-also, terms and the note.

Only the open card is ever rendered. The reader is presentation only: it posts messages
(`ClaimView.OpenSources`, `Link.Activated`) and the screen decides what happens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widgets import Markdown, Static

from ldn_tui.content.model import Card, Claim, Content as StudyContent, Disagreement
from ldn_tui.tui.widgets.badges import certainty_badge, evidence_badge, kind_badge, source_label


class Link(Static, can_focus=True):
    """A focusable line that opens something: a card (`see also`) or a glossary term."""

    BINDINGS = [Binding("enter", "activate", "Open", show=False)]

    class Activated(Message):
        def __init__(self, kind: str, target: str) -> None:
            super().__init__()
            self.kind = kind  # "card" | "term"
            self.target = target

    def __init__(self, label: Content | str, kind: str, target: str, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.kind = kind
        self.target = target

    def action_activate(self) -> None:
        self.post_message(self.Activated(self.kind, self.target))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.action_activate()


class ClaimView(Static, can_focus=True):
    """One claim: its text, evidence and certainty badges, sources and caveat."""

    BINDINGS = [Binding("enter", "open_sources", "Sources", show=False)]

    class OpenSources(Message):
        def __init__(self, card_id: str, claim_id: str) -> None:
            super().__init__()
            self.card_id = card_id
            self.claim_id = claim_id

    def __init__(self, study: StudyContent, card: Card, claim: Claim, number: int) -> None:
        super().__init__(self._render_claim(study, claim, number), classes="claim")
        self.card_id = card.id
        self.claim = claim

    @staticmethod
    def _render_claim(study: StudyContent, claim: Claim, number: int) -> Content:
        sources = " · ".join(source_label(study, s) for s in claim.sources)
        parts: list[Content | str | tuple[str, str]] = [
            (f"{number}. ", "bold"),
            claim.text,
            "\n",
            evidence_badge(claim.evidence),
        ]
        if claim.certainty:
            parts += ["  ", certainty_badge(claim.certainty)]
        parts += ["\n", ("Sources: ", "$text-muted"), (sources, "$text-muted")]
        if claim.note:
            parts += ["\n", ("Caveat: ", "bold $text-muted"), (claim.note, "italic $text-muted")]
        return Content.assemble(*parts)

    def action_open_sources(self) -> None:
        self.post_message(self.OpenSources(self.card_id, self.claim.id))

    def on_click(self, event: Click) -> None:
        if event.chain >= 2:
            self.action_open_sources()


class DisagreementView(Vertical):
    """Each version side by side (stacked on narrow screens) with its sources, then the verdict."""

    def __init__(self, study: StudyContent, item: Disagreement) -> None:
        super().__init__(classes="disagreement")
        self._study = study
        self._item = item

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(self._item.topic, "bold"), classes="topic")
        with Horizontal(classes="versions"):
            for n, version in enumerate(self._item.versions, 1):
                sources = " · ".join(source_label(self._study, s) for s in version.sources)
                box = Static(
                    Content.assemble(version.says, "\n", (sources, "$text-muted")),
                    classes="version",
                )
                box.border_title = f"Version {n}"
                yield box
        yield Static(Content.assemble(("Verdict: ", "bold"), self._item.verdict), classes="verdict")


class Reader(VerticalScroll):
    """Shows one card. `show()` swaps the card; everything is rebuilt for the new one."""

    def __init__(self, study: StudyContent, **kwargs) -> None:
        super().__init__(**kwargs)
        self._study = study
        self.card: Card | None = None
        self.note: str = ""
        self.bookmarked = False

    def compose(self) -> ComposeResult:
        card = self.card
        if card is None:
            yield Static("Pick a card from the contents (Enter opens it).", classes="empty")
            return
        chapter = self._study.chapter_of(card)
        head = Content.assemble(
            (card.title, "bold"),
            ("  ★ bookmarked" if self.bookmarked else "", "bold $text-warning"),
            "\n",
            kind_badge(card.kind),
            (f"  {chapter.title}", "$text-muted"),
        )
        yield Static(head, id="card-head")
        if self.note.strip():
            note = Static(self.note, id="note", markup=False)
            note.border_title = "Your note (n to edit)"
            yield note
        yield Markdown(card.body, id="card-body")
        if card.claims:
            yield Static("Claims", classes="section")
            for n, claim in enumerate(card.claims, 1):
                yield ClaimView(self._study, card, claim, n)
        if card.disagreements:
            yield Static("Where the sources disagree", classes="section")
            for item in card.disagreements:
                yield DisagreementView(self._study, item)
        if card.see_also:
            yield Static("See also", classes="section")
            for other_id in card.see_also:
                other = self._study.card_by_id.get(other_id)
                if other is not None:
                    yield Link(Content.assemble(("→ ", "$text-accent"), other.title), "card", other_id, classes="link")
        terms = list(card.terms)
        if terms:
            yield Static("Terms", classes="section")
            for term in terms:
                yield Link(Content.assemble(("? ", "$text-accent"), term), "term", term, classes="link")

    async def show(self, card: Card, *, note: str = "", bookmarked: bool = False) -> None:
        self.card, self.note, self.bookmarked = card, note, bookmarked
        await self.recompose()
        self.scroll_home(animate=False)

    async def update_marks(self, *, note: str, bookmarked: bool) -> None:
        """Refresh the note and the bookmark mark, keeping the scroll position."""
        if self.card is None:
            return
        y = self.scroll_y
        self.note, self.bookmarked = note, bookmarked
        await self.recompose()
        self.call_after_refresh(self.scroll_to, y=y, animate=False)

    # -- claims -----------------------------------------------------------------------------

    @property
    def claim_views(self) -> list[ClaimView]:
        return list(self.query(ClaimView))

    @property
    def focused_claim(self) -> ClaimView | None:
        focused = self.screen.focused if self.is_mounted else None
        return focused if isinstance(focused, ClaimView) and focused.parent is self else None

    def focus_claim(self, step: int = 1) -> ClaimView | None:
        """Focus the next (or previous) claim, wrapping round; returns it."""
        views = self.claim_views
        if not views:
            return None
        current = self.focused_claim
        index = views.index(current) + step if current in views else (0 if step > 0 else -1)
        view = views[index % len(views)]
        view.focus()
        view.scroll_visible(animate=False)
        return view
