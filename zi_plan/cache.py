"""Remembering which file contents already passed validation.

A plan is validated once per content and program version: an unchanged,
already-validated plan (or journal) is parsed but not validated again, so
`zi due` need not build the pydantic models on every call. The key is a
hash of the content, so any edit, however small, is validated afresh.
Losing the cache only costs time; failing to write it is never an error.

Entries are kept per file (``group``: the file's path), and only the
newest KEEP of each: a journal gains a state with every `zi done`, and a
plan one with every edit, so the cache would otherwise grow for ever.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from zi_plan import __version__

# Enough for a plan being edited back and forth, or a few journals' last states.
KEEP = 8


def _root() -> Path | None:
    if os.environ.get("ZI_NO_CACHE"):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("zi-plan", appauthor=False)) / "validated"


def _folder(group: str) -> Path | None:
    root = _root()
    if root is None or not group:
        return root
    return root / hashlib.sha256(group.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def key(kind: str, *contents: str) -> str:
    digest = hashlib.sha256(f"zi {__version__} {kind}".encode())
    for content in contents:
        digest.update(b"\0")
        digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def is_valid(cache_key: str, group: str = "") -> bool:
    folder = _folder(group)
    return folder is not None and (folder / cache_key).exists()


def remember(cache_key: str, group: str = "") -> None:
    folder = _folder(group)
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / cache_key).touch()
        if group:
            prune(folder, cache_key)
    except OSError:
        pass


def prune(folder: Path, current: str, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` newest entries of ``folder``, ``current`` always kept
    (entries made in the same clock tick have equal times)."""
    others = sorted((p for p in folder.iterdir() if p.name != current), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in others[keep - 1:]:
        old.unlink(missing_ok=True)
