"""units.tables: zi rollup's terminal tables and the words in their cells."""

from __future__ import annotations

import pytest

from tests.journals import english, rendered  # noqa: F401 - english: each test starts in English
from tests.units.test_rollup import _rollup, province  # noqa: F401 - the fixture, used by name
from zi_plan import i18n
from zi_plan.units.tables import decimal, gate_labels, hidden_line, quiet_text, ranking_table, totals_table


def test_numbers_in_each_language():
    assert (decimal(87.456), decimal(None), decimal(3, places=2)) == ("87.5", "—", "3.00")
    i18n.set_language("id")
    assert decimal(87.456) == "87,5"


def test_quiet_days_in_words():
    assert (quiet_text(None), quiet_text(0), quiet_text(1), quiet_text(12)) == ("no record", "today", "1 day ago", "12 days ago")


def test_the_areas_of_the_gates_together():
    words = gate_labels(("total", "area:1", "area:2", "area:3", "area:5"))
    assert len(words) == 2 and "1–3, 5" in words[1] and "1–3, 5" not in words[0]
    assert "1, 2" in gate_labels(("area:1", "area:2"))[0]  # two in a row are not a range


@pytest.mark.parametrize(("width", "columns"), [(80, 6), (110, 10), (130, 12)])
def test_a_narrow_terminal_gets_the_columns_that_matter_most(province, width, columns):  # noqa: F811 - the fixture
    table = ranking_table(_rollup(province), width)
    assert len(table.columns) == columns and [c.header for c in table.columns][:3] == ["#", "Unit", "On time"]
    text = rendered(table, width)
    assert "9105 KPU Tambrauw" in text and "33.3%" in text


def test_only_so_many_rows_and_a_line_for_the_rest(province):  # noqa: F811 - the fixture
    result = _rollup(province)
    assert len(ranking_table(result, 120, limit=2).rows) == 2
    assert hidden_line(result, limit=2) == "1 more not shown: use --parent, or --json or --format html, xlsx or csv for every unit"
    assert hidden_line(result) is None
    totals = rendered(totals_table(result), 120)
    assert "91 KPU Provinsi" in totals and "All units" in totals
