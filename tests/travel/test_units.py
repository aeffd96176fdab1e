"""travel.units: a unit's code, folder and evidence store, as travel reads them from a parent's units.yaml."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.journals import plan_at
from zi_plan.errors import ZiError
from zi_plan.travel import units

REGISTER = """\
version: 1
evidence_store: sftp://arsip.example/srv/zi
units:
  - code: "9108"
    name: KPU Tambrauw
  - code: "9109"
    name: KPU Sorong
    folder: kab/sorong
    evidence_store: s3://bukti/9109?endpoint=http://127.0.0.1:9000
"""


def test_a_units_folder_listed_or_by_default(tmp_path):
    assert units.unit_folder_of("9108", tmp_path) == (tmp_path / "units" / "9108", None)  # no units.yaml: units/CODE here
    (tmp_path / "units.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "kab").mkdir()
    assert units.unit_folder_of("9109", tmp_path / "kab") == (tmp_path / "kab" / "sorong", tmp_path / "units.yaml")
    with pytest.raises(ZiError, match="unit 9110 is not in .*units.yaml; add it there first, then receive again"):
        units.unit_folder_of("9110", tmp_path)


def test_the_unit_whose_folder_holds_a_plan(tmp_path):
    (tmp_path / "units.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "kab" / "sorong" / "plans").mkdir(parents=True)
    plan = plan_at(tmp_path / "kab" / "sorong" / "plans", MINIMAL)
    found = units.unit_of_plan(plan.path)
    assert found is not None and found[1].code == "9109"
    address = units.store_for(plan)
    assert address is not None and address.host == "bukti" and address.option("endpoint") == "http://127.0.0.1:9000"  # the unit's own


def test_a_plans_unit_and_store(tmp_path):
    (tmp_path / "units.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "units" / "9108" / "plans").mkdir(parents=True)
    plan = plan_at(tmp_path / "units" / "9108" / "plans", MINIMAL)
    assert units.unit_code(plan, None) == "9108" and units.unit_code(plan, "9108") == "9108"
    with pytest.raises(ZiError, match="says this plan is unit 9108, not 9109"):
        units.unit_code(plan, "9109")
    address = units.store_for(plan)
    assert address is not None and address.host == "arsip.example"  # units.yaml's default
    assert units.need_store(plan, "webdav://nas/zi").scheme == "webdav"  # --store first
    with pytest.raises(ZiError) as caught:
        units.store_for(plan, "ftp://nas/zi")
    assert caught.value.exit_code == 2


def test_a_plan_outside_any_unit(tmp_path):
    plan = plan_at(tmp_path, MINIMAL)
    assert units.unit_of_plan(plan.path) is None and units.store_for(plan) is None
    assert units.unit_code(plan, " 9108 ") == "9108"
    with pytest.raises(ZiError, match="which unit is this\\? give its code with --unit CODE"):
        units.unit_code(plan, None)
    with pytest.raises(ZiError, match="no evidence store is named"):
        units.need_store(plan, None)


def test_a_broken_entry_for_the_plans_unit_is_reported_not_taken_for_no_store(tmp_path):
    import pytest

    from zi_plan.errors import InvalidFile
    from zi_plan.travel.units import unit_of_plan

    (tmp_path / "units.yaml").write_text(
        "units:\n  - code: '9108'\n    name: KPU Kabupaten Tambrauw\n    evidence_store: ftp://arsip.example.go.id/zi\n", encoding="utf-8")
    plan = tmp_path / "units" / "9108" / "plans" / "p.yaml"
    plan.parent.mkdir(parents=True)
    plan.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidFile) as raised:
        unit_of_plan(plan)
    assert "units.yaml:4:21: 'ftp://arsip.example.go.id/zi' is not an evidence store" in str(raised.value)
