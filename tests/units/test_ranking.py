"""units.ranking: the units ranked and ordered, their totals per parent, and the roll-up as JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.journals import english  # noqa: F401 - each test starts in English
from tests.units.conftest import unit_entry
from tests.units.test_rollup import _rollup, province  # noqa: F401 - the fixture, used by name
from zi_plan.errors import ZiError
from zi_plan.units.ranking import rollup, row_json
from zi_plan.units.register import load_register


def test_every_order_keeps_the_rank(province):  # noqa: F811 - the fixture
    ranked = {r.unit.code: r.rank for r in _rollup(province).rows}
    assert ranked == {"9105": 1, "91": 2, "9106": 3}
    for sort in ("code", "name", "on-time", "overdue", "score", "ceiling", "gaps", "quiet"):
        assert {r.unit.code: r.rank for r in _rollup(province, sort=sort).rows} == ranked, sort
    assert [r.unit.code for r in _rollup(province, sort="name").rows] == ["91", "9106", "9105"]  # Provinsi, Sorong, Tambrauw
    assert [r.unit.code for r in _rollup(province, sort="quiet").rows][-1] == "9105"  # the only one with a record


def test_an_unknown_order_is_a_usage_error(province):  # noqa: F811 - the fixture
    with pytest.raises(ZiError, match="unknown order 'speed': use one of rank, code, name") as caught:
        _rollup(province, sort="speed")
    assert caught.value.exit_code == 2


def test_a_unit_that_cannot_be_rolled_up_comes_last_without_a_rank(parent):
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Hilang", "91") + unit_entry("9106", "KPU Sorong", "91"), plans=("91", "9106"))
    result = rollup(load_register(root / "units.yaml"), month=5, today=dt.date(2024, 5, 31))
    assert [(r.unit.code, r.rank) for r in result.rows][-1] == ("9105", None) and len(result.failed) == 1
    assert (result.overall.units, result.overall.failed) == (2, 1)  # rolled up, and not
    data = result.to_json()
    assert (data["year"], data["month"], data["month_name"], data["failed"]) == (2024, 5, "May", 1)
    failed = row_json(result.rows[-1], result.today)
    assert failed["status"] != "ok" and "does not exist" in " ".join(failed["problems"])


def test_one_parent_and_those_below_it(parent):
    root = parent(unit_entry("91", "KPU Papua Barat Daya") + unit_entry("9105", "KPU Tambrauw", "91")
                  + unit_entry("92", "KPU Papua") + unit_entry("9201", "KPU Jayapura", "92"), plans=("91", "9105", "92", "9201"))  # fmt: skip
    result = rollup(load_register(root / "units.yaml"), month=5, today=dt.date(2024, 5, 31), parent="92")
    assert sorted(r.unit.code for r in result.rows) == ["92", "9201"] and result.parent is not None and result.parent.code == "92"
    assert [(u.code, t.units) for u, t in result.groups] == [("92", 2)]
