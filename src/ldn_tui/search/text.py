"""Words and snippets: tokenizing, stripping Markdown, cutting and highlighting snippets, and
finding glossary terms in a text. Shared by the index and the app's glossary look-up."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model is only needed for annotations
    from ldn_tui.content.model import Term

STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the this to was were with".split()
)

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`#>|]+")
_SPACES = re.compile(r"\s+")


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens (letters and digits); punctuation and hyphens split words."""
    return _TOKEN.findall(text.lower())


def plain_text(markdown: str) -> str:
    """Markdown with the markup removed and white space collapsed, for snippets."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_MARKS.sub("", text)
    return _SPACES.sub(" ", text).strip()


SNIPPET = 90  # characters of context shown under a hit


def clip(text: str, start: int) -> str:
    return window(text, start)[0]


def window(text: str, start: int) -> tuple[str, int]:
    """About SNIPPET characters of `text` around `start`, cut at word boundaries."""
    if len(text) <= SNIPPET:
        return text, 0
    begin = max(0, start - 25)
    if begin:
        space = text.rfind(" ", 0, begin)
        begin = space + 1 if space >= 0 and begin - space < 15 else begin
    end = min(len(text), begin + SNIPPET)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin + SNIPPET // 2 else end
    out = text[begin:end]
    if end < len(text):
        out += "…"
    return out, begin


def highlighter(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")[^\W_]*", re.IGNORECASE)


def spans_of(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> tuple[tuple[int, int], ...]:
    end = len(text) if end is None else end
    return tuple(m.span() for m in pattern.finditer(text, start, end))


def terms_in_text(glossary: Iterable[Term], text: str) -> list[Term]:
    """Glossary entries whose term or an alias appears in `text` as whole words, in glossary order."""
    low = text.lower()
    found: list[Term] = []
    for term in glossary:
        for name in (term.term, *term.aliases):
            name = name.lower()
            if name and name in low and re.search(r"(?<![^\W_])" + re.escape(name) + r"(?![^\W_])", low):
                found.append(term)
                break
    return found
