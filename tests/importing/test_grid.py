"""importing.grid: the one table shape every reader hands over, its limits, and the cell text it keeps."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from zi_plan.errors import InvalidFile
from zi_plan.importing import grid as grid_module
from zi_plan.importing.grid import Grid, cell_text, check_limits, check_zip, join


def test_rows_are_padded_and_know_their_origin():
    grid = Grid("t.csv", [["NO", "KOMPONEN", "INDIKATOR"], ["I"]])
    assert grid.rows == [["NO", "KOMPONEN", "INDIKATOR"], ["I", "", ""]]
    assert (grid.width, grid.origins) == (3, [("t.csv", 1), ("t.csv", 2)])
    assert Grid("empty.csv", []).width == 0


def test_cell_outside_the_table_is_empty():
    grid = Grid("t.csv", [["a", "b"]])
    assert [grid.cell(0, 1), grid.cell(0, 5), grid.cell(3, 0), grid.cell(0, None)] == ["b", "", "", ""]


def test_spread_is_a_cell_merged_from_its_left_neighbour():
    grid = Grid("t.xlsx[S]", [["I. Manajemen", "I. Manajemen", "x"], ["a", "a", "b"]], copied={(0, 1)})
    assert grid.spread(0, 1) and not grid.spread(1, 1) and not grid.spread(0, 0)


def test_a_problem_is_placed_at_the_rows_origin():
    grid = Grid("t.docx", [["a"], ["b"]], origins=[("t.docx[table 2]", 7), ("t.docx[table 2]", 8)])
    assert str(grid.problem(1, 2, "kosong")) == "t.docx[table 2]:8:3: kosong"
    assert str(grid.problem(5, None, "akhir")) == "t.docx:6:1: akhir"


def test_join_keeps_each_rows_origin_and_shifts_merged_cells():
    first = Grid("d.pdf[page 1]", [["NO", "A"], ["1", "x"]], copied={(1, 1)})
    second = Grid("d.pdf[page 2]", [["2", "y"]], copied={(0, 0)}, filled={(0, 1)})
    joined = join([first, second], "d.pdf")
    assert joined.rows == [["NO", "A"], ["1", "x"], ["2", "y"]]
    assert joined.origins == [("d.pdf[page 1]", 1), ("d.pdf[page 1]", 2), ("d.pdf[page 2]", 1)]
    assert (joined.copied, joined.filled, joined.label) == ({(1, 1), (2, 0)}, {(2, 1)}, "d.pdf")


@pytest.mark.parametrize(("value", "text"), [
    (None, ""), (3.0, "3"), (2.5, "2.5"), (12, "12"), (dt.date(2024, 3, 1), "2024-03-01"),
    (dt.datetime(2024, 3, 1, 8, 0), "2024-03-01T08:00:00"), ("  a\r\nb\rc  ", "a\nb\nc"), ("Tim \x1b[31mMerah\x07", "Tim Merah"),
])  # fmt: skip
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_check_limits_names_the_first_cell_beyond_them(monkeypatch):
    monkeypatch.setattr(grid_module, "MAX_CELL_CHARS", 5)
    with pytest.raises(InvalidFile) as caught:
        check_limits(Grid("t.csv", [["ok", "ok"], ["ok", "too long"]]))
    assert str(caught.value.problems[0]).startswith("t.csv:2:2: a cell of 8 characters: cells are limited to 5")
    monkeypatch.setattr(grid_module, "MAX_ROWS", 2)
    with pytest.raises(InvalidFile) as caught:
        check_limits(Grid("t.csv", [["a"], ["b"], ["c"]]))
    assert "more than 2 rows" in str(caught.value)
    check_limits(Grid("t.csv", [["a"], ["b"]]))  # at the limit: fine


def _zip(parts: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return raw.getvalue()


def test_check_zip_refuses_what_is_no_zip_or_unpacks_too_big(tmp_path, monkeypatch):
    path = tmp_path / "t.xlsx"
    with pytest.raises(InvalidFile) as caught:
        check_zip(path, b"PK not really", "an Excel workbook (.xlsx)")
    assert "the file is damaged or is not an Excel workbook (.xlsx)" in str(caught.value)
    check_zip(path, _zip({"a.xml": b"x" * 1000}), "an Excel workbook (.xlsx)")
    monkeypatch.setattr(grid_module, "MAX_UNCOMPRESSED", 2**20)
    with pytest.raises(InvalidFile) as caught:
        check_zip(path, _zip({"a.xml": b"0" * (3 * 2**20)}), "an Excel workbook (.xlsx)")
    assert "unpacks to 3 MB: tables are limited to 1 MB unpacked" in str(caught.value)
