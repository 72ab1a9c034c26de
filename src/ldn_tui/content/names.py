"""One display name for each source and reference, used everywhere a student reads one.

Every screen and every export names a source the same way: `source_name(content, "src:003")`
is "the fibromyalgia specialist's post" on a claim, in the sources dialog, in a generated
question's explanation, in the Markdown notes and in the book: the `name` in sources.yaml
(`Source.display_name`), the same words the authored questions use. A reference is named by its
authors and year (`Reference.display_name`: "Younger & Mackey 2009", "Younger et al. 2013").
"""

from __future__ import annotations

from ldn_tui.content.model import Content, Reference, Source


def name_of_source(source: Source) -> str:
    """ "the fibromyalgia specialist's post" (sources.yaml `name`; its title when it has none)."""
    return source.display_name


def name_of_reference(ref: Reference) -> str:
    """ "Younger & Mackey 2009", "Younger et al. 2013"; the journal and year when the authors were
    not captured ("PLoS One 2009"); else the start of the citation and the year."""
    named = ref.authors and not ref.authors.lower().startswith(("not captured", "[", "unknown"))
    if named:
        return ref.display_name
    if ref.journal and ref.year:
        return f"{ref.journal} {ref.year}"
    return ref.display_name  # from the citation


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
    "observational": "OBSERVATIONAL",
    "record": "RECORD",
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
