"""The question as shown: no card title before the answer, and wrapped choices that hang."""

from __future__ import annotations

import pytest

from ldn_tui.content import load_content
from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.draft import Draft
from ldn_tui.quiz.engine import QuizRequest
from ldn_tui.tui.widgets.question import question_content

PREFIX = len("▸ 1  ( ) ")


def _session(content, uid):
    return QuizRequest(uids=(uid,), seed=1).build(content, ProgressStore.in_memory())


def test_the_card_title_shows_only_once_answered(content):
    """Card titles often state the card's conclusion; before the answer, only the chapter shows."""
    session = _session(content, "basics.what-is-ldn/q1")
    item = session.current
    before = question_content(item, Draft(item)).plain
    assert item.chapter.title in before and item.card.title not in before
    session.submit(0)
    answered = session.current_answer
    assert answered is not None
    after = question_content(item, Draft(item), answered).plain
    assert f"{item.chapter.title} › {item.card.title}" in after


@pytest.fixture(scope="module")
def bundled():
    return load_content(use_cache=False)


def test_a_choice_that_wraps_goes_on_under_its_own_text(bundled):
    question = max((q for q in bundled.questions if q.type == "single"), key=lambda q: len(q.choices[0].text))
    item = _session(bundled, question.uid).current
    longest = max(item.choices, key=lambda c: len(c.text))
    number = item.choices.index(longest) + 1
    width = PREFIX + 40
    assert len(longest.text) > 40  # it needs two lines or more
    shown = question_content(item, Draft(item), width=width).plain.splitlines()
    first = next(i for i, line in enumerate(shown) if line[2:].startswith(f"{number}  "))
    assert len(shown[first]) <= width
    follow = shown[first + 1]
    assert follow.startswith(" " * PREFIX) and follow.strip()  # under the text, not under the number
    assert " ".join(longest.text.split()) in " ".join(" ".join(shown[first:]).split())
