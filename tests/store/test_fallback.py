"""store.fallback: a pack takes a file missing here from a Fallback, checked against its sha256, and says when it cannot."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from tests.stores import Held
from tests.travel.conftest import parent_folder, unit_plan  # noqa: F401 - fixtures, used by name
from zi_plan.errors import ZiError
from zi_plan.store.fallback import Fallback
from zi_plan.travel.unitpack import build_unit_pack


def _photo(plan) -> Path:
    return next(plan.path.parent.rglob("foto.jpg"))


def test_a_file_missing_here_comes_from_the_fallback(unit_plan, tmp_path):  # noqa: F811 - the fixture
    photo = _photo(unit_plan)
    data = photo.read_bytes()
    photo.unlink()
    store: Fallback = Held(tmp_path, data)
    result = build_unit_pack(unit_plan, "9108", tmp_path / "p.zip", fallback=store)
    assert result.from_store == 1 and result.problems == []
    assert store.asked == [hashlib.sha256(data).hexdigest()]  # type: ignore[attr-defined]  # only the missing file was asked for
    with zipfile.ZipFile(tmp_path / "p.zip") as archive:
        assert archive.read("evidence/I/I.1/I.1.a/2023-04/foto.jpg") == data


def test_what_the_fallback_lacks_or_holds_changed_is_a_problem(unit_plan, tmp_path):  # noqa: F811 - the fixture
    photo = _photo(unit_plan)
    photo.unlink()
    with pytest.raises(ZiError) as caught:
        build_unit_pack(unit_plan, "9108", tmp_path / "p.zip", fallback=Held(tmp_path))
    assert "foto.jpg: missing here, and not in the store memory://bukti either" in str(caught.value)
    changed = Held(tmp_path, b"another photo")
    changed.files = {sha: b"another photo" for sha in [_recorded_sha(unit_plan)]}
    with pytest.raises(ZiError, match="foto.jpg: changed since it was recorded"):
        build_unit_pack(unit_plan, "9108", tmp_path / "p.zip", fallback=changed)
    assert not (tmp_path / "p.zip").exists()


def _recorded_sha(plan) -> str:
    text = plan.path.with_name(plan.path.stem + ".progress.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "sha256:" in x)
    return line.split("sha256:")[1].strip()
