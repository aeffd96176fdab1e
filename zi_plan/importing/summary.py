"""`zi import --dry-run` and the summary after an import: what the import understood.

The mapping of columns to roles and the columns it did not read (so a wrong
guess is seen and fixed with --columns), the tree as read with its counts,
every inference with its rows, the structure warnings, the rows left out
and why, and whether the plan would validate; the same as JSON for scripts.
"""

from __future__ import annotations

from typing import Any

from zi_plan.errors import InvalidFile
from zi_plan.i18n import _
from zi_plan.importing.imported import Imported
from zi_plan.importing.treeview import lines_of, print_columns, print_findings, print_tree
from zi_plan.model.ids import letter
from zi_plan.render import tables
from zi_plan.store.plans import check_text


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
    print_summary(imported, out, dry_run=True)
    if imported.problems:
        raise InvalidFile(imported.problems)
    found = problems(imported)
    for message in found:
        out.print(tables.esc(message), soft_wrap=True)
    if not found:
        out.print(_("The plan is valid; run again without --dry-run to write it."), soft_wrap=True)
    return bool(found)


def print_summary(imported: Imported, out: Any, dry_run: bool = False) -> None:
    grid, cols = imported.grid, imported.columns
    label, line = grid.origins[cols.header]
    first = _("{table}: header on row {row}; nothing is written (--dry-run)") if dry_run else _("{table}: header on row {row}")
    out.print(first.format(table=tables.esc(label), row=line), soft_wrap=True)
    print_columns(imported, out)
    if imported.problems:
        return  # no plan to show: the problems follow
    n = counts(imported)
    out.print(_("Hierarchy: components {components}, items {items}, actions {actions} (drafts {drafts}, not scheduled {unscheduled}), teams {teams}").format(**n), soft_wrap=True)
    print_tree(imported, out)
    print_findings(imported, out)


def dry_run_json(imported: Imported) -> dict[str, Any]:
    """The same as --dry-run prints, for scripts: mapping, counts, the tree, every finding, problems."""
    cols = imported.columns
    found = imported.findings
    return {
        "table": imported.grid.origins[cols.header][0],
        "header_row": imported.grid.origins[cols.header][1],
        "columns": {role: {"column": c + 1, "header": cols.headers.get(c, "")} for role, c in cols.roles.items()},
        "schedule": {"kind": cols.schedule_kind, "columns": {str(c + 1): m for c, m in sorted(cols.months.items())}},
        "ignored_columns": [{"column": i.column + 1, "header": i.header, "samples": i.samples, "reason": i.reason} for i in found.ignored],
        "counts": counts(imported),
        "teams": [{"id": tid, "name": name} for tid, name in imported.teams],
        "actions": _actions(imported),
        "inferences": [{"message": f.message, "rows": lines_of(imported, f.rows)} for f in found.inferences],
        "warnings": [{"message": f.message, "rows": lines_of(imported, f.rows)} for f in found.warnings],
        "skipped_rows": [{"row": lines_of(imported, [s.row])[0], "text": s.text, "reason": s.reason} for s in found.skipped],
        "problems": problems(imported),
    }


def _actions(imported: Imported) -> list[dict[str, Any]]:
    names = dict(imported.teams)
    out = []
    for comp in imported.components:
        for i_no, item in enumerate(comp.items, 1):
            for a_no, a in enumerate(item.actions):
                teams = a.teams or [a.team or item.team or comp.team]
                out.append({"id": f"{comp.id}.{i_no}.{letter(a_no)}", "component": comp.title, "item": item.title,
                            "source": a.notes[0] if a.notes else "", "source_id": a.source_id, "months": a.months,
                            "teams": [names.get(t, t) for t in teams], "draft": a.draft, "lke": a.lke,
                            "indicator": a.indicator, "steps": a.steps, "evidence": a.evidence})  # fmt: skip
    return out
