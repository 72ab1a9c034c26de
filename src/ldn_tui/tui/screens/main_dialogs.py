"""The study screen's dialogs: sources, glossary, evidence, bookmarks, notes and search.

A mixin of `MainScreen` (kept apart so the screen module stays one screenful): each action opens
its dialog, imported when it first opens, and hands what the student chose back to the screen
(open a card, select a claim) or to the study service (a note, a bookmark).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ldn_tui.search import Hit


class StudyDialogs:
    """Needs, from the screen it is mixed into: `study` (the content), `card`, `reader`,
    `navigator`, `ldn_app`, `app`, `notify` and `open_card`."""

    study: Any
    card: Any
    reader: Any
    navigator: Any
    ldn_app: Any
    app: Any

    # -- dialogs ----------------------------------------------------------------------------

    def show_sources(self, card_id: str, claim_id: str) -> None:
        from ldn_tui.tui.screens.sources import SourcesScreen

        card = self.study.card_by_id[card_id]
        claim = card.claim(claim_id)
        if claim is None:
            return
        study = self.ldn_app.study
        for sid in claim.sources:
            if sid in self.study.reference_by_id:
                study.record_reference_open(sid)
        title = f"Sources behind claim {card.claims.index(claim) + 1}"
        self.app.push_screen(SourcesScreen(self.study, claim.sources, claim=claim, title=title))

    def show_reference(self, ref_id: str) -> None:
        from ldn_tui.tui.screens.sources import SourcesScreen

        self.ldn_app.study.record_reference_open(ref_id)
        self.app.push_screen(SourcesScreen(self.study, (ref_id,), title="Reference"))

    def show_term(self, name: str) -> None:
        from ldn_tui.tui.screens.glossary import TermScreen

        term = self.study.term_by_name.get(name.lower())
        if term is None:
            self.notify(f"{name!r} is not in the glossary.", severity="warning")
            return
        self.app.push_screen(TermScreen(self.study, term))

    async def open_hit(self, hit: Hit | None) -> None:
        """Open what a search result points at."""
        if hit is None:
            return
        doc = hit.doc
        if doc.type in ("card", "claim") and doc.card_id:
            await self.open_card(doc.card_id, claim_id=doc.claim_id)
            if doc.claim_id is None:
                self.reader.focus()
        elif doc.type == "term" and doc.term:
            self.show_term(doc.term)
        elif doc.type == "reference" and doc.ref_id:
            self.show_reference(doc.ref_id)

    # -- actions that open dialogs (named in the command table) --------------------------

    def action_sources(self) -> None:
        if self.card is None or not self.card.claims:
            return
        view = self.reader.focused_claim
        if view is None:
            view = self.reader.focus_claim(1)
        if view is not None:
            self.show_sources(self.card.id, view.claim.id)

    def action_evidence(self) -> None:
        from ldn_tui.content.evidence import condition_of_card
        from ldn_tui.tui.screens.evidence import EvidenceScreen

        condition = condition_of_card(self.study, self.card) if self.card is not None else None
        self.app.push_screen(EvidenceScreen(self.study, condition))

    def action_glossary(self) -> None:
        from ldn_tui.search import terms_in_text
        from ldn_tui.tui.screens.glossary import GlossaryPicker

        card = self.card
        if card is None:
            return
        terms = [self.study.term_by_name[t.lower()] for t in card.terms if t.lower() in self.study.term_by_name]
        for term in terms_in_text(self.study.glossary, card.body):
            if term not in terms:
                terms.append(term)

        def picked(name: str | None) -> None:
            if name:
                self.show_term(name)

        self.app.push_screen(GlossaryPicker(self.study, terms), picked)

    async def action_toggle_bookmark(self) -> None:
        card = self.card
        if card is None:
            return
        study = self.ldn_app.study
        on_now = study.toggle_bookmark(card.id)
        (self.navigator.bookmarked.add if on_now else self.navigator.bookmarked.discard)(card.id)
        self.navigator.refresh_labels(card.chapter_id)
        await self.reader.update_marks(note=study.note(card.id), bookmarked=on_now)
        message = "Bookmarked." if on_now else "Bookmark removed."
        if study.read_only:
            message += " (Not saved: progress is read-only this session.)"
        self.notify(message, timeout=2)

    def action_bookmarks(self) -> None:
        from ldn_tui.tui.screens.bookmarks import BookmarksScreen

        items = self.ldn_app.study.marked_cards()

        async def chosen(card_id: str | None) -> None:
            if card_id:
                await self.open_card(card_id)
                self.reader.focus()

        self.app.push_screen(BookmarksScreen(items), chosen)

    def action_note(self) -> None:
        from ldn_tui.tui.screens.note import NoteScreen

        card = self.card
        if card is None:
            return
        study = self.ldn_app.study

        async def saved(text: str | None) -> None:
            if text is None:
                return
            study.set_note(card.id, text)
            noted = self.navigator.noted
            (noted.add if text.strip() else noted.discard)(card.id)
            self.navigator.refresh_labels(card.chapter_id)
            if self.card is card:
                await self.reader.update_marks(note=study.note(card.id), bookmarked=study.is_bookmarked(card.id))
            if study.read_only:
                self.notify("Note kept for this session only: progress is not being saved.", severity="warning")
            else:
                self.notify("Note saved." if text.strip() else "Note deleted.", timeout=2)

        self.app.push_screen(NoteScreen(card.title, study.note(card.id), read_only_store=study.read_only), saved)

    def action_search(self) -> None:
        from ldn_tui.tui.screens.search import SearchScreen

        app = self.ldn_app

        async def chosen(hit: Hit | None) -> None:
            await self.open_hit(hit)

        def remember(text: str) -> None:
            app.last_query = text

        self.app.push_screen(SearchScreen(app.get_search_index, app.last_query, remember), chosen)
