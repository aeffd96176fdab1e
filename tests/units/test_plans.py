"""units.plans: which plan file of a unit is the year's, and why a unit has none."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.units.conftest import unit_entry, write_unit_plan
from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.store.plans import load_plan
from zi_plan.units.plans import UnitError, choose, plan_files, problem_lines, year_of_file
from zi_plan.units.register import load_register


def test_the_plans_of_a_unit_or_why_there_are_none(parent, monkeypatch):
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("92", "KPU Kosong") + unit_entry("93", "KPU Hilang"), plans=("91",))
    (root / "units" / "92" / "plans").mkdir(parents=True)
    monkeypatch.chdir(root)  # folders are shown from here
    register = load_register(root / "units.yaml")
    first, empty, gone = register.units
    assert [p.name for p in plan_files(register, first)] == ["rencana-aksi-2024.yaml"]
    with pytest.raises(UnitError, match="no plan in units/92/plans/: write one there with zi init or zi import"):
        plan_files(register, empty)
    with pytest.raises(UnitError) as caught:
        plan_files(register, gone)
    assert caught.value.problems[0].startswith("folder units/93 does not exist: create it")


def test_the_years_plan_is_chosen(tmp_path):
    years = {tmp_path / "a.yaml": 2023, tmp_path / "b.yaml": 2024, tmp_path / "c.yaml": None}
    assert choose(list(years), 2024, years.get) == tmp_path / "b.yaml"
    with pytest.raises(UnitError, match="no plan of 2025 in .*; it holds a.yaml \\(2023\\), b.yaml \\(2024\\): add the plan of 2025"):
        choose(list(years), 2025, years.get)
    years[tmp_path / "c.yaml"] = 2024
    with pytest.raises(UnitError, match="two plans of 2024 in .*: b.yaml, c.yaml; keep one there"):
        choose(list(years), 2024, years.get)


def test_a_broken_plans_year_is_read_from_its_year_line(tmp_path):
    good = write_unit_plan(tmp_path, "91")
    assert year_of_file(good, load_plan) == 2024
    broken = write_unit_plan(tmp_path, "92", MINIMAL.replace("months: [2]", "months: [13]").replace("year: 2024", "year: 2023"))
    assert year_of_file(broken, load_plan) == 2023  # another year's broken plan: not this roll-up's concern
    no_year = write_unit_plan(tmp_path, "93", "institution: [broken\n")
    with pytest.raises(UnitError) as caught:
        year_of_file(no_year, load_plan)
    assert caught.value.problems and "rencana-aksi-2024.yaml" in caught.value.problems[0]


def test_problems_as_lines():
    assert problem_lines(ZiError("one line")) == ["one line"]
    found = problem_lines(InvalidFile([Problem("p.yaml", 3, 5, "bad"), Problem("p.yaml", 7, 1, "worse")]))
    assert len(found) == 2 and found[0].startswith("p.yaml:3:5") and "worse" in found[1]
