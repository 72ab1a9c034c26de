"""The questions to lint, each with where it is written: file, key path and line of every field.

The content model keeps one line per question; the rules point at the exact choice or `why`.
So the chapter files are read once more with the content loader's own YAML reader
(`yamlpos.parse`, which records the line of every key and item) and each question is found
in it by card id and question id. A file that cannot be re-read (moved since loading) falls
back to the question's own line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ldn_tui.content.model import Card, Chapter, Choice, Content, Question
from ldn_tui.content.yamlpos import Locator, YamlProblem, decode, format_path, parse

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """One question with its card, chapter and position in its file."""

    question: Question
    card: Card
    chapter: Chapter
    generated: bool
    file: str
    path: YamlPath  # the question's key path; for a generated question, its claim's
    locator: Locator | None

    @property
    def uid(self) -> str:
        return self.question.uid

    def line(self, *sub: str | int) -> int:
        """The line of a field of the question (`line("choices", 2, "why")`)."""
        if self.locator is None:
            return self.question.line or self.card.line
        return self.locator.line(self.path if self.generated else self.path + sub)

    def subject(self, *sub: str | int) -> str:
        """How findings name the question and field: `card/question choices[2].why`."""
        field = format_path(sub)
        return f"{self.uid} {field}" if field else self.uid

    @property
    def correct(self) -> list[Choice]:
        return [c for c in self.question.choices if c.correct]

    @property
    def wrong(self) -> list[Choice]:
        return [c for c in self.question.choices if not c.correct]

    def student_texts(self) -> Iterable[tuple[YamlPath, str]]:
        """Every text of the question a student reads, with its field path."""
        q = self.question
        yield ("prompt",), q.prompt
        for k, c in enumerate(q.choices):
            yield ("choices", k, "text"), c.text
            yield ("choices", k, "why"), c.why
        for k, a in enumerate(q.answers):
            yield ("answers", k), a
        for k, it in enumerate(q.items):
            yield ("items", k), it
        yield ("explanation",), q.explanation


@dataclass(frozen=True, slots=True)
class _FileIndex:
    """One chapter file re-read: its locator, and where each card, question and claim sits."""

    locator: Locator | None
    cards: dict[str, int]  # card id -> index in cards
    questions: dict[tuple[str, str], int]  # (card id, question id) -> index in the card's quiz
    claims: dict[tuple[str, str], int]  # (card id, claim id) -> index in the card's claims


class Positions:
    """The chapter files, each re-read once, with the index of every card, question and claim."""

    def __init__(self) -> None:
        self._files: dict[str, _FileIndex] = {}

    def _read(self, file: str) -> _FileIndex:
        got = self._files.get(file)
        if got is None:
            got = self._files[file] = _index(file)
        return got

    def locator(self, file: str) -> Locator | None:
        return self._read(file).locator

    def card_path(self, card: Card) -> YamlPath:
        """The key path of a card in its file (empty if the file cannot be re-read)."""
        i = self._read(card.file).cards.get(card.id)
        return ("cards", i) if i is not None else ()

    def question_path(self, card: Card, question: Question, generated: bool) -> YamlPath:
        """The key path of an authored question, or of the claim a generated one is built from."""
        index = self._read(card.file)
        i = index.cards.get(card.id)
        if i is None:
            return ()
        if generated and question.claim is not None:
            j = index.claims.get((card.id, question.claim))
            return ("cards", i, "claims", j) if j is not None else ("cards", i)
        j = index.questions.get((card.id, question.id))
        return ("cards", i, "quiz", j) if j is not None else ("cards", i)


def _index(file: str) -> _FileIndex:
    index = _FileIndex(None, {}, {}, {})
    try:
        data, locator, _ = parse(decode(Path(file).read_bytes()))
    except (OSError, YamlProblem):
        return index
    index = _FileIndex(locator, {}, {}, {})
    raw_cards: Any = data.get("cards") if isinstance(data, dict) else None
    for i, card in enumerate(raw_cards if isinstance(raw_cards, list) else ()):
        if not isinstance(card, dict) or not isinstance(card.get("id"), str):
            continue
        index.cards.setdefault(card["id"], i)
        for key, where in (("quiz", index.questions), ("claims", index.claims)):
            entries = card.get(key)
            for j, entry in enumerate(entries if isinstance(entries, list) else ()):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    where.setdefault((card["id"], entry["id"]), j)
    return index


def collect(content: Content, generated: tuple[Question, ...] = (), positions: Positions | None = None) -> list[Item]:
    """Every question of `content` as an `Item`, card by card: its authored ones, then its `generated` ones."""
    positions = positions or Positions()
    extra: dict[str, list[Question]] = {}
    for q in generated:
        extra.setdefault(q.card_id, []).append(q)
    out: list[Item] = []
    for chapter in content.chapters:
        for card in chapter.cards:
            for q in card.quiz:
                out.append(_item(positions, q, card, chapter, False))
            for q in extra.get(card.id, ()):
                out.append(_item(positions, q, card, chapter, True))
    return out


def _item(positions: Positions, q: Question, card: Card, chapter: Chapter, generated: bool) -> Item:
    path = positions.question_path(card, q, generated)
    locator = positions.locator(card.file) if path else None
    return Item(q, card, chapter, generated, card.file, path, locator)
