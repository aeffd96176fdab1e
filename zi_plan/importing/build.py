"""From the walked table to a plan: teams settled, ids given, every problem at once."""

from __future__ import annotations

from dataclasses import replace

from zi_plan.errors import InvalidFile, Problem
from zi_plan.formats.writer import ComponentOut, ItemOut
from zi_plan.i18n import _
from zi_plan.importing.hierarchy import Walk
from zi_plan.importing.tree import RowComponent
from zi_plan.model.ids import roman


def settle_teams(state: Walk, default_team: str | None) -> None:
    """Every component gets a team: its own, else --team, else a problem naming the rows without one."""
    default_key = state.teams.add(default_team) if default_team else None
    for comp in state.components:
        if comp.team is None:
            comp.team = next((a.teams[0] for a in comp.actions if a.teams), None) or default_key
        if comp.team is None and comp.actions:
            rows = ", ".join(str(state.grid.origins[a.row][1]) for a in comp.actions[:8])
            r = comp.row if comp.row is not None else (comp.actions[0].row if comp.actions else 0)
            column = state.cols.roles.get("team")
            header = state.header("team", "PENANGGUNG JAWAB")
            state.problems.append(state.grid.problem(r, column, _("no team ({column}) for component '{title}' (rows {rows}); name one with --team NAME").format(
                column=header, title=comp.title, rows=rows)))  # fmt: skip
        for action in comp.actions:
            if action.teams == [comp.team]:
                action.teams = []


def to_components(state: Walk) -> tuple[list[ComponentOut], list[tuple[str, str]]]:
    """The components to write and the teams (id, name); raises InvalidFile with every problem."""
    problems: list[Problem] = list(state.problems)
    for comp in state.components:
        if not comp.actions:
            r = comp.row if comp.row is not None else state.cols.header
            problems.append(state.grid.problem(r, state.cols.roles.get("number"), _("component '{title}' has no actions under it").format(title=comp.title)))
    if not state.components and not problems:
        problems.append(state.grid.problem(min(state.cols.last_header + 1, len(state.grid.rows) - 1), 0, _("no actions under the header")))
    if problems:
        problems.sort(key=lambda p: (p.path, p.line or 0, p.column or 0))
        raise InvalidFile(problems)
    ids = state.teams.ids()
    out = []
    for n, comp in enumerate(state.components, 1):
        out.append(_component(state, comp, roman(n), ids))
    used = {c.team for c in out} | {t for c in out for i in c.items for a in i.actions for t in [*a.teams, a.team] if t}
    teams = [(ids[key], state.teams.name(key)) for key in state.teams.spellings if ids[key] in used]
    return out, teams


def _component(state: Walk, comp: RowComponent, cid: str, ids: dict[str, str]) -> ComponentOut:
    label = state.grid.origins[comp.row] if comp.row is not None else None
    notes = [_("from {sheet}, row {n}").format(sheet=label[0], n=label[1])] if label else [_("the table has no component level: one component")]
    if comp.code:
        notes.append(_("source code {code}").format(code=comp.code))
    component = ComponentOut(cid, comp.title, ids[comp.team or ""], notes=notes)
    for item in comp.items:
        if not item.actions:  # a heading with nothing under it: kept as a note, never lost silently
            component.notes.append(_("heading without actions: {title} ({row})").format(title=item.title, row=item.notes[0] if item.notes else ""))
            continue
        notes = list(item.notes) + ([_("source code {code}").format(code=item.code)] if item.code else [])
        out = ItemOut(item.title, notes=notes)
        for action in item.actions:
            teams = [ids[k] for k in action.teams]
            # The row is an ActionOut already: only its team keys become ids.
            out.actions.append(replace(action, months=sorted(set(action.months)), team=teams[0] if len(teams) == 1 else None, teams=teams if len(teams) > 1 else []))
        component.items.append(out)
    return component
