"""Cues in the choices: what lets a student who never read the card pick the key anyway.

Each check is one of the testwiseness flaws listed by the NBME item-writing manual (Case &
Swanson, "Constructing Written Test Questions for the Basic and Clinical Sciences", 3rd ed.
2002; Paniagua & Swygert, 4th ed. 2016, "technical item flaws: issues related to
testwiseness") and by Haladyna, Downing & Rodriguez (2002), "A review of multiple-choice
item-writing guidelines for classroom assessment", Applied Measurement in Education 15(3),
guidelines 25, 26 and 28.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ldn_tui.itemlint.context import LintContext
from ldn_tui.itemlint.findings import ERROR, WARNING
from ldn_tui.itemlint.items import Item, YamlPath
from ldn_tui.itemlint.registry import item_rule
from ldn_tui.itemlint.text import absolute_words, content_words, starts_with_vowel_sound, words

Hits = Iterable[tuple[YamlPath, str]]

_CHOICE_TYPES = ("single", "multiple")

_ALL_NONE = re.compile(
    r"\b(?:all|none|both|neither)\s+of\s+the\s+(?:above|(?:other\s+)?(?:options|choices|answers|statements))\b"
    r"|\ball\s+(?:the\s+)?above\b|^\s*(?:all|none|both|neither)\s+of\s+(?:these|those|them)\b"
    r"|^\s*(?:all|none)\s+(?:of\s+them\s+)?(?:are|is)\s+(?:correct|true|right)\b",
    re.IGNORECASE,
)


@item_rule(
    "all-none-above",
    ERROR,
    "a choice is 'all/none of the above'",
    "Haladyna et al. 2002, guidelines 25-26; NBME, 'none of the above'; CONTENT.md rule 8",
)
def all_none_above(item: Item, ctx: LintContext) -> Hits:
    """ "All of the above" is answered by spotting two true choices, "none of the above" tests
    only what is *not* true (Haladyna, Downing & Rodriguez 2002, guideline 25: use none-of-the-
    above carefully, 26: avoid all-of-the-above; NBME lists "none of the above" among the flaws
    that add irrelevant difficulty). The content standard bans both."""
    for k, c in enumerate(item.question.choices):
        m = _ALL_NONE.search(c.text)
        if m:
            yield (
                ("choices", k, "text"),
                (f"choice '{m.group(0).strip()}' is an all/none-of-the-above option; write a real alternative instead"),
            )


@item_rule(
    "absolute-words",
    WARNING,
    "absolute words (always, never, only...) appear in distractors only",
    "Haladyna et al. 2002, guideline 28a; NBME, 'absolute terms'",
)
def absolute_in_distractors(item: Item, ctx: LintContext) -> Hits:
    """Specific determiners such as always, never, only, all, none make a statement sweeping, and
    test-wise students learn that sweeping statements are usually wrong. When only distractors
    carry them, the key stands out (Haladyna et al. 2002, guideline 28a; NBME, "absolute terms"
    among the testwiseness flaws)."""
    if item.question.type not in _CHOICE_TYPES or not item.correct:
        return
    if any(absolute_words(c.text) for c in item.correct):
        return
    for k, c in enumerate(item.question.choices):
        found = absolute_words(c.text)
        if found and not c.correct and not _ALL_NONE.search(c.text):  # all-none-above reports those
            yield (
                ("choices", k, "text"),
                (
                    f"distractor says '{found[0]}' and no correct choice uses an absolute word: students learn to rule out"
                    " sweeping statements; qualify it, or word the key as firmly"
                ),
            )
            return


# -- grammar -----------------------------------------------------------------------------------

_STEM_ARTICLE = re.compile(r"\b(a|an)\s*(?:_{3,})?\s*[:.…]*\s*$", re.IGNORECASE)
_CLOZE_ARTICLE = re.compile(r"\b(a|an)\s+_{3,}", re.IGNORECASE)


def _agrees(article: str, text: str) -> bool | None:
    vowel = starts_with_vowel_sound(text)
    if vowel is None:
        return None
    return vowel if article.lower() == "an" else not vowel


@item_rule(
    "grammar-article",
    WARNING,
    "'a'/'an' before the blank or the choices fits only some answers",
    "Haladyna et al. 2002, guideline 28c; NBME, 'grammatical cues'",
)
def article_cue(item: Item, ctx: LintContext) -> Hits:
    """An article right before the answer tells which sound the answer starts with: "an ___"
    rules out every choice starting with a consonant (Haladyna et al. 2002, guideline 28c:
    grammatical inconsistencies that cue the key; NBME: "grammatical cues", one or more
    distractors do not follow grammatically from the stem)."""
    q = item.question
    if q.type == "cloze":
        m = _CLOZE_ARTICLE.search(q.prompt)
        if m:
            sound = "a vowel" if m.group(1).lower() == "an" else "a consonant"
            yield (
                ("prompt",),
                (
                    f"'{m.group(1)} ___' tells the student the answer starts with {sound} sound; write 'a(n)' or recast the sentence"
                ),
            )
        return
    if q.type not in _CHOICE_TYPES:
        return
    m = _STEM_ARTICLE.search(q.prompt.rstrip())
    if m is None:
        return
    article = m.group(1)
    if not all(_agrees(article, c.text) for c in item.correct):
        return
    for k, c in enumerate(q.choices):
        if not c.correct and _agrees(article, c.text) is False:
            yield (
                ("choices", k, "text"),
                (
                    f"the stem ends with '{article}', which fits the correct choice but not '{_short(c.text)}'; "
                    "end the stem before the article, or put the article in each choice"
                ),
            )
            return


_PLURAL_WORDS = frozenset(
    (
        "people",
        "children",
        "women",
        "men",
        "mice",
        "data",
        "criteria",
        "bacteria",
        "feet",
        "teeth",
        "microglia",
        "glia",
        "phenomena",
    )
)
_STEM_END_VERB = re.compile(r"\b(is|was|are|were)\s*(?:_{3,})?\s*[:.…]*\s*$", re.IGNORECASE)
#: "Which is ...", "What are ...", "Which of the following were ...": the verb agrees with the answer.
#: ("On which cells is naltrexone said to act" is not counted: there the verb agrees with naltrexone.)
_STEM_LEAD_IN = re.compile(
    r"\b(?:which|what)(?:\s+of\s+(?:the\s+following|these|those))?\s+(is|was|are|were)\b", re.IGNORECASE
)
_STEM_COUNTED = re.compile(r"\bwhich\s+(?:two|three|four|several)\b", re.IGNORECASE)


def _stem_number(prompt: str) -> str | None:
    m = _STEM_END_VERB.search(prompt.rstrip()) or _STEM_LEAD_IN.search(prompt)
    if m:
        return "plural" if m.group(1).lower() in ("are", "were") else "singular"
    if _STEM_COUNTED.search(prompt):
        return "plural"
    return None


def _choice_number(text: str) -> str | None:
    """ "plural" or "singular" for a short noun phrase; None when it is a clause or unclear."""
    ws = words(re.sub(r"\([^)]*\)", " ", text))
    if not ws or len(ws) > 6:
        return None
    if "and" in ws[1:-1]:
        return "plural"
    if ws[0].isdigit():
        return "singular" if ws[0] == "1" else "plural"
    head = ws[-1]
    if not head.isalpha():
        return None
    if head in _PLURAL_WORDS or (
        len(head) >= 4 and head.endswith("s") and not head.endswith(("ss", "us", "is", "ous"))
    ):
        return "plural"
    return "singular"


@item_rule(
    "grammar-number",
    WARNING,
    "only the correct choice agrees in number (singular/plural) with the stem",
    "Haladyna et al. 2002, guideline 28c; NBME, 'grammatical cues'",
)
def number_cue(item: Item, ctx: LintContext) -> Hits:
    """When the stem asks for a plural ("Which ... are ...") and only the key is plural, grammar
    gives the answer away (Haladyna et al. 2002, guideline 28c; NBME, "grammatical cues").
    Checked only on short noun-phrase choices, where singular or plural can be told reliably."""
    q = item.question
    if q.type not in _CHOICE_TYPES or not item.correct or not item.wrong:
        return
    wanted = _stem_number(q.prompt)
    if wanted is None or any(_choice_number(c.text) != wanted for c in item.correct):
        return
    known = [_choice_number(c.text) for c in item.wrong]
    if any(n is not None for n in known) and all(n is not None and n != wanted for n in known):
        yield (
            ("prompt",),
            (
                f"the stem asks for a {wanted} answer and only the correct choice is {wanted}; "
                f"make the distractors {wanted} too, or reword the stem"
            ),
        )


@item_rule(
    "stem-overlap",
    WARNING,
    "only the correct choice repeats words from the stem",
    "Haladyna et al. 2002, guideline 28b; NBME, 'word repeats'",
)
def stem_overlap(item: Item, ctx: LintContext) -> Hits:
    """A word or phrase shared by the stem and the key alone ("clang association", Haladyna et
    al. 2002, guideline 28b; NBME, "word repeats") points to the key. Content words are compared
    (no stop words, plurals folded)."""
    q = item.question
    if q.type not in _CHOICE_TYPES or not item.correct or not item.wrong:
        return
    stem = content_words(q.prompt)
    if any(content_words(c.text) & stem for c in item.wrong):
        return
    for k, c in enumerate(q.choices):
        shared = content_words(c.text) & stem
        if c.correct and shared:
            listed = ", ".join(f"'{w}'" for w in sorted(shared)[:4])
            yield (
                ("choices", k, "text"),
                (
                    f"the correct choice repeats {listed} from the stem and no distractor shares a word with it; "
                    "reword the key, or let distractors echo the stem too"
                ),
            )
            return


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
