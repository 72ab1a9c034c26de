"""The study screen: contents on the left, the open card on the right.

This screen coordinates: widgets post messages (a card chosen, a claim's sources wanted, a
link followed) and the screen asks the study service (`app.study`), the history and the
dialogs. It owns the navigation state (`History`) and which card is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from ldn_tui.content.model import Card
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.history import History
from ldn_tui.tui import commands
from ldn_tui.tui.screens.main_dialogs import StudyDialogs
from ldn_tui.tui.widgets.footer import StudyFooter
from ldn_tui.tui.widgets.navigator import Navigator
from ldn_tui.tui.widgets.reader import ClaimView, LinkList, Reader

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost

# The dialogs are imported where they open: nothing the first frame does not need is loaded
# before it (see docs on start-up time in shared/PERFORMANCE.md).

#: Below this many columns the screen shows one pane at a time.
NARROW = 72


class MainScreen(StudyDialogs, Screen[None]):
    BINDINGS = commands.bindings("study")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    def __init__(self, study: StudyContent, *, start_card: str | None = None) -> None:
        super().__init__(id="main")
        self.study = study
        self.history: History[str] = History()
        self.card: Card | None = None
        first = study.cards[0].id if study.cards else None
        self._start_card = start_card if start_card in study.card_by_id else first

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Label("ldn-study", id="crumbs")
            yield Label("", id="status")
            yield Label("Educational · not medical advice", id="disclaimer")
            yield Label("Not medical advice", id="disclaimer-short")
        with Horizontal(id="panes"):
            with Vertical(id="nav-pane"):
                yield Navigator(self.study, id="navigator")
                yield Static("", id="nav-title")  # the highlighted line's whole title, when cut short
            start, study = self._start_card, self.ldn_app.study
            if start:  # composed with its card, rather than composed empty and rebuilt on mount
                yield Reader(
                    self.study,
                    self.study.card_by_id[start],
                    note=study.note(start),
                    bookmarked=study.is_bookmarked(start),
                    id="reader",
                )
            else:
                yield Reader(self.study, id="reader")
        yield StudyFooter()

    async def on_mount(self) -> None:
        self._refresh_marks()
        self._update_status()
        # Counting what is due imports the scheduler and hashes every question: start it once
        # the first frame is on screen, so a thread does not race the first paint for the GIL.
        self.call_after_refresh(self.refresh_progress)
        if self._start_card:
            await self.open_card(self._start_card, render=False)
        self.query_one(Navigator).focus()

    @property
    def navigator(self) -> Navigator:
        return self.query_one(Navigator)

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    # -- state from the study service -------------------------------------------------------

    def _refresh_marks(self) -> None:
        study = self.ldn_app.study
        self.navigator.set_marks(
            viewed=study.viewed(), bookmarked=study.bookmarked(), noted=study.noted(), read=set(study.cards_read())
        )

    def refresh_progress(self) -> None:
        """Recount the questions due per chapter for the navigator (after start-up and each quiz)."""
        self._count_due()

    @work(thread=True, exclusive=True, group="due-counts")
    def _count_due(self) -> None:
        # In a thread: it reads the whole review schedule, and start-up must not wait for it.
        from ldn_tui.tui.memory import freeze_long_lived

        counts = self.ldn_app.study.due_counts_by_chapter()
        mastered = self.ldn_app.study.mastered_cards()
        freeze_long_lived()  # the generated questions and hashes the count built, kept for good
        self.app.call_from_thread(self.navigator.set_due, counts)
        self.app.call_from_thread(self.navigator.set_mastered, mastered)

    def _update_status(self, waiting: str | None = None) -> None:
        label = self.query_one("#status", Label)
        if waiting:
            label.update(Content.styled(" ⏳ waiting for another ldn-study… ", "bold $text on $warning-muted"))
            label.tooltip = waiting
        elif self.ldn_app.study.read_only:
            label.update(Content.styled(" ⚠ not saving ", "bold $text on $warning-muted"))
            label.tooltip = self.ldn_app.study.notice
        else:
            label.update("")
            label.tooltip = None

    def show_write_status(self, waiting: str | None) -> None:
        """The writer is waiting for another copy of ldn-study to release the file (or not)."""
        self._update_status(waiting)

    def _update_crumbs(self) -> None:
        crumbs = self.query_one("#crumbs", Label)
        if self.card is None:
            crumbs.update("ldn-study")
            return
        chapter = self.study.chapter_of(self.card)
        crumbs.update(
            Content.assemble(
                ("ldn-study", "bold"),
                (" › ", "$text-muted"),
                chapter.title,
                (" › ", "$text-muted"),
                (self.card.title, "bold"),
            )
        )
        crumbs.tooltip = f"{chapter.title} › {self.card.title}"

    # -- opening cards ----------------------------------------------------------------------

    async def open_card(
        self,
        card_id: str,
        *,
        claim_id: str | None = None,
        from_history: bool = False,
        record_view: bool = True,
        render: bool = True,
    ) -> None:
        """Show `card_id` (optionally with one of its claims selected) and record the visit.

        `render=False`: the reader already shows it (the start card, composed with the screen).
        """
        card = self.study.card_by_id.get(card_id)
        if card is None:
            self.notify(f"No card {card_id!r} in this content.", severity="error")
            return
        study = self.ldn_app.study
        if not from_history:
            self.history.visit(card_id)
        if record_view:
            study.record_visit(card_id)
            self.navigator.viewed.add(card_id)
        study.set_setting("last_card", card_id)
        self.card = card
        self.navigator.show_card(card_id)
        self.navigator.refresh_labels(card.chapter_id)
        if render:
            await self.reader.show(card, note=study.note(card_id), bookmarked=study.is_bookmarked(card_id))
        self._update_crumbs()
        if self.narrow and self.has_class("-nav-only"):
            self.remove_class("-nav-only")
            self.reader.focus()
        if claim_id is not None:
            for view in self.reader.claim_views:
                if view.claim.id == claim_id:
                    view.focus()
                    view.scroll_visible(animate=False)
                    break
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        """Refresh the footer only when what `check_action` answers can have changed.

        Each refresh makes Textual 8.2.8's Footer rebuild its keys, and the old key widgets
        stay alive (Textualize/textual#6666): refreshing on every card leaked eight widgets
        per card and made long reading sessions pause for garbage collection.
        """
        state = (
            self.history.can_go_back,
            self.history.can_go_forward,
            bool(self.card and self.card.claims),
            self.card is not None,
        )
        if state != getattr(self, "_binding_state", None):
            self._binding_state = state
            self.refresh_bindings()

    @on(Navigator.CardChosen)
    async def _card_chosen(self, event: Navigator.CardChosen) -> None:
        await self.open_card(event.card_id)
        if self.narrow:
            self.reader.focus()

    @on(Navigator.FullTitle)
    def _full_title(self, event: Navigator.FullTitle) -> None:
        strip = self.query_one("#nav-title", Static)
        strip.update(event.title or "")
        strip.display = event.title is not None  # the list gets shorter and keeps its cursor in view

    @on(Navigator.ChapterChosen)
    async def _chapter_chosen(self, event: Navigator.ChapterChosen) -> None:
        from ldn_tui.tui.widgets.landing import chapter_landing

        chapter = self.study.chapter_by_id[event.chapter_id]
        nav = self.navigator
        states = {card.id: nav.card_state(card.id) for card in chapter.cards}
        mastery = self.ldn_app.study.chapter_mastery(chapter.id)
        self.card = None
        await self.reader.show_chapter(chapter_landing(self.study, chapter, states, mastery))
        self.query_one("#crumbs", Label).update(
            Content.assemble(("ldn-study", "bold"), (" › ", "$text-muted"), chapter.title)
        )
        self._refresh_bindings_if_changed()

    @on(Reader.ReachedEnd)
    def _reached_end(self, event: Reader.ReachedEnd) -> None:
        self.mark_card_read(event.card_id)

    def mark_card_read(self, card_id: str) -> None:
        """The card was read to its end (or marked read): record it and update the contents."""
        self.ldn_app.study.finish_card(card_id)
        if card_id not in self.navigator.read:
            self.navigator.read.add(card_id)
            card = self.study.card_by_id.get(card_id)
            if card is not None:
                self.navigator.refresh_labels(card.chapter_id)

    def action_mark_read(self) -> None:
        if self.card is not None:
            self.mark_card_read(self.card.id)
            self.notify("Marked as read.", timeout=2)

    @on(LinkList.Activated)
    async def _link(self, event: LinkList.Activated) -> None:
        if event.kind == "card":
            await self.open_card(event.target)
            self.reader.focus()
        elif event.kind == "term":
            self.show_term(event.target)

    @on(ClaimView.OpenSources)
    def _claim_sources(self, event: ClaimView.OpenSources) -> None:
        self.show_sources(event.card_id, event.claim_id)

    # -- actions (named in the command table) -----------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        card = self.card
        if action == "back":
            return True if self.history.can_go_back else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        if action in ("sources", "next_claim"):
            return True if card is not None and card.claims else None
        if action in ("toggle_bookmark", "note", "glossary", "mark_read"):
            return True if card is not None else None
        return True

    async def action_next_card(self) -> None:
        await self._step_card(1)

    async def action_previous_card(self) -> None:
        await self._step_card(-1)

    async def _step_card(self, step: int) -> None:
        cards = self.study.cards
        if not cards:
            return
        position = self.study.card_position.get(self.card.id) if self.card is not None else None
        index = position + step if position is not None else 0
        if 0 <= index < len(cards):
            await self.open_card(cards[index].id)
        else:
            self.notify("That was the last card." if step > 0 else "This is the first card.", timeout=2)

    async def action_back(self) -> None:
        card_id = self.history.back()
        if card_id is not None:
            await self.open_card(card_id, from_history=True)

    async def action_forward(self) -> None:
        card_id = self.history.forward()
        if card_id is not None:
            await self.open_card(card_id, from_history=True)

    def action_toggle_navigator(self) -> None:
        if self.narrow:
            self.toggle_class("-nav-only")
            show_nav = self.has_class("-nav-only")
        else:
            self.toggle_class("-nav-hidden")
            show_nav = not self.has_class("-nav-hidden")
        # A widget can take the focus only once it is displayed: after the restyle.
        target = self.navigator if show_nav else self.reader
        self.call_after_refresh(target.focus)

    def action_focus_reader(self) -> None:
        if self.narrow:
            self.remove_class("-nav-only")
        self.reader.focus()

    def action_next_claim(self) -> None:
        if self.narrow:
            self.remove_class("-nav-only")
        self.reader.focus_claim(1)
