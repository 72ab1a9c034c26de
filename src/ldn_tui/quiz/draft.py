"""The answer a student is putting together for one question, before it is submitted.

Plain Python, no Textual: the quiz screen forwards key presses here (a number, an arrow, Space,
Backspace) and renders what `Draft` says; `Draft.response()` is what goes to
`QuizSession.submit`. Keeping this out of the widgets makes every key scheme unit-testable.

Key schemes, by question type (numbers are 1-based, as printed on screen):

| type | number key | arrows | Space | Backspace |
|---|---|---|---|---|
| single | picks that choice | move the pick | picks the highlighted choice | clears |
| multiple | toggles that choice | move the highlight | toggles the highlighted choice | clears |
| true-false | 1 = true, 2 = false | move the pick | picks the highlighted one | clears |
| cloze | (typed into the text box) | | | |
| order | puts that item next (type "3142": item 3 first, then 1 ...) | move the highlight; with shift, move the item | | undoes the last typed number |

Order items keep the number they were shown with, whatever their position, so typing a sequence
always refers to the same labels.
"""

from __future__ import annotations

from typing import Any

from ldn_tui.progress.rows import CONFIDENCE
from ldn_tui.quiz.engine import QuizItem

#: Confidence recorded when the student does not choose one: "unsure" schedules like no rating.
DEFAULT_CONFIDENCE = "unsure"


class Draft:
    """Mutable answer state for one `QuizItem` (positions are the *shown* ones)."""

    def __init__(self, item: QuizItem, *, confidence: str = DEFAULT_CONFIDENCE) -> None:
        self.item = item
        self.type = item.type
        self.cursor = 0
        self.picked: list[int] = []  # single: at most one; multiple: sorted
        self.value: bool | None = None  # true-false
        self.text = ""  # cloze
        #: order: shown item indices, in the order the student has put them.
        self.arrangement: list[int] = list(range(len(item.items)))
        #: order: how many leading places were set by typing numbers.
        self.typed = 0
        self._typed_undo: list[list[int]] = []
        #: order: the student has moved or typed an item (the shown order is not yet an answer).
        self.arranged = False
        self.confidence = DEFAULT_CONFIDENCE
        self.set_confidence(confidence)

    # -- shape ----------------------------------------------------------------------------------

    @property
    def size(self) -> int:
        """How many numbered lines the question shows (choices, True/False or items)."""
        if self.type in ("single", "multiple"):
            return len(self.item.choices)
        if self.type == "true-false":
            return 2
        if self.type == "order":
            return len(self.item.items)
        return 0

    @property
    def ready(self) -> bool:
        """Whether there is an answer to submit."""
        if self.type in ("single", "multiple"):
            return bool(self.picked)
        if self.type == "true-false":
            return self.value is not None
        if self.type == "cloze":
            return bool(self.text.strip())
        return self.type == "order"

    @property
    def given(self) -> bool:
        """Whether the student has answered, for an exam that keeps answers as it moves on. As
        `ready`, except that an order question's shown order counts only once the student has
        arranged it (or confirms it with Enter: `ready`): opening one is not answering it."""
        return self.arranged if self.type == "order" else self.ready

    def confirm(self) -> None:
        """Enter on the question: for an order question, the order shown is now the answer."""
        if self.type == "order":
            self.arranged = True

    def is_picked(self, index: int) -> bool:
        """single/multiple: choice `index` is picked; true-false: 0 = True, 1 = False."""
        if self.type == "true-false":
            return self.value is not None and index == (0 if self.value else 1)
        return index in self.picked

    # -- input ----------------------------------------------------------------------------------

    def set_confidence(self, confidence: str) -> None:
        if confidence not in CONFIDENCE:
            raise ValueError(f"confidence must be one of {', '.join(CONFIDENCE)}, not {confidence!r}")
        self.confidence = confidence

    def number(self, n: int) -> bool:
        """A number key (1-based). Returns whether it changed anything."""
        if not 1 <= n <= self.size:
            return False
        i = n - 1
        if self.type == "single":
            self.cursor, self.picked = i, [i]
        elif self.type == "multiple":
            self.cursor = i
            self._toggle(i)
        elif self.type == "true-false":
            self.cursor, self.value = i, i == 0
        elif self.type == "order":
            self._place(i)
        else:
            return False
        return True

    def move_cursor(self, step: int) -> bool:
        """Up/down. single and true-false pick as the highlight moves (like radio buttons)."""
        if self.size == 0:
            return False
        new = max(0, min(self.size - 1, self.cursor + step))
        if new == self.cursor and (self.type not in ("single", "true-false") or self.ready):
            return False
        self.cursor = new
        if self.type == "single":
            self.picked = [new]
        elif self.type == "true-false":
            self.value = new == 0
        return True

    def toggle(self) -> bool:
        """Space: pick (single, true-false) or toggle (multiple) the highlighted line."""
        if self.type in ("single", "multiple", "true-false"):
            return self.number(self.cursor + 1)
        return False

    def move_item(self, step: int) -> bool:
        """order: move the highlighted item up (-1) or down (+1); the highlight follows it."""
        if self.type != "order":
            return False
        j = self.cursor + step
        if not 0 <= j < len(self.arrangement):
            return False
        a = self.arrangement
        a[self.cursor], a[j] = a[j], a[self.cursor]
        self.cursor = j
        self.typed, self._typed_undo = 0, []
        self.arranged = True
        return True

    def backspace(self) -> bool:
        """order: undo the last typed number; single/multiple/true-false: clear the pick."""
        if self.type == "order":
            if not self._typed_undo:
                return False
            self.arrangement = self._typed_undo.pop()
            self.typed -= 1
            self.cursor = max(0, self.typed - 1) if self.typed else 0
            return True
        if self.type in ("single", "multiple") and self.picked:
            self.picked = []
            return True
        if self.type == "true-false" and self.value is not None:
            self.value = None
            return True
        return False

    def _toggle(self, i: int) -> None:
        if i in self.picked:
            self.picked.remove(i)
        else:
            self.picked = sorted([*self.picked, i])

    def _place(self, i: int) -> None:
        n = len(self.arrangement)
        if self.typed >= n:
            # A full sequence was typed: a new number starts a new one.
            self.typed, self._typed_undo = 0, []
        if i in self.arrangement[: self.typed]:
            return  # already placed in this sequence
        self._typed_undo.append(list(self.arrangement))
        a = self.arrangement
        a.remove(i)
        a.insert(self.typed, i)
        self.typed += 1
        self.cursor = self.typed - 1
        self.arranged = True

    @classmethod
    def restore(cls, item: QuizItem, response: Any, confidence: str | None) -> Draft:
        """The draft that gives `response` (as `response()` returned it): an exam answer shown
        again, or a resumed session's answer."""
        draft = cls(item, confidence=confidence if confidence in CONFIDENCE else DEFAULT_CONFIDENCE)
        t = draft.type
        if t == "single" and isinstance(response, int) and 0 <= response < draft.size:
            draft.cursor, draft.picked = response, [response]
        elif t == "multiple" and isinstance(response, list):
            draft.picked = sorted({r for r in response if isinstance(r, int) and 0 <= r < draft.size})
        elif t == "true-false" and isinstance(response, bool):
            draft.value, draft.cursor = response, 0 if response else 1
        elif t == "cloze" and isinstance(response, str):
            draft.text = response
        elif t == "order" and isinstance(response, list) and sorted(response) == draft.arrangement:
            draft.arrangement = list(response)
            draft.typed = len(response)
            draft.arranged = True
        return draft

    # -- output ---------------------------------------------------------------------------------

    def response(self) -> Any:
        """The response for `QuizSession.submit` (shown positions; None if nothing given)."""
        if self.type == "single":
            return self.picked[0] if self.picked else None
        if self.type == "multiple":
            return list(self.picked)
        if self.type == "true-false":
            return self.value
        if self.type == "cloze":
            return self.text.strip()
        if self.type == "order":
            return list(self.arrangement)
        return None
