"""One display name for each source and reference, derived here and nowhere else.

Every screen and every export names a source the same way: `source_name(content, "src:003")`
is `Source 3 (specialist blog post)` on a claim, in the sources dialog, in a generated
question's explanation, in the Markdown notes and in the book. The name comes from the fields
`sources.yaml` already has (the id's number and the start of `kind`); a reference is named by
its first author and year (`Younger 2013`), or its journal when no author was captured.
"""

from __future__ import annotations

import re

from ldn_tui.content.labels import SOURCE_ID_PREFIX
from ldn_tui.content.model import Content, Reference, Source


def short_kind(kind: str, limit: int = 32) -> str:
    """`patient-organisation article with a personal account and ...` -> `patient-organisation article`."""
    short = re.split(r" with |[,;(]| and ", kind, maxsplit=1)[0].strip() or kind
    return short if len(short) <= limit else short[: limit - 1].rstrip() + "…"


def source_number(source_id: str) -> str:
    """`src:003` -> `3` (`src:000` -> `0`)."""
    return source_id[len(SOURCE_ID_PREFIX) :].lstrip("0") or "0"


def name_of_source(source: Source) -> str:
    """`Source 3 (specialist blog post)`."""
    return f"Source {source_number(source.id)} ({short_kind(source.kind)})"


def name_of_reference(ref: Reference) -> str:
    """`Younger 2013`; `PLoS One 2009` when the authors were not captured; else the id."""
    named = ref.authors and not ref.authors.lower().startswith(("not captured", "[", "unknown"))
    first = ref.authors.split(",")[0].strip().split(" ")[0] if named else (ref.journal or "")
    if first and ref.year:
        return f"{first} {ref.year}"
    return ref.id


def source_name(content: Content, source_id: str) -> str:
    """The display name of a source (`src:…`) or reference id; an unknown id is named by itself."""
    source = content.source_by_id.get(source_id)
    if source is not None:
        return name_of_source(source)
    ref = content.reference_by_id.get(source_id)
    return name_of_reference(ref) if ref is not None else source_id


# -- labels as the screens display them ------------------------------------------------------

#: Each evidence label as its badge shows it (the search also accepts these words).
EVIDENCE_DISPLAY: dict[str, str] = {
    "systematic-review": "SYSTEMATIC REVIEW",
    "rct": "RCT",
    "regulatory": "REGULATORY",
    "pilot-trial": "PILOT TRIAL",
    "case-series": "CASE SERIES",
    "case-report": "CASE REPORT",
    "preclinical": "PRECLINICAL",
    "mechanistic": "PROPOSED MECHANISM",
    "expert-opinion": "EXPERT OPINION",
    "anecdote": "ANECDOTE",
}

#: Each GRADE certainty as its badge shows it.
CERTAINTY_DISPLAY: dict[str, str] = {
    "high": "HIGH",
    "moderate": "MODERATE",
    "low": "LOW",
    "very-low": "VERY LOW",
}


def evidence_display(evidence: str) -> str:
    return EVIDENCE_DISPLAY.get(evidence, evidence.upper())


def certainty_display(certainty: str) -> str:
    return CERTAINTY_DISPLAY.get(certainty, certainty.upper())
