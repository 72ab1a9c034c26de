"""Back/forward navigation state."""

from __future__ import annotations

import pytest

from ldn_tui.history import History


def test_empty_history_has_nowhere_to_go():
    h: History[str] = History()
    assert h.current is None
    assert not h.can_go_back and not h.can_go_forward
    assert h.back() is None and h.forward() is None


def test_back_and_forward_walk_the_visits():
    h: History[str] = History()
    for card in "abc":
        h.visit(card)
    assert h.current == "c" and h.can_go_back and not h.can_go_forward
    assert h.back() == "b"
    assert h.back() == "a"
    assert h.back() is None and h.current == "a"
    assert h.forward() == "b"
    assert h.forward() == "c"
    assert h.forward() is None


def test_visiting_after_going_back_drops_the_forward_entries():
    h: History[str] = History()
    for card in "abc":
        h.visit(card)
    h.back()
    h.visit("d")
    assert list(h) == ["a", "b", "d"]
    assert not h.can_go_forward


def test_visiting_the_current_place_again_changes_nothing():
    h: History[str] = History()
    h.visit("a")
    h.visit("a")
    assert list(h) == ["a"]
    assert not h.can_go_back


def test_history_is_bounded():
    h: History[int] = History(limit=3)
    for i in range(10):
        h.visit(i)
    assert list(h) == [7, 8, 9]
    assert h.back() == 8 and h.back() == 7 and h.back() is None


def test_limit_must_be_positive():
    with pytest.raises(ValueError):
        History(limit=0)


def test_forget_removes_a_place_and_keeps_the_cursor_sensible():
    h: History[str] = History()
    for card in ["a", "b", "a", "c"]:
        h.visit(card)
    h.back()  # at "a"
    h.forget("b")
    assert list(h) == ["a", "c"]  # the two neighbouring "a"s merged
    assert h.current == "a"
    assert h.forward() == "c"
    h.forget("c")
    assert h.current == "a" and list(h) == ["a"]
