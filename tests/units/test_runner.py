"""units.runner: one row per unit, from the cache or computed, here or in worker processes; a broken unit is its own row."""

from __future__ import annotations

from tests.conftest import MINIMAL
from tests.journals import english  # noqa: F401 - each test starts in English
from tests.units.conftest import unit_entry, write_unit_plan
from tests.units.test_rollup import province  # noqa: F401 - the fixture, used by name
from zi_plan.units import runner
from zi_plan.units.register import load_register


def _add(register, task):
    return (task, register.organisation)


def test_spread_keeps_the_order_here_or_in_workers(province):  # noqa: F811 - the fixture
    register = load_register(province / "units.yaml")
    tasks = list(range(20))
    here = runner.spread(_add, register, tasks, workers=1)
    assert here == [(n, "KPU Provinsi Contoh") for n in tasks]
    assert runner.spread(_add, register, tasks, workers=2) == here


def test_rows_in_the_order_given_each_broken_unit_its_own(parent):
    root = parent(unit_entry("91", "KPU") + unit_entry("92", "KPU Rusak") + unit_entry("93", "KPU Tanpa Folder"), plans=("91",))
    write_unit_plan(root, "92", MINIMAL.replace("months: [2]", "months: [13]"))
    register = load_register(root / "units.yaml")
    rows = runner.unit_rows(register, list(reversed(register.units)), 2024, 5, workers=1)
    assert [r.unit.code for r in rows] == ["93", "92", "91"]
    assert not rows[2].failed and rows[2].numbers is not None and rows[2].numbers.due == 6
    assert rows[1].failed and any("rencana-aksi-2024.yaml:" in p for p in rows[1].problems)
    assert rows[0].failed and "does not exist" in rows[0].problems[0]


def test_a_row_computed_is_the_row_the_cache_gives_back(province, monkeypatch):  # noqa: F811 - the fixture
    register = load_register(province / "units.yaml")
    unit = register.unit("9105")
    computed = runner.compute_row(register, unit, 2024, 5)
    spread = []
    real = runner.spread
    monkeypatch.setattr(runner, "spread", lambda work, reg, tasks, workers=None: spread.append(len(tasks)) or real(work, reg, tasks, workers))
    [again] = runner.unit_rows(register, [unit], 2024, 5, workers=1)
    assert spread == [0]  # nothing left to compute: the row came from the cache
    assert again.numbers == computed.numbers and again.files_missing == computed.files_missing == ()
