"""`zi import`: a Rencana Aksi table in whatever layout the office has, as a plan.

readers (xlsx, csv) and documents (docx, pdf) give a ``Grid`` with merged
cells expanded; columns finds the header and each column's role; rows and
schedule read each row; hierarchy builds components, items and actions;
teams settles team names; build turns it all into the writer's plan, which
is written only once it validates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.formats.newplan import decree_defaults
from zi_plan.formats.writer import ComponentOut, PlanOut, plan_yaml
from zi_plan.i18n import _
from zi_plan.importing.build import settle_teams, to_components
from zi_plan.importing.columns import Columns, find_columns, parse_columns_option
from zi_plan.importing.decree import DecreeRead, read_docx_body
from zi_plan.importing.grid import Grid, join
from zi_plan.importing.hierarchy import walk
from zi_plan.importing.readers import read_grids
from zi_plan.lke.worksheet import default_year

if TYPE_CHECKING:
    from zi_plan.importing.decree import DecreeRead

QUARTERS = ("last", "spread")


@dataclass
class ImportOptions:
    sheet: str | None = None
    columns: str | None = None  # --columns "action=KEGIATAN,evidence=LUARAN"
    quarters: str = "last"  # a quarter is its last month, or (spread) its three months
    team: str | None = None  # the team of actions whose table names none
    component: str | None = None  # the component's name when the table has no component level


@dataclass
class Imported:
    """What the import found and built: for --dry-run, and for writing."""

    grid: Grid
    columns: Columns
    components: list[ComponentOut]
    teams: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)
    text: str = ""
    problems: list[Problem] = field(default_factory=list)  # what stops the table from being a plan (then no components)


def read_table(path: Path, options: ImportOptions) -> tuple[Grid, Columns]:
    """The plan's table in the file (tables over several pages joined) and its columns."""
    if options.quarters not in QUARTERS:
        raise ZiError(_("--quarters is 'last' or 'spread', not '{value}'").format(value=options.quarters), exit_code=2)
    wanted = parse_columns_option(options.columns)
    grids, joinable = read_grids(path, options.sheet)
    first_error: InvalidFile | None = None
    for index, grid in enumerate(grids):
        try:
            cols = find_columns(grid, options.quarters, wanted)
        except InvalidFile as exc:
            first_error = first_error or exc
            continue
        if joinable:
            parts = [grid] + [g for g in grids[index + 1:] if g.width == grid.width]
            if len(parts) > 1:
                grid = join(parts, str(path))
        above = [" ".join(dict.fromkeys(t for t in grid.rows[r] if t.strip())) for r in range(cols.header) if any(grid.rows[r])]
        grid.titles = above or grids[index].titles  # title rows in the table, else (Word) the paragraphs above it
        return grid, cols
    assert first_error is not None
    raise first_error


def build_import(path: Path, options: ImportOptions) -> Imported:

    grid, cols = read_table(path, options)
    state = walk(grid, cols, options.quarters, options.component)
    settle_teams(state, options.team)
    try:
        components, teams = to_components(state)
    except InvalidFile as exc:  # the columns found are still worth showing (--dry-run): they are what --columns fixes
        return Imported(grid, cols, [], [], list(state.teams.notes), problems=exc.problems)
    return Imported(grid, cols, components, teams, list(state.teams.notes))


def import_plan(path: Path, institution: str, year: int, options: ImportOptions | None = None, title: str | None = None,
                number: str | None = None, date: dt.date | None = None, keep_problems: bool = False) -> Imported:  # fmt: skip
    """The plan from a table, with its YAML text; raises InvalidFile with every problem in the table.

    With ``keep_problems`` (--dry-run) a table that has problems is returned
    with them and without text, once its header and columns are found.
    """

    imported = build_import(path, options or ImportOptions())
    if imported.problems:
        if keep_problems:
            return imported
        raise InvalidFile(imported.problems)

    found = read_docx_body(path) if path.suffix.lower() == ".docx" else DecreeRead()
    number, date, notes = decree_defaults(year, number or found.number, date or (found.date if found.date and found.date.year == year else None))
    for key in ("place", "signatory", "position"):
        if getattr(found, key) is None:
            notes[key] = _("fill in")
    label = imported.grid.label
    plan = PlanOut(
        institution=institution, title=title or f"Rencana Aksi Pembangunan Zona Integritas {institution} Tahun {year}",
        year=year, decree_number=number, decree_date=date, place=found.place or "...", signatory=found.signatory or "...",
        position=found.position or "...", decree_body=found.body or None, body_template=not found.body,
        teams=imported.teams, components=imported.components,
        header=[
            _("Rencana Aksi Pembangunan Zona Integritas — {institution}, {year}.").format(institution=institution, year=year),
            "",
            _("Imported from {file} by `zi import` on {date}. The comments name the").format(file=label, date=dt.date.today().isoformat()),
            _("row each component, item and action came from, so that this file can be"),
            _("held against the table. Fill in the decree's details below."),
            *_body_notes(found, year),
            *imported.notes,
        ],
        metadata_notes=notes, lke=_lke_year(imported.components),
    )  # fmt: skip
    imported.text = plan_yaml(plan)
    return imported


def _lke_year(components: list[ComponentOut]) -> int | None:
    """The worksheet the codes were read against, named in the plan when any action got LKE codes, so they stay valid."""
    if not any(a.lke for c in components for i in c.items for a in i.actions):
        return None

    return default_year()


def _body_notes(found: DecreeRead, year: int) -> list[str]:
    """The header's word on the decree's body read from the document (zi_plan.importing.decree)."""
    notes = []
    if found.body:
        notes.append(_("The decree's body was read from the document too ({parts}): check it against the signed decree.").format(parts=", ".join(found.body)))
    if found.date is not None and found.date.year != year:
        notes.append(_("The document's decree is dated {date}, not in {year}: its date was left to fill in.").format(date=found.date.isoformat(), year=year))
    return notes
