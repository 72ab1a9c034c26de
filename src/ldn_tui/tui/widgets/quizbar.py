"""The quiz's top line and exam hint: where you are, what is answered, the flag and the clock.

Words and marks, not colour alone: `⚑ flagged`, `●` answered / `○` not yet, `⏱ 12:04 left`.
"""

from __future__ import annotations

from textual.content import Content

from ldn_tui.quiz.engine import QuizSession

#: Up to this many questions, an exam's top line shows one mark per question.
MAP_LIMIT = 30


def clock_text(seconds: float) -> str:
    s = int(seconds + 0.999)  # 0.2 s left still reads 0:01
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02}:{s:02}" if h else f"{m}:{s:02}"


def progress_content(session: QuizSession, title: str, *, flagged: bool = False) -> Content:
    p = session.progress
    position = min(p.position, p.total)
    parts: list = [(f" {title} ", "bold $text on $primary-muted")]
    left = session.remaining_seconds() if session.exam and not session.submitted else None
    if left is not None:  # first, so a narrow terminal never cuts the clock off
        parts += [("  ⏱ ", "bold"), (f"{clock_text(left)} left", "bold $text-error" if left < 60 else "bold")]
    parts += [(f"  question {position} of {p.total}", "bold")]
    if session.exam and not session.submitted:
        parts += [("  ·  ", "$text-muted"), f"{p.answered} answered"]
        if p.total <= MAP_LIMIT:
            marks = " ".join(
                ("▸" if i == session.index else "") + ("●" if i in session.responses else "○") for i in range(p.total)
            )
            parts += ["  ", (marks, "$text-muted")]
    elif p.answered:
        parts += [("  ·  ", "$text-muted"), f"{p.correct} of {p.answered} right"]
    if flagged:
        parts += [("  ·  ", "$text-muted"), ("⚑ flagged", "bold $text-warning")]
    return Content.assemble(*parts)


def exam_hint(session: QuizSession, how: str) -> Content:
    """What to do in an exam, under the question (how to answer this type, then the exam keys)."""
    how = how.replace(", then Enter.", ".").replace(" Enter submits.", "")
    last = session.index + 1 >= len(session.items)
    saved = session.current_response is not None
    return Content.assemble(
        how,
        "\n",
        ("Enter ", "bold"),
        "save and submit the exam" if last else "save and go on",
        ("  ·  ", "$text-muted"),
        ("← → ", "bold"),
        "move",
        ("  ·  ", "$text-muted"),
        ("m ", "bold"),
        "flag",
        ("  ·  ", "$text-muted"),
        ("Esc ", "bold"),
        "pause or submit",
        *((("\n", ""), ("✓ answer saved: you can still change it", "$text-success")) if saved else ()),
    )
