from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.errors import InvalidFile
from zi_plan.store import plans as plan_module
from zi_plan.store.plans import load_plan


def test_unchanged_plan_is_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = Path(shutil.copy(PLAN, tmp_path / "p.yaml"))
    calls = []
    real = plan_module.check_text
    monkeypatch.setattr(plan_module, "check_text", lambda *a: calls.append(1) or real(*a))
    first = load_plan(path)
    second = load_plan(path)
    assert len(calls) == 1
    assert second.actions == first.actions and second.fingerprint == first.fingerprint


def test_any_edit_is_validated_afresh(write_plan):
    path = write_plan(MINIMAL)
    load_plan(path)
    path.write_text(MINIMAL.replace("months: [2]", "months: [13]"), encoding="utf-8")
    with pytest.raises(InvalidFile):
        load_plan(path)


def test_cache_can_be_turned_off(write_plan, monkeypatch, tmp_path):
    monkeypatch.setenv("ZI_NO_CACHE", "1")
    load_plan(write_plan(MINIMAL))
    assert not (tmp_path / "home" / ".cache" / "zi-plan").exists()


def test_cache_keeps_the_newest_few_entries_per_file(write_plan):
    from zi_plan.store import cache

    path = write_plan(MINIMAL)
    other = write_plan(MINIMAL, name="other.yaml")
    load_plan(other)
    for n in range(cache.KEEP + 4):
        path.write_text(MINIMAL.replace("Kantor Contoh", f"Kantor Contoh {n}"), encoding="utf-8")
        load_plan(path)
    root = cache.folder()
    assert root is not None
    folders = {p: len(list(p.glob("plan-*.zic"))) for p in root.iterdir() if p.is_dir()}
    assert sorted(folders.values()) == [1, cache.KEEP]
    # the newest state of each file is still cached: not validated again
    calls = []
    real = plan_module.check_text
    plan_module.check_text = lambda *a: calls.append(1) or real(*a)  # type: ignore[assignment]
    try:
        assert load_plan(path).institution == f"Kantor Contoh {cache.KEEP + 3}"
        load_plan(other)
    finally:
        plan_module.check_text = real  # type: ignore[assignment]
    assert calls == []


@pytest.mark.parametrize("damage", ["folder-writable", "parent-writable", "key-readable", "folder-not-mine", "key-a-link"])
def test_a_cache_others_can_change_is_not_used(zi, plan_copy, tmp_path, monkeypatch, damage):
    import os

    from zi_plan.store import cache, cache_trust

    monkeypatch.setattr(cache_trust, "_noted", set())
    assert zi("due", "-m", "4").code == 0  # fills the cache
    root = cache.folder()
    assert root is not None and oct(root.stat().st_mode & 0o777) == oct(0o700) and oct((root / "key").stat().st_mode & 0o777) == oct(0o600)
    if damage == "folder-writable":
        root.chmod(0o777)
    elif damage == "parent-writable":
        root.parent.chmod(0o775)
    elif damage == "key-readable":
        (root / "key").chmod(0o644)
    elif damage == "key-a-link":
        (root / "key").rename(tmp_path / "forged-key")
        (root / "key").symlink_to(tmp_path / "forged-key")
    else:
        if os.geteuid() != 0:
            pytest.skip("needs root to give the folder to another account")
        os.chown(root, 65534, -1)
    result = zi("due", "-m", "4")
    assert result.code == 0
    assert "zi: note: the cache" in result.err and "is not used" in result.err
    assert ("chmod 700" in result.err) == (damage in ("folder-writable", "parent-writable"))
    assert cache.open_store() is None  # nothing read from it, nothing written to it
