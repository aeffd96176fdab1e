"""Remembering which file contents already passed validation.

A plan is validated once per content and program version: an unchanged,
already-validated plan (or journal) is parsed but not validated again, so
`zi due` need not build the pydantic models on every call. The key is a
hash of the content, so any edit, however small, is validated afresh.
Losing the cache only costs time; failing to write it is never an error.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from zi_plan import __version__


def _folder() -> Path | None:
    if os.environ.get("ZI_NO_CACHE"):
        return None
    import platformdirs

    return Path(platformdirs.user_cache_dir("zi-plan", appauthor=False)) / "validated"


def key(kind: str, *contents: str) -> str:
    digest = hashlib.sha256(f"zi {__version__} {kind}".encode())
    for content in contents:
        digest.update(b"\0")
        digest.update(content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def is_valid(cache_key: str) -> bool:
    folder = _folder()
    return folder is not None and (folder / cache_key).exists()


def remember(cache_key: str) -> None:
    folder = _folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / cache_key).touch()
    except OSError:
        pass
