"""From the walked table to a plan: teams settled, ids given, every problem at once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from zi_plan.errors import InvalidFile, Problem
from zi_plan.formats.writer import ComponentOut, ItemOut
from zi_plan.i18n import _, ngettext
from zi_plan.importing.findings import short
from zi_plan.importing.hierarchy import Walk
from zi_plan.importing.teams import names_no_team, team_key, tidy
from zi_plan.importing.tree import RowAction, RowComponent, RowItem
from zi_plan.model.ids import roman


def _cells(state: Walk) -> list[tuple[str, int]]:
    """Every team cell as written, with its row."""
    out: list[tuple[str, int]] = []
    for comp in state.components:
        if comp.team_cell and comp.row is not None:
            out.append((comp.team_cell, comp.row))
        for item in comp.items:
            out += [(cell, item.row) for cell in item.team_cells]
            for action in item.actions:
                out += [(cell, action.row) for cell in action.team_cells]
    return out


class _Reader:
    """Reads team cells into team keys, remembering what it did for the findings."""

    def __init__(self, state: Walk) -> None:
        self.state = state
        self.header = state.header("team", "")
        self.no_team: dict[str, list[int]] = defaultdict(list)
        self.split: dict[str, list[int]] = defaultdict(list)
        self.rows: dict[str, list[int]] = defaultdict(list)  # spelling -> rows

    def keys(self, cell: str, r: int) -> list[str]:
        parts = self.state.teams.split(cell)
        if len(parts) > 1:
            self.split[cell].append(r)
        out = []
        for part in parts:
            if names_no_team(part, self.header):
                self.no_team[tidy(part) or cell.strip()].append(r)
                continue
            out.append(self.state.teams.add(part))
            self.rows[tidy(part)].append(r)
        return list(dict.fromkeys(out))


def settle_teams(state: Walk, default_team: str | None, named: dict[str, list[str]] | None = None, ids: dict[str, str] | None = None) -> None:
    """Every component gets a team: its own, else its first action's, else --team, else a problem naming the rows without one."""
    teams = state.teams
    teams.prepare([cell for cell, _r in _cells(state)], named)
    teams.ids_given = {team_key(name): tid for name, tid in (ids or {}).items()}
    reader = _Reader(state)
    default_key = teams.add(default_team) if default_team else None
    defaulted: list[int] = []
    from_above: list[tuple[RowAction, RowComponent]] = []
    for comp in state.components:
        comp.team = next(iter(reader.keys(comp.team_cell, comp.row if comp.row is not None else 0)), None) if comp.team_cell else None
        for item in comp.items:
            item.teams = list(dict.fromkeys(k for cell in item.team_cells for k in reader.keys(cell, item.row)))
            above: list[str] = []
            for action in item.actions:
                own = list(dict.fromkeys(k for cell in action.team_cells for k in reader.keys(cell, action.row)))
                if not action.team_cells and above and action.same_as_above:  # under the same indicator: a merge lost in a CSV
                    own = list(above)
                    from_above.append((action, comp))
                action.teams = own or list(item.teams)
                above = action.teams
        if comp.team is None:
            comp.team = next((a.teams[0] for a in comp.actions if a.teams), None) or default_key
            if comp.team is not None and comp.team == default_key:
                defaulted += [a.row for a in comp.actions if not a.teams]
        if comp.team is None and comp.actions:
            _no_team(state, comp)
        for action in comp.actions:
            if action.teams == [comp.team]:
                action.teams = []
    _tell_teams(state, reader, default_team, defaulted)
    told = [a.row for a, comp in from_above if a.teams and a.teams != [comp.team]]  # only where it differs from the component's
    if told:
        state.findings.infer(ngettext("{column} is empty in {n} row: the team of the action just above, under the same indicator",
                                      "{column} is empty in {n} rows: the team of the action just above, under the same indicator", len(told)).format(
            column=state.header("team", "PENANGGUNG JAWAB"), n=len(told)), told)  # fmt: skip


def _no_team(state: Walk, comp: RowComponent) -> None:
    rows = ", ".join(str(state.grid.origins[a.row][1]) for a in comp.actions[:8])
    r = comp.row if comp.row is not None else comp.actions[0].row
    state.problems.append(state.grid.problem(r, state.cols.roles.get("team"), _("no team ({column}) for component '{title}' (rows {rows}); name one with --team NAME").format(
        column=state.header("team", "PENANGGUNG JAWAB"), title=comp.title, rows=rows)))  # fmt: skip


def _tell_teams(state: Walk, reader: _Reader, default_team: str | None, defaulted: list[int]) -> None:
    teams, findings = state.teams, state.findings
    for text, rows in reader.no_team.items():
        findings.infer(_("'{text}' names no team: those actions keep the team of their item or component").format(text=short(text)), rows)
    for cell, rows in reader.split.items():
        names = dict.fromkeys(teams.name(teams.aliases.get(team_key(part), team_key(part))) for part in teams.split(cell) if not names_no_team(part, reader.header))
        findings.infer(_("'{cell}' names several teams: {teams}").format(cell=short(cell, 60), teams="; ".join(names)), rows)  # short() puts it on one line
    for key, counts in teams.spellings.items():
        if len(counts) < 2:
            continue
        name = teams.name(key)
        for typo in teams.typos(key):
            findings.infer(_("team '{name}' read as '{first}' (near-identical spelling)").format(name=typo, first=name), reader.rows[typo])
        others = [s for s in counts if s != name and s not in teams.typos(key)]
        if others:
            rows = [r for s in others for r in reader.rows[s]]
            findings.infer(ngettext("{n} spelling folded into '{name}': {spellings}", "{n} spellings folded into '{name}': {spellings}", len(others)).format(
                n=len(others), name=name, spellings=", ".join(f"'{s}'" for s in others)), rows)  # fmt: skip
    if defaulted and default_team:
        findings.infer(_("--team '{team}' given to the actions whose table names no team").format(team=default_team), defaulted)


def to_components(state: Walk) -> tuple[list[ComponentOut], list[tuple[str, str]]]:
    """The components to write and the teams (id, name); raises InvalidFile with every problem."""
    problems: list[Problem] = list(state.problems)
    for comp in state.components:
        if not comp.actions:
            r = comp.row if comp.row is not None else state.cols.header
            code = _(" (code {code})").format(code=comp.code) if comp.code else ""
            problems.append(state.grid.problem(r, state.cols.roles.get("number"), _("component '{title}'{code} has no actions under it").format(title=comp.title, code=code)))
    if not state.components and not problems:
        problems.append(state.grid.problem(min(state.cols.last_header + 1, len(state.grid.rows) - 1), 0, _("no actions under the header")))
    if problems:
        problems.sort(key=lambda p: (p.path, p.line or 0, p.column or 0))
        raise InvalidFile(problems)
    ids = state.teams.ids()
    out = []
    for n, comp in enumerate(state.components, 1):
        out.append(_component(state, comp, roman(n), ids))
    used = {c.team for c in out} | {i.team for c in out for i in c.items if i.team} | {t for c in out for i in c.items for a in i.actions for t in [*a.teams, a.team] if t}
    teams = [(ids[key], state.teams.name(key)) for key in state.teams.spellings if ids[key] in used]
    return out, teams


def _item_team(item: RowItem) -> str | None:
    """The team every action of the item names when it is not its component's: the item's own (as `zi export` writes it)."""
    singles = {a.teams[0] for a in item.actions if len(a.teams) == 1}
    if len(singles) == 1 and all(a.teams for a in item.actions):
        return singles.pop()
    return None


def _component(state: Walk, comp: RowComponent, cid: str, ids: dict[str, str]) -> ComponentOut:
    label = state.grid.origins[comp.row] if comp.row is not None else None
    notes = [_("from {sheet}, row {n}").format(sheet=label[0], n=label[1])] if label else [_("the table has no component level: one component")]
    if comp.code:
        notes.append(_("source code {code}").format(code=comp.code))
    component = ComponentOut(cid, comp.title, ids[comp.team or ""], notes=notes + comp.notes)
    for item in comp.items:
        if not item.actions:  # a heading with nothing under it: kept as a note, never lost silently
            component.notes.append(_("heading without actions: {title} ({row})").format(title=item.title, row=item.notes[0] if item.notes else ""))
            continue
        notes = list(item.notes) + ([_("source code {code}").format(code=item.code)] if item.code else [])
        own = _item_team(item)
        out = ItemOut(item.title, notes=notes, team=ids[own] if own else None)
        for action in item.actions:
            teams = [ids[k] for k in action.teams if [k] != [own] or len(action.teams) > 1]
            # The row is an ActionOut already: only its team keys become ids.
            out.actions.append(replace(action, months=sorted(set(action.months)), team=teams[0] if len(teams) == 1 else None, teams=teams if len(teams) > 1 else []))
        component.items.append(out)
    return component
