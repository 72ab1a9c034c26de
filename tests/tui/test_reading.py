"""A card is read when its end has been on screen (it fits, or the student scrolled to it) or it
was marked read: opening it is not enough. The contents show · unread, ✓ read, ◆ mastered."""

from __future__ import annotations

from appstate import saved
from pilotkit import settle

from ldn_tui.tui.app import build_app
from ldn_tui.tui.widgets.navigator import Navigator

BASICS = "basics.what-is-ldn"
TRIAL = "evidence.fm-crossover"


async def test_a_long_card_is_read_only_once_scrolled_to_its_end(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        nav = app.screen.query_one(Navigator)
        assert nav.card_state(BASICS) == "read"  # it fits: its end is on screen at once
        await pilot.press("full_stop")
        await settle(pilot)
        assert app.main_screen.card.id == TRIAL
        assert nav.card_state(TRIAL) == "unread"  # opened, not read
        assert TRIAL not in app.study.cards_read()
        assert "0/1" in str(nav._chapter_nodes["evidence"].label)
        await pilot.press("r", "end")
        await settle(pilot)
        assert nav.card_state(TRIAL) == "read"
        assert "1/1" in str(nav._chapter_nodes["evidence"].label)
        assert TRIAL in app.study.cards_read()
        assert saved(app).get_setting("cards_read", {}).keys() == {BASICS, TRIAL}


async def test_k_marks_a_card_read_without_scrolling(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("full_stop", "k")
        await settle(pilot)
        assert app.screen.query_one(Navigator).card_state(TRIAL) == "read"


async def test_a_card_whose_questions_were_all_right_is_mastered(mini_content):
    from ldn_tui.quiz.engine import QuizRequest

    app = build_app(mini_content, first_run=False, start="study")
    card = mini_content.card_by_id[BASICS]
    session = app.study.new_quiz(QuizRequest(uids=tuple(q.uid for q in card.quiz)))
    for item in session.items:
        q = item.question
        response = {
            "single": next(i for i, c in enumerate(item.choices) if c.correct) if q.type == "single" else None,
            "true-false": q.answer,
            "cloze": q.answers[0] if q.answers else None,
            "multiple": [i for i, c in enumerate(item.choices) if c.correct] if q.type == "multiple" else None,
            "order": [item.items.index(x) for x in q.items] if q.type == "order" else None,
        }[q.type]
        assert session.submit(response, "sure").score == 1.0
        session.next()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        nav = app.screen.query_one(Navigator)
        assert nav.card_state(BASICS) == "mastered"
        assert "◆" in str(nav._card_nodes[BASICS].label)


async def test_a_chapter_opens_on_its_landing_page(mini_content):
    app = build_app(mini_content, first_run=False, start="study")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # onto "Evidence" and Enter
        await settle(pilot)
        landing = str(app.main_screen.query_one("#chapter-landing").render())
        chapter = mini_content.chapter_by_id["evidence"]
        assert chapter.summary.strip().split()[0] in landing
        assert "0 of 1 read" in landing and "The fibromyalgia crossover trial  unread" in landing
        assert "right the last time" in landing
        # the one outcome its claims speak of, with its one rating (mini outcomes.yaml: low)
        assert "Outcomes" in landing and "Fibromyalgia: " in landing and "LOW" in landing
        assert app.main_screen.card is None
        await pilot.press("down", "enter")  # its first card opens as before
        await settle(pilot)
        assert app.main_screen.card.id == TRIAL
