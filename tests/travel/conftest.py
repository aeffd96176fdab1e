"""A unit's office folder with records and evidence, made through zi itself, for the travel tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import load_plan

NAME = "tambrauw-2023"


@pytest.fixture
def unit_plan(tmp_path: Path, zi, monkeypatch: pytest.MonkeyPatch) -> LoadedPlan:
    """The bundled plan in a unit's folder, I.1.a and I.2.a done in April with a file each."""
    folder = tmp_path / "unit"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(PLAN, folder / "plans" / f"{NAME}.yaml")
    monkeypatch.chdir(folder)
    for action, name, data in (("I.1.a", "foto.jpg", b"\xff\xd8\xff foto"), ("I.2.a", "sk.pdf", b"%PDF sk")):
        (tmp_path / name).write_bytes(data)
        result = zi("done", action, "-m", "4", "-e", str(tmp_path / name), "--by", "Ani")
        assert result.code == 0, result.err
    return load_plan(folder / "plans" / f"{NAME}.yaml")


@pytest.fixture
def parent_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "parent"
    folder.mkdir()
    return folder
