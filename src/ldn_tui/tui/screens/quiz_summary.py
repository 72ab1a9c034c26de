"""The end of a quiz: score, confident errors first, one table by chapter and one by learning
objective, every missed question.

Each table row's bar and numbers come from the same figures (`Tally`): the bar is the credit
earned (partial credit counts as its fraction) over the questions answered, printed beside it
as "1.5/3", then how many were answered, fully right, partly right and confidently wrong.

`r` starts "review these now" (the missed questions, confident errors first, as the engine
orders them); Esc goes back to studying.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from ldn_tui import charts
from ldn_tui.content.objectives import NO_OBJECTIVES, has_objectives
from ldn_tui.quiz.engine import Answered, QuizRequest, SessionSummary, Tally
from ldn_tui.tui import commands
from ldn_tui.tui.screens import QUIZ_CSS
from ldn_tui.tui.widgets.footer import StudyFooter
from ldn_tui.tui.widgets.question import CONFIDENCE_WORDS, VERDICT_STYLE, verdict

if TYPE_CHECKING:
    from ldn_tui.tui.host import StudyHost


def format_duration(td: timedelta) -> str:
    seconds = int(round(td.total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


def _score_style(fraction: float) -> str:
    return "$text-success" if fraction >= 0.8 else ("$text-warning" if fraction >= 0.5 else "$text-error")


def score_content(s: SessionSummary) -> Content:
    filled, empty = charts.bar(s.score, 30)
    parts: list = [
        (f"{s.correct} of {s.answered} right", "bold"),
        (f"  ·  score {s.percent}%  ", "bold"),
        (filled, _score_style(s.score)),
        (empty, "$text-muted"),
        "\n",
        (f"Took {format_duration(s.duration)}", "$text-muted"),
        (f" (answering: {format_duration(timedelta(milliseconds=s.answer_time_ms))})", "$text-muted"),
    ]
    if s.answered < s.total:
        parts += [(f"  ·  {s.total - s.answered} of {s.total} questions not answered", "$text-muted")]
    if s.style == "exam":
        parts += [("  ·  exam" + (": the time ran out" if s.timed_out else ""), "$text-muted")]
    parts += [
        "\n",
        (f"{len(s.missed)} missed", "bold $text-error" if s.missed else "$text-muted"),
        ("  ·  ", "$text-muted"),
        (f"{len(s.confidently_wrong)} confidently wrong", "bold $text-error" if s.confidently_wrong else "$text-muted"),
    ]
    return Content.assemble(*parts)


def confident_content(s: SessionSummary) -> Content:
    parts: list = [
        ("⚠ CONFIDENTLY WRONG", "bold $text-error"),
        " — you were sure, and it was wrong. These matter most: review them first.",
    ]
    for a in s.confidently_wrong_safety_first:
        parts += ["\n\n"]
        if a.safety:
            parts += [Content.styled(" SAFETY ", "bold $text on $error"), " "]
        parts += [(a.item.prompt, "bold"), "\n"]
        parts += [
            ("   You:     ", "$text-muted"),
            a.grade.response_text,
            "\n",
            ("   Correct: ", "$text-muted"),
            (a.grade.correct_answer, "bold"),
        ]
    return Content.assemble(*parts)


def credit_text(t: Tally) -> str:
    """Credit earned out of the questions answered: "1.5/3" (whole numbers without ".0")."""
    credit = round(t.score_sum, 2)
    shown = f"{credit:g}" if credit != int(credit) else str(int(credit))
    return f"{shown}/{t.answered}"


def tally_content(heading: str, tallies: dict[str, Tally], *, width: int = 10, empty: str | None = None) -> Content:
    """A table: label, bar, credit, answered, right, partial, confidently wrong."""
    parts: list = [(heading, "bold $text-accent")]
    if not tallies:
        return Content.assemble(*parts, "\n", (empty or "Nothing answered.", "$text-muted"))
    label_w = min(24, max(12, *(len(t.label) for t in tallies.values())))
    parts += [
        "\n",
        (
            f"{'':<{label_w}} {'':<{width}} {'credit':>7} {'answered':>8} {'right':>5} {'partial':>7} {'sure ✗':>6}",
            "$text-muted",
        ),
    ]
    for t in tallies.values():
        filled, rest = charts.bar(t.score, width)
        label = t.label if len(t.label) <= label_w else t.label[: label_w - 1] + "…"
        parts += [
            "\n",
            f"{label:<{label_w}} ",
            (filled, _score_style(t.score)),
            (rest, "$text-muted"),
            f" {credit_text(t):>7} {t.answered:>8} {t.correct:>5} {t.partial:>7} ",
            (f"{t.confidently_wrong:>6}", "bold $text-error" if t.confidently_wrong else ""),
        ]
    return Content.assemble(*parts)


def missed_content(missed: tuple[Answered, ...]) -> Content:
    if not missed:
        return Content.assemble(("Missed questions", "bold $text-accent"), "\n", "Nothing missed. Well done.")
    parts: list = [(f"Missed questions ({len(missed)})", "bold $text-accent")]
    for n, a in enumerate(missed, 1):
        g = a.grade
        kind, words = verdict(g)
        parts += ["\n\n", (f"{n}. ", "bold"), (g_prompt(a), "bold"), "  ", (f" {words} ", VERDICT_STYLE[kind])]
        if a.confidence:
            parts += [(f"  you were {CONFIDENCE_WORDS.get(a.confidence, a.confidence)}", "$text-muted")]
        parts += ["\n", ("   Your answer: ", "$text-muted"), g.response_text]
        parts += ["\n", ("   Correct:     ", "$text-muted"), (g.correct_answer, "bold")]
        for f in g.feedback:
            if f.picked and not f.correct:
                parts += ["\n", ("   ✗ ", "bold $text-error"), (f"{f.text}: ", "bold"), f.why]
        parts += ["\n", ("   Why: ", "bold"), g.explanation.strip()]
        parts += ["\n", (f"   From: {a.item.chapter.title} › {a.item.card.title}", "$text-muted")]
    return Content.assemble(*parts)


def g_prompt(a: Answered) -> str:
    return a.item.prompt.strip()


class QuizSummaryScreen(Screen[QuizRequest | None]):
    """Dismisses with a request to review the missed questions now, or None to go back to studying."""

    CSS_PATH = QUIZ_CSS
    BINDINGS = commands.bindings("quiz_summary")

    def __init__(self, summary: SessionSummary, *, title: str = "Quiz") -> None:
        super().__init__(id="quiz-summary")
        self.summary = summary
        self.quiz_title = title

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        s = self.summary
        with Horizontal(id="quiz-top"):
            yield Label(
                Content.assemble((f" {self.quiz_title} finished ", "bold $text on $primary-muted")), id="quiz-progress"
            )
            yield Label(
                "⚠ read-only: answers were NOT saved" if self.ldn_app.study.read_only else "answers are saved",
                id="quiz-saved",
            )
        with VerticalScroll(id="summary-body"):
            yield Static(score_content(s), id="summary-score")
            if s.confidently_wrong:
                yield Static(confident_content(s), id="summary-confident")
            if s.by_chapter:
                yield Static(tally_content("By chapter", s.by_chapter), classes="tally", id="summary-chapters")
                none = (
                    "None of these questions is tagged with a learning objective."
                    if has_objectives(self.ldn_app.content)
                    else NO_OBJECTIVES
                )
                yield Static(
                    tally_content("By learning objective", s.by_objective, empty=none),
                    classes="tally",
                    id="summary-objectives",
                )
            yield Static(missed_content(s.missed), id="summary-missed")
            keys: list = []
            if s.review_uids:
                keys += [("r ", "bold"), f"review these {len(s.review_uids)} now", ("  ·  ", "$text-muted")]
            keys += [("Esc ", "bold"), "back to studying"]
            yield Static(Content.assemble(*keys), id="summary-keys")
        yield StudyFooter(first=("review_missed", "close"))

    def on_mount(self) -> None:
        self.query_one("#summary-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review_missed":
            return bool(self.summary.review_uids)
        return True

    def action_review_missed(self) -> None:
        if self.summary.review_uids:
            self.dismiss(QuizRequest(uids=self.summary.review_uids))

    def action_close(self) -> None:
        self.dismiss(None)
