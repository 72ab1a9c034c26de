from __future__ import annotations

from dataclasses import replace

import pytest
from quizfixtures import cloze, home, make_content, multiple, order, single, true_false  # noqa: F401

from ldn_tui.content.hashing import question_hash
from ldn_tui.content.model import Choice
from ldn_tui.quiz.cloze import cloze_canonical, cloze_matches, cloze_tokens
from ldn_tui.quiz.grading import InvalidResponse, grade, order_score

# --- single -----------------------------------------------------------------------------------


def test_single_right_and_wrong_with_feedback():
    q = single("c", "q1")
    g = grade(q, 0)
    assert g.score == 1 and g.correct
    assert [f.text for f in g.feedback] == ["Right"]
    assert g.feedback[0].picked and g.feedback[0].why == "Right because."

    g = grade(q, "Wrong B")
    assert g.score == 0 and not g.correct
    assert g.correct_answer == "Right"
    # the picked choice's why, then the correct one's
    assert [(f.text, f.picked, f.correct) for f in g.feedback] == [
        ("Wrong B", True, False),
        ("Right", False, True),
    ]
    assert g.explanation == "Explanation of q1."
    assert g.answer == "Wrong B"


def test_single_no_answer_and_bad_answers():
    q = single("c", "q1")
    g = grade(q, None)
    assert g.score == 0 and g.response_text == "(no answer)"
    with pytest.raises(InvalidResponse):
        grade(q, 7)
    with pytest.raises(InvalidResponse):
        grade(q, "Nope")
    with pytest.raises(InvalidResponse):
        grade(q, True)


def test_linked_claim_is_on_the_grade():
    content = make_content()
    card = content.card_by_id["evidence.fibro"]
    g = grade(card.quiz[0], 0, card=card)
    assert g.claim is not None and g.claim.id == "c1"
    assert g.evidence == "rct" and g.certainty == "low"
    assert g.evidence_label == "Randomised controlled trial"
    assert g.certainty_label == "Low"
    assert grade(card.quiz[1], "31", card=card).claim is None


# --- multiple ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "picks, score",
    [
        ([0, 2], 1.0),
        ([0], 0.5),
        ([0, 1], 0.0),  # one hit, one false pick
        ([0, 2, 1], 0.5),
        ([0, 1, 2, 3], 0.0),  # ticking everything earns nothing
        ([1, 3], 0.0),  # floored at 0
        ([], 0.0),
        (["Yes 1", "Yes 2"], 1.0),
    ],
)
def test_multiple_partial_credit(picks, score):
    g = grade(multiple("c"), picks)
    assert g.score == pytest.approx(score)
    assert g.correct is (score == 1.0)


def test_multiple_feedback_covers_picked_and_missed_correct():
    g = grade(multiple("c"), [1, 0])
    assert [(f.text, f.picked) for f in g.feedback] == [("Yes 1", True), ("No 1", True), ("Yes 2", False)]
    assert g.correct_answer == "Yes 1; Yes 2"
    assert g.partial is False and g.score == 0


# --- true / false -----------------------------------------------------------------------------


@pytest.mark.parametrize("resp, ok", [(True, True), (False, False), ("true", True), ("F", False), ("yes", True)])
def test_true_false(resp, ok):
    g = grade(true_false("c", answer=True), resp)
    assert g.correct is ok
    assert g.correct_answer == "True"


def test_true_false_rejects_nonsense():
    with pytest.raises(InvalidResponse):
        grade(true_false("c"), "maybe")


# --- cloze ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "resp",
    ["4.5", " 4.5 ", "4.50", "4.5 mg", "4.5mg", "4.5 MG", "4.5 mg at night", "4.5 milligrams", "4.5 Milligrams."],
)
def test_cloze_accepts_forgiving_matches(resp):
    assert grade(cloze("c"), resp).correct, resp


@pytest.mark.parametrize("resp", ["45", "4", "4.5 g", "", "   ", "1,963"])
def test_cloze_rejects(resp):
    assert not grade(cloze("c"), resp).correct, resp


def test_cloze_unit_only_when_the_prompt_has_it():
    # The unit is part of the answer, not the prompt: the bare number is not assumed to match.
    assert not cloze_matches("4.5", ["4.5 mg"], "The usual dose is ___.")
    assert cloze_matches("4.5mg", ["4.5 mg"], "The usual dose is ___.")
    # A unit after the blank may be typed or not.
    assert cloze_matches("4.5 mg", ["4.5"], "The usual dose is ___ mg.")
    # ...but not a different unit.
    assert not cloze_matches("4.5 µg", ["4.5"], "The usual dose is ___ mg.")


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("mu-opioid", "µ-opioid"),
        ("u-opioid", "μ-opioid"),  # Greek mu vs micro sign, both ways
        ("MU OPIOID", "µ-opioid"),
        ("50 ug", "50 µg"),
        ("50 mcg", "50 µg"),
        ("1.5–4.5", "1.5-4.5"),  # en dash
        ("1.5 - 4.5", "1.5–4.5"),
        ("Toll-like receptor 4", "toll like receptor 4"),
        ("naïve", "naive"),
        ("Bihari’s", "Bihari's"),
        ("ＴＬＲ４", "TLR4"),  # full-width
        ("1,963", "1,963"),
        ("6-beta-naltrexol", "6β-naltrexol"),
        ("6b naltrexol", "6β-naltrexol"),
        ("18 to 20", "18–20"),
    ],
)
def test_cloze_unicode_and_punctuation(resp, answer):
    assert cloze_matches(resp, [answer], "The answer is ___."), (resp, answer)


def test_cloze_keeps_numbers_apart():
    assert not cloze_matches("1963", ["1,963"])
    assert not cloze_matches("45", ["4.5"])
    assert not cloze_matches("1.54.5", ["1.5-4.5"])
    assert cloze_matches(".5", ["0.5"])
    assert cloze_tokens("4.5mg") == ["4.5", "mg"]


def test_cloze_alternatives_and_display():
    q = cloze("c", answers=("Toll-like receptor 4", "TLR4"), prompt="LDN may block ___ on microglia.")
    g = grade(q, "tlr-4")
    assert g.correct
    assert g.correct_answer == "Toll-like receptor 4" and g.accepted == ("Toll-like receptor 4", "TLR4")
    with pytest.raises(InvalidResponse):
        grade(q, 4)


# --- order ------------------------------------------------------------------------------------


def test_order_scores():
    assert order_score([0, 1, 2, 3], 4) == 1.0
    assert order_score([3, 2, 1, 0], 4) == 0.0
    assert order_score([1, 0, 2, 3], 4) == pytest.approx(2 / 3)
    assert order_score([0, 1, 2, 4, 3], 5) == pytest.approx(0.75)


def test_order_grade_by_index_and_text_with_feedback():
    q = order("c", n=4)
    g = grade(q, [1, 0, 2, 3])
    assert g.score == pytest.approx(2 / 3) and g.partial
    assert g.correct_answer == "step 1 → step 2 → step 3 → step 4"
    assert [f.given_position for f in g.order_feedback] == [2, 1, 3, 4]
    assert sum(f.in_sequence for f in g.order_feedback) == 3
    assert grade(q, ["step 1", "step 2", "step 3", "step 4"]).correct
    assert grade(q, []).score == 0
    incomplete = grade(q, [0, 1])  # two in order, two left out
    assert incomplete.score == pytest.approx(1 / 3) and not incomplete.correct
    with pytest.raises(InvalidResponse):
        grade(q, [0, 0, 1, 2])
    with pytest.raises(InvalidResponse):
        grade(q, ["step 9"])


# --- hashing ----------------------------------------------------------------------------------


def test_hash_ignores_explanations_and_choice_order_but_not_answers():
    q = single("c", "q1")
    h = question_hash(q)
    assert len(h) == 16
    assert question_hash(replace(q, explanation="Better words.")) == h
    assert question_hash(replace(q, choices=tuple(reversed(q.choices)))) == h
    assert question_hash(replace(q, choices=tuple(replace(c, why="new") for c in q.choices))) == h
    assert question_hash(replace(q, prompt="Pick  one\n")) == h  # whitespace only
    assert question_hash(replace(q, prompt="Pick two")) != h
    flipped = (Choice("Right", False, ""), Choice("Wrong A", True, ""), q.choices[2])
    assert question_hash(replace(q, choices=flipped)) != h
    c = cloze("c", answers=("31",))
    assert question_hash(replace(c, answers=("31", "thirty-one"))) == question_hash(c)
    assert question_hash(replace(c, answers=("32",))) != question_hash(c)
    o = order("c")
    assert question_hash(replace(o, items=tuple(reversed(o.items)))) != question_hash(o)


# --- cloze: forgiving in the ways that keep the meaning (issue 14) ------------------------------


def test_cloze_ignores_case():
    assert cloze_matches("NALOXONE", ["naloxone"])
    assert cloze_matches("Naloxone", ["NALOXONE"])


def test_cloze_ignores_spacing():
    assert cloze_matches("  vivid   dreams ", ["vivid dreams"])
    assert cloze_matches("vividdreams", ["vivid dreams"])


def test_cloze_ignores_hyphens():
    assert cloze_matches("cross-over", ["crossover"])
    assert cloze_matches("crossover", ["cross-over"])
    assert cloze_matches("open label", ["open-label"])


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("receptors", "receptor"),
        ("receptor", "receptors"),
        ("immunosuppressant", "immunosuppressants"),
        ("cytokines", "cytokine"),
        ("therapies", "therapy"),
    ],
)
def test_cloze_accepts_singular_for_plural_and_back(resp, answer):
    assert cloze_matches(resp, [answer]), (resp, answer)


@pytest.mark.parametrize("resp", ["13h", "13 h", "13 hours", "13 hrs", "13 hour", "thirteen hours", "13hours"])
def test_cloze_units_with_or_without_space_and_any_spelling(resp):
    assert cloze_matches(resp, ["13 hours"]), resp
    assert cloze_matches(resp, ["13 h"]), resp


def test_cloze_unit_after_the_blank_can_be_written_short():
    assert cloze_matches("13 h", ["13"], "6-beta-naltrexol has a half-life of about ___ hours.")
    assert cloze_matches("13h", ["thirteen"], "6-beta-naltrexol has a half-life of about ___ hours.")


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("two weeks", "14 days"),
        ("14 days", "2 weeks"),
        ("1 day", "24 hours"),
        ("90 minutes", "1.5 h"),
        ("4500 µg", "4.5 mg"),
        ("0.5 mg", "500 mcg"),
    ],
)
def test_cloze_exact_unit_conversions(resp, answer):
    assert cloze_matches(resp, [answer]), (resp, answer)


def test_cloze_conversion_uses_the_unit_in_the_prompt():
    q = cloze("c", prompt="Both describe a washout of ___ weeks off opioids.", answers=("two", "2"))
    for resp in ("2", "two", "2 weeks", "14 days", "fourteen days"):
        assert grade(q, resp).correct, resp


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("2 weeks", "15 days"),  # not the same duration
        ("1 month", "30 days"),  # months have no exact length: never converted
        ("4.5 g", "4.5 mg"),
        ("13 minutes", "13 hours"),
    ],
)
def test_cloze_conversions_never_change_the_quantity(resp, answer):
    assert not cloze_matches(resp, [answer]), (resp, answer)


def test_cloze_short_units_count_only_after_a_number():
    assert cloze_canonical(cloze_tokens("HR")) == ["hr"]  # a hazard ratio, not hours
    assert cloze_canonical(cloze_tokens("2 hr")) == ["120", "min"]
    assert not cloze_matches("hr", ["h"])


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("thirty-one", "31"),
        ("thirty one", "31"),
        ("31", "thirty-one"),
        ("seven", "7"),
        ("one hundred", "100"),
        ("one hundred and five", "105"),
        ("two thousand and nine", "2009"),
        ("one and a half", "1.5"),
        ("four to six", "4-6"),
        ("eighteen to twenty", "18–20"),
        ("ninety-nine", "99"),
    ],
)
def test_cloze_numbers_in_words_or_digits(resp, answer):
    assert cloze_matches(resp, [answer]), (resp, answer)


def test_cloze_number_words_keep_their_value():
    assert not cloze_matches("thirty", ["31"])
    assert not cloze_matches("one hundred", ["1000"])
    assert not cloze_matches("seven", ["17"])


def test_cloze_percent_written_out():
    assert cloze_matches("41 percent", ["41%"])
    assert cloze_matches("41%", ["41 percent"])
    assert cloze_matches("41 %", ["41"])


def test_cloze_accepted_alternatives_from_the_content():
    q = cloze(
        "c",
        prompt="In younger2009, the baseline ___ predicted the response.",
        answers=("ESR", "erythrocyte sedimentation rate", "sed rate"),
    )
    assert grade(q, "Erythrocyte sedimentation rate").correct
    assert grade(q, "sed-rate").correct
    assert not grade(q, "CRP").correct


def test_cloze_one_letter_typo_is_accepted_and_the_spelling_shown():
    q = cloze("c", prompt="Naltrexone resembles ___, another opioid antagonist.", answers=("naloxone",))
    g = grade(q, "nalokone")  # one letter replaced
    assert g.correct and g.score == 1.0
    assert g.spelling == "naloxone"
    assert "naloxone" in g.response_text and g.response_text.startswith("nalokone")
    assert grade(q, "naloxne").spelling == "naloxone"  # one letter dropped
    assert grade(q, "naloxxone").spelling == "naloxone"  # one letter added
    assert grade(q, "nalxoone").spelling == "naloxone"  # two neighbours swapped
    exact = grade(q, "Naloxone")
    assert exact.correct and exact.spelling is None and exact.response_text == "Naloxone"


def test_cloze_typo_shows_the_alternative_it_was_close_to():
    q = cloze("c", prompt="LDN may act on ___.", answers=("TLR4", "toll-like receptor 4"))
    g = grade(q, "tol-like receptor 4")
    assert g.correct and g.spelling == "toll-like receptor 4"


@pytest.mark.parametrize(
    "resp, answer",
    [
        ("nalxone", "naltrexone"),  # more than one letter off
        ("hgih", "high"),  # too short to forgive: many four-letter words are one letter apart
        ("law", "low"),
        ("1936", "1963"),  # never a digit
        ("4.6", "4.5"),
        ("tlr5", "TLR4"),
    ],
)
def test_cloze_typos_that_are_not_forgiven(resp, answer):
    assert not cloze_matches(resp, [answer]), (resp, answer)


def test_cloze_exact_match_beats_a_typo_match():
    from ldn_tui.quiz.cloze import cloze_match

    m = cloze_match("naltrexone", ["naloxone", "naltrexone"])
    assert m is not None and m.answer == "naltrexone" and not m.typo
