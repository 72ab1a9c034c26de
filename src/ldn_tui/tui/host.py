"""What the screens may ask of the app, declared apart from the app.

Screens and `quiz_actions` type the app as `StudyHost`, never as `app.StudyApp`, so no module
under `tui/` imports the app module back (the app imports the screens; the screens import
this). `StudyApp` is the one implementation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App
from textual.screen import Screen

if TYPE_CHECKING:
    from ldn_tui.config import Config
    from ldn_tui.content.model import Content
    from ldn_tui.search import SearchIndex
    from ldn_tui.study import Study


class StudyHost(App[int]):
    """The app as screens see it: the study service, the content, the config and a few services."""

    study: Study
    content: Content
    config: Config
    effective_keymap: dict[str, str]
    last_query: str

    def get_search_index(self) -> SearchIndex:
        raise NotImplementedError

    @property
    def main_screen(self) -> Screen[None]:
        """The study screen (the app's default screen); LookupError if it is not open."""
        raise NotImplementedError

    async def open_card(self, card_id: str) -> None:
        raise NotImplementedError

    async def run_command(self, command_id: str) -> None:
        raise NotImplementedError
