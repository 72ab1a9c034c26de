"""Glossary look-up without leaving the card: a picker of the card's terms, then a definition."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ldn_tui.content.model import Content as StudyContent
from ldn_tui.content.model import Term
from ldn_tui.tui.screens.base import Dialog


def _whole(text: str) -> str:
    """The definition on one logical line (the list wraps it): whole, never cut short."""
    return " ".join(text.split())


class GlossaryPicker(Dialog[str]):
    """Terms on this card first, then every other glossary term. Enter picks one."""

    def __init__(self, study: StudyContent, card_terms: list[Term]) -> None:
        super().__init__()
        self._study = study
        self._card_terms = card_terms

    def compose(self) -> ComposeResult:
        options: list[Option | None] = []
        seen: set[str] = set()
        for term in self._card_terms:
            seen.add(term.term)
            options.append(self._option(term))
        others = [t for t in sorted(self._study.glossary, key=lambda t: t.term.lower()) if t.term not in seen]
        if others:
            if options:
                options.append(None)  # a separator line
            options.extend(self._option(t) for t in others)
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Look up a term"
            dialog.border_subtitle = "Enter define · Esc back"
            if not self._card_terms:
                yield Static("This card names no glossary terms; all terms:", classes="hint")
            yield OptionList(*options, id="terms")

    @staticmethod
    def _option(term: Term) -> Option:
        return Option(
            Content.assemble((term.term, "bold"), "\n", (_whole(term.definition), "$text-muted")), id=term.term
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class TermScreen(Dialog[None]):
    """A definition, its other spellings and related terms (Enter on one shows it here)."""

    BINDINGS = [Binding("backspace", "previous", "Previous term", show=False)]

    def __init__(self, study: StudyContent, term: Term) -> None:
        super().__init__()
        self._study = study
        self._trail: list[Term] = [term]

    @property
    def term(self) -> Term:
        return self._trail[-1]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as dialog:
            dialog.border_title = "Glossary"
            dialog.border_subtitle = "Enter related term · Esc back"
            yield Static(id="definition")
            yield Static("Related terms", classes="section", id="related-title")
            yield OptionList(id="related")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        term = self.term
        parts: list = [(term.term, "bold"), "\n"]
        if term.aliases:
            parts += [("also: " + ", ".join(term.aliases), "italic $text-muted"), "\n"]
        parts += [term.definition]
        self.query_one("#definition", Static).update(Content.assemble(*parts))
        related = self.query_one("#related", OptionList)
        related.clear_options()
        entries = [self._study.term_by_name.get(name.lower()) for name in term.see_also]
        related.add_options(
            Option(Content.assemble(("→ ", "$text-accent"), t.term), id=t.term) for t in entries if t is not None
        )
        has_related = related.option_count > 0
        related.display = has_related
        self.query_one("#related-title").display = has_related
        if has_related:
            related.highlighted = 0
            related.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._study.term_by_name.get((event.option.id or "").lower())
        if target is not None:
            self._trail.append(target)
            self._show()

    def action_previous(self) -> None:
        if len(self._trail) > 1:
            self._trail.pop()
            self._show()
