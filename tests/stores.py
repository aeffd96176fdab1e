"""A store for the packs' tests: files held in memory by sha256, as an evidence store holds them."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

from zi_plan.errors import ZiError


class Held:
    """A Fallback over files held in memory, by sha256: what a remote store is to the packs."""

    shown = "memory://bukti"

    def __init__(self, tmp_path: Path, *contents: bytes) -> None:
        self.folder = tmp_path
        self.files = {hashlib.sha256(c).hexdigest(): c for c in contents}
        self.asked: list[str] = []

    @contextlib.contextmanager
    def fetched(self, sha256: str, size: int | None) -> Iterator[Path]:
        self.asked.append(sha256)
        if sha256 not in self.files:
            raise ZiError("not in the store memory://bukti either")
        path = self.folder / f"fetched-{sha256}"
        path.write_bytes(self.files[sha256])
        yield path
