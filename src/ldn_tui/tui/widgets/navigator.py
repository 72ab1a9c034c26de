"""The chapter and card tree.

Chapters start collapsed and get their card leaves only when first expanded, so a content set
of thousands of cards costs one node per chapter at start-up. The navigator knows nothing of
the store: the screen hands it the marks to show (viewed, bookmarked, noted) and listens for
`Navigator.CardChosen`.

A label too long for the column ends in an ellipsis. While the contents have the focus and the
highlighted line is cut short, the navigator posts `Navigator.FullTitle` with the whole title
(and None once it fits or the focus leaves), so the screen can show it beneath the list: a
keyboard user sees what a mouse user gets from the tooltip.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ldn_tui.content.model import Chapter, Content


class NavItem(NamedTuple):
    chapter_id: str
    card_id: str | None = None  # None: the chapter node


class Navigator(Tree[NavItem]):
    """Chapters with progress (read/total) and their cards: · unread, ✓ read, ◆ mastered, ★ bookmarked."""

    class CardChosen(Message):
        """The user picked a card (Enter or click)."""

        def __init__(self, card_id: str) -> None:
            super().__init__()
            self.card_id = card_id

    class ChapterChosen(Message):
        """The user picked a chapter (Enter or click): its landing page."""

        def __init__(self, chapter_id: str) -> None:
            super().__init__()
            self.chapter_id = chapter_id

    class FullTitle(Message):
        """The highlighted line's whole title while its label is cut short and the contents have
        the focus; None when there is nothing more to show."""

        def __init__(self, title: str | None) -> None:
            super().__init__()
            self.title = title

    def __init__(self, content: Content, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Contents", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = True
        self._content = content
        self._chapter_nodes: dict[str, TreeNode[NavItem]] = {}
        self._card_nodes: dict[str, TreeNode[NavItem]] = {}
        self.viewed: set[str] = set()
        #: Cards read to their end (or marked read), and cards whose questions are all mastered.
        self.read: set[str] = set()
        self.mastered: set[str] = set()
        #: Cells at the end of each chapter label (its count) that truncation must keep.
        self._tail_cells: dict[str, int] = {}
        self.bookmarked: set[str] = set()
        self.noted: set[str] = set()
        #: Questions due for review, by chapter id (set by the screen; shown as "· 3 due").
        self.due: dict[str, int] = {}
        self.current_card: str | None = None
        #: The title last posted in `FullTitle` (posted again only when it changes).
        self.full_title: str | None = None
        for chapter in content.chapters:
            node = self.root.add(self._chapter_label(chapter), NavItem(chapter.id), allow_expand=bool(chapter.cards))
            self._chapter_nodes[chapter.id] = node

    # -- labels -----------------------------------------------------------------------------

    def _chapter_label(self, chapter: Chapter) -> Text:
        total = len(chapter.cards)
        read = sum(1 for card in chapter.cards if card.id in self.read)
        label = Text(chapter.title, style="bold" if read < total or not total else "")
        tail = Text(f"  {read}/{total}", style="dim" if read < total else "green")
        due = self.due.get(chapter.id, 0)
        if due:
            tail.append(f" · {due} due", style="bold yellow")
        self._tail_cells[chapter.id] = tail.cell_len
        return label + tail

    def card_state(self, card_id: str) -> str:
        """`mastered` (every question right last time), `read` (to its end) or `unread`."""
        if card_id in self.mastered:
            return "mastered"
        return "read" if card_id in self.read else "unread"

    #: Mark and style of each reading state (words in help; the mark alone reads without colour).
    STATE_MARKS = {"unread": ("·", "dim"), "read": ("✓", "green"), "mastered": ("◆", "bold green")}

    def _card_label(self, card_id: str, title: str) -> Text:
        mark, style = self.STATE_MARKS[self.card_state(card_id)]
        if card_id in self.bookmarked:
            mark, style = "★", "yellow"
        label = Text()
        label.append(mark + " ", style=style)
        label.append(title, style="bold underline" if card_id == self.current_card else "")
        if card_id in self.noted:
            label.append(" ✎", style="dim")
        return label

    def _room(self, node: TreeNode[NavItem]) -> int:
        """Cells a node's label has: the column less the guide before a card."""
        item = node.data
        indent = self.guide_depth if item is not None and item.card_id is not None else 0
        return self.scrollable_content_region.width - indent

    def is_cut(self, node: TreeNode[NavItem]) -> bool:
        """Whether `node`'s label is cut short (ends in an ellipsis) at the current width."""
        room = self._room(node)
        return 0 < room < super().render_label(node, Style(), Style()).cell_len

    def render_label(self, node: TreeNode[NavItem], base_style: Style, style: Style) -> Text:
        """Labels that do not fit end in an ellipsis; a chapter keeps its count visible."""
        text = super().render_label(node, base_style, style)
        item = node.data
        room = self._room(node)
        if room <= 0 or text.cell_len <= room:
            return text
        tail = self._tail_cells.get(item.chapter_id, 0) if item is not None and item.card_id is None else 0
        if tail and room > tail + 4:
            head, end = text.divide([len(text.plain) - tail])
            head.truncate(room - tail, overflow="ellipsis")
            return head + end
        text.truncate(room, overflow="ellipsis")
        return text

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NavItem]) -> None:
        """The full title of the highlighted line, for when its label is cut short."""
        item = event.node.data
        if item is None:
            return
        if item.card_id is not None:
            self.tooltip = self._content.card_by_id[item.card_id].title
        else:
            self.tooltip = self._content.chapter_by_id[item.chapter_id].title
        self._post_full_title()

    def _post_full_title(self, focused: bool | None = None) -> None:
        """Post `FullTitle` when what it should say has changed (a cheap check on each move).

        `focused`: whether the list has the focus, when `has_focus` is not yet up to date.
        """
        node = self.cursor_node
        item = node.data if node is not None else None
        title: str | None = None
        if (
            (self.has_focus if focused is None else focused)
            and node is not None
            and item is not None
            and self.is_cut(node)
        ):
            if item.card_id is not None:
                title = self._content.card_by_id[item.card_id].title
            else:
                title = self._content.chapter_by_id[item.chapter_id].title
        if title != self.full_title:
            self.full_title = title
            self.post_message(self.FullTitle(title))

    def on_focus(self, event: events.Focus) -> None:
        self._post_full_title(focused=True)

    def on_blur(self, event: events.Blur) -> None:
        self._post_full_title(focused=False)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._after_resize)

    def _after_resize(self) -> None:
        node = self.cursor_node
        if node is not None:  # shorter (the full title shown beneath): keep the cursor in view
            self.scroll_to_node(node, animate=False)
        self._post_full_title()  # a narrower column can cut the line short

    def set_marks(
        self, *, viewed: set[str], bookmarked: set[str], noted: set[str], read: set[str] | None = None
    ) -> None:
        """Replace the marks and relabel every node that shows them."""
        self.viewed, self.bookmarked, self.noted = set(viewed), set(bookmarked), set(noted)
        if read is not None:
            self.read = set(read)
        self.refresh_labels()

    def set_mastered(self, mastered: set[str]) -> None:
        """Replace the cards shown as mastered (counted in a worker) and relabel."""
        if mastered != self.mastered:
            self.mastered = set(mastered)
            self.refresh_labels()

    def set_due(self, due: dict[str, int]) -> None:
        """Replace the per-chapter due counts and relabel the chapters whose count changed."""
        changed = {cid for cid in set(due) | set(self.due) if due.get(cid, 0) != self.due.get(cid, 0)}
        self.due = dict(due)
        for cid in changed:
            node = self._chapter_nodes.get(cid)
            if node is not None:
                node.set_label(self._chapter_label(self._content.chapter_by_id[cid]))
        self._post_full_title()  # a due count makes a chapter's label longer

    def refresh_labels(self, chapter_id: str | None = None) -> None:
        chapters = [self._content.chapter_by_id[chapter_id]] if chapter_id else self._content.chapters
        for chapter in chapters:
            self._chapter_nodes[chapter.id].set_label(self._chapter_label(chapter))
            for card in chapter.cards:
                node = self._card_nodes.get(card.id)
                if node is not None:
                    node.set_label(self._card_label(card.id, card.title))

    # -- structure --------------------------------------------------------------------------

    def _populate(self, node: TreeNode[NavItem]) -> None:
        item = node.data
        if item is None or item.card_id is not None or node.children:
            return
        chapter = self._content.chapter_by_id[item.chapter_id]
        for card in chapter.cards:
            self._card_nodes[card.id] = node.add_leaf(
                self._card_label(card.id, card.title), NavItem(chapter.id, card.id)
            )

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NavItem]) -> None:
        self._populate(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[NavItem]) -> None:
        item = event.node.data
        if item is not None and item.card_id is not None:
            event.stop()
            self.post_message(self.CardChosen(item.card_id))
        elif item is not None:
            self.post_message(self.ChapterChosen(item.chapter_id))

    def show_card(self, card_id: str, *, collapse_others: bool = True) -> None:
        """Mark `card_id` as current: expand its chapter (only it) and move the cursor there."""
        card = self._content.card_by_id.get(card_id)
        if card is None:
            return
        previous = self.current_card
        self.current_card = card_id
        chapter_node = self._chapter_nodes[card.chapter_id]
        self._populate(chapter_node)
        if collapse_others:
            for cid, node in self._chapter_nodes.items():
                if cid != card.chapter_id and node.is_expanded:
                    node.collapse()
        chapter_node.expand()
        if previous and previous in self._card_nodes and previous != card_id:
            prev_card = self._content.card_by_id[previous]
            self._card_nodes[previous].set_label(self._card_label(previous, prev_card.title))
        node = self._card_nodes[card_id]
        node.set_label(self._card_label(card_id, card.title))
        self.call_after_refresh(self._move_to, node)

    def on_show(self) -> None:
        """Shown again (narrow screens, or after `m`): put the cursor back on the open card."""
        node = self._card_nodes.get(self.current_card or "")
        if node is not None:
            self.call_after_refresh(self._move_to, node)
        self.call_after_refresh(self._post_full_title)  # measured again, now that it has a width

    def _move_to(self, node: TreeNode[NavItem]) -> None:
        if node.tree is self and node.line >= 0:
            self.move_cursor(node, animate=False)
