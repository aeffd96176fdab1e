"""importing.rows: one data row read through the column mapping: its texts, months, and what its NO cell says."""

from __future__ import annotations

import pytest

from tests import tables
from zi_plan.importing.columns import find_columns
from zi_plan.importing.grid import Grid
from zi_plan.importing.levels import settle_levels
from zi_plan.importing.rows import RowData, is_skipped, read_row


def grid_and_columns(*rows: list[str], copied=(), filled=()):
    grid = Grid("t.xlsx[S]", [tables.HEADER, *rows], copied=set(copied), filled=set(filled))
    cols = find_columns(grid, "last", {})
    settle_levels(grid, cols)  # KOMPONEN is a level column: its role is settled from the cells, as read_table does
    return grid, cols


def row(*cells: str, months: list[int] = ()) -> list[str]:
    """A Tambrauw-layout row: NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK, the months marked, PJ."""
    return [*cells[:5], *tables.months_row(list(months)), *cells[5:6]]


@pytest.mark.parametrize(("number", "kind"), [
    ("", ("", "", "")), ("II", ("roman", "II", "")), ("IV. Penguatan Pengawasan", ("roman", "IV", "Penguatan Pengawasan")),
    ("3", ("item", "3", "")), ("12.", ("item", "12", "")), ("b)", ("letter", "b", "")),
    ("SS.1.2", ("code", "SS.1.2", "")), ("P.1.i.a Membentuk tim", ("code", "P.1.i.a", "Membentuk tim")), ("*", ("other", "*", "")),
])  # fmt: skip
def test_kind_of_number(number, kind):
    assert RowData(0, number=number).kind_of_number() == kind


def test_content_and_heading_like():
    assert not RowData(0, component="Manajemen").content and RowData(0, component="Manajemen").heading_like
    assert RowData(0, evidence="SK").content and not RowData(0, evidence="SK").heading_like
    assert not RowData(0, action="Rapat", months=[3]).heading_like


def test_read_row_takes_each_role_and_the_months_marked():
    grid, cols = grid_and_columns(row("1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Tim MP", months=[1, 4]))
    problems: list = []
    data = read_row(grid, cols, 1, "last", problems)
    assert (data.number, data.item, data.indicator, data.action, data.evidence, data.team, data.months) == (
        "1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Tim MP", [1, 4])  # fmt: skip
    assert problems == []


def test_a_merged_number_below_its_first_row_opens_nothing_and_a_filled_cell_marks_its_month():
    grid, cols = grid_and_columns(row("1", "Tim", "A", "a", "x", months=[1]), row("1", "Tim", "B", "b", "y"), copied={(2, 0), (2, 1)},
                                  filled={(2, 7)})  # fmt: skip
    data = read_row(grid, cols, 2, "last", [])
    assert (data.number, data.item, data.item_copied, data.months) == ("", "Tim", True, [3])


def test_unknown_marks_and_marks_outside_the_schedule_are_problems():
    cells = row("1", "Tim", "A", "a", "x", "Tim MP", months=[2])
    cells[5] = "?"
    grid, cols = grid_and_columns(cells + ["v"])
    problems: list = []
    data = read_row(grid, cols, 1, "last", problems)
    assert data.months == [2]
    assert [str(p) for p in problems] == [
        "t.xlsx[S]:2:6: unknown mark '?' in the schedule column 1: mark a month with v, x, ✓, √, 1 or ya, or fill the cell",
        "t.xlsx[S]:2:19: a month marked outside the schedule columns",
    ]


def test_a_schedule_written_in_one_cell_and_one_that_cannot_be_read():
    grid = Grid("t.csv", [["NO", "INDIKATOR", "KEGIATAN", "WAKTU"], ["1", "A", "a", "TW II, Desember"], ["2", "B", "b", "kapan-kapan"]])
    cols = find_columns(grid, "last", {})
    problems: list = []
    assert read_row(grid, cols, 1, "last", problems).months == [6, 12]
    assert read_row(grid, cols, 2, "last", problems).months == []
    [problem] = problems
    assert str(problem).startswith("t.csv:3:4: cannot read the schedule 'kapan-kapan'")


def test_a_full_width_merged_row_is_a_title():
    title = ["II. PENGUATAN PENGAWASAN"] * len(tables.HEADER)
    grid, cols = grid_and_columns(title, copied={(1, c) for c in range(1, len(tables.HEADER))})
    data = read_row(grid, cols, 1, "last", [])
    assert data.title == "II. PENGUATAN PENGAWASAN" and data.number == ""


@pytest.mark.parametrize(("cells", "skipped"), [
    ([""] * 18, True),
    (list(map(str, range(1, 19))), True),  # the column-number row under a header
    (tables.HEADER, True),  # the header repeated on a new page
    (row("1", "Tim", "A", "a", "x", months=[1]), False),
    (["1", "2"] + [""] * 16, False),  # too short a run to be column numbers
])  # fmt: skip
def test_is_skipped(cells, skipped):
    grid, cols = grid_and_columns(cells)
    assert is_skipped(grid, cols, 1) is skipped
