"""The roll-up as CSV (one row per unit) and as an Excel workbook.

The workbook is laid out as offices keep their recap workbooks: a recap
sheet of every unit, one per parent (the parent and the units below it),
then one detail sheet per unit: its months, components, LKE, evidence
gaps and overdue actions.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from zi_plan.formats.export import fill_sheet, workbook_bytes
from zi_plan.fs.files import csv_bytes
from zi_plan.i18n import _, month_name
from zi_plan.units.ranking import Rollup
from zi_plan.units.register import descendants
from zi_plan.units.rollup import Totals, UnitRow
from zi_plan.units.tables import gate_labels


def _decimal(value: float | None, comma: bool) -> Any:
    if value is None:
        return ""
    return f"{value:.2f}".replace(".", ",") if comma else round(value, 2)


def headers() -> list[str]:
    return [_("Rank"), _("Code"), _("Unit"), _("Parent"), _("Predicate"), _("TPI reviewer"), _("Plan"), _("Actions"), _("Due"), _("Done"),
            _("Done late"), _("Overdue"), _("On time (%)"), _("Occurrences in the year"), _("Self-assessment"), _("LKE answers"),
            _("Gates failed"), _("LKE ceiling"), _("Gates out of reach"), _("TPI score"), _("Done without evidence"), _("Files missing"),
            _("Files changed"), _("Last record"), _("Days since"), _("Problems")]  # fmt: skip


def unit_cells(row: UnitRow, result: Rollup, comma: bool = False) -> list[Any]:
    u, n = row.unit, row.numbers
    head: list[Any] = [row.rank or "", u.code, u.name, u.parent or "", u.predicate, u.reviewer or ""]
    if n is None:
        return [*head, *[""] * 19, "\n".join(row.problems)]
    gates = "" if n.gates_failed is None else ", ".join(gate_labels(n.gates_failed)) or _("none")
    quiet = row.days_quiet(result.today)
    return [*head, n.plan, n.actions, n.due, n.done, n.done_late, n.overdue, _decimal(n.percent_on_time, comma), n.year_total,
            _decimal(n.score, comma), n.answered, gates, _decimal(n.ceiling, comma), ", ".join(gate_labels(n.ceiling_failed)),
            "",  # the TPI's score: filled once the evaluators record their round
            n.done_without_evidence, len(row.files_missing), len(row.files_changed), (n.last_record or "")[:10],
            "" if quiet is None else quiet, ""]  # fmt: skip


def total_cells(label: str, totals: Totals, comma: bool = False) -> list[Any]:
    return ["", "", label, "", "", "", "", totals.actions, totals.due, totals.done, totals.done_late, totals.overdue,
            _decimal(totals.percent_on_time, comma), "", _decimal(totals.mean_score, comma), "", "", _decimal(totals.mean_ceiling, comma),
            "", "", "", "", "", "", "", _("{n} not rolled up").format(n=totals.failed) if totals.failed else ""]  # fmt: skip


def to_csv(result: Rollup, delimiter: str) -> bytes:
    comma = delimiter == ";"  # Indonesian Excel: a decimal comma too
    return csv_bytes([headers(), *(unit_cells(r, result, comma) for r in result.rows)], delimiter)


# ---------------------------------------------------------------- the workbook


def _sheet_name(wanted: str, used: set[str]) -> str:
    # Excel: at most 31 characters, unique; codes hold no character Excel refuses.
    name = wanted[:31]
    n = 2
    while name.lower() in used:
        suffix = f" ({n})"
        name = wanted[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name.lower())
    return name


def to_xlsx(result: Rollup) -> bytes:


    book = Workbook()
    used: set[str] = set()
    recap = book.active
    recap.title = _sheet_name(_("Recap"), used)
    fill_sheet(recap, [headers(), *(unit_cells(r, result) for r in result.rows), total_cells(_("All units"), result.overall)])
    _widths(recap)
    for unit, totals in result.groups:
        members = {unit.code} | _below(result, unit.code)
        sheet = book.create_sheet(_sheet_name(_("Recap {code}").format(code=unit.code), used))
        rows = [r for r in result.rows if r.unit.code in members]
        fill_sheet(sheet, [headers(), *(unit_cells(r, result) for r in rows), total_cells(f"{unit.code} {unit.name}", totals)])
        _widths(sheet)
    for row in result.rows:
        sheet = book.create_sheet(_sheet_name(row.unit.code, used))
        fill_sheet(sheet, detail_rows(row, result))
        for column, width in {"A": 34, "B": 48, "C": 14, "D": 14, "E": 14, "F": 14}.items():
            sheet.column_dimensions[column].width = width
    return workbook_bytes(book)


def _below(result: Rollup, code: str) -> set[str]:
    return descendants(result.register, code)


def _widths(sheet: Any) -> None:
    for column, width in {"A": 6, "B": 10, "C": 34, "D": 9, "E": 12, "F": 22, "G": 30, "Z": 60}.items():
        sheet.column_dimensions[column].width = width


def detail_rows(row: UnitRow, result: Rollup) -> list[list[Any]]:
    """One unit's sheet: who it is, then its months, components, LKE, evidence gaps, overdue actions."""
    u, n = row.unit, row.numbers
    rows: list[list[Any]] = [[f"{u.code} {u.name}", _("as of {month} {year}").format(month=month_name(result.as_of), year=result.year)],
                             [_("Parent"), u.parent or ""], [_("Predicate"), u.predicate], [_("TPI reviewer"), u.reviewer or ""]]  # fmt: skip
    if n is None:
        return [*rows, [], [_("Problems")], *([p] for p in row.problems)]
    rows += [[_("Plan"), n.plan], [_("Institution"), n.institution], [_("Rank"), row.rank], []]
    rows.append([_("Month"), _("Scheduled"), _("Done on time"), _("Done late"), _("Overdue")])
    rows += [[month_name(m), *month] for m, month in enumerate(n.months, start=1)]
    rows += [[], [_("Component"), _("Title"), _("Due"), _("Done of due"), _("Occurrences in the year"), _("Done")]]
    rows += [list(c) for c in n.components]
    gates = "" if n.gates_failed is None else ", ".join(gate_labels(n.gates_failed)) or _("none")
    rows += [[], [_("LKE worksheet"), n.lke_year], [_("LKE ceiling"), round(n.ceiling, 2)],
             [_("Gates out of reach"), ", ".join(gate_labels(n.ceiling_failed))], [_("LKE answers"), n.answered],
             [_("Self-assessment"), "" if n.score is None else round(n.score, 2)], [_("Gates failed"), gates],
             [_("TPI score"), "", _("filled once the evaluators record their round")], [],
             [_("Done without evidence"), n.done_without_evidence]]  # fmt: skip
    rows += [[_("File missing"), path] for path in row.files_missing] + [[_("File changed"), path] for path in row.files_changed]
    if n.overdue_actions:
        rows += [[], [_("Overdue action"), _("Indicator"), _("Months")]]
        rows += [[a, indicator, ", ".join(month_name(m) for m in months)] for a, indicator, months in n.overdue_actions]
    return rows
