"""Load the study content: validated, built into the model, and cached.

Parsing YAML is the slowest thing ldn-study does (PyYAML builds Python objects one by one,
even with libyaml underneath), so a validated content set is pickled into the user cache dir,
keyed on every file's path, size and modification time plus the format and package versions.
A cache that is missing, stale, unreadable or from another version is ignored and rebuilt;
a cache that cannot be written is simply not written.
"""

from __future__ import annotations

import gc
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui import __version__, paths
from ldn_tui.content.errors import ContentInvalid
from ldn_tui.content.files import content_files, unreadable_files
from ldn_tui.content.model import Content

if TYPE_CHECKING:
    from collections.abc import Callable

    from ldn_tui.content.errors import Issue

    Progress = Callable[[int, int], None]

#: Bump when the model or the cache layout changes.
CACHE_FORMAT = 7  # 2: outcomes; 3: objectives; 4: Source.name; 5: Claim.rationale; 6: pickled through constructors;
# 7: each chapter's questions in a block of their own, read when first used (parsecache.py)


def load_content(
    path: str | os.PathLike[str] | None = None, *, use_cache: bool = True, progress: Progress | None = None
) -> Content:
    """The content at `path` (default: LDN_STUDY_CONTENT or the bundled set).

    Raises ContentInvalid listing every problem when the content does not validate. `progress`
    is told (files read, files in all) only when the YAML is read (no fresh parse cache).
    """
    root = paths.content_dir(path)
    key = _cache_key(root) if use_cache else None
    if key is not None:
        cached = _read_cache(root, key)
        if cached is not None:
            return cached
    content, issues = validate(root, progress)
    if issues:
        raise ContentInvalid(issues)
    assert content is not None
    if key is not None:
        _write_cache(root, key, content)
    return content


def validate(root: str | os.PathLike[str], progress: Progress | None = None) -> tuple[Content | None, list[Issue]]:
    """Full check of a folder, never cached: what `ldn-study validate` runs."""
    from ldn_tui.content.validate import check_folder  # YAML and the checker: only on a cache miss

    enabled = gc.isenabled()
    gc.disable()  # the cyclic GC makes large loads superlinear; nothing here makes cycles
    try:
        return check_folder(Path(root), progress)
    finally:
        if enabled:
            gc.enable()


def _cache_key(root: Path) -> tuple[Any, ...] | None:
    try:
        stats = tuple(
            (str(p.relative_to(root)), st.st_size, st.st_mtime_ns) for p in content_files(root) for st in (p.stat(),)
        )
    except OSError:
        return None
    if not stats or unreadable_files(root):  # an unreadable entry: validate, which reports it
        return None
    return (CACHE_FORMAT, __version__, str(root.resolve()), stats)


def cache_file(root: Path) -> Path:
    # A name per content folder; not a security hash (zlib is loaded anyway, hashlib costs 1 ms).
    where = str(root.resolve()).encode()
    digest = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    return paths.cache_dir(create=False) / f"content-v{CACHE_FORMAT}-{digest}.pickle"


def _read_cache(root: Path, key: tuple[Any, ...]) -> Content | None:
    from ldn_tui.content import parsecache

    return parsecache.read(cache_file(root), key, lambda: _revalidate(root))


def _revalidate(root: Path) -> Content:
    """The content read again from its YAML (the cache broke under a running app)."""
    content, issues = validate(root)
    if issues or content is None:
        raise ContentInvalid(issues)
    return content


def _write_cache(root: Path, key: tuple[Any, ...], content: Content) -> None:
    from ldn_tui.content import parsecache

    target = cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        parsecache.write(target, key, content)
    except OSError:
        return  # a read-only or full cache dir only costs speed
    _remove_older(target)


def _remove_older(target: Path) -> None:
    """Delete this folder's caches from earlier formats (same name but for the version)."""
    digest = target.name.rsplit("-", 1)[-1]
    for old in target.parent.glob(f"content-v*-{digest}"):
        if old != target:
            try:
                old.unlink()
            except OSError:
                pass
