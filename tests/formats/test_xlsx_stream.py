"""formats.xlsx_stream: `zi export --format xlsx` written row by row is the same workbook to a reader."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from tests.conftest import PLAN
from tests.journals import journal_of, record
from zi_plan.formats import export
from zi_plan.i18n import month_name
from zi_plan.store.plans import load_plan


def _before(plan: Any, journal: Any, as_of: int) -> bytes:
    """The workbook as to_xlsx made it before it streamed (an ordinary openpyxl workbook)."""
    book = Workbook()
    recap = book.active
    recap.title = "Rekap"
    export.fill_sheet(recap, export.decree_rows(plan, journal, as_of, None))
    for column, width in {"A": 5, "B": 28, "C": 40, "D": 40, "E": 40, "R": 28, "S": 9, "T": 10, "U": 11, "V": 10}.items():
        recap.column_dimensions[column].width = width
    for index in range(6, 18):
        recap.column_dimensions[recap.cell(row=1, column=index).column_letter].width = 4
    for row in recap.iter_rows(min_row=2):
        if row[0].value and not row[2].value:
            for cell in row:
                cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="EEF2F6")
    for m in range(1, 13):
        sheet = book.create_sheet(month_name(m)[:31])
        export.fill_sheet(sheet, export._occurrence_rows(plan, journal, m, as_of, None))
        for column, width in {"A": 9, "B": 45, "C": 40, "D": 28, "E": 14, "F": 17, "G": 18, "H": 30, "I": 45, "J": 45}.items():
            sheet.column_dimensions[column].width = width
    sheet = book.create_sheet(export.SHEET)
    export.fill_sheet(sheet, export._decree_details(plan))
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 22, 70
    return export.workbook_bytes(book)


def _reading(data: bytes) -> dict[str, Any]:
    book = load_workbook(io.BytesIO(data))
    seen: dict[str, Any] = {}
    for ws in book.worksheets:
        cells = [[(c.value, c.data_type, bool(c.font.b), c.fill.fgColor.rgb if c.fill.fill_type else None,
                   c.alignment.wrap_text, c.alignment.vertical) for c in row] for row in ws.iter_rows()]  # fmt: skip
        widths = {k: d.width for k, d in ws.column_dimensions.items() if d.width}
        seen[ws.title] = (cells, widths, ws.freeze_panes)
    return seen


def test_the_streamed_export_reads_as_the_ordinary_workbook(tmp_path: Path):
    plan = load_plan(PLAN)
    journal = journal_of(plan, record("I.1.a", 1), record("II.2.a", 4, note="=SUM(A1) \x07 catatan"))
    after, before = _reading(export.to_xlsx(plan, journal, 6)), _reading(_before(plan, journal, 6))
    assert list(after) == list(before) and len(after) == 14
    for title in before:
        assert after[title] == before[title], title
    # a note that looks like a formula stays text, its control character gone
    assert any(v == "=SUM(A1)  catatan" and t == "s" for row in after["April"][0] for v, t, *_ in row)
