"""The compiled reader (content/fastread.py) gives exactly what the strict reader gives, or declines.

yaml-rs reads YAML 1.2 and PyYAML YAML 1.1, so the same text can give different data. These tests
hold `fastread.load` to its promise from both sides: every spelling tried either is declined or
reads the same as `yamlpos.parse`, each known difference is declined (and really is a difference,
so the list cannot go stale), and whole content sets build the same model both ways.
"""

from __future__ import annotations

import dataclasses
import itertools
import shutil
import sys
from pathlib import Path

import pytest
import yaml_rs

from ldn_tui import paths
from ldn_tui.content import ContentInvalid, fastread, load_content, yamlpos
from ldn_tui.content.folder import check_folder

BUNDLED = paths.content_dir(None)


def _strict(doc: str):
    """The strict reader's data, or None where it refuses the text or reports a problem in it."""
    try:
        data, _, problems = yamlpos.parse(doc)
    except yamlpos.YamlProblem:
        return None
    return None if problems else data


def _load(doc: str):
    return fastread.load(doc.encode(), doc)


# -- every spelling ------------------------------------------------------------------------

#: Characters numbers, booleans and the flow syntax are made of; every string of up to 3 of them.
ALPHABET = [*"0178.eE-+_:xob", " "]
WORDS = [
    *("yes Yes YES no No NO on On ON off Off OFF y n Y N true True TRUE false False FALSE tRue".split()),
    *("null Null NULL ~ = << .inf -.inf +.inf .Inf .INF .nan .NaN .NAN".split()),
    *("1_000 1__0 0b1_0 0x_1f 0x1F 0o17 012 08 09 1:30 1:30.5 -1:30 190:20:30 1e3 1E3 1e+3 1.5e3".split()),
    *("1.5e-3 1.0e+3 -.5 +.5 .5 1. 1.0 -0 +0 2019-01-01 2019-1-1 12:30:45 0.10 1963 +12 -12 1_0.5".split()),
    *("@x `x %x 'q' \"q\" -x ?x :x x: [a] {a:1} *a !x".split()),
    "a b",
    "&a x",
    "!!str 3",
    "!!int 3",
    "! x",
]
CONTEXTS = [
    "a: {w}\n",
    "a: [{w}]\n",
    "a: [ {w}]\n",
    "a: [x, {w}\n  ]\n",
    "a: [ {w}\n  ]\n",
    "a: {{b: {w}}}\n",
    "{w}: a\n",
    "a:\n  - {w}\n",
    "a: '{w}'\n",
    'a: "{w}"\n',
]


def test_every_spelling_reads_the_same_as_the_strict_reader_or_is_declined():
    words = {"".join(t) for n in (1, 2, 3) for t in itertools.product(ALPHABET, repeat=n)} | set(WORDS)
    same, declined, wrong = 0, 0, []
    for word in sorted(words):
        for context in CONTEXTS:
            doc = context.format(w=word)
            fast = _load(doc)
            if fast is None:
                declined += 1
            elif repr(fast) == repr(_strict(doc)):
                same += 1
            else:
                wrong.append((doc, fast, _strict(doc)))
    assert wrong == []
    assert same > 2 * declined  # most spellings are read, not declined: the check is not vacuous


# -- each known difference is declined -----------------------------------------------------

DIFFERENCES = {
    "YAML 1.1 booleans": "a: yes\n",
    "YAML 1.1 booleans in a list": "a: [on, off]\n",
    "a boolean as a key": "no: a\n",
    "octal with a leading zero": "a: 012\n",
    "0o octal": "a: 0o12\n",
    "an exponent without a point": "a: 1e3\n",
    "a point after a sign": "a: -.5\n",
    "an underscore first": "a: _1\n",
    "sexagesimal": "a: 1:30\n",
    "the value key": "a: =\n",
    "a merge key": "b: {x: 1}\n<<: {x: 2}\n",
    "an unknown tag": "a: !foo x\n",
    "an alias": "a: &x 1\nb: *x\n",
    "a duplicate key": "a: 1\na: 2\n",
    "a duplicate complex key": "? a\n? a\n",
    "several documents": "a: x\n---\nb: y\n",
    "a document end, then more": "a: x\n...\nb: y\n",
    "a tab after a dash": "a:\n  -\tx\n",
    "a tab in the indentation": "a:\n \tb: 1\n",
    "text cut at ' #'": "a: two words # and a comment\n",
    "a NEL line break": "a: x\x85y\n",
    "a flow item starting with ':'": "a: [ :x]\n",
    "a flow key with no value": "a: [ b:]\n",
    "a flow item starting with '?'": "a: [?x]\n",
}


@pytest.mark.parametrize("doc", DIFFERENCES.values(), ids=DIFFERENCES.keys())
def test_a_text_the_two_readers_read_differently_is_declined(doc):
    try:
        fast = repr(yaml_rs.loads(doc, parse_datetime=False))
    except Exception:  # noqa: BLE001
        fast = "refused"
    assert fast != repr(_strict(doc)), "not a difference (any more): drop it from the list"
    assert _load(doc) is None


@pytest.mark.parametrize(
    "doc",
    [
        "a: 'yes'\n",  # quoted: the same for both, but the data cannot tell it from a plain yes
        "a: [b :c]\n",  # a blank before ':' in a flow list
        "a: x\nb: [1, 2]\n",  # a number in a list: its line is not looked for
        "a: 'x\n\ny'\n",  # yaml-rs refuses a quoted scalar that goes on at the margin
    ],
)
def test_texts_in_doubt_are_declined_even_where_the_two_agree(doc):
    assert _load(doc) is None


def test_what_both_read_alike_is_read():
    doc = (
        'title: "1963"\nn: 12\nlow: -0.5\nok: true\nnothing: null\nids: [src:001, younger2014]\nbody: |\n  yes\n  012\n'
    )
    assert _load(doc) == _strict(doc)


# -- whole content sets -----------------------------------------------------------------------


def _without_lines(x):
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {
            f.name: (0 if f.name == "line" else _without_lines(getattr(x, f.name)))
            for f in dataclasses.fields(x)
            if f.name != "lines"
        }
    if isinstance(x, (tuple, list)):
        return [_without_lines(v) for v in x]
    if isinstance(x, dict):
        return {k: _without_lines(v) for k, v in x.items() if not str(k).startswith("_")}
    return x


def _generated(tmp_path: Path, cards: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import gen_content
    finally:
        sys.path.pop(0)
    return gen_content.generate(cards, tmp_path / f"c{cards}")


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_content_builds_the_same_model_read_either_way(tmp_path, which):
    root = BUNDLED if which == "bundled" else _generated(tmp_path, 200)
    fast, fast_issues = check_folder(Path(root), fast=True)
    strict, strict_issues = check_folder(Path(root))
    assert fast_issues == strict_issues == []
    assert not fast.lines and strict.lines
    assert _without_lines(fast) == _without_lines(strict)
    read_fast = sum(1 for card in fast.cards if card.line == 0)
    assert read_fast == len(fast.cards)  # every chapter file was read by the compiled reader


def test_problems_are_reported_with_their_lines(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(BUNDLED, root)
    chapter = root / "chapters" / "10-orientation.yaml"
    lines = chapter.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    title: "))
    lines[at] = "    title: 1963\n"
    chapter.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentInvalid) as caught:
        load_content(root, use_cache=False)
    (issue,) = caught.value.issues
    assert (issue.line, issue.path.endswith(".title")) == (at + 1, True)
    assert "put it in quotes" in issue.message


def test_a_cache_without_lines_does_not_serve_a_caller_that_needs_them(tmp_path, monkeypatch):
    monkeypatch.setenv("LDN_STUDY_HOME", str(tmp_path / "home"))
    first = load_content(BUNDLED)
    assert not first.lines  # read by the compiled reader and cached so
    assert not load_content(BUNDLED).lines  # from the cache
    with_lines = load_content(BUNDLED, lines=True)
    assert with_lines.lines and all(card.line > 0 for card in with_lines.cards)
    again = load_content(BUNDLED)  # the cache was rewritten with the lines
    assert again.lines and again.cards[0].line == with_lines.cards[0].line


def test_without_yaml_rs_every_file_is_read_strictly(monkeypatch):
    monkeypatch.setattr(fastread, "yaml_rs", None)
    content, issues = check_folder(Path(BUNDLED), fast=True)
    assert issues == [] and content is not None and content.lines


@pytest.mark.parametrize(
    "doc",
    [
        'order: 1\n"n": 012\n',  # a quoted key
        "order: 1\n? n\n: 012\n",  # a complex key
        "order: 1\nn:\n  012\n",  # the value on the next line
        "n: 012\nbody: |\n  n: 5\n",  # a block scalar's line that looks like the key, but later
        '"n": 012\nbody: |\n  n: 5\n',  # a quoted key, and a decoy that reads the same
        "a: {n: 012}\n",  # in a flow mapping
        "order: 12\nn: 012\n",
        "n: 1e3\n",
    ],
)
def test_a_number_is_declined_unless_each_place_it_is_written_reads_the_same(doc):
    assert _strict(doc) is None or repr(yaml_rs.loads(doc, parse_datetime=False)) != repr(_strict(doc))
    assert _load(doc) is None


def test_a_number_is_read_where_each_place_reads_the_same():
    doc = "order: 60\nitems:\n  - n: 12\n    low: -0.5\ntext: >-\n  In alphabetical order: a, b.\nlater: |\n  n: here\n"
    assert _load(doc) == _strict(doc) == yaml_rs.loads(doc)
