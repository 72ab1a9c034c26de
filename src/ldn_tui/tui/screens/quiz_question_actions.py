"""What the quiz screen does about the question itself (rather than its answer): flag it, open
the card it comes from, suspend it from review. A mixin of `QuizScreen`, kept apart to keep the
screen module small; everything goes through the study service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from ldn_tui.quiz.engine import QuizItem
    from ldn_tui.tui.host import StudyHost


class QuestionActions(Screen):
    """Actions `m` (flag), `o` (open the card) and `S` (suspend) of the quiz screen."""

    @property
    def ldn_app(self) -> StudyHost:
        return self.app  # type: ignore[return-value]

    @property
    def item(self) -> QuizItem | None:
        raise NotImplementedError

    @property
    def answered(self) -> bool:
        raise NotImplementedError

    def _update_progress(self) -> None:
        raise NotImplementedError

    def action_flag(self) -> None:
        item = self.item
        if item is None:
            return
        on = self.ldn_app.study.toggle_flag(item.uid)
        self._update_progress()
        self.notify("Flagged: quiz on the flagged pool later (z, then Flagged)." if on else "Flag cleared.", timeout=3)

    def action_open_card(self) -> None:
        item = self.item
        if item is None or not self.answered:
            return
        from ldn_tui.tui.screens.quiz_card import QuizCardScreen

        study = self.ldn_app.study
        study.record_visit(item.card.id)
        self.app.push_screen(
            QuizCardScreen(
                self.ldn_app.content,
                item.card,
                claim_id=item.claim.id if item.claim else None,
                note=study.note(item.card.id),
                bookmarked=study.is_bookmarked(item.card.id),
            )
        )

    def action_suspend(self) -> None:
        """Take the question out of review, or put it back (safety questions cannot leave)."""
        item = self.item
        if item is None or not self.answered:
            return
        from ldn_tui.study import CannotSuspend

        try:
            now_suspended = self.ldn_app.study.toggle_suspended(item.uid)
        except CannotSuspend:
            self.notify(
                "This is a safety question: it always stays in review (at least monthly).",
                title="Not suspended",
                severity="warning",
                timeout=5,
            )
            return
        if now_suspended:
            self.notify("Suspended: this question will not come up for review. S again undoes it.", timeout=4)
        else:
            self.notify("Back in review.", timeout=3)
