"""No sentence of the study content may be copied from the five source articles.

Any run of 12 or more identical consecutive words (case and punctuation ignored) shared with
a source fails, with the card or file and the shared words, so it can be rewritten.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ldn_tui import paths

RUN = 12
SOURCES = Path(__file__).resolve().parents[3] / "shared" / "sources"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9µ]+(?:['’][a-z]+)?", text.lower().replace("’", "'"))


def strings(node, where="") -> list[tuple[str, str]]:
    if isinstance(node, str):
        return [(where, node)]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in strings(v, f"{where}.{k}" if where else str(k))]
    if isinstance(node, list):
        return [s for i, v in enumerate(node) for s in strings(v, f"{where}[{i}]")]
    return []


#: Bibliographic fields quote a paper's own title and author list by design; they are not prose.
BIBLIOGRAPHIC = {"citation", "authors", "title", "journal", "pmid", "doi", "pmcid", "file"}
BIBLIOGRAPHIC_FILES = {"references.yaml", "sources.yaml"}


def is_bibliographic(path: Path, where: str) -> bool:
    return path.name in BIBLIOGRAPHIC_FILES and where.rsplit(".", 1)[-1] in BIBLIOGRAPHIC


def shingles(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + RUN]) for i in range(len(ws) - RUN + 1)}


@pytest.fixture(scope="module")
def source_shingles() -> dict[tuple[str, ...], str]:
    if not SOURCES.is_dir():
        pytest.skip(f"source articles not found at {SOURCES} (they live in the team's shared/ folder)")
    out: dict[tuple[str, ...], str] = {}
    for f in sorted(SOURCES.glob("*.txt")):
        for sh in shingles(words(f.read_text(encoding="utf-8"))):
            out.setdefault(sh, f.name)
    return out


def content_yaml_files() -> list[Path]:
    root = paths.bundled_content_dir()
    return sorted(root.rglob("*.yaml"))


def test_there_is_content_to_check():
    assert content_yaml_files(), "no content YAML found"


@pytest.mark.parametrize("path", content_yaml_files(), ids=lambda p: p.name)
def test_no_run_of_twelve_words_is_copied(path: Path, source_shingles):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    copied = []
    for where, text in strings(data):
        if is_bibliographic(path, where):
            continue
        for sh in shingles(words(text)):
            if sh in source_shingles:
                copied.append(f"{where}: '{' '.join(sh)}' (from {source_shingles[sh]})")
                break
    assert not copied, f"{path.name} copies wording from the sources; rewrite in your own words:\n" + "\n".join(copied)


def test_the_check_catches_a_copied_sentence(source_shingles):
    """Guard against a check that cannot fail: a sentence lifted from source 003 is caught."""
    lifted = (
        "Thirty one women with Fibromyalgia were each treated with 4.5 mg of naltrexone in the evening for 12 weeks"
    )
    assert shingles(words(lifted)) & set(source_shingles)
