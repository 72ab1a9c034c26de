"""`ldn-study schema` and the Python validator agree (issue 18, "One schema").

The schema that `ldn-study schema` writes is loaded into the real `jsonschema` package and run over
every bundled content file and over a set of bad fixtures; the Python validator runs over the same
fixtures. Rules that JSON Schema can express must get the same verdict from both. Rules that need
another file or arithmetic (a claim's certainty agrees with its outcome, a study is listed in
references.yaml, the rating adds up) are Python-only by nature: those fixtures are listed separately
and asserted to pass the schema, so the boundary between the two is written down and tested.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from jsonschema.exceptions import best_match

from ldn_tui.cli import main
from ldn_tui.content import validate
from ldn_tui.content.files import content_files
from ldn_tui.content.yamlpos import decode, parse
from ldn_tui.paths import bundled_content_dir

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
CH10 = "chapters/10-basics.yaml"
CH20 = "chapters/20-evidence.yaml"
OUT = "outcomes.yaml"


@pytest.fixture(scope="module")
def validator(tmp_path_factory) -> jsonschema.Draft202012Validator:
    """The schema exactly as `ldn-study schema --output` writes it."""
    out = tmp_path_factory.mktemp("schema") / "content.schema.json"
    assert main(["schema", "--output", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load(path: Path):
    data, _, problems = parse(decode(path.read_bytes()))
    assert not problems
    return data


def schema_errors(validator, path: Path) -> list[jsonschema.ValidationError]:
    return list(validator.iter_errors(load(path)))


def test_the_schema_has_no_top_level_one_of(validator):
    assert "oneOf" not in validator.schema
    assert set(validator.schema["$defs"]) == {
        "chapter_file",
        "references_file",
        "sources_file",
        "glossary_file",
        "outcomes_file",
        "objectives_file",
    }


BUNDLED = content_files(bundled_content_dir()) + content_files(MINI)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_file_passes_the_schema(validator, path):
    errors = schema_errors(validator, path)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("root", [bundled_content_dir(), MINI], ids=["bundled", "mini"])
def test_every_bundled_folder_passes_the_python_validator(root):
    assert validate(root)[1] == []


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(MINI, root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> Path:
    f = root / rel
    text = f.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text not found once: {old!r}"
    f.write_text(text.replace(old, new), encoding="utf-8")
    return f


def python_issues(root: Path, rel: str) -> list[str]:
    return [i.message for i in validate(root)[1] if i.file == str(root / rel)]


#: (file, old, new, words in the schema's most relevant message): both validators must reject.
BOTH = [
    pytest.param(CH10, "  order: 10", "  order: ten", "is not of type 'integer'", id="wrong-type"),
    pytest.param(CH10, "    title: What LDN is\n", "", "'title' is a required property", id="missing-required"),
    pytest.param(CH10, "    terms: [placebo]", "    term: [placebo]", "('term' was unexpected)", id="unknown-key"),
    pytest.param(CH20, "evidence: rct", "evidence: rtc", "'rtc' is not one of", id="unknown-label"),
    pytest.param(CH10, 'answers: ["1963"]', "answers: [1963]", "1963 is not of type 'string'", id="number-as-text"),
    pytest.param(
        CH10,
        "evidence: expert-opinion",
        "evidence: expert-opinion\n        certainty: low",
        "'outcome' is a dependency of 'certainty'",
        id="certainty-without-outcome",
    ),
    pytest.param(
        CH10,
        "evidence: expert-opinion",
        "evidence: record\n        outcome: fibromyalgia.pain",
        "False schema does not allow",
        id="outcome-on-a-record-fact",
    ),
    pytest.param(
        CH20,
        "        outcome: fibromyalgia.pain\n",
        "",
        "'outcome' is a required property",
        id="study-result-without-outcome",
    ),
    pytest.param(
        CH10,
        "          - text: 50 to 100 mg\n",
        "          - text: 50 to 100 mg\n            correct: true\n",
        "Too many items match",
        id="single-with-two-correct",
    ),
    pytest.param(
        CH10,
        "first synthesised in ___.",
        "first synthesised in ___ or ___.",
        "does not match",
        id="cloze-with-two-blanks",
    ),
    pytest.param(
        CH20,
        "items: [Baseline, Placebo, LDN, Washout]",
        "items: [Baseline, Placebo]",
        "is too short",
        id="order-with-two-items",
    ),
    pytest.param(
        CH10,
        "        answer: false\n",
        "        answer: false\n        items: [a, b, c]\n",
        "False schema does not allow",
        id="true-false-with-items",
    ),
    pytest.param(OUT, "statement: LDN may reduce", "statement: LDN reduces", "does not match", id="statement-wording"),
    pytest.param(
        OUT,
        "      direction: benefit",
        "      direction: little-or-no-difference",
        "'excludes' is a required property",
        id="null-result-without-excludes",
    ),
    pytest.param(
        OUT,
        "        design: crossover-rct",
        "        design: case-report",
        "does not contain",
        id="starts-high-without-randomised-study",
    ),
    pytest.param(
        OUT,
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n",
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n"
        "        estimate: {value: -11, low: -15, high: -7}\n",
        None,
        id="estimate-without-scale",
    ),
    pytest.param(
        OUT,
        "        levels: 1\n        why: One trial",
        "        levels: 3\n        why: One trial",
        "3 is greater than the maximum of 2",
        id="levels-out-of-range",
    ),
    pytest.param(OUT, "conditions:", "condition:", "('condition' was unexpected)", id="unknown-top-level-key"),
]


@pytest.mark.parametrize("rel, old, new, words", BOTH)
def test_both_validators_reject(validator, mini, rel, old, new, words):
    if words is None:  # the estimate case also needs its outcome's scale removed to be wrong
        edit(mini, OUT, "    scale: Difference in pain from baseline, percentage points (below 0 favours LDN)\n", "")
        words = "'scale' is a required property"
    path = edit(mini, rel, old, new)
    assert python_issues(mini, rel), "the Python validator accepted it"
    errors = schema_errors(validator, path)
    assert errors, "the JSON Schema accepted it"
    messages = " | ".join(e.message for e in errors) + " | " + best_match(errors).message
    assert words in messages
    assert "is not valid under any of the given schemas" not in best_match(errors).message


#: Rules that need another file or arithmetic: the Python validator rejects, the schema cannot.
PYTHON_ONLY = [
    pytest.param(
        CH20,
        "outcome: fibromyalgia.pain",
        "outcome: fibromyalgia.pain\n        certainty: high",
        "is high but outcome 'fibromyalgia.pain' is graded low",
        id="certainty-disagrees-with-outcome",
    ),
    pytest.param(
        CH20,
        "outcome: fibromyalgia.pain",
        "outcome: fibromyalgia.pian",
        "no outcome 'fibromyalgia.pian'",
        id="dangling-outcome",
    ),
    pytest.param(
        OUT,
        "      - id: younger2013",
        "      - id: younger2031",
        "is not in references.yaml",
        id="study-missing-from-references",
    ),
    pytest.param(
        OUT,
        "        levels: 1\n        why: One trial",
        "        levels: 2\n        why: One trial",
        "gives very-low",
        id="rating-arithmetic",
    ),
    pytest.param(
        OUT,
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n",
        "        result: Pain fell 28.8% on LDN and 18.0% on placebo (p=0.016).\n"
        "        estimate: {value: -11, low: -3, high: 2}\n",
        "lies outside its interval",
        id="estimate-outside-interval",
    ),
    pytest.param(
        CH10,
        "          - text: 50 to 100 mg",
        "          - text: 1.5 TO 4.5 MG",
        "same text as choices[0]",
        id="choices-equal-after-normalising",
    ),
]


@pytest.mark.parametrize("rel, old, new, words", PYTHON_ONLY)
def test_cross_file_and_arithmetic_rules_are_python_only(validator, mini, rel, old, new, words):
    path = edit(mini, rel, old, new)
    issues = [str(i) for i in validate(mini)[1]]
    assert any(words in i for i in issues), issues
    assert schema_errors(validator, path) == []
