"""Quarter and semester columns numbered under a group header: TRIWULAN over I | II | III | IV.

Many tables head their schedule with one merged cell (TRIWULAN, TARGET
PENYELESAIAN (TW), SEMESTER) and number the columns below it only: I..IV or
1..4. The numbers alone say nothing; with the group header above they are
quarters (or semesters), read by --quarters like TW I..IV.
"""

from __future__ import annotations

import re

from zi_plan.importing.grid import Grid
from zi_plan.importing.schedule import quarter_months, semester_months

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
_QUARTER_GROUP = re.compile(r"(?i)\b(triwulan|tw|trw|kuartal|quarter|q)\b")
_SEMESTER_GROUP = re.compile(r"(?i)\b(semester|smt|sem)\b")


def _number(text: str) -> int | None:
    t = text.strip().strip(".").upper()
    if t in _ROMAN:
        return _ROMAN[t]
    return int(t) if t.isdigit() and 1 <= int(t) <= 4 else None


def _group_text(grid: Grid, row: int, c: int) -> str:
    """The group header over the first numbered column (a CSV keeps a merged cell's text there too)."""
    return grid.cell(row - 1, c) if row > 0 else ""


def group_quarters(grid: Grid, row: int, cells: dict[int, str], quarters: str) -> dict[int, list[int]]:
    """Adjacent columns numbered 1..4 (or I..IV, 1..2 for semesters) under a TRIWULAN/SEMESTER group header; {} if none."""
    numbers = {c: n for c, t in cells.items() if (n := _number(t)) is not None}
    for start in sorted(numbers):
        if numbers[start] != 1:
            continue
        run = [start]
        while numbers.get(run[-1] + 1) == len(run) + 1:
            run.append(run[-1] + 1)
        group = _group_text(grid, row, start)
        if len(run) == 4 and _QUARTER_GROUP.search(group):
            return {c: quarter_months(numbers[c], quarters) for c in run}
        if len(run) == 2 and _SEMESTER_GROUP.search(group):
            return {c: semester_months(numbers[c], quarters) for c in run}
    return {}
