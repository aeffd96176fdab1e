"""newplan: a commented starter plan, next year's plan from this year's, and writing either safely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PLAN
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.formats.newplan import decree_defaults, next_year_plan, starter_plan, write_new_plan
from zi_plan.store.plans import check_text, load_plan


def test_decree_defaults_fill_what_is_not_known_and_say_so():
    number, date, notes = decree_defaults(2024, None, None)
    assert (number, date) == ("... Tahun 2024", dt.date(2024, 1, 1)) and set(notes) == {"number", "date"}
    assert decree_defaults(2024, "7 Tahun 2024", dt.date(2024, 2, 3)) == ("7 Tahun 2024", dt.date(2024, 2, 3), {})


def test_a_decree_date_in_another_year_is_a_usage_error():
    with pytest.raises(ZiError) as raised:
        decree_defaults(2024, None, dt.date(2023, 12, 30))
    assert raised.value.exit_code == 2 and raised.value.message == "the decree date 2023-12-30 is not in 2024"


def test_the_starter_is_a_valid_plan_of_the_six_components():
    text = starter_plan("KPU Kabupaten Contoh", 2025)
    data, problems = check_text("new.yaml", text)
    assert problems == []
    assert data["version"] == 3 and data["year"] == 2025 and data["institution"] == "KPU Kabupaten Contoh"
    assert [c["id"] for c in data["components"]] == ["I", "II", "III", "IV", "V", "VI"]
    assert all(len(c["items"]) == 1 and len(c["items"][0]["actions"]) == 1 for c in data["components"])
    assert {t["id"] for t in data["teams"]} == {c["team"] for c in data["components"]}
    assert data["decree"] == {"number": "... Tahun 2025", "date": dt.date(2025, 1, 1), "place": "...", "signatory": "...", "position": "..."}
    assert "# fill in: the decree's number" in text and "Example: change it to your own" in text


def test_what_is_known_goes_in_without_a_fill_in_note():
    text = starter_plan("Kantor", 2024, number="3 Tahun 2024", date=dt.date(2024, 2, 1), place="Fef", signatory="Nama", position="Ketua")
    data, problems = check_text("new.yaml", text)
    assert problems == [] and data["decree"]["place"] == "Fef" and data["decree"]["date"] == dt.date(2024, 2, 1)
    assert "fill in" not in text


def test_next_year_keeps_the_structure_and_changes_the_year():
    source = load_plan(PLAN)
    text = next_year_plan(source, 2024)
    data, problems = check_text("next.yaml", text)
    assert problems == []
    assert data["year"] == 2024 and "2024" in data["title"] and "2023" not in data["title"]
    assert data["institution"] == source.institution and data["decree"]["number"] == "... Tahun 2024"
    copied = [a["indicator"] for c in data["components"] for i in c["items"] for a in i["actions"]]
    assert copied == [a.indicator for a in source.actions]
    assert "Copied from tambrauw-2023.yaml (2023) by `zi init --from`" in text


def test_next_year_changes_only_the_year_as_a_word(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(MINIMAL.replace("title: Rencana Aksi Contoh", "title: Rencana Aksi 2024 (SK 20245)"), encoding="utf-8")
    text = next_year_plan(load_plan(path), 2025, institution="Kantor Baru", number="1 Tahun 2025", date=dt.date(2025, 1, 6))
    data, _problems = check_text("n.yaml", text)
    assert data["title"] == "Rencana Aksi 2025 (SK 20245)" and data["institution"] == "Kantor Baru"
    assert data["decree"]["number"] == "1 Tahun 2025" and data["decree"]["date"] == dt.date(2025, 1, 6)


def test_write_new_plan_makes_the_folders_and_the_file(tmp_path):
    target = tmp_path / "plans" / "2025" / "kantor.yaml"
    text = starter_plan("Kantor", 2025)
    write_new_plan(text, target, force=False)
    assert target.read_text(encoding="utf-8") == text
    assert [p.name for p in target.parent.iterdir()] == ["kantor.yaml"]  # no temporary file left


def test_write_new_plan_never_replaces_without_force(tmp_path):
    target = tmp_path / "kantor.yaml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(ZiError, match="exists already; choose another name, or add --force"):
        write_new_plan(starter_plan("Kantor", 2025), target, force=False)
    assert target.read_text(encoding="utf-8") == "mine"
    write_new_plan(starter_plan("Kantor", 2025), target, force=True)
    assert target.read_text(encoding="utf-8").startswith("#")


def test_write_new_plan_refuses_a_folder_and_a_device(tmp_path):
    with pytest.raises(ZiError, match="is a folder: name the plan file to write, e.g. .*plan.yaml"):
        write_new_plan(starter_plan("Kantor", 2025), tmp_path, force=True)
    if Path("/dev/null").exists():
        with pytest.raises(ZiError, match="is a device, not a file"):
            write_new_plan(starter_plan("Kantor", 2025), Path("/dev/null"), force=True)


def test_write_new_plan_never_writes_a_broken_plan(tmp_path):
    target = tmp_path / "kantor.yaml"
    with pytest.raises(InvalidFile):
        write_new_plan(MINIMAL.replace("year: 2024", "year: dua ribu"), target, force=False)
    assert not target.exists()


def test_a_failed_write_is_one_line_and_leaves_nothing(tmp_path, monkeypatch):
    import errno

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("zi_plan.formats.newplan.atomic_write", full_disk)
    target = tmp_path / "kantor.yaml"
    with pytest.raises(ZiError) as raised:
        write_new_plan(starter_plan("Kantor", 2025), target, force=False)
    assert raised.value.message == f"cannot write {target}: the disk is full; nothing was written" and not target.exists()
