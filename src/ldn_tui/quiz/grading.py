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
- cloze: 1 or 0, matched forgivingly in the ways that keep the meaning (see `cloze_match`); a one-letter
  typo is accepted and the grade shows the right spelling (`Grade.spelling`).

`correct` is `score == 1`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ldn_tui.content.labels import CERTAINTY, EVIDENCE
from ldn_tui.content.model import Card, Claim, Question
from ldn_tui.quiz.cloze import cloze_match


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
    #: cloze: the accepted answer, rightly spelled, when the response was one letter off it
    #: (accepted; `response_text` says so too, so every screen that shows it shows the spelling).
    spelling: str | None = None

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


def _grade_cloze(question: Question, response: Any, claim: Claim | None) -> Grade:
    if response is not None and not isinstance(response, str):
        raise InvalidResponse(f"{question.uid}: expected text, got {response!r}")
    text = (response or "").strip()
    match = cloze_match(text, question.answers, question.prompt) if text else None
    score = 1.0 if match is not None else 0.0
    spelling = match.answer if match is not None and match.typo else None
    return Grade(
        question_uid=question.uid,
        type=question.type,
        score=score,
        correct=score == 1.0,
        answer=text,
        response_text=(f"{text} (accepted; spelled “{spelling}”)" if spelling else text) or "(no answer)",
        correct_answer=question.answers[0] if question.answers else "",
        explanation=question.explanation,
        accepted=tuple(question.answers),
        claim=claim,
        spelling=spelling,
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
