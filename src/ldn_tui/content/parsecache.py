"""The parse cache's file: the content without its quiz questions, then each chapter's questions
as a block of their own, read the first time one of them is needed.

At 10,000 cards the questions are about 60% of the content (50,000 questions, 80,000 choices). The
first screen shows none of them, so they stay on disk until a card's `quiz` is first used: then
that chapter's block (a few ms) is read and kept. The first paint then unpickles a third of what it
did and holds about 60 MiB less (benchmarks/README.md).

Layout: 8 bytes, where the head starts; 16 bytes that name this one write (a block is only read
back from the file it was written with); the blocks, one pickle per chapter holding a tuple of
quizzes (one per card); then the head, a pickle of (key, content, block offsets) in which each
card's quiz is a persistent reference. Blocks come first so that each is written as it is
pickled, never held in memory. A block that cannot be read back (the file replaced or damaged since
the start) is rebuilt from the YAML by the loader's `fallback`, never dropped.
"""

from __future__ import annotations

import gc
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, overload

from ldn_tui.content.model import Content, Question

Quizzes = tuple[tuple[Question, ...], ...]  # one chapter's quizzes, card by card
_HEAD = 8
_NONCE = 16


class _Slot:
    """Stands for one card's quiz while the head is pickled."""

    __slots__ = ("chapter", "card")

    def __init__(self, chapter: int, card: int) -> None:
        self.chapter, self.card = chapter, card


class _HeadPickler(pickle.Pickler):
    def persistent_id(self, obj: Any) -> Any:
        return (obj.chapter, obj.card) if type(obj) is _Slot else None


class _HeadUnpickler(pickle.Unpickler):
    def __init__(self, fh: Any, blocks: QuizBlocks) -> None:
        super().__init__(fh)
        self._blocks = blocks

    def persistent_load(self, pid: Any) -> Any:
        chapter, card = pid
        return LazyQuiz(self._blocks, chapter, card)


def write(target: Path, key: tuple[Any, ...], content: Content) -> None:
    """Write the cache file for `content` atomically (a temporary file, then a rename), streaming
    each block to the file as it is pickled."""
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".content-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(bytes(_HEAD) + os.urandom(_NONCE))  # the head's place is filled in at the end
            offsets: list[tuple[int, int]] = []
            chapters = []
            for ci, ch in enumerate(content.chapters):
                start = fh.tell()
                pickle.dump(tuple(tuple(card.quiz) for card in ch.cards), fh, protocol=pickle.HIGHEST_PROTOCOL)
                offsets.append((start, fh.tell() - start))
                cards = tuple(replace(card, quiz=_Slot(ci, ki)) for ki, card in enumerate(ch.cards))  # type: ignore[arg-type]
                chapters.append(replace(ch, cards=cards))
            head_at = fh.tell()
            # Without `_extra`: what the running app cached on the content (due counts and the like).
            head = (key, replace(content, chapters=tuple(chapters), _extra={}), offsets)
            _HeadPickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(head)
            fh.seek(0)
            fh.write(head_at.to_bytes(_HEAD, "little"))
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def read(path: Path, key: tuple[Any, ...], fallback: Callable[[bool], Content]) -> Content | None:
    """The cached content if the file holds `key`'s content, else None (missing, damaged, stale).

    `fallback(lines)` reads the content from its YAML again, with every line or not as the cached
    content was read (`Content.lines`), for blocks that cannot be read back."""
    enabled = gc.isenabled()
    gc.disable()  # nothing here makes cycles; the collector would walk every new object
    try:
        with open(path, "rb") as fh:
            head_at = int.from_bytes(fh.read(_HEAD), "little")
            nonce = fh.read(_NONCE)
            blocks = QuizBlocks(path, nonce, fallback)
            fh.seek(head_at)
            stored_key, content, offsets = _HeadUnpickler(fh, blocks).load()
    except Exception:  # missing, truncated, from another version: rebuild
        return None
    finally:
        if enabled:
            gc.enable()
    if stored_key != key or not isinstance(content, Content) or len(nonce) != _NONCE:
        return None
    blocks.offsets, blocks.lines = offsets, content.lines
    blocks.card_ids = [tuple(card.id for card in ch.cards) for ch in content.chapters]
    return content


class QuizBlocks:
    """Reads a cache file's chapter blocks on demand, once each; safe from several threads."""

    def __init__(self, path: Path, nonce: bytes, fallback: Callable[[bool], Content]) -> None:
        self.path, self.nonce, self.fallback = path, nonce, fallback
        self.offsets: list[tuple[int, int]] = []
        self.lines = True  # whether the head's content has its lines: the rebuilt questions match it
        self.card_ids: list[tuple[str, ...]] = []  # each chapter's cards, as the head has them
        self._loaded: dict[int, Quizzes] = {}
        self._lock = threading.Lock()
        self._rebuilt: Content | None = None

    def quiz(self, chapter: int, card: int) -> tuple[Question, ...]:
        block = self._loaded.get(chapter)
        if block is None:
            with self._lock:
                block = self._loaded.get(chapter)
                if block is None:
                    block = self._loaded[chapter] = self._read(chapter)
        return block[card]

    def _read(self, chapter: int) -> Quizzes:
        start, length = self.offsets[chapter]
        enabled = gc.isenabled()
        gc.disable()
        try:
            with open(self.path, "rb") as fh:
                fh.seek(_HEAD)
                if fh.read(_NONCE) != self.nonce:
                    raise ValueError("the cache file was replaced")
                fh.seek(start)
                data = fh.read(length)
            block = pickle.loads(data)
            if not isinstance(block, tuple):
                raise ValueError("not a block of quizzes")
            return block
        except Exception:
            return self._from_yaml(chapter)
        finally:
            if enabled:
                gc.enable()

    def _from_yaml(self, chapter: int) -> Quizzes:
        """The cache changed or broke under a running app: read the questions from the YAML again.

        Matched by card id, not position: the YAML may have been edited since the start (a card
        added before another). A card that is gone from it has no questions now."""
        if self._rebuilt is None:
            self._rebuilt = self.fallback(self.lines)
        by_id = self._rebuilt.card_by_id
        return tuple(tuple(by_id[cid].quiz) if cid in by_id else () for cid in self.card_ids[chapter])


class LazyQuiz(Sequence[Question]):
    """One card's questions, read from the parse cache the first time they are used."""

    __slots__ = ("_blocks", "_chapter", "_card")

    def __init__(self, blocks: QuizBlocks, chapter: int, card: int) -> None:
        self._blocks, self._chapter, self._card = blocks, chapter, card

    def _quiz(self) -> tuple[Question, ...]:
        return self._blocks.quiz(self._chapter, self._card)

    def __len__(self) -> int:
        return len(self._quiz())

    @overload
    def __getitem__(self, index: int) -> Question: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Question, ...]: ...
    def __getitem__(self, index: int | slice) -> Question | tuple[Question, ...]:
        return self._quiz()[index]

    def __iter__(self) -> Iterator[Question]:
        return iter(self._quiz())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyQuiz):
            other = other._quiz()
        return isinstance(other, tuple) and self._quiz() == other

    def __hash__(self) -> int:
        return hash(self._quiz())

    def __repr__(self) -> str:
        return repr(self._quiz())

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self._quiz(),))
