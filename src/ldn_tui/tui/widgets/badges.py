"""Badges for evidence, certainty, verification and card kind: colour *and* words.

Every badge reads correctly in monochrome (the label and the dots carry the meaning); colour
only reinforces it. Styles use theme variables so dark and light themes both work.
"""

from __future__ import annotations

from textual.content import Content

from ldn_tui.content import labels
from ldn_tui.content.model import Content as StudyContent
from ldn_tui.content.names import CERTAINTY_DISPLAY, EVIDENCE_DISPLAY, source_name

#: Short badge text per evidence label, and how strong that kind of evidence is (3 = strongest).
_STRENGTH: dict[str, int] = {
    "systematic-review": 3,
    "rct": 3,
    "regulatory": 3,
    "pilot-trial": 2,
    "case-series": 2,
    "case-report": 1,
    "preclinical": 1,
    "mechanistic": 1,
    "expert-opinion": 1,
    "anecdote": 0,
    "observational": 2,
    "record": 1,
}
#: (badge text, strength) per label; the text is the label's one display name (`content.names`).
EVIDENCE_SHORT: dict[str, tuple[str, int]] = {key: (EVIDENCE_DISPLAY[key], n) for key, n in _STRENGTH.items()}

_STRENGTH_STYLE = {
    3: "bold $text on $success-muted",
    2: "bold $text on $warning-muted",
    1: "bold $text on $accent-muted",
    0: "bold $text on $error-muted",
}

#: GRADE certainty: dots (filled = how much confidence) and a style.
CERTAINTY_DOTS: dict[str, tuple[str, str, str]] = {
    "high": ("●●●●", CERTAINTY_DISPLAY["high"], "bold $text-success"),
    "moderate": ("●●●○", CERTAINTY_DISPLAY["moderate"], "bold $text-warning"),
    "low": ("●●○○", CERTAINTY_DISPLAY["low"], "bold $text-accent"),
    "very-low": ("●○○○", CERTAINTY_DISPLAY["very-low"], "bold $text-error"),
}

VERIFIED_SHORT: dict[str, tuple[str, str]] = {
    "yes": ("✓ VERIFIED", "bold $text-success"),
    "abstract": ("✓ ABSTRACT ONLY", "bold $text-warning"),
    "partial": ("~ PARTLY CHECKED", "bold $text-warning"),
    "no": ("✗ NOT VERIFIED", "bold $text-error"),
}


def evidence_badge(evidence: str) -> Content:
    text, strength = EVIDENCE_SHORT.get(evidence, (evidence.upper(), 1))
    return Content.styled(f" {text} ", _STRENGTH_STYLE[strength])


def certainty_badge(certainty: str | None) -> Content:
    if not certainty:
        return Content("")
    dots, word, style = CERTAINTY_DOTS.get(certainty, ("????", certainty.upper(), "bold"))
    return Content.assemble(("certainty ", "$text-muted"), (f"{dots} {word}", style))


def verified_badge(verified: str) -> Content:
    text, style = VERIFIED_SHORT.get(verified, (verified, "bold"))
    return Content.styled(text, style)


def kind_badge(kind: str) -> Content:
    return Content.styled(f" {kind.upper()} ", "bold $text on $primary-muted")


def evidence_description(evidence: str) -> str:
    return labels.EVIDENCE.get(evidence, evidence)


def certainty_description(certainty: str | None) -> str:
    return labels.CERTAINTY.get(certainty or "", "")


def source_label(content: StudyContent, source_id: str) -> str:
    """A source's or reference's one display name (`content.names.source_name`)."""
    return source_name(content, source_id)
