"""Every test here starts in English (tests.journals.english); ``umask`` sets the process umask for one test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from tests.journals import english, indonesian  # noqa: F401 - fixtures, used by name
from zi_plan.fs import permissions


@pytest.fixture
def umask() -> Iterator[Callable[[int], None]]:
    """Set the process umask for a test; the old one is restored after."""
    old = os.umask(0o022)
    os.umask(old)

    def set_to(value: int) -> None:
        os.umask(value)
        permissions.umask.cache_clear()

    yield set_to
    os.umask(old)
    permissions.umask.cache_clear()
