"""The ldn-study app: `build_app()` makes it (the CLI, the tests and the snapshots all use it),
`run()` runs it.

The app is handed an already-loaded `Content`, so nothing slow happens before the first frame:
the store opens in milliseconds, the search index is built on first use in a thread, and only
the open card is rendered.
"""

from __future__ import annotations

import gc
import inspect
import threading
from typing import TYPE_CHECKING, Any

from textual.app import App

from ldn_tui.config import Config, load_config
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.progress.store import ProgressStore, StoreError
from ldn_tui.tui import commands, textual_fixes  # noqa: F401  (textual_fixes applies on import)
from ldn_tui.tui.screens.main import MainScreen

if TYPE_CHECKING:
    from ldn_tui.quiz.engine import QuizRequest
    from ldn_tui.search import SearchIndex

THEMES = {"dark": "textual-dark", "light": "textual-light"}


def freeze_long_lived() -> None:
    """Move every object alive now out of the cyclic garbage collector's sight.

    Called once the content is loaded, and again after the app builds caches that live as long
    as the content: the generated questions and their hashes (built by the first due count, about
    30 objects per card) and the search index. A full collection walks every tracked object, so
    at 10,000 cards each one paused the app for 0.4-0.5 s, several times a minute while moving
    between cards, until these were frozen too (benchmarks/bench_navigation.py prints the
    collections it sees). Frozen objects are still freed when their last reference goes, but a
    frozen cycle is never collected: the few widgets on screen at the moment (one card's) stay in
    memory once removed. That costs kilobytes, once per cache, against pauses on every collection.
    """
    gc.freeze()


class StudyApp(App[int]):
    """Owns the content, the progress store, the config and the (lazy) search index."""

    CSS_PATH = "app.tcss"  # quiz.tcss is loaded by the quiz and stats screens when first shown
    TITLE = "ldn-study"
    SUB_TITLE = "low-dose naltrexone, for students"
    BINDINGS = commands.bindings("app")  # Textual's own ctrl+q (quit) is inherited
    COMMANDS = {commands.CommandsProvider, commands.GotoProvider}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    def __init__(
        self,
        content: StudyContent,
        store: ProgressStore,
        *,
        config: Config | None = None,
        first_run: bool | None = None,
        theme: str | None = None,
        owns_store: bool = False,
        start_quiz: QuizRequest | None = None,
    ) -> None:
        super().__init__()
        #: A quiz to open on start-up (`ldn-study quiz` / `review`), over the study screen.
        self.start_quiz = start_quiz
        self.content = content
        self.store = store
        self.config = config or Config()
        self._first_run = first_run
        self._theme_override = theme
        self._owns_store = owns_store
        #: The keys in force, by command id (the config's `[keys]` over the defaults).
        self.effective_keymap: dict[str, str] = dict(self.config.keys)
        #: The last text typed into search, offered again when search reopens.
        self.last_query = ""
        self.search_index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    # -- start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> MainScreen:
        last = self.store.get_setting("last_card")
        return MainScreen(self.content, start_card=last if isinstance(last, str) else None)

    def _initial_theme(self) -> str:
        if self._theme_override in THEMES:
            return self._theme_override  # type: ignore[return-value]
        if self.config.theme in THEMES:
            return self.config.theme  # type: ignore[return-value]
        saved = self.store.get_setting("theme")
        return saved if saved in THEMES else "dark"

    def on_mount(self) -> None:
        self.theme = THEMES[self._initial_theme()]
        if self.effective_keymap:
            self.set_keymap(self.effective_keymap)
        if self.store.notice:
            self.notify(
                self.store.notice,
                title="Progress is not being saved" if self.store.read_only else "Progress file",
                severity="warning",
                timeout=20,
                markup=False,
            )
        for problem in self.config.problems:
            self.notify(problem, title="config.toml", severity="error", timeout=20, markup=False)
        for key, ids in commands.clashes(self.effective_keymap) if self.effective_keymap else ():
            self.notify(
                f"[keys]: {key!r} is bound to {' and '.join(ids)}; only one of them will run. "
                "Choose another key in config.toml.",
                title="config.toml",
                severity="warning",
                timeout=20,
                markup=False,
            )
        show_welcome = (
            self._first_run if self._first_run is not None else not self.store.get_setting("welcome_dismissed", False)
        )
        if self.start_quiz is not None:
            from ldn_tui.tui.quiz_actions import start_request

            start_request(self, self.start_quiz)
        if show_welcome:
            from ldn_tui.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(), self._welcome_done)

    def _welcome_done(self, _: bool | None) -> None:
        self.store.set_setting("welcome_dismissed", True)

    # -- services for screens ---------------------------------------------------------------

    def get_search_index(self) -> SearchIndex:
        """The search index, built on first call (safe to call from a worker thread)."""
        from ldn_tui.search import SearchIndex

        with self._index_lock:
            if self.search_index is None:
                self.search_index = SearchIndex(self.content)
                freeze_long_lived()
            return self.search_index

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the study screen is not open")

    async def open_card(self, card_id: str) -> None:
        """Show a card on the study screen, closing any dialogs above it."""
        main = self.main_screen
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        await main.open_card(card_id)
        main.reader.focus()

    async def run_command(self, command_id: str) -> None:
        """Run a command from the table (the palette and callable-action bindings come here)."""
        command = commands.get(command_id)
        if callable(command.action):
            result = command.action(self)
            if inspect.isawaitable(result):
                await result
            return
        target = self if command.scope == "app" else self.main_screen
        if command.scope != "app" and self.screen is not target:
            self.notify(f"{command.title}: only on the study screen.", timeout=3)
            return
        await self.run_action(command.action, target)

    async def action_run_command(self, command_id: str) -> None:
        """What a binding of a callable command runs (`Command.binding_action`)."""
        await self.run_command(command_id)

    def close_store(self) -> None:
        if self._owns_store:
            self.store.close()

    # -- app-wide actions (named in the command table) --------------------------------------

    def action_help(self) -> None:
        from ldn_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.effective_keymap))

    def action_toggle_theme(self) -> None:
        light = self.theme != THEMES["light"]
        self.theme = THEMES["light" if light else "dark"]
        if self.config.theme in THEMES:
            self.notify(
                f"config.toml sets theme = {self.config.theme!r}; this change lasts until you quit.", timeout=4
            )
        else:
            self.store.set_setting("theme", "light" if light else "dark")


def build_app(
    content: StudyContent,
    *,
    store: ProgressStore | None = None,
    first_run: bool | None = None,
    config: Config | None = None,
    theme: str | None = None,
    start_quiz: QuizRequest | None = None,
    **_ignored: Any,
) -> StudyApp:
    """Make the app. The CLI, the tests and the snapshot tests all come through here.

    `store`: a `ProgressStore` (default: open the user's, falling back to a memory-only store
    with a notice when it cannot be opened). `first_run`: force (True) or suppress (False) the
    welcome dialog; None asks the store. `config`: default, config.toml. `theme`: "dark" or
    "light", overriding config and store. `start_quiz`: open this quiz over the study screen
    (the CLI's `quiz` and `review`).
    """
    owns = store is None
    if store is None:
        try:
            store = ProgressStore.open()
        except StoreError as exc:
            store = ProgressStore.in_memory(notice=f"{exc} Bookmarks and notes will not be saved this session.")
    if config is None:
        config = load_config(known_ids=commands.ids())
    return StudyApp(content, store, config=config, first_run=first_run, theme=theme, owns_store=owns,
                    start_quiz=start_quiz)


def run(content: StudyContent, **options: Any) -> int:
    """Run the app until the student quits; returns the exit code."""
    freeze_long_lived()  # the content: loaded once, never freed
    app = build_app(content, **options)
    try:
        app.run()
    finally:
        app.close_store()
    return app.return_code or 0
