"""formats.xlsx_stream: `zi export --format xlsx`, written row by row by XlsxWriter, is the same workbook to a reader.

The reference is the workbook as zi made it before it streamed: an ordinary
openpyxl workbook of the same rows (fill_sheet and workbook_bytes, which the
roll-up's workbook still uses), read back cell by cell with openpyxl.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill

from tests.conftest import PLAN
from tests.journals import journal_of, record
from zi_plan.errors import ZiError
from zi_plan.formats import export, xlsx_stream
from zi_plan.i18n import month_name
from zi_plan.store.plans import load_plan

DEFAULT_WIDTH = 9.140625  # Excel's default column (8.43 characters and padding): XlsxWriter names it where a column has a format


def _before(plan: Any, journal: Any, as_of: int, team: Any = None) -> bytes:
    """The workbook as to_xlsx made it before it streamed (an ordinary openpyxl workbook)."""
    book = Workbook()
    recap = book.active
    recap.title = "Rekap"
    export.fill_sheet(recap, export.decree_rows(plan, journal, as_of, team))
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
        export.fill_sheet(sheet, list(export._occurrence_rows(plan, journal, m, as_of, team)))
        for column, width in {"A": 9, "B": 45, "C": 40, "D": 28, "E": 14, "F": 17, "G": 18, "H": 30, "I": 45, "J": 45}.items():
            sheet.column_dimensions[column].width = width
    sheet = book.create_sheet(export.SHEET)
    export.fill_sheet(sheet, export._decree_details(plan))
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 22, 70
    return export.workbook_bytes(book)


def _reading(data: bytes) -> dict[str, Any]:
    """What a reader sees: per sheet, every cell's value, type and look, the widths and the frozen pane.

    A cell's look is its own style, or its column's when it has none (an
    empty cell that was not written is shown, and typed in, in its column's).
    Colours are compared as RGB: openpyxl writes an alpha of 00, XlsxWriter
    FF, and Excel draws a fill's colour whatever its alpha.
    """
    book = load_workbook(io.BytesIO(data))
    seen: dict[str, Any] = {}
    for ws in book.worksheets:
        columns = {index: d for d in ws.column_dimensions.values() for index in range(d.min or 0, (d.max or 0) + 1)}

        def look(cell: Any, columns: dict[int, Any] = columns) -> tuple[Any, ...]:
            style = cell if cell.has_style or cell.column not in columns else columns[cell.column]
            fill = style.fill.fgColor.rgb[-6:] if style.fill.fill_type else None
            kind = None if cell.value is None else cell.data_type  # openpyxl wrote '' as an empty inline string: still an empty cell
            return cell.value, kind, bool(style.font.b), fill, style.alignment.wrap_text, style.alignment.vertical

        cells = [[look(c) for c in row] for row in ws.iter_rows()]
        widths = {index: d.width for index, d in columns.items() if d.width and d.width != DEFAULT_WIDTH}
        seen[ws.title] = (cells, widths, ws.freeze_panes)
    return seen


def _after(plan: Any, journal: Any, as_of: int, tmp_path: Path, team: Any = None) -> bytes:
    path = tmp_path / "export.xlsx"
    export.write_xlsx(plan, journal, as_of, team, path)
    return path.read_bytes()


def _same(after: dict[str, Any], before: dict[str, Any]) -> None:
    assert list(after) == list(before) and len(after) == 14
    for title in before:
        assert after[title][1:] == before[title][1:], title  # widths, frozen header
        assert len(after[title][0]) == len(before[title][0]), title
        for number, (new, old) in enumerate(zip(after[title][0], before[title][0], strict=True), start=1):
            assert new == old, (title, number)


def test_the_streamed_export_reads_as_the_ordinary_workbook(tmp_path: Path):
    plan = load_plan(PLAN)
    journal = journal_of(plan, record("I.1.a", 1), record("II.2.a", 4, note="=SUM(A1) \x07 catatan\n\x1b[31mmerah\x1b[0m  "),
                         record("I.1.b", 6, note=" http://contoh.go.id/x?a=1&b=<2> \t"))  # fmt: skip
    after, before = _reading(_after(plan, journal, 6, tmp_path)), _reading(_before(plan, journal, 6))
    _same(after, before)
    # a note that looks like a formula stays text, its control character and escape sequences gone
    assert any(v == "=SUM(A1)  catatan\nmerah  " and t == "s" for row in after["April"][0] for v, t, *_ in row)
    # the header bold and wrapped; component rows shaded across their whole width
    assert {c[2:] for c in after["Rekap"][0][0]} == {(True, None, True, "top")}
    shaded = [row for row in after["Rekap"][0] if row[0][3] == "EEF2F6"]
    assert len(shaded) == 6 and all(c[2:] == (True, "EEF2F6", True, "top") for row in shaded for c in row)


def test_one_teams_export_reads_as_before(tmp_path: Path):
    plan = load_plan(PLAN)
    journal = journal_of(plan, record("I.1.a", 1))
    team = plan.team(plan.teams[1].id)
    _same(_reading(_after(plan, journal, 12, tmp_path, team)), _reading(_before(plan, journal, 12, team)))


def test_a_sheet_beyond_excels_rows_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(xlsx_stream, "MAX_ROWS", 5)
    with pytest.raises(ZiError, match=r"sheet Rekap would have more rows than Excel allows \(5\)"):
        export.write_xlsx(load_plan(PLAN), journal_of(load_plan(PLAN)), 4, None, tmp_path / "x.xlsx")


def test_an_os_error_on_closing_comes_out_as_itself_and_the_temp_files_go(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    made: list[str] = []
    real = xlsx_stream.tempfile.TemporaryDirectory

    def recorded(**kwargs: Any) -> Any:
        folder = real(**kwargs)
        made.append(folder.name)
        return folder

    monkeypatch.setattr(xlsx_stream.tempfile, "TemporaryDirectory", recorded)
    with pytest.raises(OSError):
        export.write_xlsx(load_plan(PLAN), journal_of(load_plan(PLAN)), 4, None, tmp_path / "missing" / "x.xlsx")
    assert made and not Path(made[0]).exists()


def test_numbers_stay_numbers_and_text_stays_text(tmp_path: Path):
    rows: list[list[Any]] = [["NAMA", "NILAI", "RUMUS", "YA"], ["a", 2, "=1+1", True], ["b", 2.5, "+62 812", False], ["", None, "", "x"], ["c"]]
    with xlsx_stream.stream_book(tmp_path / "new.xlsx") as book:
        book.sheet("Data", rows, {"A": 10, "B": 6})
        book.sheet("Kosong", [], {})
    book_before = Workbook()
    book_before.active.title = "Data"
    export.fill_sheet(book_before.active, rows)
    book_before.active.column_dimensions["A"].width, book_before.active.column_dimensions["B"].width = 10, 6
    before, after = _reading(export.workbook_bytes(book_before)), _reading((tmp_path / "new.xlsx").read_bytes())
    assert after["Data"] == before["Data"]
    assert [(v, t) for v, t, *_ in after["Data"][0][1]] == [("a", "s"), (2, "n"), ("=1+1", "s"), (True, "b")]
    assert after["Data"][0][2][1][:2] == (2.5, "n") and after["Kosong"][0] == []
