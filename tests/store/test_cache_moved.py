"""The parsed-data cache is keyed by content, not by path: a cache folder
restored into a clone at another path (as CI restores it) still hits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.store import cache, journal_cache
from zi_plan.store import plans as plan_module
from zi_plan.store.journal import load_journal
from zi_plan.store.plans import load_plan


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every full parse of a plan or a journal, by kind."""
    parses: list[str] = []
    real_plan, real_journal = plan_module.check_text, journal_cache._full
    monkeypatch.setattr(plan_module, "check_text", lambda *a: parses.append("plan") or real_plan(*a))
    monkeypatch.setattr(journal_cache, "_full", lambda *a: parses.append("journal") or real_journal(*a))
    return parses


def _clone(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target / "plans" / "tambrauw-2023.yaml"


def test_a_plan_copied_to_another_folder_is_not_parsed_again(zi, tmp_path, monkeypatch):
    first = tmp_path / "a" / "plans"
    first.mkdir(parents=True)
    shutil.copy(PLAN, first / "tambrauw-2023.yaml")
    assert zi("done", "II.2.a", "-m", "4", "--by", "Ani", "--plan", str(first / "tambrauw-2023.yaml")).code == 0
    assert zi("due", "-m", "4", "--plan", str(first / "tambrauw-2023.yaml")).code == 0  # fills the cache
    second = _clone(tmp_path / "a", tmp_path / "b")
    parses = _count_parses(monkeypatch)
    plan = load_plan(second)
    journal = load_journal(plan)
    assert parses == []
    assert plan.path == second and [r.action for r in journal.records] == ["II.2.a"]
    # The entries were copied to the second plan's own folder: the first may go.
    shutil.rmtree(tmp_path / "a")
    root = cache.folder()
    assert root is not None
    shutil.rmtree(root / cache.Store(root, b"", "").plan_folder(tmp_path / "a" / "plans" / "tambrauw-2023.yaml").name)
    load_journal(load_plan(second))
    assert parses == []


def test_a_cache_restored_into_a_fresh_clone_at_another_path_hits(zi, tmp_path, monkeypatch):
    checkout = tmp_path / "runner-1" / "plans"
    checkout.mkdir(parents=True)
    shutil.copy(PLAN, checkout / "tambrauw-2023.yaml")
    assert zi("done", "II.2.a", "-m", "4", "--by", "Ani", "--plan", str(checkout / "tambrauw-2023.yaml")).code == 0
    assert zi("due", "-m", "4", "--plan", str(checkout / "tambrauw-2023.yaml")).code == 0
    before = zi("due", "-m", "4", "--json", "--plan", str(checkout / "tambrauw-2023.yaml")).out
    # CI saves the cache folder, and restores it on another runner: another cache
    # path (XDG_CACHE_HOME), another checkout path; the checkout is a fresh clone.
    shutil.copytree(tmp_path / "home" / ".cache", tmp_path / "restored-cache", symlinks=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "restored-cache"))
    clone = _clone(tmp_path / "runner-1", tmp_path / "runner-2")
    shutil.rmtree(tmp_path / "runner-1")
    shutil.rmtree(tmp_path / "home" / ".cache")
    parses = _count_parses(monkeypatch)
    result = zi("due", "-m", "4", "--json", "--plan", str(clone))
    assert result.code == 0 and parses == []
    assert result.out == before.replace(str(tmp_path / "runner-1"), str(tmp_path / "runner-2"))


def test_an_entry_from_another_folder_that_does_not_match_is_not_used(tmp_path, monkeypatch):
    """Same name, other content (a forged or stale entry copied in): parsed afresh, same answer."""
    one = tmp_path / "one"
    one.mkdir()
    path = Path(shutil.copy(PLAN, one / "p.yaml"))
    load_plan(path)
    root = cache.folder()
    assert root is not None
    [entry] = root.glob("*/plan-*.zic")
    entry.write_bytes(entry.read_bytes()[:-10])  # torn: its signature no longer holds
    two = tmp_path / "two"
    two.mkdir()
    parses = _count_parses(monkeypatch)
    assert load_plan(Path(shutil.copy(PLAN, two / "p.yaml"))).actions == load_plan(path).actions
    assert parses.count("plan") >= 1
