"""Escaping for the Markdown progress notes: text, table cells, fenced blocks and links."""

from __future__ import annotations

import re

_BLANK = re.compile(r"_{3,}")


def text(s: str) -> str:
    """Content text for a paragraph or list item: one line, cloze blanks kept literal."""
    s = " ".join((s or "").split())
    return _BLANK.sub(lambda m: "\\_" * len(m.group(0)), s)


def cell(s: str) -> str:
    """Text for a pipe-table cell."""
    return text(s).replace("|", "\\|")


_BACKTICKS = re.compile(r"`+")


def fence(body: str) -> str:
    """A student's note as a fenced block of plain text, line for line.

    A note is whatever the student typed: a `# heading`, a `<div>`, a list or a fence of its
    own would otherwise become part of the document's structure (a heading in its outline,
    raw HTML in the page). Inside a fence nothing is parsed. The fence is one backtick longer
    than the longest run of backticks in the note, so no line of the note can close it.
    """
    lines = body.strip("\n").splitlines() or [""]
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(body)), default=0)
    bar = "`" * max(3, longest + 1)
    return "\n".join([f"{bar}text", *lines, bar])


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def link_pmid(pmid: str) -> str:
    return f"PMID [{pmid}](https://pubmed.ncbi.nlm.nih.gov/{pmid}/)"


def link_doi(doi: str) -> str:
    return f"DOI [{doi}](https://doi.org/{doi})"


def link_pmc(pmcid: str) -> str:
    return f"[{pmcid}](https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/)"


# --- the document ---------------------------------------------------------------------------
