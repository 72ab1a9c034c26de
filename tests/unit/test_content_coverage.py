"""The bundled content meets the coverage the study guide promises, so it cannot silently shrink."""

from __future__ import annotations

from collections import Counter

import pytest

from ldn_tui.content import labels, load_content

CHAPTERS = ["orientation", "history", "pharmacology", "mechanism", "dosing", "evidence", "appraisal", "safety"]


@pytest.fixture(scope="module")
def content():
    return load_content(use_cache=False)


def test_every_chapter_is_there_in_order(content):
    assert [c.id for c in content.chapters] == CHAPTERS


def test_size(content):
    assert len(content.cards) >= 40
    assert len(content.questions) >= 200
    assert len(content.glossary) >= 40


def test_every_question_type_is_used_in_every_chapter(content):
    for chapter in content.chapters:
        types = {q.type for card in chapter.cards for q in card.quiz}
        assert types == set(labels.QUESTION_TYPES), f"{chapter.id} lacks {set(labels.QUESTION_TYPES) - types}"


def test_a_quarter_of_questions_are_about_evidence_strength_or_sources(content):
    focus = Counter(q.focus for q in content.questions)
    assert focus["appraisal"] / len(content.questions) >= 0.25, focus


def test_every_card_teaches_and_tests(content):
    for card in content.cards:
        assert len(card.quiz) >= 3, f"{card.id} has {len(card.quiz)} questions"
        assert card.claims, f"{card.id} has no claims"
        assert len(card.body.split()) >= 60, f"{card.id} body is too short to teach"


def test_every_claim_is_sourced_and_labelled(content):
    for card in content.cards:
        for claim in card.claims:
            assert claim.sources and claim.evidence in labels.EVIDENCE
            if card.kind in labels.CERTAINTY_REQUIRED_KINDS:
                assert claim.certainty in labels.CERTAINTY


def test_the_evidence_vocabulary_is_really_used(content):
    used = Counter(claim.evidence for card in content.cards for claim in card.claims)
    # The guide must show weak evidence as weak, so the weak labels appear, not only trials.
    for label in (
        "rct",
        "pilot-trial",
        "case-report",
        "preclinical",
        "mechanistic",
        "expert-opinion",
        "anecdote",
        "regulatory",
    ):
        assert used[label] > 0, f"no claim is labelled {label}"
    certainty = Counter(claim.certainty for card in content.cards for claim in card.claims if claim.certainty)
    assert certainty["very-low"] > 0 and certainty["low"] > 0


def test_disagreements_are_shown(content):
    disagreements = [d for card in content.cards for d in card.disagreements]
    assert len(disagreements) >= 15
    for d in disagreements:
        assert len(d.versions) >= 2 and d.verdict


def test_every_source_article_is_used_and_appraised(content):
    cited = {s for card in content.cards for claim in card.claims for s in claim.sources}
    for source in content.sources:
        assert source.id in cited, f"{source.id} is never cited"
    appraisal = next(c for c in content.chapters if c.id == "appraisal")
    appraised = {s for card in appraisal.cards for claim in card.claims for s in claim.sources if s.startswith("src:")}
    assert appraised == {s.id for s in content.sources}


def test_every_reference_is_used(content):
    cited = {s for card in content.cards for claim in card.claims for s in claim.sources}
    cited |= {s for card in content.cards for d in card.disagreements for v in d.versions for s in v.sources}
    unused = [r.id for r in content.references if r.id not in cited]
    assert not unused, f"references no card cites: {unused}"


def test_key_figures_from_the_sources_appear(content):
    """Spot checks that the facts and figures of the sources made it into the guide."""
    text = " ".join(
        [card.body for card in content.cards] + [claim.text for card in content.cards for claim in card.claims]
    )
    for figure in (
        "1963",
        "1984",
        "50 mg",
        "4.5 mg",
        "1.5",
        "28.8",
        "18",
        "0.016",
        "0.045",
        "0.039",
        "32%",
        "11%",
        "31",
        "14",
        "25%",
        "67%",
        "80%",
        "3-4 h",
        "18-20",
        "two-week",
        "0.01 mg",
        "40%",
        "12 weeks",
        "8 weeks",
    ):
        normalised = text.replace("–", "-").replace("two week", "two-week")
        assert figure.replace("–", "-") in normalised, f"figure {figure!r} does not appear in any card body or claim"
