"""The quiz's key schemes (quiz/draft.py): what each key does to the answer being put together."""

from __future__ import annotations

import pytest
from quizfixtures import T0, home, make_content  # noqa: F401

from ldn_tui.progress.store import ProgressStore
from ldn_tui.quiz.draft import DEFAULT_CONFIDENCE, Draft
from ldn_tui.quiz.engine import Selection, build_session


@pytest.fixture
def items():
    store = ProgressStore.in_memory(now=T0)
    session = build_session(make_content(), Selection(chapters=("basics",), include_generated=False), store, seed=3)
    by_type = {}
    for item in session.items:
        by_type.setdefault(item.type, item)
    return by_type


def test_single_number_picks_and_replaces(items):
    d = Draft(items["single"])
    assert not d.ready and d.response() is None
    assert d.number(2) and d.response() == 1 and d.cursor == 1
    assert d.number(3) and d.response() == 2 and d.picked == [2]
    assert not d.number(4) and not d.number(0)  # no such choice
    assert d.backspace() and not d.ready


def test_single_arrows_pick_like_radio_buttons(items):
    d = Draft(items["single"])
    assert d.move_cursor(0)  # first arrow press picks the highlighted line
    assert d.response() == 0
    assert d.move_cursor(1) and d.response() == 1
    assert d.move_cursor(5) and d.response() == 2  # clamped to the last
    assert not d.move_cursor(1)


def test_multiple_numbers_toggle(items):
    d = Draft(items["multiple"])
    d.number(1)
    d.number(3)
    d.number(4)
    assert d.response() == [0, 2, 3]
    d.number(3)
    assert d.response() == [0, 3]
    d.move_cursor(-5)
    assert d.cursor == 0 and d.response() == [0, 3]  # moving does not pick
    d.toggle()
    assert d.response() == [3]


def test_true_false(items):
    d = Draft(items["true-false"])
    assert d.size == 2
    d.number(1)
    assert d.response() is True and d.is_picked(0) and not d.is_picked(1)
    d.number(2)
    assert d.response() is False and d.is_picked(1)
    d.backspace()
    assert d.response() is None and not d.ready


def test_cloze_is_the_text(items):
    d = Draft(items["cloze"])
    assert not d.ready and not d.number(1)
    d.text = "  4.5 mg "
    assert d.ready and d.response() == "4.5 mg"


def test_order_typed_sequence(items):
    item = items["order"]
    d = Draft(item)
    assert d.ready and d.response() == [0, 1, 2, 3]  # as shown, until changed
    for key in "3142":
        assert d.number(int(key))
    assert d.response() == [2, 0, 3, 1] and d.typed == 4
    # a number already placed in this sequence is ignored
    d2 = Draft(item)
    d2.number(2)
    d2.number(2)
    assert d2.typed == 1 and d2.response()[0] == 1
    # Backspace undoes the last typed number
    d.backspace()
    assert d.typed == 3 and d.response() == [2, 0, 3, 1]
    d.backspace()
    assert d.response() == [2, 0, 1, 3]
    # a complete sequence followed by a number starts over
    for key in "4321":
        d.number(int(key))
    d3 = Draft(item)
    for key in "1234":
        d3.number(int(key))
    d3.number(4)
    assert d3.typed == 1 and d3.response() == [3, 0, 1, 2]


def test_order_typing_the_right_sequence_grades_fully(items):
    item = items["order"]
    d = Draft(item)
    right = [item.items.index(text) + 1 for text in item.question.items]
    for n in right:
        d.number(n)
    store = ProgressStore.in_memory(now=T0)
    from ldn_tui.quiz.grading import grade

    assert grade(item.question, item.to_authored(d.response())).score == 1.0
    store.close()


def test_order_move_items(items):
    d = Draft(items["order"])
    assert not d.move_item(-1)  # already at the top
    assert d.move_item(1) and d.response() == [1, 0, 2, 3] and d.cursor == 1
    d.move_cursor(2)
    assert d.cursor == 3
    assert d.move_item(-1) and d.response() == [1, 0, 3, 2]
    assert not d.backspace()  # nothing typed


def test_confidence(items):
    d = Draft(items["single"])
    assert d.confidence == DEFAULT_CONFIDENCE == "unsure"
    d.set_confidence("sure")
    assert d.confidence == "sure"
    with pytest.raises(ValueError):
        d.set_confidence("certain")


def test_move_item_only_for_order(items):
    assert not Draft(items["single"]).move_item(1)


def test_an_untouched_order_question_is_ready_but_not_given(items):
    """Enter may submit the shown order (tutor), but an exam does not count merely opening it."""
    d = Draft(items["order"])
    assert d.ready and not d.given
    assert d.move_item(1) and d.given
    typed = Draft(items["order"])
    assert typed.number(2) and typed.given
    again = Draft.restore(items["order"], d.response(), None)  # an exam answer shown again
    assert again.given and again.response() == d.response()
    confirmed = Draft(items["order"])
    confirmed.confirm()  # Enter: the order as shown is the answer
    assert confirmed.given


def test_other_types_are_given_once_ready(items):
    for kind in ("single", "multiple", "true-false"):
        d = Draft(items[kind])
        assert not d.given
        assert d.number(1) and d.given == d.ready
