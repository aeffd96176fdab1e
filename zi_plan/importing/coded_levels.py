"""Codes by depth beside level columns: the columns give the hierarchy, the codes stay source ids.

A table may number its rows with codes by depth (SS.1.1, 1.1) and name its
levels in columns too (PILAR, SUB PILAR) filled on the action rows. The
columns carry the titles, and a code by depth says less than it seems
(SS.2.1 is component 'SS' by its depth, whatever its pillar), so the columns
give the levels they have; the code gives a level only where the table has
no column for it (the components of 1.1 beside a SUB PILAR column alone),
and stays each action's source id. Whether the codes group the rows as the
columns do is said in one line: the rows where they differ, or that they
agree. Codes whose letters give the level (see ``codes``) are not read here.
"""

from __future__ import annotations

from dataclasses import dataclass

from zi_plan.i18n import _
from zi_plan.importing.codes import CodeScheme
from zi_plan.importing.columns import Columns
from zi_plan.importing.findings import Findings
from zi_plan.importing.rows import RowData

LEVELS = ("component", "item")


@dataclass(frozen=True)
class Beside:
    """Which levels the level columns give, beside codes by depth; () when the codes alone give them."""

    columns: tuple[str, ...] = ()

    @property
    def components(self) -> bool:
        """The columns give the components (and the items: theirs, or one per component): a code opens nothing."""
        return "component" in self.columns

    @property
    def items(self) -> bool:
        """The item column gives the items, under the code's components."""
        return self.columns == ("item",)


def code_keys(code: str, depth: int) -> tuple[str, str | None]:
    """A code's component and item by depth ('SS.1.1', 1 -> 'SS', 'SS.1'; '1.1', 1 -> '1', None: no item level)."""
    segments = code.split(".")
    component = ".".join(segments[:depth])
    item = ".".join(segments[:-1])
    return component, (item if item != component and len(segments) - 1 > depth else None)


def read_beside(cols: Columns, scheme: CodeScheme, coded: list[tuple[RowData, str]]) -> Beside:
    """The levels whose columns hold a value on the coded action rows (``coded``: each such row with its code)."""
    if scheme.by_prefix or not coded:
        return Beside()
    return Beside(tuple(level for level in LEVELS if level in cols.roles and any(getattr(row, level) for row, _code in coded)))


def tell_beside(findings: Findings, cols: Columns, beside: Beside, coded: list[tuple[RowData, str]], depth: int) -> None:
    """One line: the columns give the hierarchy, the codes are source ids; with the rows where the two group otherwise."""
    if not beside.columns:
        return
    code = cols.label(cols.roles["number"])
    levels = ", ".join(cols.label(c) for c in [*cols.outer, *(cols.roles[level] for level in beside.columns)])
    differ = _differing(beside, coded, depth)
    if beside.items:
        message = (_("{code} holds codes by depth that group the rows otherwise than {levels}: the components follow the codes, the items {levels}; the codes are kept as the actions' source ids")
                   if differ else _("{code} holds codes by depth beside {levels}, and they agree: the components follow the codes, the items {levels}; the codes are kept as the actions' source ids"))  # fmt: skip
    else:
        message = (_("{code} holds codes by depth that group the rows otherwise than {levels}: the hierarchy follows the columns, and the codes are kept as the actions' source ids")
                   if differ else _("{code} holds codes by depth beside {levels}, and they agree: the hierarchy follows the columns, and the codes are kept as the actions' source ids"))  # fmt: skip
    findings.infer(message.format(code=code, levels=levels), differ or [cols.header])


def _differing(beside: Beside, coded: list[tuple[RowData, str]], depth: int) -> list[int]:
    """The rows that start a group by the codes and not by the columns, or the other way round."""
    out: list[int] = []
    before: tuple[str, str | None, str, str] | None = None
    for row, code in coded:
        component, item = code_keys(code, depth)
        # An empty level cell continues the one above: a merge lost in a CSV.
        column_component = " / ".join(t for t in (row.outer, row.component) if t) or (before[2] if before else "")
        column_item = row.item or (before[3] if before and before[2] == column_component else "")
        if before is not None:
            new_component, new_item = component != before[0], component != before[0] or item != before[1]
            new_column_item = column_item != before[3] or column_component != before[2]
            if beside.components:
                splits = [(new_component, column_component != before[2])]
                if item is not None and before[1] is not None:  # items by the codes, against the columns' (or the components')
                    splits.append((new_item, new_column_item))
            else:  # the components by the codes: an item of the column must not run across two of them
                splits = [(new_item, new_column_item)] if item is not None else [(new_component and not new_column_item, False)]
            if any(by_code != by_column for by_code, by_column in splits):
                out.append(row.r)
        before = (component, item, column_component, column_item)
    return out
