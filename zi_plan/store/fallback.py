"""Where a stored file that is missing here can be had instead: the plan's remote store.

The packs (zi_plan.documents, zi_plan.travel) take a file from it when the
local copy is absent, through this one small interface, so that they never
import a network library: zi_plan.remote.transfer.StoreFallback is the one
implementation, made by the commands only when a store is named.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol


class Fallback(Protocol):
    """A source of stored files by their sha256."""

    shown: str  # the store's address, as zi prints it

    def fetched(self, sha256: str, size: int | None) -> AbstractContextManager[Path]:
        """A temporary local copy whose content was checked to be ``sha256``;
        raises zi_plan.errors.ZiError (one line) when it cannot be had."""
        ...
