"""Grading: a response to a `Question` becomes a `Grade` (score 0..1 plus everything to explain it).

Responses are given in terms of the question as authored (the engine translates what was shown
shuffled back to these before calling `grade`):

| type | response |
|---|---|
| single | index into `question.choices`, or the choice's text; None = no answer |
| multiple | iterable of indices or texts |
| true-false | bool, or "true"/"false"/"t"/"f"/"yes"/"no" |
| cloze | str |
| order | sequence of indices into `question.items` (the correct order) or item texts, in the order the student put them |

Scores:

- single, true-false: 1 or 0.
- multiple: `(right picks - wrong picks) / number of right choices`, floored at 0. Picking every
  choice therefore never scores well, and a pick-nothing answer scores 0.
- order: `(L - 1) / (n - 1)` where L is the longest run of items the student placed in the right
  relative order (longest increasing subsequence, not necessarily adjacent). A fully reversed
  list scores 0, one item out of place in five scores 0.75. (Plain `L / n` would give a reversed
  list 1/n, credit for nothing.)
- cloze: 1 or 0, matched forgivingly (see `cloze_matches`).

`correct` is `score == 1`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ldn_tui.content.labels import CERTAINTY, EVIDENCE
from ldn_tui.content.model import Card, Claim, Question

BLANK = re.compile(r"_{3,}")


@dataclass(frozen=True, slots=True)
class ChoiceFeedback:
    """One choice's explanation, for a choice the student picked or one that was right."""

    index: int  # in question.choices (as authored)
    text: str
    why: str
    correct: bool
    picked: bool


@dataclass(frozen=True, slots=True)
class OrderFeedback:
    """Where the student put one item of an order question."""

    text: str
    given_position: int | None  # 1-based; None if left out
    correct_position: int  # 1-based
    in_sequence: bool  # part of the longest correctly ordered run (shown as "in place")


@dataclass(frozen=True, slots=True)
class Grade:
    question_uid: str
    type: str
    score: float  # 0..1
    correct: bool  # score == 1
    answer: Any  # the response as stored: texts, bool or str (JSON-able)
    response_text: str  # the student's answer, as display text
    correct_answer: str  # the right answer, as display text
    explanation: str  # the question's explanation
    #: single/multiple: the picked choices (in shown order of the authored list), then the
    #: correct choices that were not picked; each with its `why`.
    feedback: tuple[ChoiceFeedback, ...] = ()
    #: order: every item, in the correct order, with where the student put it.
    order_feedback: tuple[OrderFeedback, ...] = ()
    #: cloze: every accepted answer (the first is the one shown).
    accepted: tuple[str, ...] = ()
    #: the claim this question tests, if any (its evidence and certainty labels).
    claim: Claim | None = None

    @property
    def partial(self) -> bool:
        return 0.0 < self.score < 1.0

    @property
    def evidence(self) -> str | None:
        return self.claim.evidence if self.claim else None

    @property
    def certainty(self) -> str | None:
        return self.claim.certainty if self.claim else None

    @property
    def evidence_label(self) -> str | None:
        """The evidence label's display name, e.g. "Randomised controlled trial"."""
        return EVIDENCE.get(self.claim.evidence) if self.claim else None

    @property
    def certainty_label(self) -> str | None:
        if not self.claim or not self.claim.certainty:
            return None
        return CERTAINTY.get(self.claim.certainty, "").split(":")[0] or None


class InvalidResponse(ValueError):
    """A response that does not fit the question (wrong type, unknown choice)."""


def grade(question: Question, response: Any, *, card: Card | None = None) -> Grade:
    """Grade `response` to `question`. `card` (the question's card) supplies the linked claim."""
    claim = card.claim(question.claim) if (card is not None and question.claim) else None
    fn = _GRADERS.get(question.type)
    if fn is None:
        raise ValueError(f"unknown question type {question.type!r}")
    return fn(question, response, claim)


# --- single / multiple ------------------------------------------------------------------------


def _choice_index(question: Question, pick: Any) -> int:
    if isinstance(pick, bool):
        raise InvalidResponse(f"{question.uid}: expected a choice index or text, got {pick!r}")
    if isinstance(pick, int):
        if 0 <= pick < len(question.choices):
            return pick
        raise InvalidResponse(f"{question.uid}: no choice number {pick}")
    if isinstance(pick, str):
        for i, c in enumerate(question.choices):
            if c.text == pick:
                return i
        raise InvalidResponse(f"{question.uid}: no choice {pick!r}")
    raise InvalidResponse(f"{question.uid}: expected a choice index or text, got {pick!r}")


def _choice_feedback(question: Question, picked: set[int]) -> tuple[ChoiceFeedback, ...]:
    out = [ChoiceFeedback(i, c.text, c.why, c.correct, True) for i, c in enumerate(question.choices) if i in picked]
    out += [
        ChoiceFeedback(i, c.text, c.why, c.correct, False)
        for i, c in enumerate(question.choices)
        if c.correct and i not in picked
    ]
    return tuple(out)


def _grade_single(question: Question, response: Any, claim: Claim | None) -> Grade:
    idx = None if response is None else _choice_index(question, response)
    right = [c for c in question.choices if c.correct]
    score = 1.0 if idx is not None and question.choices[idx].correct else 0.0
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score == 1.0,
        answer=None if idx is None else question.choices[idx].text,
        response_text="(no answer)" if idx is None else question.choices[idx].text,
        correct_answer=right[0].text if right else "",
        explanation=question.explanation,
        feedback=_choice_feedback(question, set() if idx is None else {idx}),
        claim=claim,
    )


def multiple_score(hits: int, false_picks: int, n_correct: int) -> float:
    """`(hits - false picks) / n_correct`, floored at 0."""
    if n_correct <= 0:
        return 0.0
    return max(0.0, (hits - false_picks) / n_correct)


def _grade_multiple(question: Question, response: Any, claim: Claim | None) -> Grade:
    if response is None:
        picks: list[Any] = []
    elif isinstance(response, (str, int)):
        picks = [response]
    else:
        picks = list(response)
    picked = {_choice_index(question, p) for p in picks}
    correct_idx = {i for i, c in enumerate(question.choices) if c.correct}
    score = multiple_score(len(picked & correct_idx), len(picked - correct_idx), len(correct_idx))
    texts = [question.choices[i].text for i in sorted(picked)]
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score >= 1.0,
        answer=texts,
        response_text="; ".join(texts) if texts else "(no answer)",
        correct_answer="; ".join(question.choices[i].text for i in sorted(correct_idx)),
        explanation=question.explanation,
        feedback=_choice_feedback(question, picked),
        claim=claim,
    )


# --- true / false -----------------------------------------------------------------------------

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}


def _as_bool(question: Question, response: Any) -> bool | None:
    if response is None or isinstance(response, bool):
        return response
    if isinstance(response, str):
        r = response.strip().lower()
        if r in _TRUE:
            return True
        if r in _FALSE:
            return False
    raise InvalidResponse(f"{question.uid}: expected true or false, got {response!r}")


def _grade_true_false(question: Question, response: Any, claim: Claim | None) -> Grade:
    value = _as_bool(question, response)
    score = 1.0 if value is not None and value == question.answer else 0.0
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score == 1.0,
        answer=value,
        response_text="(no answer)" if value is None else ("True" if value else "False"),
        correct_answer="True" if question.answer else "False",
        explanation=question.explanation,
        claim=claim,
    )


# --- cloze ------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_ALIASES = {
    "mcg": "ug",
    "microgram": "ug",
    "micrograms": "ug",
    "milligram": "mg",
    "milligrams": "mg",
}
_RANGE = re.compile(r"(?<=\d)\s*(?:-|\bto\b)\s*(?=\d)")
_LEADING_POINT = re.compile(r"(?<![\d.])\.(?=\d)")
_SPLIT_NUM = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_DECIMAL = re.compile(r"^(\d+)\.(\d*?)0+$")


def cloze_tokens(text: str) -> list[str]:
    """Normalise text to comparable tokens.

    NFKC + case-folding, accents dropped, every dash to "-", "18 to 20" to "18-20",
    punctuation and symbols dropped (but "4.5", "1,963" and "3-4.5" keep the mark between
    digits), numbers split from units
    ("4.5mg" -> "4.5", "mg"), a few unit spellings unified (mcg/microgram -> ug), and trailing
    decimal zeros dropped ("4.50" -> "4.5").
    """
    t = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    t = "".join(ch for ch in unicodedata.normalize("NFKD", t) if not unicodedata.combining(ch))
    t = _RANGE.sub("-", t)
    t = _LEADING_POINT.sub("0.", t)
    chars: list[str] = []
    for i, ch in enumerate(t):
        cat = unicodedata.category(ch)
        if cat[0] in "PS":
            keep = ch in ".,-" and 0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit()
            chars.append(ch if keep else " ")
        else:
            chars.append(ch)
    tokens: list[str] = []
    for tok in _SPLIT_NUM.sub(" ", "".join(chars)).split():
        tok = _ALIASES.get(tok, tok)
        m = _DECIMAL.match(tok)
        if m:
            tok = m.group(1) + ("." + m.group(2) if m.group(2) else "")
        tokens.append(tok)
    return tokens


#: Greek letters a student may type as a Latin letter or spell out (µg/ug, μ-opioid/mu-opioid,
#: 6β-naltrexol/6-beta-naltrexol). NFKC has already turned the micro sign into Greek mu.
_GREEK = {"μ": ("u", "mu"), "β": ("b", "beta"), "α": ("a", "alpha"), "δ": ("d", "delta"), "κ": ("k", "kappa")}


def _variants(joined: str) -> set[str]:
    """The text with Greek letters as Latin letters, and with them spelled out."""
    if not any(g in joined for g in _GREEK):
        return {joined}
    short, long_ = joined, joined
    for g, (s, spelled) in _GREEK.items():
        short, long_ = short.replace(g, s), long_.replace(g, spelled)
    return {short, long_}


def cloze_matches(response: str, answers: Sequence[str], prompt: str = "") -> bool:
    """Whether `response` matches any accepted answer.

    Ignores case, spacing, punctuation, accents and unicode look-alikes (µ/u/mu, β/beta,
    en-dash; "18 to 20" = "18-20"). The
    student may also repeat words that stand right next to the blank in the prompt: for
    "A typical dose is ___ mg at night", "4.5 mg" and "4.5mg" match the answer "4.5" (up to three
    words either side). A unit that is *not* in the prompt is not assumed: if the answer is
    "4.5 mg" and the prompt has no "mg", "4.5" does not match unless it is listed as an answer.
    Numbers are compared as written apart from trailing decimal zeros ("4.50" = "4.5", but
    "1,963" != "1963").
    """
    resp = cloze_tokens(response)
    if not resp:
        return False
    before, after = _context(prompt)
    resp_variants = _variants("".join(resp))
    for ans in answers:
        a = cloze_tokens(ans)
        if not a:
            continue
        for i in range(len(before) + 1):
            for j in range(len(after) + 1):
                joined = "".join(before[len(before) - i :] + a + after[:j])
                if _variants(joined) & resp_variants:
                    return True
    return False


def _context(prompt: str) -> tuple[list[str], list[str]]:
    m = BLANK.search(prompt or "")
    if not m:
        return [], []
    return cloze_tokens(prompt[: m.start()])[-3:], cloze_tokens(prompt[m.end() :])[:3]


def _grade_cloze(question: Question, response: Any, claim: Claim | None) -> Grade:
    if response is not None and not isinstance(response, str):
        raise InvalidResponse(f"{question.uid}: expected text, got {response!r}")
    text = (response or "").strip()
    score = 1.0 if text and cloze_matches(text, question.answers, question.prompt) else 0.0
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score == 1.0,
        answer=text,
        response_text=text or "(no answer)",
        correct_answer=question.answers[0] if question.answers else "",
        explanation=question.explanation,
        accepted=tuple(question.answers),
        claim=claim,
    )


# --- order ------------------------------------------------------------------------------------


def _lis_members(seq: Sequence[int]) -> set[int]:
    """Indices (into seq) of one longest strictly increasing subsequence."""
    n = len(seq)
    if n == 0:
        return set()
    length = [1] * n
    prev = [-1] * n
    for i in range(n):
        for j in range(i):
            if seq[j] < seq[i] and length[j] + 1 > length[i]:
                length[i], prev[i] = length[j] + 1, j
    k = max(range(n), key=lambda i: length[i])
    out = set()
    while k != -1:
        out.add(k)
        k = prev[k]
    return out


def order_score(positions: Sequence[int], n: int) -> float:
    """`(L - 1) / (n - 1)`, L = longest correctly ordered subsequence of `positions`."""
    if n <= 1:
        return 1.0 if len(positions) == n else 0.0
    lis = len(_lis_members(positions))
    return max(0.0, (lis - 1) / (n - 1))


def _grade_order(question: Question, response: Any, claim: Claim | None) -> Grade:
    items = question.items
    if response is None:
        response = []
    if isinstance(response, str):
        raise InvalidResponse(f"{question.uid}: expected a sequence of items")
    positions: list[int] = []
    seen: set[int] = set()
    for r in response:
        if isinstance(r, bool):
            raise InvalidResponse(f"{question.uid}: bad item {r!r}")
        if isinstance(r, int):
            if not 0 <= r < len(items):
                raise InvalidResponse(f"{question.uid}: no item number {r}")
            p = r
        elif isinstance(r, str):
            if r not in items:
                raise InvalidResponse(f"{question.uid}: no item {r!r}")
            p = items.index(r)
        else:
            raise InvalidResponse(f"{question.uid}: bad item {r!r}")
        if p in seen:
            raise InvalidResponse(f"{question.uid}: item {items[p]!r} given twice")
        seen.add(p)
        positions.append(p)
    # An incomplete answer is credited for its ordered run, out of the full length.
    score = order_score(positions, len(items)) if positions else 0.0
    members = {positions[i] for i in _lis_members(positions)}
    given = {p: k + 1 for k, p in enumerate(positions)}
    feedback = tuple(OrderFeedback(text, given.get(i), i + 1, i in members) for i, text in enumerate(items))
    answer = [items[p] for p in positions]
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score >= 1.0,
        answer=answer,
        response_text=" → ".join(answer) if answer else "(no answer)",
        correct_answer=" → ".join(items),
        explanation=question.explanation,
        order_feedback=feedback,
        claim=claim,
    )


_GRADERS = {
    "single": _grade_single,
    "multiple": _grade_multiple,
    "true-false": _grade_true_false,
    "cloze": _grade_cloze,
    "order": _grade_order,
}


def display_answer(question: Question) -> str:
    """The correct answer of a question as display text (for exports and summaries)."""
    if question.type == "single":
        return next((c.text for c in question.choices if c.correct), "")
    if question.type == "multiple":
        return "; ".join(c.text for c in question.choices if c.correct)
    if question.type == "true-false":
        return "True" if question.answer else "False"
    if question.type == "cloze":
        return question.answers[0] if question.answers else ""
    if question.type == "order":
        return " → ".join(question.items)
    return ""
