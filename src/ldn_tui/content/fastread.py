"""A compiled reader for loading content files, used only where it reads exactly what the strict one does.

The strict reader (yamlpos.py) builds the data with PyYAML in Python, so that it can keep every
key's line and refuse what the format does not allow. At 10,000 cards that took about 6 s of an
8.5 s check. yaml-rs parses the same 55 MB in compiled code in under 1 s, but it keeps no lines,
and it reads YAML 1.2 where PyYAML reads YAML 1.1: the same file can give different data. So
`load` returns the data only where the two are known to agree, and None everywhere else; the
caller then reads that file strictly. `ldn-study validate` and `lint` always read strictly, and a
problem found in content read this way is reported from a strict reading, with its line.

None is returned for:
- anything yaml-rs refuses: a syntax error, a duplicate key, an alias (the strict reader reports
  each with its line);
- a file that is not one mapping: empty, a list at the top, several documents;
- tabs, carriage returns, control characters and Unicode line separators, which the two treat
  differently;
- ' #' after text on a line: the strict reader reports plain text cut short there
  (yamlpos._Loader._check_cut), which yaml-rs would drop without a word;
- a tag (`!x`): yaml-rs ignores tags it does not know, the strict reader reports them;
- a ':' beside a blank or a flow indicator in a file with flow collections (`[ b:]`), where
  libyaml and yaml-rs split the list differently;
- text that YAML 1.1 reads as something else when it is written plain (PyYAML's own rules:
  yes/no/on/off in their spellings, `=`, `<<`, 1:30, 1_000), unless yaml-rs would not read it as
  text when plain either, so that it must have been quoted;
- a number whose spelling the two read differently (012 is 10 in YAML 1.1 and 12 in 1.2; 1e3 is
  text to PyYAML): each `key: value` line of a key that holds a number is read again by both; a
  number in a list, or a key written where it is not looked for (quoted, after '?', with its
  value on the next line) is declined.

`tests/unit/test_fastread.py` holds both readers to this: for every scalar spelling it tries and
every content file, `load` either declines or gives what the strict reader gives.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml.resolver

try:
    import yaml_rs
except ImportError:  # pragma: no cover - a platform without a yaml-rs wheel: every file is read strictly
    yaml_rs = None  # type: ignore[assignment]

#: Bytes that need no further look: printable ASCII and the line feed.
_PLAIN_ASCII = bytes([10, *range(32, 127)])
#: Characters outside what both readers take alike: C0/C1 controls but \n (so tabs and \r too),
#: DEL, the Unicode line and paragraph separators, a BOM inside the text, surrogates and non-characters.
_ODD_CHARACTER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
#: A comment after text on the same line (a full-line comment has only blanks before its '#').
_COMMENT_AFTER_TEXT = re.compile(r"\S[ \t]+#")
#: A tag: '!' where a node may start.
_TAG = re.compile(r"(?<![^\s\[{,:-])!")
#: PyYAML's own rules for what plain text resolves to (YAML 1.1), but for text and dates (the strict
#: reader keeps dates as text): booleans with yes/no/on/off, null, ints and floats in their 1.1
#: spellings (1_000, 1:30, 0b1), `<<` and `=`. Keyed by first character, as PyYAML looks them up.
_RESOLVES_OTHERWISE = {
    first: re.compile("|".join(f"(?:{r.pattern})" for _, r in rules if not _.endswith((":str", ":timestamp"))), re.X)
    for first, rules in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
#: Text starting with ':' or '?': inside a flow list the two readers split `[ :x]` and `[?x]` differently.
_RESOLVES_OTHERWISE[":"] = _RESOLVES_OTHERWISE["?"] = re.compile("")
#: A ':' next to a flow indicator or after a blank, where libyaml and yaml-rs split flow lists
#: differently (`[ b:]`, `[x, :y]`); in block mappings ':' always follows its key directly.
_ODD_COLON = re.compile(r"[\s\[{,]:|:[,\]}]")
#: The ':' after a key, then a blank or the end of the line.
_KEY_COLON = re.compile(r"[ \t]*:(?:[ \t]|$)")


def load(raw: bytes, text: str) -> dict[str, Any] | None:
    """The data of one content file (`raw` as read, `text` decoded), or None: read it strictly."""
    if yaml_rs is None or not _text_agrees(raw, text):
        return None
    try:
        data = yaml_rs.loads(
            text,
            parse_datetime=False,
            alias_limits=yaml_rs.AliasLimits(max_total_replayed_events=0),
        )
    except Exception:  # noqa: BLE001 - whatever it refuses, the strict reader explains with a line
        return None
    if not isinstance(data, dict):
        return None
    keys = _number_keys(data)
    if keys is None or (keys and not _numbers_agree(text, keys)):
        return None
    return data


def _text_agrees(raw: bytes, text: str) -> bool:
    odd = raw.translate(None, _PLAIN_ASCII)
    if odd and (min(odd) < 0x80 or _ODD_CHARACTER.search(text)):
        return False
    if " #" in text and _COMMENT_AFTER_TEXT.search(text):
        return False
    if ("[" in text or "{" in text) and _ODD_COLON.search(text):
        return False
    return not ("!" in text and _TAG.search(text))


def _numbers_agree(text: str, numbers: dict[str, int]) -> bool:
    """Whether each number in the data, under its key, is written in a spelling both readers read alike.

    yaml-rs and YAML 1.1 read some spellings of a number differently (012 is 12 against 10; 1e3 a
    number against text). `numbers` counts the numbers under each key. Every place a key is written
    as a key is found and its `key: value` read again alone by both readers; a key written in a way
    not looked for (quoted, after '?', its value on the next line or inside a flow collection)
    sends the file to the strict reader, as do fewer places than numbers.
    """
    for key, count in numbers.items():
        found = 0
        for m in re.finditer(re.escape(key), text):
            start, end = m.start(), m.end()
            if (start and (text[start - 1].isalnum() or text[start - 1] in "_-")) or (
                end < len(text) and (text[end].isalnum() or text[end] in "_-")
            ):
                continue  # part of a longer word
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            before = text[line_start:start]
            after = text[end : len(text) if line_end < 0 else line_end]
            lead = before.strip(" \t-")
            if lead and lead[-1] not in "{,[?\"'":
                continue  # prose: a key starts a line (after its indent and dashes) or a flow item
            if lead[-1:] == "?":
                return False  # a complex key: not looked into
            if lead[-1:] in ('"', "'"):
                if after[:1] == lead[-1] and _KEY_COLON.match(after, 1):
                    return False  # a quoted key: not looked into
                continue
            colon = _KEY_COLON.match(after)
            if colon is None:
                continue  # a word at the start of a line of text
            value = after[colon.end() :].strip()
            if not value or any(ch in value for ch in ",[]{}") or not _reads_same(value):
                return False  # the value on the next lines, in a flow collection, or read otherwise
            found += 1
        if found < count:
            return False
    return True


def _number_keys(data: dict[str, Any]) -> dict[str, int] | None:
    """How many numbers each key holds, or None if the data holds text that YAML 1.1 reads
    otherwise when plain, a key that is not text, or a number in a list (whose line is not known)."""
    keys: dict[str, int] = {}
    rules = _RESOLVES_OTHERWISE
    stack: list[Any] = [data]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        kind = type(node)
        if kind is dict:
            for key, value in node.items():
                if type(key) is not str or (
                    (r := rules.get(key[:1])) is not None and r.match(key) and _plain_is_text(key)
                ):
                    return None
                kind = type(value)
                if kind is str:
                    if (r := rules.get(value[:1])) is not None and r.match(value) and _plain_is_text(value):
                        return None
                elif kind is int or kind is float:
                    keys[key] = keys.get(key, 0) + 1
                elif value is not None and kind is not bool:
                    push(value)
        elif kind is list:
            for value in node:
                kind = type(value)
                if kind is str:
                    if (r := rules.get(value[:1])) is not None and r.match(value) and _plain_is_text(value):
                        return None
                elif kind is int or kind is float:
                    return None
                elif value is not None and kind is not bool:
                    push(value)
    return keys


@functools.lru_cache(maxsize=256)
def _plain_is_text(value: str) -> bool:
    """Whether yaml-rs reads `value` as text when it is written plain.

    Called for text that PyYAML would read otherwise if plain. If yaml-rs would not read it as text
    either (1963, 0.10, null), the text we were given must have been quoted, and a quoted scalar is
    text to both readers. Only text that yaml-rs reads as text even when plain (yes, 1:30, =) leaves
    the source in doubt.
    """
    try:
        return isinstance(yaml_rs.loads(f"v: {value}", parse_datetime=False).get("v"), str)  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - not a plain scalar at all: it was quoted
        return False


@functools.lru_cache(maxsize=1024)
def _reads_same(value: str) -> bool:
    """Whether `v: value` gives the same value to yaml-rs and to the strict reader."""
    from ldn_tui.content import yamlpos

    doc = f"v: {value}\n"
    try:
        fast = yaml_rs.loads(doc, parse_datetime=False)
        strict, _, problems = yamlpos.parse(doc)
    except Exception:  # noqa: BLE001 - either refuses it: leave it to the strict reader
        return False
    return not problems and repr(fast) == repr(strict)
