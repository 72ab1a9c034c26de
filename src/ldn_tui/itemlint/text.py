"""Word-level text helpers shared by the item-writing rules: tokens, stop words, light stemming,
set similarity, absolute words and the sound an English word starts with.

Deliberately simple and predictable (regular expressions and small word lists, no NLP
package): a rule that fires must be explainable to the author in one sentence.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")

#: Function words that carry no content: ignored when comparing stems with choices or stems
#: with each other, so "the" and "of" never make two questions look alike.
STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are aren as at be because been before
    being below between both but by can cannot could did do does doing down during each else ever few
    for from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just let may me might more most must my myself no nor not now of off on once one only
    or other ought our ours ourselves out over own per same shall she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up upon us
    very via was we were what when where which while who whom whose why will with within without would
    yet you your yours yourself yourselves s t""".split()  # noqa: SIM905 - a word list reads better as text
)

#: Specific determiners (Haladyna et al. 2002, guideline 28a; NBME "absolute terms"): words that
#: make a statement sweeping, which test-wise students learn to read as "false".
ABSOLUTE_WORDS: frozenset[str] = frozenset(
    """always never only all none every everyone everybody everything nothing nobody completely absolutely
    entirely totally invariably guaranteed guarantees certainly definitely impossible""".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Case-folded text without accents (ï -> i), for comparisons."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Every word and number in `text`, folded ("Crohn's" -> "crohn", "s")."""
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A plural folded to its singular, so "receptors" and "receptor" count as one word."""
    if len(word) < 4 or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "zes", "sses")):
        return word[:-2]
    return word.removesuffix("s")


def content_words(text: str) -> set[str]:
    """The stemmed words of `text` that carry content: no stop words, no single letters."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}


def dice(a: set[str], b: set[str]) -> float:
    """Sørensen-Dice similarity, 2|a ∩ b| / (|a| + |b|): 1.0 for the same words, 0.0 for none in
    common (and for an empty set). Kinder than Jaccard to a stem that rewords a few words of
    another: "The 2007 open-label pilot in adults with Crohn's disease enrolled ___" and "The 2007
    open-label Crohn's pilot enrolled ___ adults" score 0.88 (Jaccard 0.78)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def absolute_words(text: str) -> list[str]:
    """The absolute words in `text`, in order ("no one" counts as one)."""
    found = [w for w in words(text) if w in ABSOLUTE_WORDS]
    if re.search(r"\bno one\b", fold(text)):
        found.append("no one")
    return found


# -- a / an ------------------------------------------------------------------------------------

#: Letters whose spoken name starts with a vowel sound ("an MRI", "an FDA label", "an RCT").
_VOWEL_NAMED_LETTERS = set("aefhilmnorsx")
#: Words spelled with a vowel that start with a consonant sound, and the reverse.
_CONSONANT_SOUND = re.compile(r"^(?:uni|use|usu|uti|ure|eu|ewe|one|once|ubiq|uro|ufo|ukr)")
_VOWEL_SOUND_H = re.compile(r"^(?:hour|honest|honou?r|heir)")
#: Numbers read with a vowel sound: 8, 11, 18, 80-89, 800...
_VOWEL_NUMBER = re.compile(r"^(?:8|11|18)(?:\D|$)|^8\d")


def starts_with_vowel_sound(text: str) -> bool | None:
    """Whether `text` is read starting with a vowel sound (it takes "an"); None if it cannot tell.

    Acronyms are read letter by letter ("an MS patient", "a GP"); numbers as spoken ("an 8-week
    trial", "a 10-week trial"). A heuristic with the usual exceptions (university, one, hour).
    """
    m = re.search(r"[^\W_]+", text)
    if m is None:
        return None
    raw = m.group(0)
    if raw[0].isdigit():
        return bool(_VOWEL_NUMBER.match(raw))
    if len(raw) >= 2 and raw.isupper():  # an acronym, read letter by letter
        return fold(raw[0]) in _VOWEL_NAMED_LETTERS
    word = fold(raw)
    if _VOWEL_SOUND_H.match(word):
        return True
    if _CONSONANT_SOUND.match(word):
        return False
    return word[0] in "aeiou"
