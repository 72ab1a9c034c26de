"""One small bad-content fixture per error class, each asserting the exact file, line and message.

Each case copies the valid mini fixture and changes one thing, so a failure points at one rule.
The evidence-profile rules (a claim's certainty comes from its outcome in outcomes.yaml) have
their own cases at the end of CASES.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ldn_tui.content import ContentInvalid, load_content, validate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CH10 = "chapters/10-basics.yaml"
CH20 = "chapters/20-evidence.yaml"
OUT = "outcomes.yaml"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    f = root / rel
    text = f.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"fixture text not found: {old!r}"
    f.write_text(text.replace(old, new, count), encoding="utf-8")


def issues_of(root: Path) -> list[str]:
    content, issues = validate(root)
    return [str(i).replace(str(root) + "/", "") for i in issues]


def test_the_mini_fixture_is_valid():
    content, issues = validate(MINI)
    assert issues == []
    assert [c.id for c in content.chapters] == ["basics", "evidence"]
    assert {q.type for q in content.questions} == {"single", "multiple", "true-false", "cloze", "order"}


CASES = [
    pytest.param(
        CH10,
        "    title: What LDN is\n",
        "    title: [What LDN is\n",
        [
            "chapters/10-basics.yaml:9: YAML syntax error, column 9: while parsing a flow sequence did not find expected ',' or ']'; expected valid YAML"
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        CH10,
        "  order: 10",
        "  order: ten",
        ["chapters/10-basics.yaml:4: chapter.order: is text ('ten'); expected a whole number"],
        id="wrong-type",
    ),
    pytest.param(
        CH10,
        "    title: What LDN is\n",
        "",
        ["chapters/10-basics.yaml:7: cards[0]: missing required key 'title' in card; expected text"],
        id="missing-required",
    ),
    pytest.param(
        CH10,
        "    terms: [placebo]",
        "    term: [placebo]",
        [
            "chapters/10-basics.yaml:13: cards[0].term: unknown key 'term' in card (did you mean 'terms'?); "
            "expected one of id, title, kind, body, claims, disagreements, quiz, see_also, terms"
        ],
        id="unknown-key-did-you-mean",
    ),
    pytest.param(
        CH20,
        "        evidence: rct",
        "        evidence: rtc",
        [
            "chapters/20-evidence.yaml:17: cards[0].claims[0].evidence: unknown value 'rtc'; expected one of "
            "systematic-review, rct, pilot-trial, observational, case-series, case-report, preclinical, mechanistic, "
            "expert-opinion, anecdote, regulatory, record (did you mean 'rct'?)"
        ],
        id="unknown-evidence-label",
    ),
    pytest.param(
        CH20,
        "        outcome: fibromyalgia.pain\n",
        "        outcome: fibromyalgia.pain\n        certainty: medium\n",
        [
            "chapters/20-evidence.yaml:19: cards[0].claims[0].certainty: unknown value 'medium'; expected one of high, moderate, low, very-low"
        ],
        id="unknown-certainty-label",
    ),
    pytest.param(
        CH20,
        "  - id: evidence.fm-crossover",
        "  - id: basics.what-is-ldn",
        [
            "chapters/20-evidence.yaml:7: cards[0].id: duplicate card id 'basics.what-is-ldn' (first in chapters/10-basics.yaml:7); expected each card id once"
        ],
        id="duplicate-id-across-files",
    ),
    pytest.param(
        CH20,
        "sources: [src:003, younger2013]",
        "sources: [src:003, younger2031]",
        [
            "chapters/20-evidence.yaml:19: cards[0].claims[0].sources[1]: unknown source or reference 'younger2031' (did you mean 'younger2013'?); "
            "expected a reference id from references.yaml or a source id like src:003"
        ],
        id="unknown-reference",
    ),
    pytest.param(
        CH10,
        "sources: [src:001]",
        "sources: [src:004]",
        [
            "chapters/10-basics.yaml:18: cards[0].claims[0].sources[0]: unknown source or reference 'src:004' (did you mean 'src:003'?); "
            "expected one of the sources in sources.yaml (src:001, src:003)"
        ],
        id="unknown-source",
    ),
    pytest.param(
        CH10,
        "            correct: true\n            why: This is the range",
        "            why: This is the range",
        [
            "chapters/10-basics.yaml:24: cards[0].quiz[0].choices: no choice is marked correct; expected exactly one choice with correct: true in a single-answer question"
        ],
        id="no-correct-choice",
    ),
    pytest.param(
        CH10,
        "            why: That is the dose used for dependence.\n",
        "",
        [
            "chapters/10-basics.yaml:28: cards[0].quiz[0].choices[1]: missing required key 'why' in choice; expected text"
        ],
        id="choice-without-why",
    ),
    pytest.param(
        CH10,
        "first synthesised in ___.",
        "first synthesised in 1963.",
        [
            "chapters/10-basics.yaml:40: cards[0].quiz[2].prompt: has 0 blanks; expected exactly one blank written ___ in a cloze prompt"
        ],
        id="cloze-without-blank",
    ),
    pytest.param(
        CH10,
        'answers: ["1963"]',
        'answers: ["?!"]',
        [
            "chapters/10-basics.yaml:41: cards[0].quiz[2].answers[0]: '?!' has no letters or digits, so no typed answer can match it; expected a word or number"
        ],
        id="cloze-unanswerable",
    ),
    pytest.param(
        CH20,
        "items: [Baseline, Placebo, LDN, Washout]",
        "items: [Baseline, LDN, ldn, Washout]",
        [
            "chapters/20-evidence.yaml:47: cards[0].quiz[1].items[2]: same as items[1], so the order cannot be marked; expected distinct items"
        ],
        id="order-unanswerable",
    ),
    pytest.param(
        "glossary.yaml",
        "see_also: [placebo]",
        "see_also: [placebos]",
        [
            "glossary.yaml:5: glossary[0].see_also[0]: 'placebos' is not a glossary term (did you mean 'placebo'?); expected another term in glossary.yaml"
        ],
        id="unknown-glossary-link",
    ),
    pytest.param(
        CH10,
        "    kind: orientation\n",
        "    kind: orientation\n    kind: history\n",
        ["chapters/10-basics.yaml:10: cards[0].kind: duplicate key 'kind' (first at line 9); expected each key once"],
        id="duplicate-key",
    ),
    pytest.param(
        CH10,
        "  title: Basics",
        "  title: &t Basics\n  x: *t",
        [
            "chapters/10-basics.yaml:4: chapter.x: anchors and aliases are not supported; expected the value written out",
            "chapters/10-basics.yaml:4: chapter.x: unknown key 'x' in chapter; expected one of id, title, order, summary",
        ],
        id="alias",
    ),
    pytest.param(
        CH10,
        'answers: ["1963"]',
        "answers: [1963]",
        [
            'chapters/10-basics.yaml:41: cards[0].quiz[2].answers[0]: is a number (1963); expected text: put it in quotes, e.g. "1963"'
        ],
        id="number-where-text-is-expected",
    ),
    # -- evidence profiles: certainty is graded once per outcome --------------------------------
    pytest.param(
        CH20,
        "        outcome: fibromyalgia.pain\n",
        "        outcome: fibromyalgia.pain\n        certainty: high\n",
        [
            "chapters/20-evidence.yaml:19: cards[0].claims[0].certainty: is high but outcome 'fibromyalgia.pain' is graded low "
            "(outcomes.yaml:5); expected the outcome's certainty (or leave certainty out: the claim takes it from the outcome)"
        ],
        id="certainty-disagrees-with-its-outcome",
    ),
    pytest.param(
        CH20,
        "outcome: fibromyalgia.pain",
        "outcome: fibromyalgia.pian",
        [
            "chapters/20-evidence.yaml:18: cards[0].claims[0].outcome: no outcome 'fibromyalgia.pian' in outcomes.yaml "
            "(did you mean 'fibromyalgia.pain'?); expected the id of an outcome there",
            "outcomes.yaml:5: outcomes[0].id: outcome 'fibromyalgia.pain' is not used by any claim; expected a claim with "
            "outcome: fibromyalgia.pain (an outcome no card teaches is invisible to students), or remove it",
        ],
        id="dangling-outcome",
    ),
    pytest.param(
        CH20,
        "        evidence: rct\n        outcome: fibromyalgia.pain\n",
        "        evidence: record\n",
        [
            "outcomes.yaml:5: outcomes[0].id: outcome 'fibromyalgia.pain' is not used by any claim; expected a claim with "
            "outcome: fibromyalgia.pain (an outcome no card teaches is invisible to students), or remove it"
        ],
        id="outcome-no-card-uses",
    ),
    pytest.param(
        OUT,
        "      - id: younger2013",
        "      - id: younger2031",
        [
            "outcomes.yaml:13: outcomes[0].studies[0].id: study 'younger2031' is not in references.yaml "
            "(did you mean 'younger2013'?); expected a reference id"
        ],
        id="study-missing-from-references",
    ),
    pytest.param(
        CH10,
        "        evidence: expert-opinion\n",
        "        evidence: record\n        certainty: low\n",
        [
            "chapters/10-basics.yaml:18: cards[0].claims[0].certainty: a fact about the record (evidence: record) carries no "
            "certainty and no outcome; expected no certainty, or another label if the claim reports an effect"
        ],
        id="certainty-on-a-record-fact",
    ),
    pytest.param(
        CH10,
        "        evidence: expert-opinion\n",
        "        evidence: expert-opinion\n        certainty: low\n",
        [
            "chapters/10-basics.yaml:18: cards[0].claims[0].certainty: certainty is graded once per outcome, not claim by "
            "claim; expected outcome: <id from outcomes.yaml> (the claim then takes its certainty), or no certainty if the "
            "claim is not about an effect"
        ],
        id="certainty-without-an-outcome",
    ),
    pytest.param(
        CH20,
        "        outcome: fibromyalgia.pain\n",
        "",
        [
            "chapters/20-evidence.yaml:15: cards[0].claims[0]: a claim labelled rct reports what a study found, but names "
            "no outcome; expected outcome: <id from outcomes.yaml>, or evidence: record if it states a fact about the study "
            "itself (its design, size or dose)",
            "outcomes.yaml:5: outcomes[0].id: outcome 'fibromyalgia.pain' is not used by any claim; expected a claim with "
            "outcome: fibromyalgia.pain (an outcome no card teaches is invisible to students), or remove it",
        ],
        id="study-result-without-an-outcome",
    ),
    pytest.param(
        OUT,
        "statement: LDN may reduce",
        "statement: LDN reduces",
        [
            "outcomes.yaml:32: outcomes[0].statement: does not use GRADE's wording for low certainty; expected e.g. "
            "LDN may reduce ... / may make little or no difference to ..."
        ],
        id="statement-not-in-grade-wording",
    ),
    pytest.param(
        OUT,
        "        levels: 1\n        why: One trial",
        "        levels: 2\n        why: One trial",
        [
            "outcomes.yaml:22: outcomes[0].certainty: is low, but starting at high, rated down 3 and up 0 level(s) gives "
            "very-low; expected the rating and its reasons to agree"
        ],
        id="rating-arithmetic",
    ),
    pytest.param(
        OUT,
        "      direction: benefit",
        "      direction: little-or-no-difference",
        [
            "outcomes.yaml:18: outcomes[0].effect: a result of little or no difference says what it could exclude; expected "
            "excludes: what the confidence interval or the study's power rules out (not that LDN 'does not work')"
        ],
        id="null-result-says-what-it-excludes",
    ),
    pytest.param(
        OUT,
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n",
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n"
        "        estimate: {value: -11, low: -3, high: 2}\n",
        [
            "outcomes.yaml:18: outcomes[0].studies[0].estimate: value -11 lies outside its interval -3 to 2; expected "
            "low <= value <= high"
        ],
        id="estimate-outside-its-interval",
    ),
    pytest.param(
        OUT,
        "    condition: fibromyalgia\n",
        "    condition: fibro\n",
        [
            "outcomes.yaml:2: conditions[0].id: condition 'fibromyalgia' has no outcome; expected at least one outcome "
            "with condition: fibromyalgia",
            "outcomes.yaml:5: outcomes[0].id: 'fibromyalgia.pain' does not start with its condition; expected fibro.<outcome>",
            "outcomes.yaml:6: outcomes[0].condition: no condition 'fibro'; expected one of the conditions listed above it "
            "(fibromyalgia)",
        ],
        id="unknown-condition",
    ),
]


@pytest.mark.parametrize("rel, old, new, expected", CASES)
def test_each_error_class_is_reported_precisely(mini, rel, old, new, expected):
    edit(mini, rel, old, new)
    assert issues_of(mini) == [e for e in expected]


def test_empty_file(mini):
    (mini / CH20).write_text("\n  \n", encoding="utf-8")
    assert issues_of(mini)[0] == (
        "chapters/20-evidence.yaml:1: file is empty; expected a chapter file (a mapping) with keys chapter, cards"
    )


def test_file_that_is_not_utf8(mini):
    raw = (mini / CH10).read_bytes().replace(b"What LDN is", b"What LDN \xe9s")
    (mini / CH10).write_bytes(raw)
    assert issues_of(mini)[0] == (
        "chapters/10-basics.yaml:8: file is not UTF-8 (byte 0xe9 at offset 144); expected UTF-8 text"
    )


def test_every_problem_is_listed_not_just_the_first(mini):
    edit(mini, CH10, "  order: 10", "  order: ten")
    edit(mini, CH20, "        evidence: rct", "        evidence: rtc")
    edit(mini, "references.yaml", '    verified: "yes"', '    verified: "maybe"')
    found = issues_of(mini)
    assert len(found) == 3
    assert [f.split(":")[0] for f in found] == [
        "chapters/10-basics.yaml",
        "chapters/20-evidence.yaml",
        "references.yaml",
    ]


def test_missing_files_and_folder(tmp_path):
    assert [str(i) for i in validate(tmp_path / "nowhere")[1]] == [
        f"{tmp_path}/nowhere: content folder not found; expected a folder with chapters/ and sources.yaml, "
        "references.yaml, glossary.yaml, outcomes.yaml"
    ]
    (tmp_path / "c").mkdir()
    found = [str(i).replace(f"{tmp_path}/c/", "") for i in validate(tmp_path / "c")[1]]
    assert found == [
        "chapters: no chapter files found; expected chapters/*.yaml",
        "glossary.yaml: file is missing; expected glossary.yaml in the content folder",
        "outcomes.yaml: file is missing; expected outcomes.yaml in the content folder",
        "references.yaml: file is missing; expected references.yaml in the content folder",
        "sources.yaml: file is missing; expected sources.yaml in the content folder",
    ]


def test_load_content_raises_with_all_issues(mini):
    edit(mini, CH10, "  order: 10", "  order: ten")
    with pytest.raises(ContentInvalid) as exc:
        load_content(mini, use_cache=False)
    assert [i.line for i in exc.value.issues] == [4]
    assert exc.value.report().endswith("1 problem found.")


def test_verified_yes_unquoted_is_accepted(mini):
    edit(mini, "references.yaml", '    verified: "yes"', "    verified: yes")
    content, issues = validate(mini)
    assert issues == []
    assert content.reference_by_id["younger2013"].verified == "yes"
