"""Matching a typed (cloze) answer forgivingly, in the ways that keep the meaning.

`cloze_match(response, answers, prompt)` is the whole rule (see its docstring): case, spacing,
hyphens, plurals, numbers in words, units with or without a space, exact unit conversions, the
words around the blank, and one-letter typos in longer answers. Kept apart from `grading`
because it is a small language of its own, with its own tests (tests/unit/test_grading.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: The blank in a cloze prompt: three or more underscores.
BLANK = re.compile(r"_{3,}")


_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_ALIASES = {
    "mcg": "ug",
    "microgram": "ug",
    "micrograms": "ug",
    "milligram": "mg",
    "milligrams": "mg",
}
_RANGE = re.compile(r"(?<=\d)\s*(?:-|\bto\b)\s*(?=\d)")
_LEADING_POINT = re.compile(r"(?<![\d.])\.(?=\d)")
_SPLIT_NUM = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_DECIMAL = re.compile(r"^(\d+)\.(\d*?)0+$")


def cloze_tokens(text: str) -> list[str]:
    """Normalise text to comparable tokens.

    NFKC + case-folding, accents dropped, every dash to "-", "18 to 20" to "18-20",
    punctuation and symbols dropped (but "4.5", "1,963" and "3-4.5" keep the mark between
    digits), numbers split from units
    ("4.5mg" -> "4.5", "mg"), a few unit spellings unified (mcg/microgram -> ug), and trailing
    decimal zeros dropped ("4.50" -> "4.5").
    """
    t = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    t = "".join(ch for ch in unicodedata.normalize("NFKD", t) if not unicodedata.combining(ch))
    t = _RANGE.sub("-", t)
    t = _LEADING_POINT.sub("0.", t)
    chars: list[str] = []
    for i, ch in enumerate(t):
        cat = unicodedata.category(ch)
        if cat[0] in "PS":
            keep = ch in ".,-" and 0 < i < len(t) - 1 and t[i - 1].isdigit() and t[i + 1].isdigit()
            chars.append(ch if keep else " ")
        else:
            chars.append(ch)
    tokens: list[str] = []
    for tok in _SPLIT_NUM.sub(" ", "".join(chars)).split():
        tok = _ALIASES.get(tok, tok)
        m = _DECIMAL.match(tok)
        if m:
            tok = m.group(1) + ("." + m.group(2) if m.group(2) else "")
        tokens.append(tok)
    return tokens


#: Greek letters a student may type as a Latin letter or spell out (µg/ug, μ-opioid/mu-opioid,
#: 6β-naltrexol/6-beta-naltrexol). NFKC has already turned the micro sign into Greek mu.
_GREEK = {"μ": ("u", "mu"), "β": ("b", "beta"), "α": ("a", "alpha"), "δ": ("d", "delta"), "κ": ("k", "kappa")}


def _variants(joined: str) -> set[str]:
    """The text with Greek letters as Latin letters, and with them spelled out."""
    if not any(g in joined for g in _GREEK):
        return {joined}
    short, long_ = joined, joined
    for g, (latin, spelled) in _GREEK.items():
        short, long_ = short.replace(g, latin), long_.replace(g, spelled)
    return {short, long_}


# Meaning-preserving rewrites, applied to the response and to each accepted answer (with the
# words around the blank) before they are compared: numbers written as words become digits,
# units after a number are unified and converted (2 weeks = 14 days, 13 h = 13 hours, 1 mg =
# 1000 µg), "percent" after a number goes (the % sign is dropped already), and plural words
# lose their plural ending.
_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
}
_TENS = {
    w: 10 * n for n, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"), 2)
}
_SCALES = {"hundred": 100, "thousand": 1000}
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_NUMBER_OR_RANGE = re.compile(r"^\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$")
#: Unit spellings after a number -> (canonical unit, factor to it). Only after a number: "h",
#: "d" or "hr" alone may mean something else (a hazard ratio, vitamin D).
_UNITS: dict[str, tuple[str, int]] = {}
for _names, _unit, _factor in (
    ("min mins minute minutes", "min", 1),
    ("h hr hrs hour hours", "min", 60),
    ("d day days", "min", 24 * 60),
    ("wk wks week weeks", "min", 7 * 24 * 60),
    ("mo mos month months", "month", 1),
    ("y yr yrs year years", "year", 1),
    ("ug μg", "ug", 1),
    ("mg", "ug", 1000),
    ("g gram grams", "ug", 1_000_000),
    ("ml millilitre millilitres milliliter milliliters", "ml", 1),
):
    _UNITS.update(dict.fromkeys(_names.split(), (_unit, _factor)))
_PERCENT = {"percent", "pct"}


def _number_words(tokens: list[str], i: int) -> tuple[str, int] | None:
    """A number written in words starting at tokens[i] ("thirty one", "one hundred and five",
    "one and a half"), as digits, with the index after it; None if there is none."""
    value, current, j, last = 0, 0, i, ""
    while j < len(tokens):
        t = tokens[j]
        if t in _NUMBER_WORDS and last in ("", "tens", "scale", "and"):
            current, last = current + _NUMBER_WORDS[t], "unit"
        elif t in _TENS and last in ("", "scale", "and"):
            current, last = current + _TENS[t], "tens"
        elif t == "hundred" and last in ("unit", "tens"):
            current, last = current * 100, "scale"
        elif t == "thousand" and last in ("unit", "tens", "scale"):
            value, current, last = value + current * 1000, 0, "scale"
        elif t == "and" and last in ("scale",) and j + 1 < len(tokens) and tokens[j + 1] in {**_NUMBER_WORDS, **_TENS}:
            last = "and"
        else:
            break
        j += 1
    if j == i:
        return None
    text = str(value + current)
    if tokens[j : j + 3] == ["and", "a", "half"]:
        text, j = text + ".5", j + 3
    return text, j


def _scaled(number: str, factor: int) -> str:
    """`number` (or a range "a-b") times `factor`, written without trailing zeros."""
    from decimal import Decimal

    return "-".join(format((Decimal(part) * factor).normalize(), "f") for part in number.split("-"))


def _fold_plural(word: str) -> str:
    if len(word) < 4 or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word.removesuffix("s")


def cloze_canonical(tokens: Sequence[str]) -> list[str]:
    """`cloze_tokens` output with the meaning-preserving rewrites applied (see above)."""
    tokens = list(tokens)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        words = _number_words(tokens, i)
        if words is not None:
            out.append(words[0])
            i = words[1]
            continue
        out.append(tokens[i])
        i += 1
    merged: list[str] = []
    for tok in out:  # "4 to 6" written in words becomes "4-6", as in digits
        if len(merged) >= 2 and merged[-1] == "to" and _PLAIN_NUMBER.match(merged[-2]) and _PLAIN_NUMBER.match(tok):
            merged[-2:] = [f"{merged[-2]}-{tok}"]
        else:
            merged.append(tok)
    result: list[str] = []
    for k, tok in enumerate(merged):
        after_number = k > 0 and bool(_NUMBER_OR_RANGE.match(merged[k - 1]))
        if after_number and tok in _PERCENT:
            continue
        if after_number and tok in _UNITS and result and result[-1] == merged[k - 1]:
            unit, factor = _UNITS[tok]
            result[-1] = _scaled(merged[k - 1], factor)
            result.append(unit)
        else:
            result.append(_fold_plural(tok))
    return result


@dataclass(frozen=True, slots=True)
class ClozeMatch:
    """Which accepted answer a response matched, and whether it took forgiving a one-letter typo."""

    answer: str
    typo: bool = False


def cloze_matches(response: str, answers: Sequence[str], prompt: str = "") -> bool:
    """Whether `response` matches any accepted answer (see `cloze_match`)."""
    return cloze_match(response, answers, prompt) is not None


def cloze_match(response: str, answers: Sequence[str], prompt: str = "") -> ClozeMatch | None:
    """The accepted answer `response` matches, or None.

    Forgiven, because they keep the meaning: case, spacing, punctuation and hyphens, accents and
    unicode look-alikes (µ/u/mu, β/beta, en-dash; "18 to 20" = "18-20"); plurals ("receptors" =
    "receptor"); numbers in words or digits ("thirty-one" = "31", "one and a half" = "1.5");
    units with or without a space and in any spelling ("13h" = "13 h" = "13 hours"), converted
    where the conversion is exact ("two weeks" = "14 days", "1 mg" = "1000 µg"); "41 percent" =
    "41%" = "41". The student may also repeat words that stand right next to the blank in the
    prompt: for "A typical dose is ___ mg at night", "4.5 mg" and "4.5mg" match the answer "4.5"
    (up to three words either side). A unit that is *not* in the prompt is not assumed: if the
    answer is "4.5 mg" and the prompt has no "mg", "4.5" does not match unless it is listed.
    Numbers are compared as written apart from trailing decimal zeros ("4.50" = "4.5", but
    "1,963" != "1963").

    Failing all that, one wrong, missing, extra or swapped letter is forgiven in an answer of five
    characters or more (`typo=True`: the grade shows the right spelling), never in a digit: "1936"
    is not "1963".
    """
    resp = cloze_tokens(response)
    if not resp:
        return None
    before, after = _context(prompt)
    resp_variants = _variants("".join(cloze_canonical(resp)))
    candidates: list[tuple[str, set[str]]] = []  # answers long enough to forgive a typo in
    for ans in answers:
        a = cloze_tokens(ans)
        if not a:
            continue
        long_enough = len("".join(cloze_canonical(a))) >= 5
        for i in range(len(before) + 1):
            for j in range(len(after) + 1):
                joined = _variants("".join(cloze_canonical(before[len(before) - i :] + a + after[:j])))
                if joined & resp_variants:
                    return ClozeMatch(ans)
                if long_enough:
                    candidates.append((ans, joined))
    for ans, joined in candidates:
        if any(_one_letter_apart(r, c) for r in resp_variants for c in joined):
            return ClozeMatch(ans, typo=True)
    return None


def _one_letter_apart(a: str, b: str) -> bool:
    """True when `a` and `b` (5+ characters) differ by one letter: replaced, added, dropped or two
    neighbours swapped. An edit touching a digit or a decimal mark never counts."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    da, db = a[p : len(a) - s], b[p : len(b) - s]
    shape = (len(da), len(db))
    if not (shape in ((1, 1), (1, 0), (0, 1)) or (shape == (2, 2) and da == db[::-1])):
        return False
    return all(ch.isalpha() for ch in da + db)


def _context(prompt: str) -> tuple[list[str], list[str]]:
    m = BLANK.search(prompt or "")
    if not m:
        return [], []
    return cloze_tokens(prompt[: m.start()])[-3:], cloze_tokens(prompt[m.end() :])[:3]
