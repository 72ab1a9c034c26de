"""Generated certainty questions are built on outcomes: asked once per outcome, on the GRADE scale
where the evidence is rated low or better, and as "what lowered it most" where it is very low."""

from __future__ import annotations

from collections import Counter

import pytest

from ldn_tui.content import load_content
from ldn_tui.content.generated import generated_questions
from ldn_tui.content.labels import CERTAINTY, RATED_DOWN


@pytest.fixture(scope="module")
def content():
    return load_content()


def _certainty_qs(content):
    return [q for q in generated_questions(content) if q.id.endswith("-certainty")]


def test_one_certainty_question_per_outcome_and_never_about_a_record(content):
    per_outcome = Counter(content.card_by_id[q.card_id].claim(q.claim).outcome for q in _certainty_qs(content))
    assert per_outcome and max(per_outcome.values()) == 1
    for q in _certainty_qs(content):
        assert content.card_by_id[q.card_id].claim(q.claim).evidence != "record"


def test_levels_agree_with_outcomes_and_stems_never_name_the_level(content):
    names = {CERTAINTY[k].split(":")[0]: k for k in CERTAINTY}
    for q in _certainty_qs(content):
        outcome = content.outcome_by_id[content.card_by_id[q.card_id].claim(q.claim).outcome]
        texts = [c.text for c in q.choices]
        if all(t in names for t in texts):  # a GRADE-scale question
            assert len(texts) == 3 and names[next(c.text for c in q.choices if c.correct)] == outcome.certainty
            assert not any(n.lower() in q.prompt.lower() for n in names)
        else:  # what lowered very-low evidence most
            assert outcome.certainty == "very-low" and set(texts) <= set(RATED_DOWN.values())
            key = next(c.text for c in q.choices if c.correct)
            most = max(r.levels for r in outcome.rated_down)
            assert [RATED_DOWN[r.reason] for r in outcome.rated_down if r.levels == most] == [key]
        assert "starts" in q.explanation or q.explanation == content.card_by_id[q.card_id].claim(q.claim).rationale


def test_always_lowest_is_no_better_than_chance_on_the_scale_questions(content):
    scale = [
        q for q in _certainty_qs(content) if all(c.text in ("High", "Moderate", "Low", "Very low") for c in q.choices)
    ]
    lowest_right = sum(q.choices[-1].correct for q in scale)
    assert scale and abs(lowest_right / len(scale) - 1 / 3) <= 0.15
