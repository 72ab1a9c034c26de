"""The summary's tables: the bar and every number come from the same tally; partial credit is a
fraction; the objective table says plainly when there are no objectives."""

from __future__ import annotations

from quizfixtures import home, make_content_with_objectives  # noqa: F401

from ldn_tui.quiz.building import build_session
from ldn_tui.quiz.items import Selection
from ldn_tui.tui.screens.quiz_summary import credit_text, tally_content


def test_objective_table_with_partial_credit(store):
    content = make_content_with_objectives()
    s = build_session(content, Selection(), store, seed=1, uids=["basics.dose/q1", "basics.dose/q2"])
    s.submit(next(i for i, c in enumerate(s.current.choices) if not c.correct), "sure")  # confidently wrong
    s.next()
    s.submit([next(i for i, c in enumerate(s.current.choices) if c.correct)])  # one of two: half credit
    summary = s.finish()
    dose = summary.by_objective["dose"]
    assert credit_text(dose) == "0.5/2"
    table = tally_content("By learning objective", summary.by_objective).plain.splitlines()
    assert table[0] == "By learning objective"
    assert table[1].split() == ["credit", "answered", "right", "partial", "sure", "✗"]
    row = table[2]
    assert row.startswith("State the usual dose")
    assert row.split()[-5:] == ["0.5/2", "2", "0", "1", "1"]
    assert row.count("█") + row.count("▌") >= 2 and "░" in row  # a quarter of the bar: 0.5 of 2


def test_empty_table_says_why():
    text = tally_content("By learning objective", {}, empty="No objectives here.").plain
    assert text == "By learning objective\nNo objectives here."
