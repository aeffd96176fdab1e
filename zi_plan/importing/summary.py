"""`zi import --dry-run`: what the import found, shown before anything is written.

The mapping of columns to roles (so a wrong guess is seen and fixed with
--columns), the hierarchy with its counts per level, the first actions of
each component with their source rows, and whether the plan would validate.
"""

from __future__ import annotations

from typing import Any

from zi_plan.errors import InvalidFile
from zi_plan.i18n import _
from zi_plan.importing import Imported
from zi_plan.model.ids import letter
from zi_plan.render import tables
from zi_plan.render.tables import months_text
from zi_plan.store.plans import check_text

FIRST_ACTIONS = 3  # per component


def _role_name(role: str) -> str:
    names = {
        "number": _("number (NO/KODE)"), "component": _("component"), "item": _("item"),
        "indicator": _("indicator"), "action": _("action (steps)"), "evidence": _("evidence"),
        "team": _("team"), "schedule": _("schedule (one cell)"), "lke": _("LKE codes"),
    }  # fmt: skip
    return names.get(role, role)


def mapping_rows(imported: Imported) -> list[tuple[str, str, str]]:
    """(role, column number, header) for each role found, then the schedule columns."""
    cols = imported.columns
    rows = [(_role_name(role), str(c + 1), cols.headers.get(c, "")) for role, c in sorted(cols.roles.items(), key=lambda rc: rc[1])]
    if cols.months:
        first, last = min(cols.months) + 1, max(cols.months) + 1
        months = sorted({m for ms in cols.months.values() for m in ms})
        kinds = {"months": _("months"), "quarters": _("quarters"), "semesters": _("semesters")}
        rows.append((_("schedule ({kind})").format(kind=kinds.get(cols.schedule_kind, cols.schedule_kind)), f"{first}–{last}",
                     render_months(months)))  # fmt: skip
    return rows


def counts(imported: Imported) -> dict[str, int]:
    actions = [a for c in imported.components for i in c.items for a in i.actions]
    return {
        "components": len(imported.components),
        "items": sum(len(c.items) for c in imported.components),
        "actions": len(actions),
        "drafts": sum(a.draft for a in actions),
        "unscheduled": sum(not a.months and not a.draft for a in actions),
        "teams": len(imported.teams),
    }


def problems(imported: Imported) -> list[str]:
    """What stops the import: the table's problems (FILE:ROW:COL: message), else the built plan's."""
    if imported.problems:
        return [str(p) for p in imported.problems]

    return [p.message for p in check_text("<import>", imported.text)[1]]


def show_dry_run(imported: Imported, as_json: bool, out: Any) -> bool:
    """Print what --dry-run shows (JSON or text); whether the import would fail.

    A table with problems still shows its columns, since that is what
    --columns fixes; in text its problems follow as an error (FILE:ROW:COL).
    """

    if as_json:
        data = dry_run_json(imported)
        tables.print_json(data)
        return bool(data["problems"])
    print_dry_run(imported, out)
    if imported.problems:
        raise InvalidFile(imported.problems)
    return bool(problems(imported))


def dry_run_json(imported: Imported) -> dict[str, Any]:
    """The same as --dry-run prints, for scripts: mapping, counts, every action with its source row, problems."""
    cols = imported.columns
    names = dict(imported.teams)
    actions = []
    for comp in imported.components:
        for i_no, item in enumerate(comp.items, 1):
            for a_no, a in enumerate(item.actions):
                teams = a.teams or [a.team or comp.team]
                actions.append({"id": f"{comp.id}.{i_no}.{_letter(a_no)}", "source": a.notes[0] if a.notes else "", "source_id": a.source_id,
                                "months": a.months, "teams": [names.get(t, t) for t in teams], "draft": a.draft, "lke": a.lke,
                                "indicator": a.indicator})  # fmt: skip
    return {
        "table": imported.grid.origins[cols.header][0],
        "header_row": imported.grid.origins[cols.header][1],
        "columns": {role: {"column": c + 1, "header": cols.headers.get(c, "")} for role, c in cols.roles.items()},
        "schedule": {"kind": cols.schedule_kind, "columns": {str(c + 1): m for c, m in sorted(cols.months.items())}},
        "counts": counts(imported),
        "teams": [{"id": tid, "name": name} for tid, name in imported.teams],
        "actions": actions,
        "problems": problems(imported),
        "notes": imported.notes,
    }


def print_dry_run(imported: Imported, out: Any) -> None:

    grid, cols = imported.grid, imported.columns
    label, line = grid.origins[cols.header]
    out.print(_("{table}: header on row {row}; nothing is written (--dry-run)").format(table=tables.esc(label), row=line), soft_wrap=True)
    columns = _("Columns")
    table = tables.new_table(title=f"[bold]{columns}[/]")
    for heading in (_("Role"), _("Column"), _("Header")):
        table.add_column(heading, overflow="fold")
    for row in mapping_rows(imported):
        table.add_row(*(tables.esc(cell) for cell in row))
    out.print(table)
    if imported.problems:
        return  # no plan to show: the problems follow
    n = counts(imported)
    out.print(_("Hierarchy: components {components}, items {items}, actions {actions} (drafts {drafts}, not scheduled {unscheduled}), teams {teams}").format(**n), soft_wrap=True)
    names = dict(imported.teams)
    for comp in imported.components:
        actions = [(f"{comp.id}.{i_no}.{_letter(a_no)}", a) for i_no, item in enumerate(comp.items, 1) for a_no, a in enumerate(item.actions)]
        table = tables.new_table(title=f"[bold]{comp.id}[/] {tables.esc(comp.title)} — {tables.esc(names.get(comp.team, comp.team))}: "
                                 + _("items {items}, actions {actions}").format(items=len(comp.items), actions=len(actions)))  # fmt: skip
        for heading in (_("ID"), _("Source"), _("Months"), _("Indicator")):
            table.add_column(heading, overflow="fold")
        for aid, action in actions[:FIRST_ACTIONS]:
            source = "; ".join(action.notes[:1] + ([action.source_id] if action.source_id else []))
            months = tables.months_text(action.months) if action.months else _("not scheduled")
            table.add_row(aid, tables.esc(source), months, tables.esc((_("[draft]") + " " if action.draft else "") + action.indicator))
        out.print(table)
    for note in imported.notes:
        out.print(tables.esc(note), soft_wrap=True)
    found = problems(imported)
    if found:
        for message in found:
            out.print(tables.esc(message), soft_wrap=True)
    else:
        out.print(_("The plan is valid; run again without --dry-run to write it."), soft_wrap=True)


def render_months(months: list[int]) -> str:

    return months_text(months)


def _letter(index: int) -> str:

    return letter(index)
