"""The study service: the one object screens and CLI commands talk to. No Textual here.

study = Study.open(content)            # the student's progress, writes on a writer thread
study.record_visit("safety.withdrawal")
session = study.new_quiz(QuizRequest(Selection(chapters=("safety",))))
study.close()                          # flushes; returns what could not be saved
"""

from ldn_tui.study.cards import MarkedCard
from ldn_tui.study.service import CannotSuspend, Study, StudyError
from ldn_tui.study.writer import Writer

__all__ = ["CannotSuspend", "MarkedCard", "Study", "StudyError", "Writer"]
