"""cache.sharing: one Store for the many loads of one command, the size cap checked once at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from zi_plan.store import cache
from zi_plan.store.plans import load_plan


def _entries() -> list[Path]:
    root = cache.folder()
    assert root is not None
    return sorted(root.glob("*/plan-*.zic"))


def test_one_store_inside_the_block(monkeypatch: pytest.MonkeyPatch):
    opened = []
    real = cache.context
    monkeypatch.setattr(cache, "context", lambda root: opened.append(root) or real(root))
    with cache.sharing():
        first = cache.open_store()
        assert cache.open_store() is first
        with cache.sharing():  # nested: the same one
            assert cache.open_store() is first
    assert len(opened) == 1
    assert cache.open_store() is not first  # outside, a fresh one each time, as before


def test_the_cap_is_checked_once_at_the_end(write_plan, monkeypatch: pytest.MonkeyPatch):
    sizes = []
    with cache.sharing():
        monkeypatch.setattr(cache, "MAX_BYTES", 1)  # anything written would go at once, were the cap checked
        for n in range(3):
            load_plan(write_plan(MINIMAL.replace("Kantor Contoh", f"Kantor {n}"), name=f"plan-{n}.yaml"))
            sizes.append(len(_entries()))
        assert sizes == [1, 2, 3]
    assert _entries() == []  # the cap, checked on the way out


def test_off_or_unusable_cache_is_no_trouble(monkeypatch: pytest.MonkeyPatch, write_plan):
    monkeypatch.setenv("ZI_NO_CACHE", "1")
    with cache.sharing():
        assert cache.open_store() is None
        assert load_plan(write_plan()).institution == "Kantor Contoh"
