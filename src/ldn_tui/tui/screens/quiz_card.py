"""The card a quiz question comes from, opened over the quiz: Esc returns to the same question.

Reuses the study screen's `Reader`; its claims open their sources, its links open other cards
in the same dialog and glossary terms in their own.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from ldn_tui.content.model import Card
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.tui.screens import DIALOG_CSS, QUIZ_CSS
from ldn_tui.tui.screens.base import Dialog
from ldn_tui.tui.screens.glossary import TermScreen
from ldn_tui.tui.screens.sources import SourcesScreen
from ldn_tui.tui.widgets.reader import ClaimView, LinkList, Reader


class QuizCardScreen(Dialog[None]):
    CSS_PATH = [DIALOG_CSS, QUIZ_CSS]

    def __init__(
        self, study: StudyContent, card: Card, *, claim_id: str | None = None, note: str = "", bookmarked: bool = False
    ) -> None:
        super().__init__()
        self._study = study
        self._card = card
        self._claim_id = claim_id
        self._note = note
        self._bookmarked = bookmarked

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide tall quiz-card") as dialog:
            dialog.border_title = self._card.title
            dialog.border_subtitle = "Tab claims · Enter sources · Esc back to the quiz"
            yield Reader(self._study, self._card, note=self._note, bookmarked=self._bookmarked, id="quiz-card-reader")

    def on_mount(self) -> None:
        reader = self.query_one(Reader)
        reader.focus()
        for view in reader.claim_views:
            if view.claim.id == self._claim_id:
                view.focus()
                view.scroll_visible(animate=False)
                break

    @on(ClaimView.OpenSources)
    def _sources(self, event: ClaimView.OpenSources) -> None:
        event.stop()
        claim = self._study.card_by_id[event.card_id].claim(event.claim_id)
        if claim is not None:
            self.app.push_screen(
                SourcesScreen(self._study, claim.sources, claim=claim, title=f"Sources of claim {claim.id}")
            )

    @on(LinkList.Activated)
    async def _link(self, event: LinkList.Activated) -> None:
        event.stop()
        if event.kind == "card" and event.target in self._study.card_by_id:
            card = self._study.card_by_id[event.target]
            self.query_one("#dialog").border_title = card.title
            reader = self.query_one(Reader)
            await reader.show(card)
            reader.focus()
        elif event.kind == "term":
            term = self._study.term_by_name.get(event.target.lower())
            if term is not None:
                self.app.push_screen(TermScreen(self._study, term))
