"""Search queries: words and `key:value` filters, parsed from what the student types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ldn_tui.content import labels
from ldn_tui.content.names import CERTAINTY_DISPLAY, EVIDENCE_DISPLAY
from ldn_tui.search.text import STOPWORDS, tokenize

#: Result types, in the order they are listed when nothing else ranks them.
TYPES: tuple[str, ...] = ("card", "claim", "term", "reference")
TYPE_ALIASES: dict[str, str] = {
    "card": "card",
    "cards": "card",
    "claim": "claim",
    "claims": "claim",
    "term": "term",
    "terms": "term",
    "glossary": "term",
    "reference": "reference",
    "references": "reference",
    "ref": "reference",
    "refs": "reference",
    "study": "reference",
}


def _norm(text: str) -> str:
    """`Very-Low`, `very_low`, `"very low"` -> `very low`: how filter values are compared."""
    return " ".join(re.split(r"[\s_\-]+", text.strip().strip("\"'").lower())).strip()


def _initials(text: str) -> str:
    words = _norm(text).replace("(", " ").replace(")", " ").split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


def _spellings(vocab: dict[str, str], display: dict[str, str]) -> dict[str, str]:
    """Every accepted spelling of each label -> the label: its id, as displayed on the badge,
    its description (up to a colon), and the initials of each (`vl`, `rct`, `pt`); a spelling
    two labels share is dropped rather than guessed."""
    out: dict[str, str] = {}
    clashes: set[str] = set()
    for key, description in vocab.items():
        forms = {key, display.get(key, key), description.split(":")[0]}
        forms |= {_initials(key), _initials(display.get(key, key))}
        for form in {_norm(f) for f in forms if f}:
            if out.get(form, key) != key:
                clashes.add(form)
            out[form] = key
    for form in clashes:
        out.pop(form)
    return out


#: Accepted spellings of the `evidence:` and `certainty:` values (see `_spellings`).
SPELLINGS: dict[str, dict[str, str]] = {
    "evidence": _spellings(labels.EVIDENCE, EVIDENCE_DISPLAY),
    "certainty": _spellings(labels.CERTAINTY, CERTAINTY_DISPLAY) | {"h": "high", "m": "moderate", "l": "low"},
}


def _shown(key: str, display: dict[str, str]) -> str:
    shown = display.get(key, key).lower()
    return f'"{shown}"' if " " in shown else shown


#: The filters a query may use, and what each one means (shown in help and in error messages).
FILTERS: dict[str, str] = {
    "kind": "card kind: " + ", ".join(labels.KINDS),
    "evidence": "claim evidence: " + ", ".join(_shown(k, EVIDENCE_DISPLAY) for k in labels.EVIDENCE),
    "certainty": 'claim certainty: high (h), moderate (m), low (l), "very low" (vl)',
    "chapter": "chapter id or the start of its title",
    "type": "result type: card, claim, term or reference",
}

_FILTER = re.compile(r"^([a-z]+):(.*)$", re.S)
#: A word, or a `key:"quoted value"` / `"quoted words"` part (a quote still open is fine).
_PART = re.compile(r"""[a-z]+:(?:"[^"]*"?|'[^']*'?)|"[^"]*"?|\S+""", re.I)


def canonical(key: str, value: str) -> str:
    """The label a filter value names (`"very low"`, `very-low`, `vl` -> `very-low`), else the
    value as typed (the index then matches it as the start of a value, or explains it)."""
    spelled = SPELLINGS.get(key)
    if spelled is None:
        return value.strip("\"'")
    return spelled.get(_norm(value), _norm(value).replace(" ", "-"))


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: words to match, filters (key -> accepted values) and problems found."""

    words: tuple[str, ...]
    filters: dict[str, tuple[str, ...]]
    problems: tuple[str, ...] = ()
    last_is_prefix: bool = True

    @property
    def empty(self) -> bool:
        return not self.words and not self.filters


def parse_query(text: str) -> Query:
    """Split `text` into words and `key:value` filters.

    Filters may repeat (`kind:safety kind:dosing` means either) and combine with words and with
    other filters (all must hold). An unknown filter name is reported, and its text is searched
    as words instead so nothing the user typed is silently dropped.
    """
    words: list[str] = []
    filters: dict[str, list[str]] = {}
    problems: list[str] = []
    parts = _PART.findall(text)
    for part in parts:
        m = _FILTER.match(part.lower())
        if m:
            key, value = m.group(1), canonical(m.group(1), m.group(2).strip(","))
            if key in FILTERS:
                if value:
                    filters.setdefault(key, []).append(value)
                continue
            problems.append(f"unknown filter {key}: (use {', '.join(k + ':' for k in FILTERS)})")
            words.extend(tokenize(part))
            continue
        words.extend(tokenize(part))
    meaningful = [w for w in words if w not in STOPWORDS]
    if meaningful or not words:
        words = meaningful
    # Search as you type: the last word is still being typed unless the text ends in a space.
    last_is_prefix = bool(parts) and not text[-1:].isspace()
    return Query(tuple(words), {k: tuple(v) for k, v in filters.items()}, tuple(problems), last_is_prefix)
