"""Which files make up a content folder. Tiny and import-free: the cache key needs it on every start."""

from __future__ import annotations

from pathlib import Path

#: outcomes.yaml is part of the set (and so of the parse cache's key): claims take their certainty from it.
ROOT_FILE_NAMES = ("sources.yaml", "references.yaml", "glossary.yaml", "outcomes.yaml", "objectives.yaml")
CHAPTERS_DIR = "chapters"


def content_files(root: Path) -> list[Path]:
    """Every YAML file the loader reads, in a stable order (used for the cache key too)."""
    files = [root / name for name in ROOT_FILE_NAMES if (root / name).is_file()]
    chapters = root / CHAPTERS_DIR
    if chapters.is_dir():
        files += sorted(p for p in chapters.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return files
