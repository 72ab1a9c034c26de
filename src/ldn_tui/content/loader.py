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
import pickle
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ldn_tui import __version__, paths
from ldn_tui.content.errors import ContentInvalid
from ldn_tui.content.files import content_files, unreadable_files
from ldn_tui.content.model import Content

if TYPE_CHECKING:
    from ldn_tui.content.errors import Issue

#: Bump when the model or the cache layout changes.
CACHE_FORMAT = 6  # 2: outcomes; 3: objectives; 4: Source.name; 5: Claim.rationale; 6: pickled through constructors


def load_content(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Content:
    """The content at `path` (default: LDN_STUDY_CONTENT or the bundled set).

    Raises ContentInvalid listing every problem when the content does not validate.
    """
    root = paths.content_dir(path)
    key = _cache_key(root) if use_cache else None
    if key is not None:
        cached = _read_cache(root, key)
        if cached is not None:
            return cached
    content, issues = validate(root)
    if issues:
        raise ContentInvalid(issues)
    assert content is not None
    if key is not None:
        _write_cache(root, key, content)
    return content


def validate(root: str | os.PathLike[str]) -> tuple[Content | None, list[Issue]]:
    """Full check of a folder, never cached: what `ldn-study validate` runs."""
    from ldn_tui.content.validate import check_folder  # YAML and the checker: only on a cache miss

    enabled = gc.isenabled()
    gc.disable()  # the cyclic GC makes large loads superlinear; nothing here makes cycles
    try:
        return check_folder(Path(root))
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
    try:
        with open(cache_file(root), "rb") as fh:
            enabled = gc.isenabled()
            gc.disable()
            try:
                stored_key, content = pickle.load(fh)
            finally:
                if enabled:
                    gc.enable()
    except Exception:  # missing, truncated, from another version: rebuild
        return None
    if stored_key != key or not isinstance(content, Content):
        return None
    return content


def _write_cache(root: Path, key: tuple[Any, ...], content: Content) -> None:
    target = cache_file(root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".content-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, content), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full cache dir only costs speed
