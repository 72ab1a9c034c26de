"""Every command of the app, declared once.

The table `COMMANDS` drives all of these, so they can never disagree:

* the key bindings (each `Binding` carries the command's `id`, which is also the name a user
  remaps in config.toml's `[keys]` table, applied with `App.set_keymap`);
* the footer (commands with `footer=True`, shown with their short `title`);
* the command palette (Ctrl+P: every command, as "group: title");
* the help screen (every command with its current key and `description`).

Adding a command is one entry here plus the code it runs. `action` is either the name of a
Textual action (a method `action_<name>` on the app for `scope="app"`, on the study screen for
`scope="study"`), or any callable taking the app:

    Command("quiz", "z", "Quiz", "Quiz yourself on the current chapter", "Study", "app.quiz_setup", footer=True),

The module is long only because the table is: one entry per command, one field per line. It is
kept whole on purpose (one cohesive table is the point).

`scope="app"` commands work on every screen (modals included, unless a text box has the key);
`scope="study"` commands only on the main study screen, where a card is open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from textual.app import App


@dataclass(frozen=True)
class Command:
    id: str  # binding id: stable, used by config.toml [keys]
    key: str  # default key(s), comma separated ("[,alt+left")
    title: str  # short name, for the footer and the palette
    description: str  # one sentence, for the help screen and the palette
    group: str  # heading in help, prefix in the palette
    action: str | Callable[..., Any]
    scope: str = "study"  # "app" | "study"
    footer: bool = False  # shown in the footer
    key_display: str | None = None
    priority: bool = False  # fires even when a widget (e.g. a text box) would take the key
    palette: bool = True  # offered in the command palette

    @property
    def binding_action(self) -> str:
        if isinstance(self.action, str):
            return self.action
        return f"app.run_command({self.id!r})"

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.binding_action,
            self.title,
            show=self.footer,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.description,
            id=self.id,
        )


#: The one table. Order is the order in help and in the palette's list; groups keep it readable.
COMMANDS: list[Command] = [
    # -- Navigate -------------------------------------------------------------------------------
    Command("next_card", "full_stop", "Next", "Open the next card", "Navigate", "next_card", key_display="."),
    Command("previous_card", "comma", "Prev", "Open the previous card", "Navigate", "previous_card", key_display=","),
    Command(
        "back",
        "left_square_bracket,alt+left",
        "Back",
        "Go back to the card you were on before",
        "Navigate",
        "back",
        key_display="[",
    ),
    Command(
        "forward",
        "right_square_bracket,alt+right",
        "Forward",
        "Go forward again after going back",
        "Navigate",
        "forward",
        key_display="]",
    ),
    Command(
        "navigator",
        "m",
        "Contents",
        "Show or hide the chapter list (on narrow screens: switch to it)",
        "Navigate",
        "toggle_navigator",
    ),
    Command(
        "focus_reader",
        "r",
        "Read",
        "Move the focus to the card text (arrows then scroll it)",
        "Navigate",
        "focus_reader",
    ),
    # -- Study ----------------------------------------------------------------------------------
    Command(
        "next_claim",
        "c",
        "Claim",
        "Move to the next claim on the card (Tab also moves between items)",
        "Study",
        "next_claim",
    ),
    Command(
        "sources",
        "s",
        "Sources",
        "Show the sources behind the selected claim: design, n, findings",
        "Study",
        "sources",
        footer=True,
    ),
    Command("glossary", "g", "Terms", "Look up a term used on this card", "Study", "glossary", footer=True),
    Command(
        "evidence",
        "v",
        "Evidence",
        "How strong the evidence is: this card's condition as a Summary-of-Findings table (GRADE), "
        "or the map of every condition",
        "Study",
        "evidence",
    ),
    Command(
        "bookmark",
        "b",
        "Bookmark",
        "Bookmark this card, or remove its bookmark",
        "Study",
        "toggle_bookmark",
        footer=True,
    ),
    Command(
        "bookmarks",
        "B",
        "Bookmarks",
        "List bookmarked cards and cards with notes, and jump to one",
        "Study",
        "bookmarks",
    ),
    Command("note", "n", "Note", "Write or edit your note on this card", "Study", "note", footer=True),
    Command(
        "mark_read",
        "k",
        "Mark read",
        "Mark this card as read (reaching its end does the same): · unread, ✓ read, ◆ mastered",
        "Study",
        "mark_read",
    ),
    # -- Find -----------------------------------------------------------------------------------
    Command(
        "search",
        "slash",
        "Search",
        "Search cards, claims, glossary and references (filters: see below)",
        "Find",
        "search",
        footer=True,
        key_display="/",
    ),
    Command(
        "palette",
        "ctrl+p",
        "Commands",
        "Open the command palette: every command, and any chapter or card",
        "Find",
        "app.command_palette",
        scope="app",
        palette=False,
        priority=True,
    ),
    # -- Quiz (from the study screen) -------------------------------------------------------------
    Command(
        "quiz",
        "z",
        "Start a quiz",
        "Quiz yourself: choose chapters, kinds of card, evidence, mode and how many questions",
        "Quiz",
        "app.quiz_setup",
        footer=True,
    ),
    Command(
        "resume_quiz",
        "Z",
        "Resume quiz",
        "Carry on with the quiz you paused, at the question you were on, with every answer kept",
        "Quiz",
        "app.resume_quiz",
    ),
    Command(
        "review",
        "d",
        "Review what is due",
        "Review the questions due today (spaced repetition; safety questions come back at least monthly)",
        "Quiz",
        "app.review_due",
    ),
    Command(
        "retry_missed",
        "x",
        "Retry what I missed",
        "Quiz on every question you got wrong the last time you answered it",
        "Quiz",
        "app.retry_missed",
    ),
    Command(
        "stats",
        "t",
        "Progress",
        "Your progress: mastery per chapter, what falls due this week, answers per day, accuracy by evidence label",
        "Stats",
        "app.stats",
    ),
    Command(
        "today",
        "h",
        "Today",
        "Go to the Today screen: what is due, what is new today, your streak",
        "Today",
        "app.today",
    ),
    # -- On the Today screen --------------------------------------------------------------------
    Command(
        "today_start",
        "enter",
        "Start today",
        "Start today's session: due reviews first, then new questions, then the next card to read",
        "Today",
        "start_session",
        scope="today",
        footer=True,
        palette=False,
    ),
    Command(
        "today_read",
        "r",
        "Read",
        "Go on reading where you stopped",
        "Today",
        "continue_reading",
        scope="today",
        footer=True,
        palette=False,
    ),
    Command(
        "today_quiz",
        "z",
        "Quiz",
        "Quiz yourself: choose chapters, kinds of card, evidence, mode and how many questions",
        "Today",
        "app.quiz_setup",
        scope="today",
        footer=True,
        palette=False,
    ),
    Command(
        "today_stats",
        "t",
        "Progress",
        "Your progress: mastery per chapter, what falls due this week",
        "Today",
        "app.stats",
        scope="today",
        palette=False,
    ),
    Command(
        "today_hide_welcome",
        "x",
        "Hide welcome",
        "Hide the welcome note (it shows on the first start only)",
        "Today",
        "dismiss_welcome",
        scope="today",
        palette=False,
    ),
    # -- In a quiz (keys of the quiz screen; 1-9 pick the choice with that number) ----------------
    Command(
        "quiz_submit",
        "enter",
        "Submit · next",
        "Submit your answer (in an exam: keep it and go on to the next question)",
        "In a quiz",
        "submit",
        scope="quiz",
        footer=True,
        palette=False,
    ),
    Command(  # the same key once the answer is in: the footer says what Enter does now
        "quiz_continue",
        "enter",
        "Next",
        "After the feedback, or in the exam's review: the next question",
        "In a quiz",
        "next_question",
        scope="quiz",
        footer=True,
        palette=False,
    ),
    Command(
        "quiz_sure",
        "s",
        "Sure",
        "Before submitting: you are sure of your answer",
        "In a quiz",
        "confidence('sure')",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_unsure",
        "u",
        "Unsure",
        "Before submitting: you are not sure (the default)",
        "In a quiz",
        "confidence('unsure')",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_guess",
        "g",
        "Guess",
        "Before submitting: it is a guess",
        "In a quiz",
        "confidence('guess')",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_true",
        "t",
        "True",
        "True-or-false questions: answer true (1 also works)",
        "In a quiz",
        "truth(True)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_false",
        "f",
        "False",
        "True-or-false questions: answer false (2 also works)",
        "In a quiz",
        "truth(False)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_up",
        "up",
        "Up",
        "Move the highlight up (one-answer questions: pick it); after answering, scroll",
        "In a quiz",
        "cursor(-1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_down",
        "down",
        "Down",
        "Move the highlight down (one-answer questions: pick it); after answering, scroll",
        "In a quiz",
        "cursor(1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_toggle",
        "space",
        "Pick",
        "Pick or tick the highlighted choice (a choice's number does the same)",
        "In a quiz",
        "toggle",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_move_up",
        "shift+up",
        "Move up",
        "Order questions: move the highlighted item up (or type the numbers in order, e.g. 3142)",
        "In a quiz",
        "move_item(-1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_move_down",
        "shift+down",
        "Move down",
        "Order questions: move the highlighted item down",
        "In a quiz",
        "move_item(1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_undo",
        "backspace",
        "Undo",
        "Order questions: undo the last typed number; others: clear the pick",
        "In a quiz",
        "undo",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_page_up",
        "pageup",
        "Page up",
        "Scroll the question and feedback up",
        "In a quiz",
        "page(-1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_page_down",
        "pagedown",
        "Page down",
        "Scroll the question and feedback down",
        "In a quiz",
        "page(1)",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_open_card",
        "o",
        "Card",
        "After answering: open the card the question comes from (Esc returns to the quiz)",
        "In a quiz",
        "open_card",
        scope="quiz",
        footer=True,
        palette=False,
    ),
    Command(
        "quiz_suspend",
        "S",
        "Suspend",
        "After answering: stop (or start again) reviewing this question; safety questions always stay in review",
        "In a quiz",
        "suspend",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_flag",
        "m",
        "Flag",
        "Flag this question to come back to (or clear its flag); quiz on the flagged pool later",
        "In a quiz",
        "flag",
        scope="quiz",
        footer=True,
        palette=False,
    ),
    Command(
        "quiz_previous",
        "left",
        "Prev",
        "Exam (and its review): go back to the previous question; answers can change until you submit",
        "In a quiz",
        "go(-1)",
        scope="quiz",
        key_display="←",
        palette=False,
    ),
    Command(
        "quiz_next",
        "right",
        "Next",
        "Exam (and its review): go on to the next question without answering",
        "In a quiz",
        "go(1)",
        scope="quiz",
        key_display="→",
        palette=False,
    ),
    Command(
        "quiz_end",
        "escape",
        "Leave",
        "Leave the quiz: pause it (resume later, every answer kept), end it (exam: submit it), or quit",
        "In a quiz",
        "end",
        scope="quiz",
        footer=True,
        palette=False,
    ),
    Command(
        "quiz_pause",
        "q",
        "Pause",
        "Pause or leave the quiz (asks first; nothing answered is lost)",
        "In a quiz",
        "end",
        scope="quiz",
        palette=False,
    ),
    Command(
        "quiz_review_missed",
        "r",
        "Review these now",
        "On the quiz summary: quiz again on the questions you missed, confident errors first",
        "In a quiz",
        "review_missed",
        scope="quiz_summary",
        footer=True,
        palette=False,
    ),
    Command(
        "quiz_summary_close",
        "escape",
        "Back",
        "Leave the quiz summary and go back to studying",
        "In a quiz",
        "close",
        scope="quiz_summary",
        footer=True,
        palette=False,
    ),
    Command(
        "stats_close",
        "escape",
        "Back",
        "Leave the progress screen",
        "Stats",
        "close",
        scope="stats",
        footer=True,
        palette=False,
    ),
    # -- Export ---------------------------------------------------------------------------------
    Command(
        "export",
        "e",
        "Progress notes",
        "Export your progress notes (Markdown), a backup (JSON), a "
        "spreadsheet (CSV) or an Anki deck to a file in the current folder",
        "Export",
        "app.export",
    ),
    # -- App ------------------------------------------------------------------------------------
    Command(
        "help",
        "question_mark,f1",
        "Help",
        "Show keys and how to search",
        "App",
        "app.help",
        scope="app",
        footer=True,
        key_display="?",
    ),
    Command(
        "theme", "ctrl+t", "Theme", "Switch between the dark and light theme", "App", "app.toggle_theme", scope="app"
    ),
    Command("quit", "q", "Quit", "Quit (progress is saved as you go)", "App", "app.quit", scope="app", footer=True),
]


def get(command_id: str) -> Command:
    for command in COMMANDS:
        if command.id == command_id:
            return command
    raise KeyError(command_id)


def ids() -> list[str]:
    return [c.id for c in COMMANDS]


def bindings(scope: str) -> list[Binding]:
    """The `BINDINGS` for the app (`"app"`), the study screen (`"study"`) or another screen's scope
    (`"today"`, `"quiz"`, `"quiz_summary"`, `"stats"`)."""
    return [c.binding() for c in COMMANDS if c.scope == scope]


def clashes(keymap: dict[str, str], scopes: tuple[str, ...] = ("app", "study")) -> list[tuple[str, list[str]]]:
    """Keys that, with `keymap` applied, would run more than one command on the same screen."""
    by_key: dict[str, list[str]] = {}
    for c in COMMANDS:
        if c.scope not in scopes:
            continue
        for key in keymap.get(c.id, c.key).split(","):
            key = _normalise_key(key.strip())
            by_key.setdefault(key, []).append(c.id)
    return [(key, ids) for key, ids in by_key.items() if len(ids) > 1]


def _normalise_key(key: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(key) if len(key) == 1 else key


def groups() -> dict[str, list[Command]]:
    out: dict[str, list[Command]] = {}
    for c in COMMANDS:
        out.setdefault(c.group, []).append(c)
    return out


_KEY_NAMES = {
    "full_stop": ".",
    "comma": ",",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "slash": "/",
    "question_mark": "?",
    "space": "Space",
    "escape": "Esc",
    "enter": "Enter",
}


def display_keys(keys: str) -> str:
    """How a key list reads to a person: `left_square_bracket,alt+left` -> `[  alt+←`."""
    out = []
    for key in keys.split(","):
        key = key.strip()
        mods, _, name = key.rpartition("+")
        name = _KEY_NAMES.get(name, name)
        name = {"left": "←", "right": "→", "up": "↑", "down": "↓"}.get(name, name)
        out.append(
            f"{mods}+{name}" if mods else (name.upper() if name.startswith("f") and name[1:].isdigit() else name)
        )
    return "  ".join(out)


def help_table(keymap: dict[str, str] | None = None) -> str:
    """Markdown tables of every command, by group, with the keys in force."""
    keymap = keymap or {}
    parts: list[str] = []
    for group, cmds in groups().items():
        parts.append(f"### {group}\n\n| Key | Command | What it does | id |\n|---|---|---|---|")
        for c in cmds:
            keys = display_keys(keymap.get(c.id, c.key)).replace("|", "\\|")
            parts.append(f"| `{keys}` | {c.title} | {c.description} | `{c.id}` |")
        parts.append("")
    return "\n".join(parts)


# -- command palette ---------------------------------------------------------------------------


class CommandsProvider(Provider):
    """Every command in the table, as "group: title"."""

    def _commands(self) -> Iterable[tuple[str, Command]]:
        keymap = getattr(self.app, "effective_keymap", {})
        for c in COMMANDS:
            if c.palette:
                keys = display_keys(keymap.get(c.id, c.key))
                yield f"{c.group.lower()}: {c.title}  [{keys}]", c

    async def discover(self) -> Hits:
        for text, command in self._commands():
            yield DiscoveryHit(Content(text), partial(_run, self.app, command.id), text=text, help=command.description)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._commands():
            score = max(matcher.match(text), matcher.match(command.description) * 0.6)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(_run, self.app, command.id),
                    text=text,
                    help=command.description,
                )


class GotoProvider(Provider):
    """Jump to any chapter or card by its title."""

    def _targets(self) -> Iterable[tuple[str, str, str]]:
        content = getattr(self.app, "content", None)
        if content is None:
            return
        for chapter in content.chapters:
            if chapter.cards:
                yield f"chapter: {chapter.title}", chapter.cards[0].id, chapter.summary
            for card in chapter.cards:
                yield f"card: {card.title}", card.id, f"{chapter.title} › {card.title}"

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, card_id, help_text in self._targets():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(text), partial(_open_card, self.app, card_id), text=text, help=help_text
                )


async def _run(app: App[Any], command_id: str) -> None:
    await app.run_command(command_id)  # type: ignore[attr-defined]


async def _open_card(app: App[Any], card_id: str) -> None:
    await app.open_card(card_id)  # type: ignore[attr-defined]


__all__ = ["COMMANDS", "Command", "CommandsProvider", "GotoProvider", "bindings", "get", "help_table"]
