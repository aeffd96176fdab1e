"""travel.units: the code, folder and evidence store of each unit in a parent's units.yaml."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.journals import plan_at
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.travel import units

REGISTER = """\
organisation: KPU Provinsi  # other keys are issue 23's
evidence_store: sftp://arsip.example/srv/zi
units:
  - code: "9108"
    name: KPU Tambrauw
  - code: 9109
    folder: kab/sorong
    evidence_store: s3://bukti/9109?endpoint=http://127.0.0.1:9000
"""


def test_codes_folders_and_stores(tmp_path):
    (tmp_path / "units.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "kab" / "sorong").mkdir(parents=True)
    found = units.find(tmp_path / "kab" / "sorong")
    assert found == tmp_path / "units.yaml"
    listed = units.load(found)
    assert listed.root == tmp_path and listed.evidence_store == "sftp://arsip.example/srv/zi"
    assert listed.units["9108"] == units.Unit("9108", tmp_path / "units" / "9108")
    assert listed.units["9109"] == units.Unit("9109", tmp_path / "kab" / "sorong", "s3://bukti/9109?endpoint=http://127.0.0.1:9000")


def test_what_is_wrong_is_said_at_its_line(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text('units:\n  - code: "1"\n  - name: no code\n  - code: "1"\n    folder: ../out\n    evidence_store: ftp://x/y\n', encoding="utf-8")
    with pytest.raises(InvalidFile) as caught:
        units.load(path)
    found = [(p.line, p.message) for p in caught.value.problems]
    assert found[0][0] == 3 and "a unit needs a 'code'" in found[0][1]
    assert any(line == 5 and "a unit's 'folder' is a path inside the parent's folder" in message for line, message in found)
    assert any(line == 6 and "is not an evidence store" in message for line, message in found)
    assert any(line == 4 and "unit code '1' is listed twice" in message for line, message in found)
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InvalidFile, match=None) as caught:
        units.load(path)
    assert "must be a mapping" in caught.value.problems[0].message


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
