"""The importer's first steps on a table built in a test, as zi_plan.importing.read_table and build_import take them.

``columns`` finds the header and settles the level columns from the cells;
``walked`` then walks the rows into components, items and actions. No file
is read: the grid is the test's own, so each module's tests start from the
exact cells they are about. ``imported`` is the whole import of a small CSV,
for the modules that show or write what it found.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zi_plan.importing import build_import
from zi_plan.importing.columns import Columns, find_columns
from zi_plan.importing.findings import Findings
from zi_plan.importing.grid import Grid
from zi_plan.importing.hierarchy import Walk, walk
from zi_plan.importing.imported import Imported, ImportOptions
from zi_plan.importing.levels import settle_levels


def columns(rows: Sequence[Sequence[str]], *, label: str = "t.csv", copied: Iterable[tuple[int, int]] = (), quarters: str = "last",
            wanted: dict[str, str] | None = None) -> tuple[Grid, Columns]:  # fmt: skip
    grid = Grid(label, [list(row) for row in rows], copied=set(copied))
    cols = find_columns(grid, quarters, dict(wanted or {}))
    grid.titles = [" ".join(t for t in grid.rows[r] if t.strip()) for r in range(cols.header) if any(grid.rows[r])]
    settle_levels(grid, cols)
    return grid, cols


def walked(rows: Sequence[Sequence[str]], *, component: str | None = None, quarters: str = "last", **options: object) -> Walk:
    grid, cols = columns(rows, quarters=quarters, **options)  # type: ignore[arg-type]
    return walk(grid, cols, quarters, component, Findings())


def imported(folder: Path, rows: Sequence[Sequence[str]], name: str = "t.csv", **options: Any) -> Imported:
    """The import of ``rows`` as a CSV file in ``folder`` (zi_plan.importing.build_import), before any plan is written."""
    path = folder / name
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return build_import(path, ImportOptions(**options))
