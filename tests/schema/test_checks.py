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


def test_a_second_team_with_the_same_id_is_an_error_at_its_id():
    from zi_plan.schema.checks import plan_problems

    text = MINIMAL.replace("  - id: tl\n    name: Tim Penguatan Tata Laksana", "  - id: mp\n    name: Tim Penguatan Tata Laksana")
    text = text.replace("    team: tl\n", "    team: mp\n")  # every reference still resolves: the duplicate is the only problem
    line = text.splitlines().index("  - id: mp", 11) + 1  # the second one
    data, problems = plan_problems("plan.yaml", text)
    assert [(p.line, p.column) for p in problems] == [(line, 9)]
    assert "duplicate team id 'mp'" in problems[0].message and str(problems[0]).startswith(f"plan.yaml:{line}:9: ")
    assert data["teams"][0]["id"] == data["teams"][1]["id"] == "mp"


def test_each_repeat_of_a_team_id_is_named_once_the_first_never():
    data = {"teams": [{"id": "mp"}, {"id": "tl"}, {"id": "mp"}, {"id": "mp"}, "not a team", {"id": 5}]}
    found = [(loc, message) for loc, message, _at_key in rule_problems(data)]
    assert found == [(("teams", 2, "id"), "duplicate team id 'mp'"), (("teams", 3, "id"), "duplicate team id 'mp'")]
