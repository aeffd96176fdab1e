"""travel.landing: a pack received into the parent's folder under the journal's lock, all or nothing."""

from __future__ import annotations

import pytest

from tests.travel.conftest import NAME
from zi_plan.errors import ZiError
from zi_plan.travel.landing import receive
from zi_plan.travel.unitpack import build_unit_pack


def _files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def test_first_the_plan_files_and_journal_then_nothing_twice(unit_plan, parent_folder, tmp_path):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    got = receive(tmp_path / "p1.zip", here=parent_folder)
    plans = parent_folder / "units" / "9108" / "plans"
    assert got.plan_added and got.plan == plans / f"{NAME}.yaml" and (got.records, got.records_known) == (2, 0)
    assert sorted(got.files) == ["I/I.1/I.1.a/2023-04/foto.jpg", "I/I.2/I.2.a/2023-04/sk.pdf"] and got.bytes == 15
    journal = f"{NAME}.progress.yaml"
    assert (plans / journal).read_bytes() == (unit_plan.path.parent / journal).read_bytes()  # as the unit wrote it
    before = _files(parent_folder)
    again = receive(tmp_path / "p1.zip", given="9108", here=parent_folder)
    assert (again.plan_added, again.records, again.records_known, again.files, again.files_known) == (False, 0, 2, [], 2)
    assert _files(parent_folder) == before


def test_a_different_file_at_the_parent_refuses_the_whole_pack(unit_plan, parent_folder, tmp_path):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    placed = parent_folder / "units" / "9108" / "plans" / f"{NAME}.evidence" / "I" / "I.2" / "I.2.a" / "2023-04" / "sk.pdf"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(b"another file")
    before = _files(parent_folder)
    with pytest.raises(ZiError, match="at the parent already with other content; receiving would overwrite it; nothing was changed"):
        receive(tmp_path / "p1.zip", here=parent_folder)
    assert _files(parent_folder) == before


def test_records_added_after_the_first_pack_are_appended(unit_plan, parent_folder, zi, tmp_path, monkeypatch):
    build_unit_pack(unit_plan, "9108", tmp_path / "p1.zip")
    receive(tmp_path / "p1.zip", here=parent_folder)
    assert zi("done", "I.3.a", "-m", "5", "-e", "https://example.org/rapat", "--by", "Ani").code == 0
    build_unit_pack(unit_plan, "9108", tmp_path / "p2.zip", since=tmp_path / "p1.zip")
    got = receive(tmp_path / "p2.zip", here=parent_folder)
    assert (got.records, got.records_known, got.files) == (1, 0, [])
    text = (parent_folder / "units" / "9108" / "plans" / f"{NAME}.progress.yaml").read_text(encoding="utf-8")
    assert text.count("action: I.") == 3 and "https://example.org/rapat" in text
