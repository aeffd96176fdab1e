"""checks: the ids a plan's positions give, and the plan's rules on raw data."""

from __future__ import annotations

import datetime as dt

import yaml

from tests.conftest import MINIMAL
from zi_plan.model.ids import letter, roman
from zi_plan.schema.checks import rule_problems


def test_roman():
    assert [roman(n) for n in (1, 4, 6, 9, 14, 40, 90, 400, 1999)] == ["I", "IV", "VI", "IX", "XIV", "XL", "XC", "CD", "MCMXCIX"]


def test_letter():
    assert [letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]


def test_rules_on_a_valid_plan_find_nothing():
    assert list(rule_problems(yaml.safe_load(MINIMAL))) == []


def test_rules_skip_what_has_the_wrong_shape():
    data = {"teams": "none", "components": [None, {"id": 5, "items": "x"}], "decree": [], "year": "2024"}
    assert list(rule_problems(data)) == []


def test_rules_point_at_each_problem():
    data = yaml.safe_load(MINIMAL)
    data["decree"]["date"] = dt.date(2023, 1, 1)
    data["components"][0]["items"][0]["actions"][1]["months"] = [2, 2]
    data["components"][1]["team"] = "tll"
    found = {loc: message for loc, message, _at_key in rule_problems(data)}
    assert "2023-01-01" in found[("decree", "date")]
    assert "listed twice" in found[("components", 0, "items", 0, "actions", 1, "months", 1)]
    assert "did you mean 'tl'" in found[("components", 1, "team")]
