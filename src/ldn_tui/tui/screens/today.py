"""The Today screen: where the app opens, as Anki's deck overview does.

What is due now, what is new today under the daily limits, a quiz to resume, where reading
stopped and the streak; Enter starts today's session (due reviews first, then new material),
`r` goes on reading. The welcome note shows here once, as a banner (`x` hides it), never over a
command the student asked for.

Counting what is due reads the whole schedule: it runs in a thread once the first frame is on
screen (`study.today.plan_today` does the counting; this screen only presents it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from ldn_tui.tui import commands
from ldn_tui.tui.screens.welcome import welcome_text
from ldn_tui.tui.widgets.footer import StudyFooter

if TYPE_CHECKING:
    from ldn_tui.study.today import Today
    from ldn_tui.tui.host import StudyHost


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def today_content(host: StudyHost, today: Today) -> Content:
    """The facts, one per line: label, then value."""
    content = host.content
    rows: list[tuple[str, Content | str]] = []
    if today.unfinished is not None:
        u = today.unfinished
        rows.append(("Unfinished quiz", f"{u.title}: {u.answered} of {u.total} answered"))
    due = len(today.due)
    rows.append(
        (
            "Due now",
            Content.styled(_n(due, "review"), "bold $text-warning")
            if due
            else Content.styled("nothing", "$text-muted"),
        )
    )
    rows.append(
        (
            "New questions",
            f"{len(today.new_questions)} to go · {today.new_questions_done} of {today.limits.new_questions} today",
        )
    )
    rows.append(
        ("New cards", f"{len(today.new_cards)} to read · {today.new_cards_done} of {today.limits.new_cards} today")
    )
    if today.last_card:
        card = content.card_by_id[today.last_card]
        rows.append(("Reading stopped", f"{content.chapter_of(card).title} › {card.title}"))
    streak = _n(today.streak, "day") + ("" if today.studied_today else " · nothing yet today")
    rows.append(("Streak", streak))
    parts: list[Content | str | tuple[str, str]] = []
    for label, value in rows:
        if parts:
            parts.append("\n")
        parts += [(f"{label:<16}", "$text-muted"), value]
    return Content.assemble(*parts)


def next_content(host: StudyHost, today: Today) -> Content:
    from ldn_tui.study.today import next_step_sentence

    sentence = next_step_sentence(host.content, today)
    if today.next_step == "done":
        return Content.assemble(("✓ ", "bold $text-success"), sentence)
    return Content.assemble((sentence, "bold"), ("  Enter", "bold $text-accent"))


class TodayScreen(Screen[None]):
    BINDINGS = commands.bindings("today")

    def __init__(self, *, show_welcome: bool = False) -> None:
        super().__init__(id="today")
        self.show_welcome = show_welcome
        #: The plan on screen (None until counted).
        self.today: Today | None = None
        #: Enter was pressed before the count finished: start once it has.
        self._start_pending = False

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Label(Content.assemble(("ldn-study", "bold"), (" › ", "$text-muted"), "Today"), id="crumbs")
            yield Label("Educational · not medical advice", id="disclaimer")
        with VerticalScroll(id="today-body"):
            with Vertical(id="today-column"):
                yield Static(Content.styled("Today", "bold"), id="today-title")
                yield Static(Content.styled("Counting what is due…", "$text-muted"), id="today-next")
                if self.show_welcome:
                    banner = Static(welcome_text(), id="welcome-banner")
                    banner.border_title = "Welcome to ldn-study"
                    banner.border_subtitle = "x hides this note"
                    yield banner
                yield Static("", id="today-facts")
        yield StudyFooter()

    def on_mount(self) -> None:
        self.call_after_refresh(self.refresh_today)

    def on_screen_resume(self) -> None:
        if self.today is not None:  # back from reading or a quiz: recount
            self.refresh_today()

    def refresh_today(self) -> None:
        self._count()

    @work(thread=True, exclusive=True, group="today")
    def _count(self) -> None:
        today = self.ldn_app.study.today()
        self.app.call_from_thread(self.show_today, today)

    def show_today(self, today: Today) -> None:
        self.today = today
        self.query_one("#today-title", Static).update(
            Content.assemble(("Today", "bold"), (f"  {today.day:%A} {today.day.day} {today.day:%B}", "$text-muted"))
        )
        self.query_one("#today-facts", Static).update(today_content(self.ldn_app, today))
        self.query_one("#today-next", Static).update(next_content(self.ldn_app, today))
        if self._start_pending:
            self._start_pending = False
            self.run_worker(self.action_start_session(), exclusive=False)

    # -- actions (named in the command table) -----------------------------------------------

    def _welcome_seen(self) -> None:
        if self.show_welcome:
            self.show_welcome = False
            self.ldn_app.study.set_setting("welcome_dismissed", True)
            for banner in self.query("#welcome-banner"):
                banner.remove()

    def action_dismiss_welcome(self) -> None:
        self._welcome_seen()

    async def action_start_session(self) -> None:
        """Today's session: due reviews first, then new questions, then the next card to read."""
        from ldn_tui.quiz.engine import QuizRequest
        from ldn_tui.tui import quiz_actions

        today = self.today
        if today is None:  # still counting: start as soon as the count is in
            self._start_pending = True
            return
        self._welcome_seen()
        step = today.next_step
        if step == "review":
            quiz_actions.start_quiz(self.ldn_app, QuizRequest(uids=today.due), title="Today: review")
        elif step == "new-questions":
            quiz_actions.start_quiz(self.ldn_app, QuizRequest(uids=today.new_questions), title="Today: new questions")
        elif step == "read":
            await self.ldn_app.open_card(today.new_cards[0])
        elif step == "resume":
            quiz_actions.offer_resume(self.ldn_app)
        else:
            self.notify("Nothing left for today. r goes on reading; z starts a quiz of your choice.", timeout=4)

    async def action_continue_reading(self) -> None:
        self._welcome_seen()
        study = self.ldn_app.study
        card = study.last_card() or (self.ldn_app.content.cards[0].id if self.ldn_app.content.cards else None)
        if card is None:
            self.notify("This content has no cards.", severity="warning")
            return
        await self.ldn_app.open_card(card)
