"""units.model: the pydantic models of units.yaml and of one unit."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from zi_plan.units.model import TOP_KEYS, UNIT_KEYS, RegisterModel, UnitModel


def test_a_unit_and_its_defaults():
    unit = UnitModel.model_validate({"code": "9105", "name": "KPU Tambrauw"})
    assert (unit.parent, unit.folder, unit.predicate, unit.reviewer, unit.evidence_store) == (None, None, "WBK", None, None)
    assert UnitModel.model_validate({"code": "9105", "name": "X", "predicate": "WBK-afirmasi"}).predicate == "WBK-afirmasi"
    assert UNIT_KEYS == ("code", "name", "parent", "folder", "predicate", "reviewer", "evidence_store")


@pytest.mark.parametrize("entry", [{"name": "no code"}, {"code": 9105, "name": "a number, not text"}, {"code": "9105", "name": "X", "predicate": "WBX"},
                                   {"code": "9105", "name": "X", "nama": "Y"}, {"code": "91 05", "name": "X"}])  # fmt: skip
def test_what_a_unit_may_not_be(entry):
    with pytest.raises(ValidationError):
        UnitModel.model_validate(entry)


def test_the_register_checks_its_own_keys_and_leaves_units_to_each_entry():
    register = RegisterModel.model_validate({"organisation": "KPU", "year": 2024, "units": [{"anything": 1}]})
    assert register.version == 1 and register.units == [{"anything": 1}]
    assert TOP_KEYS == ("version", "organisation", "year", "evidence_store", "units")
    for bad in ({"year": "2024"}, {"year": 1999}, {"version": True}, {"unit": []}):
        with pytest.raises(ValidationError):
            RegisterModel.model_validate(bad)
