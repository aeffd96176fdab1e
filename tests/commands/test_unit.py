"""`zi unit pack` and `zi unit receive`: a unit's records and evidence reach its parent, all or nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PLAN

NAME = "tambrauw-2023"


@pytest.fixture
def unit(tmp_path: Path, zi) -> Path:
    """A unit's office folder with two occurrences done, each with a file."""
    folder = tmp_path / "unit"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(PLAN, folder / "plans" / f"{NAME}.yaml")
    for name, data in (("foto.jpg", b"\xff\xd8\xff foto"), ("sk.pdf", b"%PDF sk"), ("video.mp4", b"\x00" * 5000)):
        (tmp_path / name).write_bytes(data)
    os.chdir(folder)
    _done(zi, tmp_path, ("I.1.a", "4", "foto.jpg"), ("I.2.a", "4", "sk.pdf"))
    return folder


def _done(zi, tmp_path: Path, *occurrences: tuple[str, str, str]) -> None:
    for action, month, file in occurrences:
        result = zi("done", action, "-m", month, "-e", str(tmp_path / file), "--by", "Ani")
        assert result.code == 0, result.err


@pytest.fixture
def parent(tmp_path: Path) -> Path:
    folder = tmp_path / "parent"
    folder.mkdir()
    return folder


def _pack(zi, unit: Path, name: str, *extra: str) -> Path:
    os.chdir(unit)
    result = zi("unit", "pack", "--unit", "9108", "-o", str(unit.parent / name), *extra)
    assert result.code == 0, result.err
    return unit.parent / name


def _receive(zi, parent: Path, pack: Path, *extra: str):
    os.chdir(parent)
    return zi("unit", "receive", str(pack), *extra)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def test_unit_to_parent_and_the_parent_counts_it(zi, unit, parent, tmp_path):
    pack = _pack(zi, unit, "p1.zip")
    with zipfile.ZipFile(pack) as archive:
        manifest = json.loads(archive.read("zi-unit.json"))
        assert {"plan/tambrauw-2023.yaml", "journal/tambrauw-2023.progress.yaml", "evidence/I/I.1/I.1.a/2023-04/foto.jpg"} <= set(archive.namelist())
    assert manifest["unit"] == "9108" and manifest["year"] == 2023 and manifest["records_to"] == 2
    assert {f["path"]: f["size"] for f in manifest["files"]} == {"I/I.1/I.1.a/2023-04/foto.jpg": 8, "I/I.2/I.2.a/2023-04/sk.pdf": 7}
    result = _receive(zi, parent, pack)
    assert result.code == 0, result.err
    assert "2 records added, 2 files added (15 B)" in result.out and "added the plan units/9108/plans/tambrauw-2023.yaml" in result.out
    copy = parent / "units" / "9108" / "plans"
    assert (copy / f"{NAME}.progress.yaml").read_bytes() == (unit / "plans" / f"{NAME}.progress.yaml").read_bytes()
    progress = json.loads(zi("progress", "--plan", str(copy / f"{NAME}.yaml"), "--month", "4", "--json").out)
    assert progress["overall"]["done"] == 2
    assert zi("verify", "--plan", str(copy / f"{NAME}.yaml")).code == 0


def test_a_received_pack_counts_in_the_parents_rollup(zi, unit, parent, tmp_path):
    os.chdir(parent)
    assert zi("units", "init", "--organisation", "KPU Provinsi Papua Barat Daya", "--year", "2023").code == 0
    assert zi("units", "add", "9108", "--name", "KPU Kabupaten Tambrauw").code == 0
    result = _receive(zi, parent, _pack(zi, unit, "p1.zip"))
    assert result.code == 0, result.err
    os.chdir(parent)
    rolled = zi("rollup", "--month", "4", "--json")
    [row] = json.loads(rolled.out)["units"]
    assert (row["code"], row["status"], row["done"]) == ("9108", "ok", 2), rolled.err


def test_the_units_register_names_a_units_evidence_store(zi, unit, parent, tmp_path):
    from zi_plan.store.plans import load_plan
    from zi_plan.travel.units import store_for, unit_code

    os.chdir(parent)
    assert zi("units", "init", "--organisation", "KPU Provinsi Papua Barat Daya", "--year", "2023").code == 0
    assert zi("units", "add", "9108", "--name", "KPU Kabupaten Tambrauw").code == 0
    register = parent / "units.yaml"
    register.write_text(re.sub(r"^units:", "evidence_store: sftp://arsip.example.go.id/srv/zi\nunits:", register.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    assert _receive(zi, parent, _pack(zi, unit, "p1.zip")).code == 0
    plan = load_plan(parent / "units" / "9108" / "plans" / f"{NAME}.yaml")
    assert unit_code(plan, None) == "9108"
    address = store_for(plan)
    assert address is not None and address.url == "sftp://arsip.example.go.id/srv/zi"  # the register's default
    register.write_text(register.read_text(encoding="utf-8").replace("evidence_store: sftp://", "evidence_store: ftp://", 1), encoding="utf-8")
    checked = zi("validate")
    assert checked.code == 1 and "units.yaml:10:17: 'ftp://arsip.example.go.id/srv/zi' is not an evidence store" in checked.out


def test_incremental_packs_in_any_order_change_nothing_twice(zi, unit, parent, tmp_path):
    first = _pack(zi, unit, "p1.zip")
    _done(zi, tmp_path, ("I.3.a", "5", "video.mp4"))
    assert zi("undo", "I.1.a", "-m", "4", "--by", "Budi").code == 0
    second = _pack(zi, unit, "p2.zip", "--since-pack", str(first))
    with zipfile.ZipFile(second) as archive:
        assert [n for n in archive.namelist() if n.startswith("evidence/")] == ["evidence/I/I.3/I.3.a/2023-05/video.mp4"]
        assert json.loads(archive.read("zi-unit.json"))["records_from"] == 2
    early = _receive(zi, parent, second)
    assert early.code == 1 and "records 3 to 4, but the parent has only its first 0" in early.err
    assert not (parent / "units").exists() or _snapshot(parent) == {}  # refused: nothing written
    assert _receive(zi, parent, first).code == 0
    assert "2 records added, 1 file added" in _receive(zi, parent, second).out
    before = _snapshot(parent)
    for pack in (first, second, second, first):
        again = _receive(zi, parent, pack)
        assert again.code == 0 and "nothing new" in again.out
    assert _snapshot(parent) == before
    assert before[f"units/9108/plans/{NAME}.progress.yaml"] == (unit / "plans" / f"{NAME}.progress.yaml").read_bytes()
    shown = json.loads(zi("show", "I.1.a", "--json", "--plan", str(parent / "units/9108/plans" / f"{NAME}.yaml")).out)
    assert [o["status"] for o in shown["occurrences"]] == ["open"]  # the undo came after the done, as at the unit


def test_a_damaged_or_partial_pack_changes_nothing(zi, unit, parent):
    pack = _pack(zi, unit, "p1.zip")
    raw = pack.read_bytes()
    member = raw.index(b"\xff\xd8\xff foto")
    damaged = unit.parent / "damaged.zip"
    damaged.write_bytes(raw[:member] + b"\xff\xd8\xff FOTO" + raw[member + 8 :])
    result = _receive(zi, parent, damaged)
    assert result.code == 1 and result.err.count("\n") == 1 and "is damaged" in result.err and "nothing was changed" in result.err
    partial = unit.parent / "partial.zip"
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(partial, "w") as out:
        for name in source.namelist():
            if not name.endswith("sk.pdf"):
                out.writestr(name, source.read(name))
    result = _receive(zi, parent, partial)
    assert result.code == 1 and "is incomplete: evidence/I/I.2/I.2.a/2023-04/sk.pdf is missing from it" in result.err
    cut = unit.parent / "cut.zip"
    cut.write_bytes(raw[: len(raw) // 2])
    assert _receive(zi, parent, cut).code == 1
    not_a_pack = unit.parent / "plain.zip"
    with zipfile.ZipFile(not_a_pack, "w") as out:
        out.writestr("x.txt", "x")
    assert "is not a zi unit pack" in _receive(zi, parent, not_a_pack).err
    assert _snapshot(parent) == {}


def test_another_unit_year_or_plan_is_refused(zi, unit, parent, tmp_path):
    pack = _pack(zi, unit, "p1.zip")
    other = _receive(zi, parent, pack, "--unit", "9105")
    assert other.code == 1 and "this pack is unit 9108's, not 9105's" in other.err
    assert _receive(zi, parent, pack).code == 0
    plan = unit / "plans" / f"{NAME}.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Menerbitkan SK Tim Kerja", "Menerbitkan Surat Keputusan Tim Kerja", 1), encoding="utf-8")
    changed = _receive(zi, parent, _pack(zi, unit, "p2.zip"))
    assert changed.code == 1 and "differs from the parent's copy" in changed.err and "I.1.a: indicator differ" in changed.err
    plan.write_text(text, encoding="utf-8")
    next_year = tmp_path / "next"
    (next_year / "plans").mkdir(parents=True)
    assert zi("init", str(next_year / "plans" / "tambrauw-2024.yaml"), "--from", str(plan), "--year", "2024").code == 0
    os.chdir(next_year)
    assert zi("unit", "pack", "--unit", "9108", "-o", str(tmp_path / "p2024.zip")).code == 0
    refused = _receive(zi, parent, tmp_path / "p2024.zip")
    assert refused.code == 1 and "this pack is unit 9108's for 2024, but the parent holds its plan for 2023" in refused.err


def test_a_different_file_at_the_parent_is_never_overwritten(zi, unit, parent):
    pack = _pack(zi, unit, "p1.zip")
    target = parent / "units/9108/plans" / f"{NAME}.evidence/I/I.1/I.1.a/2023-04/foto.jpg"
    target.parent.mkdir(parents=True)
    target.write_bytes(b"another photo")
    result = _receive(zi, parent, pack)
    assert result.code == 1 and "with other content; receiving would overwrite it" in result.err
    assert target.read_bytes() == b"another photo" and not (parent / "units/9108/plans" / f"{NAME}.progress.yaml").exists()


def test_units_yaml_gives_the_code_and_the_folder(zi, unit, parent):
    (unit.parent / "units.yaml").write_text("units:\n  - code: '9108'\n    name: KPU Kabupaten Tambrauw\n    folder: unit\n", encoding="utf-8")
    os.chdir(unit)
    wrong = zi("unit", "pack", "--unit", "9105")
    assert wrong.code == 1 and "says this plan is unit 9108, not 9105" in wrong.err
    made = zi("unit", "pack", "-o", "../p.zip")
    assert made.code == 0 and "unit 9108, 2023, full pack" in made.out
    (parent / "units.yaml").write_text("units:\n  - code: '9108'\n    name: KPU Kabupaten Tambrauw\n    folder: kabupaten/tambrauw\n", encoding="utf-8")
    result = _receive(zi, parent, unit.parent / "p.zip")
    assert result.code == 0 and (parent / "kabupaten/tambrauw/plans" / f"{NAME}.progress.yaml").exists()
    (parent / "units.yaml").write_text("units:\n  - code: '9105'\n    name: KPU Kabupaten Sorong\n", encoding="utf-8")
    assert "unit 9108 is not in" in _receive(zi, parent, unit.parent / "p.zip").err
    (parent / "units.yaml").write_text("evidence_store: sftp://a:rahasia@host/x\nunits:\n  - code: '9108'\n    name: KPU Kabupaten Tambrauw\n", encoding="utf-8")
    bad = _receive(zi, parent, unit.parent / "p.zip")
    assert bad.code == 1 and "units.yaml:1:17: " in bad.err and "holds a password" in bad.err and "rahasia" not in bad.err


def test_a_unit_without_a_code_is_asked_for_one(zi, unit):
    result = zi("unit", "pack")
    assert result.code == 2 and "--unit CODE" in result.err


def test_a_missing_file_is_not_packed_silently(zi, unit):
    (unit / "plans" / f"{NAME}.evidence/I/I.2/I.2.a/2023-04/sk.pdf").unlink()
    result = zi("unit", "pack", "--unit", "9108", "-o", "p.zip")
    assert result.code == 1 and "I/I.2/I.2.a/2023-04/sk.pdf: missing" in result.err and "the pack was not written" in result.err
    assert not (unit / "p.zip").exists()


def test_receive_in_indonesian(zi, unit, parent):
    pack = _pack(zi, unit, "p1.zip")
    os.chdir(parent)
    result = zi("--lang", "id", "unit", "receive", str(pack))
    assert result.code == 0 and "2 catatan ditambahkan, 2 berkas ditambahkan (15 B)" in result.out
    again = zi("--lang", "id", "unit", "receive", str(pack))
    assert "tidak ada yang baru" in again.out
