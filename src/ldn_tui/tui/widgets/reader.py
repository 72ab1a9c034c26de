"""The card reader: body, claims with badges, disagreements, see-also, terms and the note.

Only the open card is ever rendered, and with few widgets: every widget costs ~2 ms of
styling and layout on the first frame, so the body is one `Static` (see `tui/prose.py`) and
the see-also cards and glossary terms share one list. The reader is presentation only: it
posts messages (`ClaimView.OpenSources`, `LinkList.Activated`) and the screen decides what
happens.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.content.model import Card, Claim, Disagreement
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.tui import prose
from ldn_tui.tui.widgets.badges import certainty_badge, evidence_badge, kind_badge, source_label


class LinkList(OptionList):
    """The card's see-also cards and glossary terms, under their headings, in one list.

    ↑/↓ choose, Enter or a click opens; the screen gets `LinkList.Activated`.
    """

    class Activated(Message):
        def __init__(self, kind: str, target: str) -> None:
            super().__init__()
            self.kind = kind  # "card" | "term"
            self.target = target

    def __init__(self, see_also: list[tuple[str, str]], terms: list[str], **kwargs) -> None:
        options: list[Option] = []
        if see_also:
            options.append(Option(Content.styled("See also", "bold $text-accent"), disabled=True))
            options += [
                Option(Content.assemble(("→ ", "$text-accent"), title), id=f"card:{card_id}")
                for card_id, title in see_also
            ]
        if terms:
            options.append(Option(Content.styled("Terms", "bold $text-accent"), disabled=True))
            options += [Option(Content.assemble(("? ", "$text-accent"), term), id=f"term:{term}") for term in terms]
        super().__init__(*options, compact=True, **kwargs)

    @property
    def targets(self) -> list[tuple[str, str]]:
        """(kind, target) of every link, in order."""
        return [tuple(option.id.split(":", 1)) for option in self.options if option.id]  # type: ignore[misc]

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            kind, target = event.option.id.split(":", 1)
            self.post_message(self.Activated(kind, target))


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


class DisagreementView(Static):
    """Each version in a box, side by side (stacked when narrow) with its sources, then the verdict.

    One widget drawing one Rich renderable (`prose.SideBySide`); colours come from the theme.
    """

    def __init__(self, study: StudyContent, item: Disagreement, *, theme_style: Callable[[str], Style]) -> None:
        muted = theme_style("foreground-muted")
        boxes = []
        for n, version in enumerate(item.versions, 1):
            sources = " · ".join(source_label(study, s) for s in version.sources)
            boxes.append((f"Version {n}", Text.assemble(version.says, "\n", (sources, muted))))
        verdict = Text.assemble(("Verdict: ", "bold"), item.verdict)
        super().__init__(
            prose.SideBySide(
                Text(item.topic, style="bold"), boxes, verdict, border=muted, title=muted, bar=theme_style("success")
            ),
            classes="disagreement",
        )
        self.item = item


class Reader(VerticalScroll):
    """Shows one card. `show()` swaps the card; everything is rebuilt for the new one.

    `card` (with its `note` and `bookmarked` mark) is composed from the start, if given.
    Posts `Reader.ReachedEnd` once per card shown when its end is on screen (it fits, or the
    student scrolled to it): that, not opening it, is what makes a card "read".
    """

    class ReachedEnd(Message):
        def __init__(self, card_id: str) -> None:
            super().__init__()
            self.card_id = card_id

    def __init__(
        self, study: StudyContent, card: Card | None = None, *, note: str = "", bookmarked: bool = False, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self._study = study
        self.card = card
        self.note = note
        self.bookmarked = bookmarked
        self._end_reported: str | None = None

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
        yield self._body(card.body)
        if card.claims:
            yield Static("Claims", classes="section")
            for n, claim in enumerate(card.claims, 1):
                yield ClaimView(self._study, card, claim, n)
        if card.disagreements:
            yield Static("Where the sources disagree", classes="section")
            for item in card.disagreements:
                yield DisagreementView(self._study, item, theme_style=self._theme_style)
        see_also = [(cid, self._study.card_by_id[cid].title) for cid in card.see_also if cid in self._study.card_by_id]
        if see_also or card.terms:
            yield LinkList(see_also, list(card.terms), id="links")

    def _body(self, markdown: str) -> Widget:
        blocks = prose.parse(markdown)
        if blocks is None:  # Markdown beyond the subset the content uses: the full widget
            from textual.widgets import Markdown

            return Markdown(markdown, id="card-body")
        bold = Style(bold=True)
        styles = prose.ProseStyles(
            heading=bold + self._theme_style("markdown-h3-color"), marker=bold + self._theme_style("text-accent")
        )
        return Static(prose.Prose(blocks, styles), id="card-body")

    def _theme_style(self, variable: str) -> Style:
        """The theme's colour for `variable` as a Rich style (blended onto the background if it is
        translucent); an empty style if the theme does not define it as a colour."""
        colours = self.app.theme_variables
        try:
            colour = Color.parse(colours[variable])
            if colour.a < 1:
                colour = Color.parse(colours["background"]) + colour
        except (KeyError, ColorParseError):
            return Style()
        return Style(color=colour.rich_color)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.watch(self, "scroll_y", self._check_end, init=False)
        self.call_after_refresh(self._check_end)

    def on_resize(self) -> None:
        self.call_after_refresh(self._check_end)

    def _check_end(self, *_: object) -> None:
        """Report the card as read once its last line is on screen."""
        card = self.card
        if card is None or self._end_reported == card.id or not self.is_mounted:
            return
        if self.virtual_size.height == 0 or self.scroll_y < self.max_scroll_y - 0.5:
            return
        self._end_reported = card.id
        self.post_message(self.ReachedEnd(card.id))

    async def _theme_changed(self, _theme: object) -> None:
        if self.card is not None:  # the body's colours come from the theme
            await self.update_marks(note=self.note, bookmarked=self.bookmarked)

    async def show(self, card: Card, *, note: str = "", bookmarked: bool = False) -> None:
        self.card, self.note, self.bookmarked = card, note, bookmarked
        await self.recompose()
        self.scroll_home(animate=False)
        self.call_after_refresh(self._check_end)

    async def show_chapter(self, landing: Content) -> None:
        """Show a chapter's landing page (`widgets.landing.chapter_landing`) instead of a card."""
        self.card = None
        await self.remove_children()
        await self.mount(Static(landing, id="chapter-landing"))
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
