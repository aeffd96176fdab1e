"""Nothing dropped in silence: every non-empty column has a role or is listed as ignored.

A column is listed with its header, two sample values and why it got no
role: its header names none (then --columns gives it one), another column
won the role, it holds one value in every row, or it is `zi export`'s
progress, which lives in the journal rather than the plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zi_plan.i18n import _
from zi_plan.importing.columns import Columns
from zi_plan.importing.findings import IgnoredColumn, short
from zi_plan.importing.grid import Grid
from zi_plan.importing.headers import norm
from zi_plan.importing.levels import data_rows

if TYPE_CHECKING:
    from zi_plan.importing.hierarchy import Walk

_PROGRESS = {"SELESAI", "TERLAMBAT", "REALISASI"}  # the status columns of `zi export`


def ignored_columns(grid: Grid, cols: Columns, action_rows: set[int] | None = None) -> list[IgnoredColumn]:
    rows = data_rows(grid, cols)
    out = []
    for c in range(grid.width):
        if c in cols.titles:  # read for the titles of headings: any text it has on action rows is not
            values = list(dict.fromkeys(grid.cell(r, c).strip() for r in rows if r in (action_rows or set()) and grid.cell(r, c).strip()))
            if values:
                header = " ".join(cols.headers.get(c, "").split())
                out.append(IgnoredColumn(c, header, [short(v) for v in values[:2]], _("read for the titles of headings only; its text on action rows is not read")))
            continue
        if cols.used(c):
            continue
        values = list(dict.fromkeys(grid.cell(r, c).strip() for r in rows if grid.cell(r, c).strip() and not grid.spread(r, c)))
        if not values:
            continue
        header = " ".join(cols.headers.get(c, "").split())
        if c in cols.dropped:
            reason = cols.dropped[c]
        elif cols.ids is not None and norm(header) in _PROGRESS:
            reason = _("progress written by `zi export`: progress lives in the journal, not the plan")
        elif header:
            reason = _("its header names no role; give it one with --columns \"ROLE={header}\"").format(header=header)
        else:
            reason = _("no header; name the header cell, then give it a role with --columns")
        out.append(IgnoredColumn(c, header, [short(v) for v in values[:2]], reason))
    return out


def account_rows(state: Walk) -> None:
    """Rows that became nothing are listed as skipped, with the reason."""
    grid, cols = state.grid, state.cols
    for comp in state.components:
        for item in list(comp.items):
            if not item.actions and item.row in state.used:
                state.skipped[item.row] = _("a title with no action under it (kept as a comment in the plan)")
    for r in range(cols.last_header + 1, len(grid.rows)):
        if r in state.used or r in state.skipped or not any(t.strip() for t in grid.rows[r]):
            continue
        texts = [c for c in range(grid.width) if grid.cell(r, c).strip() and not grid.spread(r, c)]
        unread = [cols.label(c) for c in texts if not cols.used(c)]
        if unread:
            state.skipped[r] = _("its text is only in columns zi does not read: {columns}").format(columns=", ".join(unread))
        else:
            state.skipped[r] = _("nothing to place: no indicator, steps or evidence ({text})").format(text=short(" | ".join(grid.cell(r, c) for c in texts)))
    for r in range(0, cols.header):
        if any(t.strip() for t in grid.rows[r]):
            state.skipped[r] = _("above the header: a title")
