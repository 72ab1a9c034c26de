"""The welcome note: what this is, that it is not medical advice, and the first keys.

Shown once, as a banner on the Today screen (`x` hides it), never as a dialog over a command
the student asked for (`ldn-study quiz` opens straight on its first question).
"""

from __future__ import annotations

from textual.content import Content

#: The keys a newcomer needs first (the rest are in help).
FIRST_KEYS: tuple[tuple[str, str], ...] = (
    ("r", "read; ↑ ↓ Enter pick a card"),
    ("h", "back to Today"),
    ("?", "every key, and how to search"),
)


def welcome_text() -> Content:
    parts: list = [
        "A study guide to ",
        ("low-dose naltrexone (LDN)", "bold"),
        " for pharmacy, medical and nursing students: its history, pharmacology, the evidence "
        "for each use, and how strong that evidence is. ",
        ("Educational, not medical advice:", "bold $text-warning"),
        " nothing here tells anyone what to take.\n",
    ]
    for key, does in FIRST_KEYS:
        parts += ["\n", (f" {key:<2}", "bold $text-accent"), f" {does}"]
    return Content.assemble(*parts)
