"""A KPU-sized parent: 38 provinces and 512 kabupaten/kota (made once per session, small plans)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from zi_plan.units.ranking import rollup
from zi_plan.units.register import load_register


def test_550_units_roll_up(big_tree: Path, zi, monkeypatch, tmp_path):
    monkeypatch.chdir(big_tree)
    result = zi("rollup", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    units = data["units"]
    assert len(units) == 550 and data["failed"] == 0 and data["year"] == 2023 and data["month"] == 12
    assert [u["rank"] for u in units] == list(range(1, 551))
    assert len(data["parents"]) == 38 and sum(p["totals"]["units"] for p in data["parents"]) == 550
    assert data["overall"]["units"] == 550 and data["overall"]["due"] == sum(u["due"] for u in units)
    assert all(u["lke"]["tpi_score"] is None for u in units)
    on_time = [u["percent_on_time"] for u in units]
    assert on_time == sorted(on_time, reverse=True)
    # Some units went quiet (few records): the quietest first with --sort quiet.
    quiet = json.loads(zi("rollup", "--json", "--sort", "quiet", "--parent", "10").out)["units"]
    assert len(quiet) == 1 + sum(u["parent"] == "10" for u in units)
    assert [u["days_quiet"] for u in quiet] == sorted((u["days_quiet"] for u in quiet), reverse=True)
    # The second time, every row from the cache: the same numbers.
    again = rollup(load_register(Path("units.yaml")), today=dt.date.fromisoformat(data["today"]))
    assert again.to_json() == data
    # And on the dashboard, with each unit's plan page beside it.
    target = tmp_path / "public" / "index.html"
    target.parent.mkdir()
    assert zi("rollup", "--format", "html", "-o", str(target)).code == 0
    html = target.read_text(encoding="utf-8")
    assert html.count('<tr class="card" id="unit-') == 550 and html.count("<svg") == 550
    assert len(list(target.parent.glob("*/rencana-aksi-2023.html"))) == 550
