"""Study content: the model, the loader and its validation. No Textual imports here."""

from ldn_tui.content.errors import ContentInvalid, Issue
from ldn_tui.content.loader import load_content, validate
from ldn_tui.content.model import Card, Chapter, Choice, Claim, Content, Question, Reference, Source, Term

__all__ = [
    "Card",
    "Chapter",
    "Choice",
    "Claim",
    "Content",
    "ContentInvalid",
    "Issue",
    "Question",
    "Reference",
    "Source",
    "Term",
    "load_content",
    "validate",
]
