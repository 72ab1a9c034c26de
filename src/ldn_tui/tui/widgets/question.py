"""The quiz's widgets: the question with its choices, the confidence row and the feedback.

Presentation only. Each widget is a `Static` that is mounted once per quiz and *updated* as the
student answers (`show(...)`), so the feedback appears in the next frame without mounting
anything. What a key press means lives in `ldn_tui.quiz.draft.Draft`; right and wrong, scores
and explanations come from the engine's `Grade`.

Everything reads without colour: right and wrong are words and marks (✓ ✗ ◐), colour only
reinforces them.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ldn_tui.quiz.draft import Draft
from ldn_tui.quiz.engine import CONFIDENCE, Answered, QuizItem
from ldn_tui.quiz.grading import Grade
from ldn_tui.tui.widgets.badges import certainty_badge, evidence_badge, kind_badge

TYPE_NAMES = {
    "single": "ONE ANSWER",
    "multiple": "ALL THAT APPLY",
    "true-false": "TRUE OR FALSE",
    "cloze": "FILL IN THE BLANK",
    "order": "PUT IN ORDER",
}

#: What to do, by question type, before answering.
TYPE_HINTS = {
    "single": "Press a choice's number (or ↑↓), then Enter.",
    "multiple": "Press the number of every choice that applies (Space toggles the highlighted one), then Enter.",
    "true-false": "Press t or f (or 1 / 2), then Enter.",
    "cloze": "Type the missing word or number, then Enter. Tab leaves the box to set your confidence.",
    "order": "Type the numbers in order (e.g. 3142: item 3 first), or ↑↓ then Shift+↑↓ to move an item; "
    "Backspace undoes a number. Enter submits.",
}

CONFIDENCE_WORDS = {"sure": "sure", "unsure": "unsure", "guess": "guessing"}

VERDICT_STYLE = {
    "right": "bold $text on $success",
    "partial": "bold $text on $warning",
    "wrong": "bold $text on $error",
}


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th ... 11th, 12th, 13th ... 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict(grade: Grade) -> tuple[str, str]:
    """("right" | "partial" | "wrong", the words shown)."""
    if grade.correct:
        return "right", "✓ RIGHT"
    if grade.partial:
        return "partial", f"◐ PARTLY RIGHT ({round(grade.score * 100)}%)"
    return "wrong", "✗ WRONG"


# --- the question -----------------------------------------------------------------------------


def question_content(item: QuizItem, draft: Draft, answered: Answered | None = None, *, width: int = 0) -> Content:
    """Heading, prompt and the numbered choices/items, marked once the answer is in. Given the
    `width` it is shown in, a choice that wraps goes on under its own text, not under its number."""
    card = item.card
    # The card's title waits for the answer: many titles state the card's conclusion ("LDN is
    # untested"), which would answer the question for a student who has not read it.
    where = item.chapter.title if answered is None else f"{item.chapter.title} › {card.title}"
    parts: list = [
        (TYPE_NAMES.get(item.type, item.type.upper()), "bold $text-accent"),
        ("  ·  ", "$text-muted"),
        (where, "$text-muted"),
        "  ",
        kind_badge(card.kind),
    ]
    if item.generated:
        parts += ["  ", ("appraisal question", "italic $text-muted")]
    parts += ["\n\n", (item.prompt, "bold"), "\n"]
    grade = answered.grade if answered else None
    lines: list[Content] = []
    if item.type in ("single", "multiple"):
        lines = [_hanging(prefix, body, width) for prefix, body in _choice_lines(item, draft, grade)]
    elif item.type == "true-false":
        lines = _true_false_lines(item, draft, grade)
    elif item.type == "order":
        lines = _order_lines(item, draft, grade)
    for line in lines:
        parts += ["\n", line]
    return Content.assemble(*parts)


def _pointer(draft: Draft, i: int, answered: bool) -> tuple[str, str]:
    if answered or draft.type == "cloze":
        return ("  ", "")
    return ("▸ ", "bold $text-accent") if i == draft.cursor else ("  ", "")


def _hanging(prefix: Content, body: Content, width: int) -> Content:
    """`prefix` then `body`, the body's further lines indented to start under its first."""
    room = width - prefix.cell_length
    if width <= 0 or room < 20 or prefix.cell_length + body.cell_length <= width:
        return prefix + body
    lines = body.wrap(room)
    indent = " " * prefix.cell_length
    return Content.assemble(prefix, lines[0], *(part for line in lines[1:] for part in ("\n", indent, line)))


def _choice_lines(item: QuizItem, draft: Draft, grade: Grade | None) -> list[tuple[Content, Content]]:
    """(number and box, the choice's text and its mark) for each choice."""
    multiple = item.type == "multiple"
    out = []
    for i, choice in enumerate(item.choices):
        picked = draft.is_picked(i)
        if multiple:
            box = "[x]" if picked else "[ ]"
        else:
            box = "(•)" if picked else "( )"
        style = "bold" if picked else ""
        tail: list = []
        if grade is not None:
            if choice.correct and picked:
                tail = [("  ✓ right", "bold $text-success")]
            elif choice.correct:
                tail = [("  ✓ correct answer (not picked)" if multiple else "  ✓ correct answer", "bold $text-success")]
            elif picked:
                tail = [("  ✗ your pick, wrong", "bold $text-error")]
            else:
                style = "$text-muted"
        out.append(
            (
                Content.assemble(
                    _pointer(draft, i, grade is not None), (f"{i + 1}  ", "bold"), (f"{box} ", style or "$text-muted")
                ),
                Content.assemble((choice.text, style), *tail),
            )
        )
    return out


def _true_false_lines(item: QuizItem, draft: Draft, grade: Grade | None) -> list[Content]:
    out = []
    for i, (word, key) in enumerate((("True", "t"), ("False", "f"))):
        value = i == 0
        picked = draft.is_picked(i)
        tail: list = []
        if grade is not None:
            if value == item.question.answer:
                tail = [("  ✓ right" if picked else "  ✓ correct answer", "bold $text-success")]
            elif picked:
                tail = [("  ✗ your pick, wrong", "bold $text-error")]
        out.append(
            Content.assemble(
                _pointer(draft, i, grade is not None),
                (f"{i + 1}  ", "bold"),
                ("(•) " if picked else "( ) ", "bold" if picked else "$text-muted"),
                (word, "bold" if picked else ""),
                (f"  ({key})", "$text-muted"),
                *tail,
            )
        )
    return out


def _order_lines(item: QuizItem, draft: Draft, grade: Grade | None) -> list[Content]:
    out = [Content.styled("Your order:", "$text-muted")]
    correct_pos = {text: k for k, text in enumerate(item.question.items, 1)}
    in_place = {f.text: f.in_sequence for f in grade.order_feedback} if grade else {}
    for pos, shown in enumerate(draft.arrangement):
        text = item.items[shown]
        typed = pos < draft.typed
        tail: list = []
        if grade is not None:
            right = correct_pos[text]
            if right == pos + 1:
                tail = [("  ✓ in place", "bold $text-success")]
            elif in_place.get(text):
                tail = [(f"  ✓ right relative order (belongs {ordinal(right)})", "$text-success")]
            else:
                tail = [(f"  ✗ belongs {ordinal(right)}", "bold $text-error")]
        out.append(
            Content.assemble(
                _pointer(draft, pos, grade is not None),
                (f"{ordinal(pos + 1):>4}  ", "bold" if typed else "$text-muted"),
                (f"[{shown + 1}] ", "bold $text-accent"),
                (text, "bold" if typed else ""),
                *tail,
            )
        )
    return out


class QuestionView(Static, can_focus=True):
    """The current question. Focusable so the quiz's keys have somewhere to land."""

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
        padding: 1 2 0 2;
    }
    QuestionView:focus {
        background: transparent;
    }
    """

    _shown: tuple[QuizItem, Draft, Answered | None] | None = None

    def show(self, item: QuizItem, draft: Draft, answered: Answered | None = None) -> None:
        self._shown = (item, draft, answered)
        self.update(question_content(item, draft, answered, width=self.content_region.width))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)


# --- confidence -------------------------------------------------------------------------------


def confidence_content(confidence: str, *, locked: bool) -> Content:
    if locked:
        return Content.assemble(("Confidence: ", "$text-muted"), (CONFIDENCE_WORDS.get(confidence, confidence), "bold"))
    parts: list = [("How sure are you?  ", "$text-muted")]
    for c in CONFIDENCE:
        key = c[0]
        if c == confidence:
            parts += [(f" {key} ▸{c}◂ ", "bold $text on $accent-muted"), " "]
        else:
            parts += [(f" {key} {c} ", "$text-muted"), " "]
    return Content.assemble(*parts)


class ConfidenceView(Static):
    DEFAULT_CSS = """
    ConfidenceView {
        height: auto;
        padding: 1 2 0 2;
    }
    """

    def show(self, confidence: str, *, locked: bool = False) -> None:
        self.update(confidence_content(confidence, locked=locked))


# --- feedback ---------------------------------------------------------------------------------


def feedback_content(answered: Answered, *, unanswered: bool = False) -> Content:
    """Right or wrong, the right answer and its why first, then why every other choice is
    right or wrong, the explanation, the claim with its evidence and certainty, the card."""
    g = answered.grade
    kind, words = verdict(g)
    if unanswered:
        kind, words = "wrong", "○ NOT ANSWERED"
    parts: list = [(f" {words} ", VERDICT_STYLE[kind])]
    conf = answered.confidence
    if conf:
        parts += [("  you were " + CONFIDENCE_WORDS.get(conf, conf), "bold")]
        if answered.confidently_wrong:
            parts += [(" — a confident error: worth reviewing", "bold $text-error")]
            if answered.safety:
                parts += [(" (safety)", "bold $text-error")]
    if answered.safety:
        parts += ["  ", Content.styled(" SAFETY ", "bold $text on $error-muted")]
    parts += ["\n\n", ("Your answer:    ", "bold $text-muted"), g.response_text]
    parts += ["\n", ("Correct answer: ", "bold $text-muted"), (g.correct_answer, "bold")]
    if g.type == "cloze" and len(g.accepted) > 1:
        parts += ["\n", ("Also accepted:  ", "$text-muted"), ("; ".join(g.accepted[1:]), "$text-muted")]

    choices = answered.item.choices or answered.item.question.choices
    if g.feedback and choices:
        picked = {f.index for f in g.feedback if f.picked}
        by_text = {c.text: i for i, c in enumerate(answered.item.question.choices)}
        ordered = sorted(choices, key=lambda c: (not c.correct, by_text.get(c.text) not in picked))
        parts.append("\n")
        for c in ordered:
            mine = by_text.get(c.text) in picked
            if c.correct:
                head = (f"✓ {'You picked' if mine else 'The right choice'} “{c.text}”: ", "bold $text-success")
            elif mine:
                head = (f"✗ You picked “{c.text}”, wrong: ", "bold $text-error")
            else:
                head = (f"· “{c.text}”, wrong: ", "bold $text-muted")
            parts += ["\n", head, c.why]
    if g.order_feedback:
        parts.append("\n")
        for f in g.order_feedback:
            if f.given_position is None:
                mark, style, verdict_words = "✗", "$text-error", "you left it out"
            elif f.given_position == f.correct_position:
                mark, style, verdict_words = "✓", "$text-success", "you put it here: in place"
            elif f.in_sequence:
                mark, style, verdict_words = (
                    "~",
                    "$text-warning",
                    (f"you put it {ordinal(f.given_position)}: right relative to the others"),
                )
            else:
                mark, style, verdict_words = "✗", "$text-error", f"you put it {ordinal(f.given_position)}: out of order"
            parts += [
                "\n",
                (f"{mark} {f.correct_position}. ", f"bold {style}"),
                f.text,
                (f"  ({verdict_words})", "$text-muted"),
            ]

    parts += ["\n\n", ("Why: ", "bold"), g.explanation.strip()]
    claim = g.claim or answered.item.claim
    if claim is not None:
        parts += [
            "\n\n",
            ("Claim tested: ", "bold $text-muted"),
            claim.text.strip(),
            "\n",
            evidence_badge(claim.evidence),
        ]
        if claim.certainty:
            parts += ["  ", certainty_badge(claim.certainty)]
        else:
            parts += [("  certainty not rated", "$text-muted")]
        if claim.note and claim.note.strip() not in g.explanation:
            parts += ["\n", ("Caveat: ", "bold $text-muted"), (claim.note, "italic $text-muted")]
    card = answered.item.card
    parts += ["\n", ("Source card: ", "bold $text-muted"), f"{card.title}  ", ("(o opens it)", "$text-muted")]
    return Content.assemble(*parts)


class FeedbackView(Static):
    """Hidden until the first answer; then updated in place for every question."""

    DEFAULT_CSS = """
    FeedbackView {
        height: auto;
        margin: 1 2 0 2;
        padding: 0 1;
        border-left: outer $panel-lighten-2;
        display: none;
    }
    FeedbackView.-right { border-left: outer $success; }
    FeedbackView.-partial { border-left: outer $warning; }
    FeedbackView.-wrong { border-left: outer $error; }
    """

    def show(self, answered: Answered, *, unanswered: bool = False) -> None:
        kind, _ = verdict(answered.grade)
        self.set_classes("-wrong" if unanswered else f"-{kind}")
        self.update(feedback_content(answered, unanswered=unanswered))
        self.display = True

    def hide(self) -> None:
        self.display = False
