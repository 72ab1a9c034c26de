"""Evidence profiles: claims take their certainty from their outcome, GRADE's rules hold, and the
Summary-of-Findings data and the evidence map are built correctly from real content files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ldn_tui.content import labels, load_content, validate
from ldn_tui.content.evidence import ForestRow, UnknownCondition, evidence_map, studies_text, summary_of_findings
from ldn_tui.content.evidence_render import forest_bar, forest_lines
from ldn_tui.content.outcomes import expected_certainty, statement_problem

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture(scope="module")
def bundled():
    return load_content(use_cache=False)


def test_a_claim_takes_its_certainty_from_its_outcome(mini):
    claim = load_content(mini, use_cache=False).card_by_id["evidence.fm-crossover"].claims[0]
    assert (claim.outcome, claim.certainty) == ("fibromyalgia.pain", "low")
    # Regrade the outcome (and its reasons, so the rating adds up): every claim follows.
    out = mini / "outcomes.yaml"
    out.write_text(
        out.read_text()
        .replace("certainty: low", "certainty: moderate")
        .replace("LDN may reduce", "LDN probably reduces")
        .replace("      - reason: imprecision\n        levels: 1\n        why: One trial of 31 women.\n", "")
    )
    content, issues = validate(mini)
    assert issues == []
    assert content.card_by_id["evidence.fm-crossover"].claims[0].certainty == "moderate"


def test_claims_without_an_outcome_have_no_certainty(mini):
    content = load_content(mini, use_cache=False)
    claim = content.card_by_id["basics.what-is-ldn"].claims[0]
    assert claim.outcome is None and claim.certainty is None


@pytest.mark.parametrize(
    "start, down, up, expected",
    [
        ("high", 0, 0, "high"),
        ("high", 1, 0, "moderate"),
        ("high", 2, 0, "low"),
        ("high", 3, 0, "very-low"),
        ("high", 5, 0, "very-low"),
        ("low", 0, 0, "low"),
        ("low", 1, 0, "very-low"),
        ("low", 3, 0, "very-low"),
        ("low", 0, 2, "high"),
        ("low", 1, 2, "moderate"),
        ("high", 0, 2, "high"),
    ],
)
def test_grade_arithmetic(start, down, up, expected):
    assert expected_certainty(start, down, up) == expected


@pytest.mark.parametrize(
    "level, statement, ok",
    [
        ("high", "LDN reduces pain.", True),
        ("high", "LDN may reduce pain.", False),
        ("moderate", "LDN probably reduces pain.", True),
        ("moderate", "LDN likely reduces pain.", True),
        ("moderate", "LDN reduces pain.", False),
        ("low", "LDN may reduce pain.", True),
        ("low", "LDN maybe helps.", False),
        ("very-low", "The evidence is very uncertain about the effect of LDN on pain.", True),
        ("very-low", "LDN may reduce pain.", False),
    ],
)
def test_plain_language_statements_use_grade_wording(level, statement, ok):
    assert (statement_problem(level, statement) is None) is ok


def test_every_bundled_statement_and_null_result_follows_the_rules(bundled):
    for o in bundled.outcomes:
        assert statement_problem(o.certainty, o.statement) is None, o.id
        if o.effect.direction == "little-or-no-difference":
            assert o.effect.excludes, f"{o.id}: a null result must say what it could exclude"
        assert o.id.startswith(o.condition + ".")


def test_one_rating_per_outcome_for_the_results_the_issue_found_rated_twice(bundled):
    """FINAL's pain result and precipitated withdrawal were each rated two ways; now each is one outcome."""
    final = {
        (c.outcome, c.certainty)
        for card in bundled.cards
        for c in card.claims
        if "bruun2024" in c.sources and c.outcome and c.outcome.startswith("fibromyalgia.")
    }
    assert final == {("fibromyalgia.pain", "low")}
    withdrawal = {
        c.certainty for card in bundled.cards for c in card.claims if c.outcome == "opioid-use.precipitated-withdrawal"
    }
    assert withdrawal == {"high"}
    assert bundled.outcome_by_id["opioid-use.ldn-with-opioids"].certainty == "moderate"


def test_summary_of_findings_counts_studies_and_participants(bundled):
    sof = summary_of_findings(bundled, "fibromyalgia")
    pain = next(r for r in sof.rows if r.outcome_id == "fibromyalgia.pain")
    assert pain.symbols == "⊕⊕◯◯" and pain.certainty_word == "Low"
    # Primary studies only (99 + 31 + 8; Metyas' size is unreported); the meta-analysis overlaps them.
    assert (pain.participants, pain.review_participants, pain.unreported_n) == (138, 222, 1)
    assert [f.value for f in pain.forest] == [-0.34, -0.86]
    assert [(r.domain, r.levels) for r in pain.reasons] == [
        ("inconsistency", -1),
        ("imprecision", -1),
        ("risk-of-bias", 0),
    ]
    assert pain.statement.startswith("LDN may reduce")


def test_studies_text_names_designs(bundled):
    assert studies_text(bundled.outcome_by_id["fibromyalgia.pain"]) == (
        "1 systematic review, 1 RCT, 1 crossover RCT, 1 pilot trial, 1 observational"
    )
    assert studies_text(bundled.outcome_by_id["periodic-paralysis.pain"]) == "no study"


def test_unknown_condition_lists_the_known_ones(bundled):
    with pytest.raises(UnknownCondition) as exc:
        summary_of_findings(bundled, "gout")
    assert "fibromyalgia" in exc.value.known and "gout" in str(exc.value)


def test_the_map_ranks_each_condition_by_its_strongest_design(bundled):
    rows = {r.condition_id: r for r in evidence_map(bundled)}
    assert rows["fibromyalgia"].strongest == "systematic-review"
    assert rows["crps"].strongest == "case-report"
    assert rows["periodic-paralysis"].strongest == "anecdote"
    assert rows["hashimotos"].strongest == "expert-opinion"
    assert rows["cancer"].strongest == "preclinical"
    assert rows["opioid-use"].best_certainty == "high"
    assert list(rows) == [c.id for c in bundled.conditions]


def test_forest_bar_places_the_estimate_inside_its_interval_and_marks_no_effect():
    bar = forest_bar(ForestRow("x", value=-0.5, low=-1.0, high=0.5), lo=-1.0, hi=1.0, width=21)
    assert bar.index("├") < bar.index("●") < bar.index("┤")
    assert bar[10] == "┼"  # zero sits inside the interval: the line of no effect is crossed
    clear = forest_bar(ForestRow("y", value=-0.8, low=-1.0, high=-0.6), lo=-1.0, hi=1.0, width=21)
    assert clear[10] == "│" and clear.index("┤") < 10  # an interval that excludes zero stays to its left
    lines = forest_lines((ForestRow("a", -0.34, -0.95, 0.27), ForestRow("b", -0.86, -1.2, -0.51)), width=30)
    assert len(lines) == 4 and "favours LDN" in lines[-1] and lines[0].endswith("-0.34 [-0.95, 0.27]")


def test_labels_have_one_meaning_each():
    assert labels.RECORD in labels.EVIDENCE and labels.RECORD not in labels.EFFECT_LABELS
    assert set(labels.CERTAINTY_SYMBOLS) == set(labels.CERTAINTY) == set(labels.CERTAINTY_LEVEL)
    assert set(labels.EVIDENCE_MEANING) == set(labels.EVIDENCE)
    assert "reasoned view" in labels.EVIDENCE_MEANING["expert-opinion"]
    assert "never graded" in labels.EVIDENCE_MEANING[labels.RECORD]
