"""lke.planrefs: a plan's `lke:` codes checked against the worksheet, each problem at its place."""

from __future__ import annotations

import yaml

from tests.conftest import MINIMAL
from zi_plan.lke import bundled
from zi_plan.lke.planrefs import lke_problems


def plan_data(*codes_per_action: object, year: object = None) -> dict:
    data = yaml.safe_load(MINIMAL)
    actions = [a for c in data["components"] for i in c["items"] for a in i["actions"]]
    for action, codes in zip(actions, codes_per_action, strict=False):
        action["lke"] = codes
    if year is not None:
        data["lke"] = year
    return data


def test_valid_codes_raise_nothing():
    assert list(lke_problems(plan_data(["P.1.i.a", "P.1.i.b"], ["R.1.i.a"], ["H.1.b"]))) == []


def test_each_problem_is_placed_at_its_code_and_names_its_action():
    first, *rest = lke_problems(plan_data(["P.1.i.a", "P.1.i.z", "P.1.i.a"], ["R.1.i.a.1"], ["Q.9"]))
    year = bundled.default_year()
    assert first[0] == ("components", 0, "items", 0, "actions", 0, "lke", 1)
    assert first[1].startswith(f"I.1.a: 'P.1.i.z' is not a question of the LKE {year} (did you mean ") and "P.1.i.a" in first[1]
    assert rest == [
        (("components", 0, "items", 0, "actions", 0, "lke", 2), "I.1.a: 'P.1.i.a' is listed twice", False),
        (("components", 0, "items", 0, "actions", 1, "lke", 0), "I.1.b: 'R.1.i.a.1' is a count input of R.1.i.a: name R.1.i.a instead", False),
        (("components", 1, "items", 0, "actions", 0, "lke", 0), f"II.1.a: 'Q.9' is not a question of the LKE {year}; 'zi lke list' shows every code", False),
    ]  # fmt: skip


def test_a_year_without_a_worksheet_is_one_problem_at_the_key():
    assert list(lke_problems(plan_data(["nonsense"], year=1990))) == [(("lke",), bundled.missing_year(1990), False)]


def test_what_the_schema_reports_is_left_to_it():
    assert list(lke_problems(plan_data(["P.1.i.a"], year="2026"))) == []  # a year that is not a number
    assert list(lke_problems(plan_data(["P.1.i.a"], year=True))) == []
    assert list(lke_problems(plan_data("P.1.i.z", [3, "Q.9"]))) == [
        (("components", 0, "items", 0, "actions", 1, "lke", 1), f"I.1.b: 'Q.9' is not a question of the LKE {bundled.default_year()}; 'zi lke list' shows every code", False),
    ]  # fmt: skip


def test_a_component_without_an_id_is_named_by_its_place():
    data = plan_data(["Q.9"])
    del data["components"][0]["id"]
    [(_loc, message, _key)] = lke_problems(data)
    assert message.startswith("I.1.a: ")
