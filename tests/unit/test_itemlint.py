"""The item-writing rules of `ldn-study lint`, one fixture per rule.

Every test starts from tests/fixtures/lint/clean (a small bank that breaks no rule: the first
test proves it) and adds one flaw in a chapter of its own, written to tmp_path; the rule must
report it at the right line, and nothing else may fire. So each test fails without its rule.
The validator's check for text YAML silently cut at ` #` is at the end.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from ldn_tui.content import load_content, validate
from ldn_tui.content.model import Choice, Content, Objective
from ldn_tui.itemlint import ERROR, RULES, WARNING, lint, load_rules
from ldn_tui.itemlint.report import json_report, text_report
from ldn_tui.itemlint.stats import bank_stats
from ldn_tui.itemlint.text import starts_with_vowel_sound
from ldn_tui.itemlint.vignette import is_vignette

CLEAN = Path(__file__).resolve().parents[1] / "fixtures" / "lint" / "clean"

EXTRA = """\
chapter:
  id: extra
  title: Extra
  order: 90
  summary: Questions added by one test.
cards:
  - id: extra.card
    title: An extra card
    kind: orientation
    body: |
{body}
    quiz:
{quiz}
"""


def bank(tmp_path: Path, quiz: str = "", *, body: str = "A card added by the test.") -> Path:
    """A copy of the clean bank, plus a chapter holding `quiz` (YAML list items) when given."""
    root = tmp_path / "content"
    shutil.copytree(CLEAN, root)
    if quiz:
        text = EXTRA.format(
            quiz=textwrap.indent(textwrap.dedent(quiz).strip("\n"), " " * 6), body=textwrap.indent(body, " " * 6)
        )
        (root / "chapters" / "90-extra.yaml").write_text(text, encoding="utf-8")
    return root


def run(root: Path, **kwargs):
    return lint(load_content(root, use_cache=False, lines=True), root=str(root), **kwargs)


def fired(result) -> set[str]:
    return {f.rule for f in result.findings}


def line_of(root: Path, needle: str, file: str = "90-extra.yaml") -> int:
    lines = (root / "chapters" / file).read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def lines_of(root: Path, needle: str, file: str = "90-extra.yaml") -> list[int]:
    lines = (root / "chapters" / file).read_text(encoding="utf-8").splitlines()
    return [n for n, text in enumerate(lines, 1) if needle in text]


def only(result, rule: str):
    """The findings of `rule`, after checking that no other rule fired."""
    assert fired(result) == {rule}, [str(f) for f in result.findings]
    return [f for f in result.findings if f.rule == rule]


# -- the baseline ------------------------------------------------------------------------------


def test_the_clean_bank_breaks_no_rule():
    result = run(CLEAN)
    assert result.findings == [], [str(f) for f in result.findings]
    assert len(result.items) == 9


def test_every_rule_has_an_id_severity_summary_source_and_a_docstring_citing_it():
    rules = load_rules()
    assert len(rules) >= 18
    for rule in rules.values():
        assert rule.severity in (ERROR, WARNING)
        assert rule.summary and rule.source
        check = rule.item_check or rule.bank_check
        assert check is not None and check.__doc__
        cited = ("Haladyna", "NBME", "CONTENT.md", "issue 14")
        assert any(c in rule.source for c in cited), rule.id
        assert any(c in check.__doc__ for c in cited), rule.id


# -- cues --------------------------------------------------------------------------------------


def test_all_or_none_of_the_above(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: Which licence does naltrexone hold in most countries?
          choices:
            - {text: Opioid dependence, correct: true, why: Licensed since 1984 at 50 mg.}
            - {text: Chronic pain, why: That use is off-label.}
            - {text: None of the above, why: A licence exists.}
          explanation: Off-label use is common.
    """,
    )
    [f] = only(run(root), "all-none-above")
    assert f.severity == ERROR and f.line == line_of(root, "None of the above")
    assert "choices[2].text" in f.subject


def test_absolute_words_only_in_distractors(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: What do the trials report about sleep on naltrexone at low dose?
          choices:
            - {text: Some people report vivid dreams, correct: true, why: Reported in the trials.}
            - {text: It always causes insomnia in everyone, why: Most people sleep as before.}
            - {text: Sleep improves for about half, why: No trial measured that.}
          explanation: Dreams are the usual report.
    """,
    )
    [f] = only(run(root), "absolute-words")
    assert f.severity == WARNING and f.line == line_of(root, "It always causes")
    assert "'always'" in f.message


def test_absolute_words_in_the_key_too_are_no_cue(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: What is true of naltrexone and opioid painkillers?
          choices:
            - {text: Never start it while taking them, correct: true, why: It would bring on withdrawal.}
            - {text: Always take both together, why: They would cancel out.}
            - {text: Space the two doses a few hours apart, why: Spacing does not prevent the blockade.}
          explanation: Naltrexone blocks opioid receptors.
    """,
    )
    assert run(root).findings == []


def test_an_before_the_choices_fits_only_the_key(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: At the opioid receptor, naltrexone acts as an
          choices:
            - {text: antagonist, correct: true, why: It blocks the receptor.}
            - {text: full agonist, why: That would activate the receptor.}
            - {text: partial agonist, why: That would partly activate it.}
          explanation: It is an opioid antagonist.
    """,
    )
    [f] = only(run(root), "grammar-article")
    assert f.line == line_of(root, "full agonist")
    assert "ends with 'an'" in f.message


def test_a_or_an_before_a_cloze_blank(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: cloze
          prompt: A study that gives every participant LDN and then placebo is called a ___ trial.
          answers: ["crossover"]
          explanation: Each is their own control.
    """,
    )
    [f] = only(run(root), "grammar-article")
    assert f.line == line_of(root, "is called a ___ trial") and "consonant" in f.message


def test_vowel_sounds():
    assert starts_with_vowel_sound("antagonist") and starts_with_vowel_sound("hour-long wait")
    assert starts_with_vowel_sound("MS patient") and starts_with_vowel_sound("8-week trial")
    assert starts_with_vowel_sound("11 women")
    assert not starts_with_vowel_sound("university study") and not starts_with_vowel_sound("one-off dose")
    assert not starts_with_vowel_sound("GP") and not starts_with_vowel_sound("10-week trial")


def test_only_the_key_agrees_in_number_with_the_stem(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: The effects most often reported in the first weeks of LDN are
          choices:
            - {text: vivid dreams, correct: true, why: Reported in most trials.}
            - {text: a headache, why: "Reported, but less often."}
            - {text: a weight gain, why: Not reported as common.}
          explanation: Dreams lead the list.
    """,
    )
    [f] = only(run(root), "grammar-number")
    assert f.line == line_of(root, "prompt: The effects most often") and "plural" in f.message


def test_number_agreement_that_other_choices_share_is_no_cue(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: The effects most often reported in the first weeks of LDN are
          choices:
            - {text: vivid dreams, correct: true, why: Reported in most trials.}
            - {text: headaches, why: "Reported, but less often."}
            - {text: a weight gain, why: Not reported as common.}
          explanation: Dreams lead the list.
    """,
    )
    assert run(root).findings == []


def test_only_the_key_repeats_a_stem_word(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: Which receptor does naltrexone block?
          choices:
            - {text: The opioid receptor, correct: true, why: It binds opioid receptors without activating them.}
            - {text: Dopamine D2, why: That is the target of antipsychotics.}
            - {text: The histamine H1 site, why: That is the target of antihistamines.}
          explanation: It is an opioid antagonist.
    """,
    )
    [f] = only(run(root), "stem-overlap")
    assert f.line == line_of(root, "The opioid receptor") and "'receptor'" in f.message


# -- length ------------------------------------------------------------------------------------


def test_the_key_is_the_longest_choice(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: What did the 2009 pilot find on fibromyalgia symptoms?
          choices:
            - {text: They fell more on LDN than on placebo given first, correct: true, why: Placebo always came first.}
            - {text: No change, why: Symptoms did change.}
            - {text: They rose, why: They fell.}
          explanation: A small pilot.
    """,
    )
    [f] = only(run(root), "longest-correct")
    assert f.severity == WARNING and f.line == line_of(root, "They fell more on LDN")
    assert "49 characters" in f.message


def test_every_correct_choice_of_a_multiple_item_is_longer_than_every_distractor(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: multiple
          prompt: Which describe the 2013 Stanford trial?
          choices:
            - {text: Randomised and double-blind throughout, correct: true, why: Both were reported.}
            - {text: A crossover of LDN and placebo in turn, correct: true, why: Each woman had both.}
            - {text: Open-label, why: It was blinded.}
            - {text: In men, why: It enrolled women.}
          explanation: A small but well-designed trial.
    """,
    )
    [f] = only(run(root), "longest-correct")
    assert "every correct choice" in f.message


def test_bank_wide_longest_share_far_above_chance(tmp_path):
    items = "\n".join(
        f"""
        - id: q{n}
          type: single
          prompt: Question number {n} about a topic of its own, {"x" * n}?
          choices:
            - {{text: The correct answer written out at length {n}, correct: true, why: Right because {n}.}}
            - {{text: Short {n}, why: Wrong because {n}.}}
            - {{text: Brief {n}, why: Wrong too because {n}.}}
          explanation: Explanation {n}."""
        for n in range(1, 13)
    )
    result = run(bank(tmp_path, items))
    assert fired(result) == {"longest-correct", "longest-share"}
    [f] = [f for f in result.findings if f.rule == "longest-share"]
    assert f.severity == ERROR and f.line == 0 and f.file == str(tmp_path / "content")
    assert "13 of 15 authored" in f.message and "chance gives" in f.message


def test_a_few_long_keys_are_not_a_bank_wide_problem(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: What did the 2009 pilot find on fibromyalgia symptoms?
          choices:
            - {text: They fell more on LDN than on placebo given first, correct: true, why: Placebo always came first.}
            - {text: No change, why: Symptoms did change.}
            - {text: They rose, why: They fell.}
          explanation: A small pilot.
    """,
    )
    assert "longest-share" not in fired(run(root))  # 2 of 4 long keys: above chance, but noise (z < 2)


# -- leaks -------------------------------------------------------------------------------------


def test_raw_reference_and_source_ids(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: How many women did younger2009 enrol?
          choices:
            - {text: "10", correct: true, why: "Source 003 and src:001 both give ten."}
            - {text: "31", why: "That is 003's figure for the 2013 trial."}
            - {text: "99", why: That is the later FINAL trial.}
          explanation: A pilot of ten women.
    """,
    )
    found = only(run(root), "raw-id")
    by_line = {(f.line, f.message.split("'")[1]) for f in found}
    assert (line_of(root, "How many women"), "younger2009") in by_line
    assert (line_of(root, "Source 003 and"), "003") in by_line
    assert (line_of(root, "Source 003 and"), "src:001") in by_line
    assert (line_of(root, "003's figure"), "003") in by_line
    ref = next(f for f in found if "younger2009" in f.message)
    assert "Younger & Mackey 2009" in ref.message and ref.severity == ERROR
    src = next(f for f in found if "'003'" in f.message)
    assert "Possibly a Major Breakthrough" in src.message


def test_numbers_that_only_look_like_ids_are_not_flagged(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: How small was the p value reported in the mid-1980s study?
          choices:
            - {text: p = 0.001, correct: true, why: As the 1988 report gives it.}
            - {text: p = 0.05, why: Larger than reported.}
            - {text: p = 0.5, why: Far larger than reported.}
          explanation: A value of 1,001 or 2001 is not an id either.
    """,
    )
    assert "raw-id" not in fired(run(root))


def test_raw_ids_in_a_card_body(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: Naltrexone blocks opioid receptors.
          answer: true
          explanation: It is an antagonist.
    """,
        body="The trial in src:003 was small.",
    )
    [f] = only(run(root), "raw-id-card")
    assert f.line == line_of(root, "body: |") and "extra.card body" in f.subject


def test_stem_refers_to_this_card(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: The doses named on this card are all below 5 mg.
          answer: true
          explanation: All are low doses.
    """,
    )
    [f] = only(run(root), "card-reference")
    assert f.severity == ERROR and f.line == line_of(root, "on this card")


# -- structure ---------------------------------------------------------------------------------


def test_multiple_answer_with_one_wrong_choice_or_none(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: multiple
          prompt: Which happen to a dose of naltrexone in the body?
          choices:
            - {text: It is absorbed by the gut, correct: true, why: It is taken by mouth.}
            - {text: It is turned into 6-beta-naltrexol, correct: true, why: The main metabolite.}
            - {text: It stays unchanged for weeks, why: It is cleared within a day.}
          explanation: Absorbed, then metabolised.
        - id: q2
          type: multiple
          prompt: Which of these are opioid antagonists?
          choices:
            - {text: Naltrexone, correct: true, why: Taken by mouth.}
            - {text: Naloxone, correct: true, why: Given by injection or spray.}
          explanation: Both block opioid receptors.
    """,
    )
    found = only(run(root), "multiple-choices")
    assert [f.line for f in found] == lines_of(root, "choices:")
    assert "only 1 of 3" in found[0].message and "all 2 choices are correct" in found[1].message


def test_order_items_numbered_or_lettered(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: order
          prompt: Put the steps of starting LDN in order.
          items: ["1. Check for opioid use", "b) Start at a low dose", "Finally, review after three months"]
          explanation: Safety first.
    """,
    )
    found = only(run(root), "order-numbered")
    assert [f.message.split("'")[1] for f in found] == ["1.", "b)", "Finally,"]
    assert [f.subject.split(" ")[1] for f in found] == ["items[0]", "items[1]", "items[2]"]


def test_a_why_that_is_a_placeholder(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: Which drug is naltrexone closest to in structure?
          choices:
            - {text: Naloxone, correct: true, why: Both are opioid antagonists of the same family.}
            - {text: Morphine, why: TODO}
            - {text: Ibuprofen, why: "-"}
          explanation: Naloxone and naltrexone differ by one group.
    """,
    )
    found = only(run(root), "why-missing")
    assert [f.line for f in found] == [line_of(root, "why: TODO"), line_of(root, 'why: "-"')]


def test_a_choice_built_without_a_why():
    """The loader rejects an empty `why`; questions built in code (generated ones) can still lack one."""
    content = load_content(CLEAN, use_cache=False, lines=True)
    card = content.chapters[0].cards[0]
    q = replace(card.quiz[0], choices=(*card.quiz[0].choices[:2], Choice("150 to 300 mg", False, "")))
    chapter = replace(
        content.chapters[0], cards=(replace(card, quiz=(q, *card.quiz[1:])), *content.chapters[0].cards[1:])
    )
    found = lint(replace(content, chapters=(chapter,)), root=str(CLEAN)).findings
    assert [f.rule for f in found] == ["why-missing"] and "says 'nothing'" in found[0].message


def test_a_why_that_only_says_correct(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: single
          prompt: Which drug is naltrexone closest to in structure?
          choices:
            - {text: Naloxone, correct: true, why: Correct.}
            - {text: Morphine, why: This is incorrect.}
            - {text: Ibuprofen, why: Ibuprofen.}
          explanation: Naloxone and naltrexone differ by one group.
    """,
    )
    found = only(run(root), "why-bare")
    assert len(found) == 3 and all(f.severity == ERROR for f in found)


# -- bank --------------------------------------------------------------------------------------


def test_true_false_balance_per_chapter(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: LDN is licensed for fibromyalgia.
          answer: false
          explanation: It is off-label.
        - id: q2
          type: true-false
          prompt: LDN cures multiple sclerosis.
          answer: false
          explanation: No trial shows that.
        - id: q3
          type: true-false
          prompt: Naltrexone is an opioid agonist.
          answer: false
          explanation: It is an antagonist.
    """,
    )
    [f] = only(run(root), "tf-balance")
    assert f.severity == ERROR and f.subject == "extra" and f.line == line_of(root, "chapter:")
    assert "3 of 3" in f.message and "1-2 of 3" in f.message


def test_near_duplicate_stems_name_both_places(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: In a crossover trial, each participant receives both of the treatments.
          answer: true
          explanation: Each person is their own control.
    """,
    )
    [f] = only(run(root), "near-duplicate")
    assert f.line == line_of(root, "In a crossover trial")
    assert (
        "basics.trials/q2" in f.message
        and f"10-basics.yaml:{line_of(root, 'In a crossover trial each', '10-basics.yaml')}" in f.message
    )


def test_a_reworded_stem_is_still_a_near_duplicate(tmp_path):
    """Seven shared content words of 7 and 9: Jaccard 0.78 would let it pass, Dice (0.88) does not."""
    root = bank(
        tmp_path,
        """
        - id: q1
          type: cloze
          prompt: Which daily dose range is usually meant by low-dose naltrexone in published trials? ___
          answers: ["1.5 to 4.5 mg"]
          explanation: The range the trials used.
    """,
    )
    [f] = only(run(root), "near-duplicate")
    assert "basics.dose/q1" in f.message and re.search(r"token similarity 0\.8\d", f.message)


# -- objectives (active once the content declares objectives or a question names one) -----------


def _with_objectives(content: Content, objectives: dict[str, str | None], declared: list[str]) -> Content:
    chapters = []
    for ch in content.chapters:
        cards = []
        for card in ch.cards:
            quiz = tuple(replace(q, objective=objectives.get(q.uid)) for q in card.quiz)
            cards.append(replace(card, quiz=quiz))
        chapters.append(replace(ch, cards=tuple(cards)))
    learning = tuple(Objective(o, f"The student can {o}.", line=n) for n, o in enumerate(declared, 1))
    return replace(content, chapters=tuple(chapters), objectives=learning)


def test_objective_rules_stay_silent_while_questions_have_no_objective():
    result = run(CLEAN)
    assert result.items[0].question.objective is None and not result.context.content.objectives
    assert not {"objective-missing", "objective-coverage"} & fired(result)


def test_every_question_names_an_objective_and_every_objective_has_three():
    content = load_content(CLEAN, use_cache=False, lines=True)
    uids = [q.uid for q in content.questions]
    mapping = {uid: "dose-ranges" for uid in uids[:4]} | {uid: "trial-design" for uid in uids[4:6]}
    found = lint(
        _with_objectives(content, mapping, ["dose-ranges", "trial-design", "never-tested"]), root=str(CLEAN)
    ).findings
    missing = [f for f in found if f.rule == "objective-missing"]
    assert sorted(f.subject for f in missing) == sorted(uids[6:])
    coverage = {f.subject: f for f in found if f.rule == "objective-coverage"}
    assert set(coverage) == {"trial-design", "never-tested"}
    assert "2 questions" in coverage["trial-design"].message and "0 questions" in coverage["never-tested"].message
    assert coverage["never-tested"].line == 3


# -- stats and reports -------------------------------------------------------------------------


def test_stats_of_the_clean_bank():
    result = run(CLEAN)
    stats = bank_stats(result.items, result.context, generated_included=False)
    assert stats.authored == 9 and stats.by_type == {
        "single": 2,
        "multiple": 1,
        "true-false": 4,
        "cloze": 1,
        "order": 1,
    }
    [chapter] = stats.chapters
    assert (chapter.tf, chapter.tf_false, chapter.tf_ok) == (4, 2, True)
    assert stats.longest.items == 3 and stats.longest.observed == 1
    # basics.dose/q1 has two longest choices (a tie: no "longest choice"), basics.trials/q1 one of
    # three, basics.dose/q6 (multiple, 2 of 4 correct) one of four.
    assert stats.longest.chance == pytest.approx((0 + 1 / 3 + 2 / 4) / 3)
    assert stats.objectives is None and stats.vignettes == 0


def test_stats_include_generated_questions_when_asked():
    result = run(CLEAN, include_generated=True)
    stats = bank_stats(result.items, result.context, generated_included=True)
    # One evidence question and one certainty question: the crossover trial's claim names its own
    # design ("In a crossover trial ..."), so no "what kind of evidence" question is made of it.
    assert stats.generated == 2
    assert stats.longest_generated is not None and stats.longest_generated.items == 2


@pytest.mark.parametrize(
    "stem, expected",
    [
        (
            "A 45-year-old woman with fibromyalgia asks whether she can start LDN while taking tramadol for back pain.",
            True,
        ),
        (
            "Mrs Patel, who takes levothyroxine for Hashimoto's thyroiditis, asks her pharmacist about starting LDN at night.",
            True,
        ),
        (
            "A man in his fifties with multiple sclerosis reports vivid dreams two weeks after starting 4.5 mg at night.",
            True,
        ),
        (
            "The Stanford trial enrolled 31 women with fibromyalgia and gave each LDN and placebo in random order.",
            False,
        ),
        ("A patient with MS asks whether LDN is safe to take with her other medicines this week.", True),
        ("A patient asks whether LDN is safe to take with other medicines and what dose to start on.", False),
        ("A 45-year-old woman asks about LDN.", False),  # too short to present a situation
    ],
)
def test_vignette_heuristic(stem, expected):
    assert is_vignette(stem) is expected


def test_text_and_json_reports(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: The doses named on this card are all below 5 mg.
          answer: true
          explanation: All are low doses.
    """,
    )
    result = run(root)
    text = text_report(result)
    first = text.splitlines()[0]
    assert first.endswith("[error]") and ": card-reference: extra.card/q1 prompt: the stem refers to" in first
    assert f"90-extra.yaml:{line_of(root, 'on this card')}:" in first
    assert "1 error, 0 warnings in 10 questions" in text
    strict = text_report(result, strict=True)
    assert "1 error, 0 warnings" in strict
    data = json.loads(json_report(result))
    assert data["errors"] == 1 and data["by_rule"]["card-reference"] == 1
    assert data["findings"][0]["line"] == line_of(root, "on this card")


def test_only_files_keeps_findings_of_those_files(tmp_path):
    root = bank(
        tmp_path,
        """
        - id: q1
          type: true-false
          prompt: The doses named on this card are all below 5 mg.
          answer: true
          explanation: All are low doses.
    """,
    )
    content = load_content(root, use_cache=False, lines=True)
    assert lint(content, root=str(root), only_files=[str(root / "chapters" / "10-basics.yaml")]).findings == []
    assert len(lint(content, root=str(root), only_files=[str(root / "chapters" / "90-extra.yaml")]).findings) == 1


def test_all_rules_are_covered_by_a_test_here():
    """A new rule needs its fixture test in this file."""
    source = Path(__file__).read_text(encoding="utf-8")
    untested = [r for r in RULES if f'"{r}"' not in source]
    assert untested == []


# -- the validator: text YAML silently cut at ` #` ---------------------------------------------


def _chapter_with(tmp_path: Path, why_line: str) -> Path:
    root = bank(tmp_path)
    path = root / "chapters" / "10-basics.yaml"
    text = path.read_text(encoding="utf-8")
    old = "why: This is the range the trials of LDN have used."
    assert old in text
    path.write_text(text.replace(old, why_line), encoding="utf-8")
    return root


def test_validator_reports_text_cut_at_a_hash(tmp_path):
    root = _chapter_with(tmp_path, "why: Trials name it the #1 dose range for LDN.")
    content, issues = validate(root)
    [issue] = issues
    assert issue.line == line_of(root, "the #1 dose range", "10-basics.yaml")
    assert issue.path == "cards[0].quiz[0].choices[0].why"
    assert "cut at ' #'" in issue.message and "'Trials name it the'" in issue.message and "quotes" in issue.message
    # The card is still built and checked: the problem is the text, not the structure.
    assert content is not None and len(content.questions) == 9


def test_validator_accepts_quoted_hashes_and_one_word_comments(tmp_path):
    root = _chapter_with(tmp_path, 'why: "Trials name it the #1 dose range for LDN."')
    path = root / "chapters" / "10-basics.yaml"
    text = path.read_text(encoding="utf-8").replace("kind: dosing", "kind: dosing   # orientation|history|dosing")
    path.write_text(text, encoding="utf-8")
    content, issues = validate(root)
    assert issues == []
    assert content is not None and content.questions[0].choices[0].why == "Trials name it the #1 dose range for LDN."


def test_validator_reports_a_hash_glued_to_a_one_word_value(tmp_path):
    root = _chapter_with(tmp_path, "why: Rated #2.")
    _, issues = validate(root)
    assert [i.line for i in issues] == [line_of(root, "Rated #2.", "10-basics.yaml")]
