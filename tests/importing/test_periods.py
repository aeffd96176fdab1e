"""importing.periods: columns numbered I..IV (or 1..4, 1..2) under a TRIWULAN or SEMESTER group header."""

from __future__ import annotations

import pytest

from zi_plan.importing.grid import Grid
from zi_plan.importing.periods import group_quarters


def numbered(group: str, numbers: list[str], lead: int = 3) -> tuple[Grid, dict[int, str]]:
    """A header row with ``group`` over the numbered columns (a CSV keeps a merged cell's text in its first column)."""
    top = ["NO", "KEGIATAN", "OUTPUT", group, *[""] * (len(numbers) - 1)]
    below = [""] * lead + numbers
    grid = Grid("t.csv", [top, below])
    return grid, {c: t for c, t in enumerate(below) if c >= lead}


@pytest.mark.parametrize("numbers", [["I", "II", "III", "IV"], ["1", "2", "3", "4"], ["I.", "II.", "III.", "IV."]])
@pytest.mark.parametrize("group", ["TRIWULAN", "Target (TW)", "Kuartal", "Q"])
def test_four_columns_under_a_quarter_header(group, numbers):
    grid, cells = numbered(group, numbers)
    assert group_quarters(grid, 1, cells, "last") == {3: [3], 4: [6], 5: [9], 6: [12]}
    assert group_quarters(grid, 1, cells, "spread") == {3: [1, 2, 3], 4: [4, 5, 6], 5: [7, 8, 9], 6: [10, 11, 12]}


def test_two_columns_under_a_semester_header():
    grid, cells = numbered("SEMESTER", ["I", "II"])
    assert group_quarters(grid, 1, cells, "last") == {3: [6], 4: [12]}
    assert group_quarters(grid, 1, cells, "spread") == {3: [1, 2, 3, 4, 5, 6], 4: [7, 8, 9, 10, 11, 12]}


@pytest.mark.parametrize(("group", "numbers"), [
    ("PELAKSANAAN", ["I", "II", "III", "IV"]),  # no word of quarters above: the numbers say nothing
    ("TRIWULAN", ["I", "II", "III"]),  # a run of three is no year
    ("TRIWULAN", ["I", "II", "IV", "III"]),  # out of order
    ("SEMESTER", ["I", "II", "III", "IV"]),  # four under a semester header
    ("TRIWULAN", ["1", "2", "3", "5"]),
    ("Twitter", ["I", "II", "III", "IV"]),  # TW as part of a word is not a quarter
])  # fmt: skip
def test_no_group_of_periods(group, numbers):
    grid, cells = numbered(group, numbers)
    assert group_quarters(grid, 1, cells, "last") == {}


def test_numbers_on_the_first_row_have_no_header_above():
    grid = Grid("t.csv", [["I", "II", "III", "IV"]])
    assert group_quarters(grid, 0, dict(enumerate(grid.rows[0])), "last") == {}
