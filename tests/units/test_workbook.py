"""units.workbook: the roll-up as CSV and as an Excel workbook, a row per unit and a sheet per unit."""

from __future__ import annotations

import csv
import io

from tests.journals import english  # noqa: F401 - each test starts in English
from tests.units.test_rollup import _rollup, province  # noqa: F401 - the fixture, used by name
from zi_plan.units.workbook import _sheet_name, detail_rows, headers, to_csv, to_xlsx, total_cells, unit_cells


def test_every_row_has_a_cell_under_each_header(province):  # noqa: F811 - the fixture
    result = _rollup(province)
    width = len(headers())
    assert all(len(unit_cells(r, result)) == width for r in result.rows)
    assert len(total_cells("All units", result.overall)) == width
    top = unit_cells(result.rows[0], result)
    assert top[:5] == [1, "9105", "KPU Tambrauw", "91", "WBK-afirmasi"] and top[headers().index("On time (%)")] == 33.3


def test_csv_for_excel_in_either_language(province):  # noqa: F811 - the fixture
    result = _rollup(province)
    english_rows = list(csv.reader(io.StringIO(to_csv(result, ",").decode("utf-8-sig"))))
    indonesian_rows = list(csv.reader(io.StringIO(to_csv(result, ";").decode("utf-8-sig")), delimiter=";"))
    assert english_rows[0] == headers() and len(english_rows) == 1 + len(result.rows)
    column = headers().index("On time (%)")
    assert english_rows[1][column] == "33.3" and indonesian_rows[1][column] == "33,30"  # a decimal comma where Excel wants one


def test_sheet_names_fit_excel():
    used: set[str] = set()
    assert _sheet_name("9105", used) == "9105"
    assert _sheet_name("9105", used) == "9105 (2)" and _sheet_name("9105", used) == "9105 (3)"
    long = "x" * 40
    assert _sheet_name(long, used) == "x" * 31 and _sheet_name(long.upper(), used) == "X" * 27 + " (2)"  # Excel ignores case


def test_the_workbook_and_a_units_sheet(province):  # noqa: F811 - the fixture
    from openpyxl import load_workbook

    result = _rollup(province)
    book = load_workbook(io.BytesIO(to_xlsx(result)))
    assert book.sheetnames == ["Recap", "Recap 91", "9105", "91", "9106"]
    assert book["Recap"].max_row == 1 + len(result.rows) + 1  # headers, the units, the totals
    detail = detail_rows(result.rows[0], result)
    assert detail[0] == ["9105 KPU Tambrauw", "as of May 2024"]
    assert [row[0] for row in detail if row and row[0] == "Overdue action"] == ["Overdue action"]
