"""The ldn-study app: `build_app()` makes it (the CLI, the tests and the snapshots all use it),
`run()` runs it.

The app is handed an already-loaded `Content`, so nothing slow happens before the first frame:
the study service opens the progress store in milliseconds, the search index is built on first
use in a thread, and only the open card is rendered.

The app talks to progress only through `ldn_tui.study.Study` (`app.study`): it never imports
`ldn_tui.progress`. Writes go to the service's writer thread; a write that fails for good is
reported here as a notification, and "waiting for another ldn-study" shows while a lock is held.
"""

from __future__ import annotations

import inspect
import threading
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from ldn_tui.config import Config, load_config
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.study import Study
from ldn_tui.tui import commands, textual_fixes  # noqa: F401  (textual_fixes applies on import)
from ldn_tui.tui.host import StudyHost
from ldn_tui.tui.memory import freeze_long_lived

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.widget import Widget

    from ldn_tui.quiz.engine import QuizRequest
    from ldn_tui.search import SearchIndex
    from ldn_tui.tui.screens.main import MainScreen  # with the first card opened: Today comes first

THEMES = {"dark": "textual-dark", "light": "textual-light"}
#: Seconds after start-up at which the app gets ready for a first quiz (`StudyApp._warm_up`):
#: after the first screen and its counts, while the student reads them.
WARM_UP_AFTER = 1.5


class StudyApp(StudyHost):
    """Owns the study service, the config and the (lazy) search index."""

    CSS_PATH = "app.tcss"  # quiz.tcss is loaded by the quiz and stats screens when first shown
    TITLE = "ldn-study"
    SUB_TITLE = "low-dose naltrexone, for students"
    BINDINGS = commands.bindings("app")  # Textual's own ctrl+q (quit) is inherited
    # Textual's own system commands (theme picker, keys panel, screenshot, quit) beside the app's.
    COMMANDS = StudyHost.COMMANDS | {commands.CommandsProvider, commands.GotoProvider}
    COMMAND_PALETTE_DISPLAY = "ctrl+p"

    def __init__(
        self,
        study: Study,
        *,
        config: Config | None = None,
        first_run: bool | None = None,
        theme: str | None = None,
        start_quiz: QuizRequest | None = None,
        start: str = "today",
        resume_quiz: bool = False,
        background: Sequence[Callable[[], None]] = (),
    ) -> None:
        super().__init__()
        #: Work to run in a thread once the first screen is up (writing the parse cache).
        self._background = tuple(background)
        #: The first screen: "today" (the Today screen) or "study" (the study screen on the last
        #: card). A `start_quiz` or `resume_quiz` always opens over the study screen, with no welcome note.
        self.start = "study" if start_quiz is not None or resume_quiz else start
        #: Open the paused quiz on start-up (`ldn-study quiz --resume`).
        self.resume_quiz = resume_quiz
        #: A quiz to open on start-up (`ldn-study quiz` / `review`), over the study screen.
        self.start_quiz = start_quiz
        self.study = study
        self.content: StudyContent = study.content
        self.config = config or Config()
        self._first_run = first_run
        self._theme_override = theme
        study.writer.on_error = self._write_failed
        study.writer.on_status = self._write_status
        #: The keys in force, by command id (the config's `[keys]` over the defaults).
        self.effective_keymap: dict[str, str] = dict(self.config.keys)
        #: The last text typed into search, offered again when search reopens.
        self.last_query = ""
        self.search_index: SearchIndex | None = None
        self._index_lock = threading.Lock()

    # -- start-up ---------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        if self.start == "today":
            from ldn_tui.tui.screens.today import TodayScreen

            show_welcome = (
                self._first_run if self._first_run is not None else not self.study.setting("welcome_dismissed", False)
            )
            return TodayScreen(show_welcome=bool(show_welcome))
        from ldn_tui.tui.screens.main import MainScreen

        return MainScreen(self.content, start_card=self.study.last_card())

    def _initial_theme(self) -> str:
        if self._theme_override in THEMES:
            return self._theme_override  # type: ignore[return-value]
        if self.config.theme in THEMES:
            return self.config.theme  # type: ignore[return-value]
        saved = self.study.setting("theme")
        return saved if saved in THEMES else "dark"

    def on_mount(self) -> None:
        if self._background:
            self.call_after_refresh(self._start_background)
        self.set_timer(WARM_UP_AFTER, self._warm_up)
        self.theme = THEMES[self._initial_theme()]
        if self.effective_keymap:
            self.set_keymap(self.effective_keymap)
        if self.study.notice:
            self.notify(
                self.study.notice,
                title="Progress is not being saved" if self.study.read_only else "Progress file",
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
        # The welcome note is a banner on the Today screen (shown once), never a dialog over
        # a command the student asked for.
        if self.start_quiz is not None:
            from ldn_tui.tui.quiz_actions import start_request

            start_request(self, self.start_quiz)
        elif self.resume_quiz:
            from ldn_tui.tui.quiz_actions import resume_quiz

            resume_quiz(self)
        # A paused quiz is offered on the Today screen (its first line; Enter asks resume or discard).

    def _start_background(self) -> None:
        for job in self._background:
            # Thread workers run in the event loop's executor, which is waited for when the app
            # exits: a cache write started here is finished, not cut short, by quitting at once.
            self.run_worker(job, thread=True, name="after the first screen", exit_on_error=False)

    def _warm_up(self) -> None:
        """Get ready for the first quiz while the student reads the first screen.

        Start-up leaves out what only the quiz setup dialog and the quiz screens need, and the
        first open of the dialog paid for it all: its modules and the quiz screens' (imported here
        in a thread, with its options), the dialog and quiz stylesheets, and its widgets' own CSS
        (each new widget class makes Textual parse the whole stylesheet again), loaded on the UI
        thread. The first open then costs what a later one does (benchmarks/bench_quiz_setup.py).
        The stylesheets style only dialogs and quiz screens (ids and classes of their own), so
        nothing on screen changes."""
        self.run_worker(self._prepare_quiz_setup, thread=True, name="warm up: quiz setup", exit_on_error=False)

    def _prepare_quiz_setup(self) -> None:
        # The dialog's modules (and with them the quiz engine), and the quiz screens': opening the
        # dialog checks that no quiz is open (quiz_actions), and importing them there cost the
        # first open ~14 ms. Then its options (the declared objectives: no question is read).
        import textual.scrollbar  # noqa: F401  (the first scrolling widget shown imports it)

        from ldn_tui.tui import quiz_actions  # noqa: F401
        from ldn_tui.tui.screens import quiz, quiz_setup, quiz_summary  # noqa: F401

        self.study.quiz_setup_options()
        self.call_from_thread(self._load_quiz_styles, quiz_setup.style_samples)

    def _load_quiz_styles(self, samples: Callable[[], list[Widget]]) -> None:
        from pathlib import Path

        from textual.containers import Container

        from ldn_tui.tui.screens import DIALOG_CSS, QUIZ_CSS

        new = [Path(p) for p in (DIALOG_CSS, QUIZ_CSS) if not self.stylesheet.has_source(str(Path(p)), "")]
        if new:  # as Textual does when a screen with these CSS_PATHs is first shown
            for path in new:
                self.stylesheet.read(path)
            self.stylesheet.reparse()
            self.stylesheet.update(self)
        # The dialog is also the first modal screen: register ModalScreen's CSS as Textual does
        # for each widget it registers (Widget._post_register; Textual is pinned, and
        # tests/tui/test_quiz_setup_dialog.py fails if the dialog's first open parses again).
        for read_from, css, tie_breaker, scope in ModalScreen()._get_default_css():
            self.stylesheet.add_source(
                css, read_from=read_from, is_default_css=True, tie_breaker=tie_breaker, scope=scope
            )
        hidden = Container(*samples())  # registers the dialog's widget classes' CSS; never shown
        hidden.display = False
        self.screen.mount(hidden)
        self.call_after_refresh(hidden.remove)

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
        from ldn_tui.tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the study screen is not open")

    async def open_card(self, card_id: str) -> None:
        """Show a card on the study screen, closing any dialogs above it (and opening the study
        screen over the Today screen if it is not open yet)."""
        from ldn_tui.tui.screens.main import MainScreen

        try:
            main = self.main_screen
        except LookupError:
            while isinstance(self.screen, ModalScreen) and len(self.screen_stack) > 1:
                self.pop_screen()
            main = MainScreen(self.content, start_card=card_id)
            await self.push_screen(main)
            main.reader.focus()
            return
        while self.screen is not main and len(self.screen_stack) > 1:
            self.pop_screen()
        await main.open_card(card_id)
        main.reader.focus()

    def action_today(self) -> None:
        """Go to the Today screen: back down to it if it is open, else over the study screen."""
        from ldn_tui.tui.screens.today import TodayScreen

        for screen in self.screen_stack:
            if isinstance(screen, TodayScreen):
                while self.screen is not screen and len(self.screen_stack) > 1:
                    self.pop_screen()
                return
        self.push_screen(TodayScreen())

    async def run_command(self, command_id: str) -> None:
        """Run a command from the table (the palette and callable-action bindings come here)."""
        command = commands.get(command_id)
        if callable(command.action):
            result = command.action(self)
            if inspect.isawaitable(result):
                await result
            return
        if command.action.startswith("app."):  # the app's own action: runs on any screen
            await self.run_action(command.action)
            return
        try:
            target = self if command.scope == "app" else self.main_screen
        except LookupError:
            self.notify(f"{command.title}: open a card first (r reads on from where you stopped).", timeout=3)
            return
        if command.scope != "app" and self.screen is not target:
            self.notify(f"{command.title}: only on the study screen.", timeout=3)
            return
        await self.run_action(command.action, target)

    async def action_run_command(self, command_id: str) -> None:
        """What a binding of a callable command runs (`Command.binding_action`)."""
        await self.run_command(command_id)

    def close_store(self) -> list[str]:
        """Finish the queued writes and close the store; return what could not be saved."""
        return self.study.close()

    # -- reports from the writer thread -----------------------------------------------------

    def _write_failed(self, label: str, exc: BaseException) -> None:
        """A write failed for good (called on the writer thread)."""
        self._from_writer(
            self.notify, f"Could not save {label}: {exc}", title="Not saved", severity="error", timeout=10, markup=False
        )

    def _write_status(self, status: str | None) -> None:
        """The writer is waiting for a lock (a sentence) or no longer waiting (None)."""
        self._from_writer(self._show_write_status, status)

    def _from_writer(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        if not self.is_running:
            return
        try:
            self.call_from_thread(fn, *args, **kwargs)
        except RuntimeError:  # the app is shutting down, or this is the app's own thread
            pass

    def _show_write_status(self, status: str | None) -> None:
        try:
            self.main_screen.show_write_status(status)
        except LookupError:
            if status:
                self.notify(status, timeout=4)

    # -- app-wide actions (named in the command table) --------------------------------------
    # The quiz, stats and export screens load on first use: nothing the first frame does not
    # show is imported before it.

    def action_quiz_setup(self) -> None:
        from ldn_tui.tui import quiz_actions

        quiz_actions.open_quiz_setup(self)

    def action_review_due(self) -> None:
        from ldn_tui.tui import quiz_actions

        quiz_actions.review_due(self)

    def action_resume_quiz(self) -> None:
        from ldn_tui.tui import quiz_actions

        quiz_actions.resume_quiz(self)

    def action_retry_missed(self) -> None:
        from ldn_tui.tui import quiz_actions

        quiz_actions.retry_missed(self)

    def action_stats(self) -> None:
        from ldn_tui.tui import quiz_actions

        quiz_actions.open_stats(self)

    def action_export(self) -> None:
        from ldn_tui.tui.screens.export import open_export

        open_export(self)

    def action_help(self) -> None:
        from ldn_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.effective_keymap))

    def action_toggle_theme(self) -> None:
        light = self.theme != THEMES["light"]
        self.theme = THEMES["light" if light else "dark"]
        if self.config.theme in THEMES:
            self.notify(f"config.toml sets theme = {self.config.theme!r}; this change lasts until you quit.", timeout=4)
        else:
            self.study.set_setting("theme", "light" if light else "dark")


def build_app(
    content: StudyContent,
    *,
    study: Study | None = None,
    store: Any = None,
    first_run: bool | None = None,
    config: Config | None = None,
    theme: str | None = None,
    start_quiz: QuizRequest | None = None,
    start: str = "today",
    resume_quiz: bool = False,
    background: Sequence[Callable[[], None]] = (),
    **_ignored: Any,
) -> StudyApp:
    """Make the app. The CLI, the tests and the snapshot tests all come through here.

    `study`: the study service (default: `Study.open(content)`, the student's own progress, with
    a memory-only store and a notice when it cannot be opened). `store`: an already-open progress
    store to use instead (tests). `first_run`: force (True) or suppress (False) the welcome
    dialog; None asks the store. `config`: default, config.toml. `theme`: "dark" or "light",
    overriding config and store. `start_quiz`: open this quiz over the study screen (the CLI's
    `quiz` and `review`). `start`: "today" (the Today screen, as `ldn-study` opens) or "study"
    (the study screen on the last card read). `resume_quiz`: open the paused quiz (`quiz --resume`).
    `background`: work to run in a thread once the first screen is up (the CLI's parse cache write).
    """
    if study is None:
        if store is not None:
            from ldn_tui.study import Writer

            study = Study(content, store, writer=Writer())
        else:
            study = Study.open(content)
    if config is None:
        config = load_config(known_ids=commands.ids())
    return StudyApp(
        study,
        config=config,
        first_run=first_run,
        theme=theme,
        start_quiz=start_quiz,
        start=start,
        resume_quiz=resume_quiz,
        background=background,
    )


def run(content: StudyContent, **options: Any) -> int:
    """Run the app until the student quits; returns the exit code."""
    freeze_long_lived()  # the content: loaded once, never freed
    import sys

    app = build_app(content, **options)
    try:
        app.run()
    finally:
        writer = app.study.writer
        if writer.waiting or writer.pending:
            print(
                f"ldn-study: saving {writer.pending} queued change(s): another ldn-study holds the progress "
                f"file; waiting up to {writer.retry_for:.0f} s (Ctrl+C gives up and lists what was not saved)…",
                file=sys.stderr,
            )
        try:
            unsaved = app.close_store()
        except KeyboardInterrupt:
            unsaved = writer.close(0)
    if unsaved:
        print("ldn-study: these could not be saved: " + "; ".join(unsaved), file=sys.stderr)
        return app.return_code or 1
    return app.return_code or 0
