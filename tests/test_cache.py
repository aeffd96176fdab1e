from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan import plan as plan_module
from zi_plan.errors import InvalidFile
from zi_plan.plan import load_plan


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
