"""The import's summary as text: columns, the tree as read, the counts, and every finding.

Printed by --dry-run and after a real import alike, so that what zi
understood is read before the office works the plan for a year: the
columns it used and the ones it ignored (with samples), the components and
items with their first actions in full (indicator, steps, evidence, team,
months), every inference with its rows, the structure warnings, and the
rows it skipped with the reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from zi_plan.i18n import _, months_text
from zi_plan.importing.columns import role_name
from zi_plan.importing.findings import rows_text, short
from zi_plan.model.ids import letter
from zi_plan.render import tables
from zi_plan.render.tables import esc

if TYPE_CHECKING:
    from zi_plan.importing.imported import Imported

FIRST_ACTIONS = 2  # per item, shown in full


def _esc(text: str) -> str:
    return esc(text)


def lines_of(imported: Imported, rows: list[int]) -> list[int]:
    origins = imported.grid.origins
    return [origins[r][1] for r in rows if r < len(origins)]


def print_columns(imported: Imported, out: Any) -> None:
    table = tables.new_table(title="[bold]" + _("Columns") + "[/]")
    for heading in (_("Role"), _("Column"), _("Header")):
        table.add_column(heading, overflow="fold")
    for row in mapping_rows(imported):
        table.add_row(*(_esc(cell) for cell in row))
    out.print(table)
    ignored = imported.findings.ignored
    if ignored:
        table = tables.new_table(title="[bold]" + _("Columns not read") + "[/]")
        for heading in (_("Column"), _("Header"), _("Samples"), _("Why")):
            table.add_column(heading, overflow="fold")
        for col in ignored:
            table.add_row(str(col.column + 1), _esc(col.header or "-"), _esc(" · ".join(col.samples)), _esc(col.reason))
        out.print(table)


def print_tree(imported: Imported, out: Any) -> None:
    names = dict(imported.teams)
    state = imported.state
    rows = [c.row for c in state.components] if state is not None else [None] * len(imported.components)
    for comp, comp_row in zip(imported.components, rows, strict=False):
        n_actions = sum(len(i.actions) for i in comp.items)
        where = f" · {_('row {n}').format(n=imported.grid.origins[comp_row][1])}" if comp_row is not None else ""
        tree = Tree(Text(f"{comp.id} {comp.title} — {names.get(comp.team, comp.team)}{where} · " + _("items {items}, actions {actions}").format(items=len(comp.items), actions=n_actions),
                         style="bold"))  # fmt: skip
        for i_no, item in enumerate(comp.items, 1):
            where = f" · {item.notes[0]}" if item.notes else ""
            branch = tree.add(Text(f"{comp.id}.{i_no} {item.title}{where} · " + _("actions {n}").format(n=len(item.actions))))
            for a_no, action in enumerate(item.actions[:FIRST_ACTIONS]):
                branch.add(Text(_action_text(comp, item, i_no, a_no, action, names)))
            if len(item.actions) > FIRST_ACTIONS:
                branch.add(Text(_("... {n} more").format(n=len(item.actions) - FIRST_ACTIONS), style="dim"))
        out.print(tree)


def _action_text(comp: Any, item: Any, i_no: int, a_no: int, action: Any, names: dict[str, str]) -> str:
    teams = action.teams or [action.team or item.team or comp.team]
    head = [f"{comp.id}.{i_no}.{letter(a_no)}", *action.notes[:1], *([action.source_id] if action.source_id else []),
            months_text(action.months) if action.months else _("not scheduled"), ", ".join(names.get(t, t) for t in teams)]  # fmt: skip
    lines = [" · ".join(head) + (" · " + _("[draft]") if action.draft else "")]
    lines.append(_("indicator: {text}").format(text=short(action.indicator, 120)))
    lines.append(_("steps: {text}").format(text=short("; ".join(action.steps), 120) if action.steps else "-"))
    lines.append(_("evidence: {text}").format(text=short("; ".join(action.evidence), 120) if action.evidence else "-"))
    if action.lke:
        lines.append(_("LKE: {codes}").format(codes=", ".join(action.lke)))
    return "\n".join(lines)


def _list(out: Any, title: str, lines: list[str]) -> None:
    """A titled list, each entry wrapped under itself at the terminal's width."""

    out.print(Text(title, style="bold"))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for line in lines:
        grid.add_row("-", Text(line))
    out.print(grid)


def print_findings(imported: Imported, out: Any) -> None:
    found = imported.findings
    for title, items in ((_("What zi inferred"), found.inferences), (_("Worth a look"), found.warnings)):
        if items:
            _list(out, title, [f.message + (f" ({rows})" if (rows := rows_text(lines_of(imported, f.rows))) else "") for f in items])
    if found.skipped:
        _list(out, _("Rows not in the plan"), [_("row {n}").format(n=lines_of(imported, [s.row])[0]) + f": {s.reason} — {short(s.text, 60)}" for s in found.skipped])


def mapping_rows(imported: Imported) -> list[tuple[str, str, str]]:
    """(role, column number, header) for each role found, then the schedule columns and the columns settled from the cells."""
    cols = imported.columns
    rows = [(role_name(role), str(c + 1), cols.headers.get(c, "")) for role, c in sorted(cols.roles.items(), key=lambda rc: rc[1])]
    extra = [(_("outer heading"), c) for c in cols.outer] + [(_("titles of headings"), c) for c in sorted(cols.titles)]
    extra += [(label, c) for label, c in ((_("LKE question text"), cols.lke_text), (_("level letters"), cols.letters),
                                          (_("running number (not read)"), cols.running), (_("zi's ids (checked)"), cols.ids), (_("source codes (source_id)"), cols.sources)) if c is not None]  # fmt: skip
    rows += [(label, str(c + 1), cols.headers.get(c, "")) for label, c in extra]
    if cols.months:
        first, last = min(cols.months) + 1, max(cols.months) + 1
        months = sorted({m for ms in cols.months.values() for m in ms})
        kinds = {"months": _("months"), "quarters": _("quarters"), "semesters": _("semesters")}
        rows.append((_("schedule ({kind})").format(kind=kinds.get(cols.schedule_kind, cols.schedule_kind)), f"{first}–{last}",
                     months_text(months)))  # fmt: skip
    return rows
