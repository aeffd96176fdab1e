"""zi validate at a parent's root: units.yaml and every unit's plans and journals, or only what changed."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINIMAL
from tests.units.conftest import unit_entry, write_unit_plan
from tests.units.test_rollup import write_journal


@pytest.fixture
def province(parent, monkeypatch):
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Tambrauw", "91") + unit_entry("9106", "KPU Sorong", "91"),
                  plans=("91", "9105", "9106"))  # fmt: skip
    write_journal(root / "units" / "9105" / "plans" / "rencana-aksi-2024.yaml")
    monkeypatch.chdir(root)
    return root


def _files(result) -> dict[str, dict]:
    return {f["path"]: f for f in json.loads(result.out)["files"]}


def test_every_unit_plan_and_journal(province, zi):
    result = zi("validate", "--format", "json")
    assert result.code == 0
    files = _files(result)
    assert set(files) == {"units.yaml", "units/91/plans/rencana-aksi-2024.yaml", "units/9105/plans/rencana-aksi-2024.yaml",
                          "units/9105/plans/rencana-aksi-2024.progress.yaml", "units/9106/plans/rencana-aksi-2024.yaml"}  # fmt: skip
    assert all(f["valid"] for f in files.values())


def test_a_broken_journal_register_or_folder_is_found(province, zi):
    journal = province / "units/9105/plans/rencana-aksi-2024.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8").replace("  by: Budi\n", "  by: Budi\n  bukti: x\n", 1), encoding="utf-8")
    (province / "units.yaml").write_text((province / "units.yaml").read_text(encoding="utf-8") + unit_entry("9106", "Ganda") + unit_entry("9107", "Hilang"), encoding="utf-8")
    result = zi("validate")
    assert result.code == 1
    assert "units/9105/plans/rencana-aksi-2024.progress.yaml:" in result.out and "unknown key 'bukti'" in result.out
    assert "units.yaml:" in result.out and "duplicate unit code '9106'" in result.out
    assert "unit 9107: folder units/9107 does not exist" in result.out
    line = next(x for x in result.out.splitlines() if "9107: folder" in x)
    assert line.startswith("units.yaml:16:5: ")  # at the unit's entry


def test_only_the_units_that_changed(province, zi):
    write_unit_plan(province, "9106", MINIMAL.replace("months: [2]", "months: [13]"))
    changed = zi("validate", "units/9105/plans/rencana-aksi-2024.progress.yaml", "README.md", ".gitlab-ci.yml")
    assert changed.code == 0 and "9106" not in changed.out and "ok: 3 files valid" in changed.out
    assert zi("validate", "units/9106/plans/gone.yaml").code == 1  # a deleted file still names its unit
    assert zi("validate", "README.md").code == 0
    assert zi("validate", "units.yaml").code == 1  # a changed register: every unit


def test_two_plans_of_a_year_in_one_unit(province, zi):
    write_unit_plan(province, "91", name="rencana-aksi-2024-b.yaml")
    write_unit_plan(province, "91", MINIMAL.replace("2024", "2025"), name="rencana-aksi-2025.yaml")  # next year's beside it: fine
    result = zi("validate")
    assert result.code == 1 and "two plans of 2024 in one unit (rencana-aksi-2024-b.yaml, rencana-aksi-2024.yaml)" in result.out
    assert "2025" not in result.out.replace("rencana-aksi-2025.yaml: warning", "")


def test_a_unit_without_a_plan_yet_is_a_warning(parent, zi, monkeypatch):
    root = parent(unit_entry("91", "KPU Provinsi"))
    (root / "units" / "91").mkdir(parents=True)
    monkeypatch.chdir(root)
    result = zi("validate")
    assert result.code == 0 and "warning: unit 91: no plan yet in units/91/plans/" in result.out


def test_plan_option_still_checks_one_plan(province, zi):
    result = zi("validate", "--plan", "units/91/plans/rencana-aksi-2024.yaml", "--format", "json")
    assert result.code == 0 and list(_files(result)) == ["units/91/plans/rencana-aksi-2024.yaml"]


def test_github_annotations_for_a_unit(province, zi):
    write_unit_plan(province, "9106", MINIMAL.replace("months: [2]", "months: [13]"))
    result = zi("validate", "--format", "github")
    assert result.code == 1 and "::error file=units/9106/plans/rencana-aksi-2024.yaml,line=" in result.out
