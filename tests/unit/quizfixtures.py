"""A tiny content set built straight from the model's dataclasses, for the quiz/progress tests.

Independent of the YAML loader and of the real content. Import the `home` fixture into a test
module (`from quizfixtures import home  # noqa: F401`) to point LDN_STUDY_HOME at tmp_path
(tests/conftest.py isolates the home too; this keeps these modules self-contained). The
modules import this file by name, which relies on pytest's default `prepend` import mode.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from ldn_tui.content.model import Card, Chapter, Choice, Claim, Content, Objective, Question, Reference, Source

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LDN_STUDY_HOME", str(tmp_path))
    return tmp_path


def single(card_id: str, qid: str = "q1", *, claim: str | None = None, prompt: str = "Pick one") -> Question:
    return Question(
        id=qid,
        card_id=card_id,
        type="single",
        prompt=prompt,
        explanation=f"Explanation of {qid}.",
        choices=(
            Choice("Right", True, "Right because."),
            Choice("Wrong A", False, "A is wrong because."),
            Choice("Wrong B", False, "B is wrong because."),
        ),
        claim=claim,
    )


def multiple(card_id: str, qid: str = "q2") -> Question:
    return Question(
        id=qid,
        card_id=card_id,
        type="multiple",
        prompt="Pick all that apply",
        explanation="Two of four.",
        choices=(
            Choice("Yes 1", True, "y1"),
            Choice("No 1", False, "n1"),
            Choice("Yes 2", True, "y2"),
            Choice("No 2", False, "n2"),
        ),
    )


def true_false(card_id: str, qid: str = "q3", answer: bool = True) -> Question:
    return Question(
        id=qid,
        card_id=card_id,
        type="true-false",
        prompt="LDN is naltrexone.",
        explanation="It is, at a lower dose.",
        answer=answer,
    )


def cloze(
    card_id: str,
    qid: str = "q4",
    prompt: str = "A typical dose is ___ mg at night.",
    answers: tuple[str, ...] = ("4.5", "4.5 milligrams"),
) -> Question:
    return Question(
        id=qid,
        card_id=card_id,
        type="cloze",
        prompt=prompt,
        explanation="Most sources give 4.5 mg.",
        answers=answers,
    )


def order(card_id: str, qid: str = "q5", n: int = 4) -> Question:
    return Question(
        id=qid,
        card_id=card_id,
        type="order",
        prompt="Put in order",
        explanation="Chronological.",
        items=tuple(f"step {i}" for i in range(1, n + 1)),
    )


def make_content() -> Content:
    dose = Card(
        id="basics.dose",
        chapter_id="basics",
        title="The dose",
        kind="dosing",
        body="About the dose.",
        claims=(Claim("c1", "Most people take 4.5 mg.", "pilot-trial", ("src:003",)),),
        quiz=(
            single("basics.dose", "q1", claim="c1"),
            multiple("basics.dose"),
            true_false("basics.dose"),
            cloze("basics.dose"),
            order("basics.dose"),
        ),
    )
    history = Card(
        id="basics.history",
        chapter_id="basics",
        title="History",
        kind="history",
        body="Bihari.",
        quiz=(single("basics.history", "q1"),),
    )
    safety = Card(
        id="safety.interactions",
        chapter_id="safety",
        title="Opioid interactions",
        kind="safety",
        body="Do not combine with opioids.",
        claims=(Claim("c1", "Naltrexone blocks opioid pain relief.", "regulatory", ("src:002",), certainty="high"),),
        quiz=(single("safety.interactions", "q1", claim="c1"), true_false("safety.interactions", "q2")),
    )
    fibro = Card(
        id="evidence.fibro",
        chapter_id="evidence",
        title="Fibromyalgia crossover",
        kind="evidence",
        body="Stanford.",
        claims=(
            Claim(
                "c1",
                "Pain fell more on LDN than placebo in 31 women.",
                "rct",
                ("younger2013", "src:003"),
                certainty="low",
                note="Small and short.",
            ),
            Claim("c2", "One patient felt better within days.", "anecdote", ("src:000",), certainty="very-low"),
        ),
        quiz=(
            single("evidence.fibro", "q1", claim="c1"),
            cloze("evidence.fibro", "q2", prompt="The trial enrolled ___ women.", answers=("31",)),
        ),
    )
    return Content(
        chapters=(
            Chapter("basics", "Basics", 10, "The basics.", cards=(dose, history)),
            Chapter("safety", "Safety", 20, "Safety.", cards=(safety,)),
            Chapter("evidence", "Evidence", 30, "Evidence.", cards=(fibro,)),
        ),
        references=(Reference("younger2013", "Younger J et al. Arthritis Rheum. 2013;65(2):529-38.", 2013),),
        sources=(
            Source("src:000", "000.txt", "A pain physician's blog", "blog", "a", "2014", "all", "k"),
            Source("src:002", "002.txt", "A guideline summary", "summary", "a", "u", "all", "k"),
            Source("src:003", "003.txt", "A specialist's post", "blog", "a", "u", "all", "k"),
        ),
    )


def with_question(content: Content, new: Question) -> Content:
    """A copy of `content` with the question of the same uid replaced by `new`."""
    chapters = []
    for ch in content.chapters:
        cards = []
        for card in ch.cards:
            quiz = tuple(new if q.uid == new.uid else q for q in card.quiz)
            cards.append(replace(card, quiz=quiz))
        chapters.append(replace(ch, cards=tuple(cards)))
    return Content(chapters=tuple(chapters), references=content.references, sources=content.sources)


# --- learning objectives ----------------------------------------------------------------------


#: question uid -> objective id, for `make_content_with_objectives`.
OBJECTIVE_OF = {
    "basics.dose/q1": "dose",
    "basics.dose/q2": "dose",
    "basics.dose/q5": "dose",
    "basics.history/q1": "history",
    "safety.interactions/q1": "safety",
    "safety.interactions/q2": "safety",
    "evidence.fibro/q1": "appraise",
}

OBJECTIVES = (
    Objective("safety", "Recognise the opioid interaction"),
    Objective("dose", "State the usual dose"),
    Objective("history", "Place LDN in its history"),
    Objective("appraise", "Appraise the fibromyalgia trial"),
)


def make_content_with_objectives() -> Content:
    """`make_content()` with an objective on most questions and `content.objectives` declared."""
    base = make_content()
    chapters = []
    for ch in base.chapters:
        cards = []
        for card in ch.cards:
            quiz = tuple(replace(q, objective=OBJECTIVE_OF.get(q.uid)) for q in card.quiz)
            cards.append(replace(card, quiz=quiz))
        chapters.append(replace(ch, cards=tuple(cards)))
    return Content(chapters=tuple(chapters), references=base.references, sources=base.sources, objectives=OBJECTIVES)
