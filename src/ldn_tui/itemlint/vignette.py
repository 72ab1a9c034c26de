"""Is a stem a clinical vignette? A heuristic, documented so its counts can be trusted and argued.

NBME's manual asks for items "in the clinical vignette format" where the point is clinical: the
stem presents one person (age or sex) in a clinical situation, then asks what follows. Here a
stem counts as a vignette when all three hold:

1. **One person with an age or a sex**: an age written as an age ("a 45-year-old", "aged 62",
   "in her fifties"), a singular word that gives a sex (woman, man, girl, boy, mother,
   father, wife, husband, daughter, son, Mr/Mrs/Ms, pregnant), or a person ("a patient",
   "someone", "a customer") referred to as she or he. Plural words ("31 women") do not count:
   they describe a study's sample, not a patient in front of you.
2. **A clinical situation**: a word about taking, starting or stopping a treatment, a
   diagnosis, symptoms, a condition, a dose, a prescription or a pharmacy ("takes", "was
   diagnosed", "reports", "asks", "opioids", "fibromyalgia", "mg", ...).
3. **Long enough to tell a story**: at least 15 words.

It misses vignettes about "a patient" with neither age nor sex (by design: the issue asks for
age or sex) and can count a story told about one person in a source. Both are rare in practice.
"""

from __future__ import annotations

import re

MIN_WORDS = 15

_AGE = re.compile(
    r"\b\d{1,3}[- ](?:year|yr|month)s?[- ]old\b|\baged\s+\d{1,3}\b(?!\s*(?:-|–|to)\s*\d)"
    r"|\bin\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?(?:teens|twenties|thirties|forties|fifties|sixties"
    r"|seventies|eighties|nineties|[2-9]0s)\b",
    re.IGNORECASE,
)
_SEX = re.compile(
    r"\b(?:woman|man|girl|boy|lady|gentleman|mother|father|mum|mom|dad|wife|husband|daughter|son|grandmother"
    r"|grandfather|sister|brother|mr|mrs|pregnant|female|male)\b|\b(?-i:Ms)\.?\s+[A-Z]",  # Ms, never MS
    re.IGNORECASE,
)
_PERSON = re.compile(
    r"\b(?:patient|person|someone|client|customer|friend|colleague|relative|neighbou?r|caller)\b", re.IGNORECASE
)
_PRONOUN = re.compile(r"\b(?:she|her|hers|herself|he|him|his|himself)\b", re.IGNORECASE)
_CLINICAL = re.compile(
    r"\b(?:takes?|taking|took|started|starts?|starting|stopp?(?:ed|ing|s)?|prescri\w*|diagnos\w*|reports?|reported"
    r"|complains?|presents?|presenting|asks?|asked|wants?|symptoms?|pain|dose|doses|dosing|mg|tablets?|capsules?"
    r"|pharmac\w*|opioids?|tramadol|codeine|morphine|methadone|buprenorphine|oxycodone|levothyroxine|thyroid\w*"
    r"|hashimoto\w*|fibromyalgia|crohn\w*|sclerosis|ms|depress\w*|pregnan\w*|breastfeed\w*|transplant\w*"
    r"|immunosuppress\w*|dreams?|insomnia|nausea|headaches?|gp|doctor|clinic|prescriber|pharmacist|treatment)\b",
    re.IGNORECASE,
)


def is_vignette(stem: str) -> bool:
    """Whether `stem` presents one person with an age or sex in a clinical situation (see above)."""
    if len(stem.split()) < MIN_WORDS:
        return False
    person = _AGE.search(stem) or _SEX.search(stem) or (_PERSON.search(stem) and _PRONOUN.search(stem))
    return bool(person and _CLINICAL.search(stem))
