"""`zi import`: a Rencana Aksi table in whatever layout the office has, as a plan.

readers (xlsx, csv) and documents (docx, pdf) give a ``Grid`` with merged
cells expanded; columns finds the header and each column's role, levels
settles from the cells what the headers cannot tell; rows and schedule read
each row; hierarchy builds components, items and actions (actions: how an
empty cell is read); teams settles team names; build turns it all into the
writer's plan, which is written only once it validates. Every guess is a
finding (findings), every column and row is accounted for (account), and
odd structure is warned about (sanity): the import never guesses silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.formats.writer import PlanOut, plan_yaml
from zi_plan.i18n import _
from zi_plan.importing.account import account_rows, ignored_columns
from zi_plan.importing.build import settle_teams, to_components
from zi_plan.importing.columns import Columns, find_columns, parse_columns_option
from zi_plan.importing.decree import DecreeRead, read_docx_body
from zi_plan.importing.decree_sheet import DecreeSheet, read_decree
from zi_plan.importing.findings import Findings, SkippedRow
from zi_plan.importing.grid import Grid, join
from zi_plan.importing.headers import norm
from zi_plan.importing.hierarchy import walk
from zi_plan.importing.imported import QUARTERS, Imported, ImportOptions, lke_year
from zi_plan.importing.levels import settle_levels
from zi_plan.importing.mapping import load_mapping
from zi_plan.importing.readers import read_grids
from zi_plan.importing.sanity import check_structure
from zi_plan.importing.understood import first_findings, match_questions, plan_out

if TYPE_CHECKING:
    from zi_plan.importing.hierarchy import Walk

def with_mapping(options: ImportOptions) -> ImportOptions:
    """The options with a --mapping file's values under them: the command line wins."""
    if options.mapping is None:
        return options

    mapping = load_mapping(options.mapping)
    given = parse_columns_option(options.columns)
    options.mapped_columns = {role: header for role, header in mapping.columns.items() if role not in given}
    options.sheet = options.sheet or mapping.sheet
    options.quarters = options.quarters or mapping.quarters
    options.team = options.team or mapping.team
    options.component = options.component or mapping.component
    options.teams = mapping.teams
    return options


def read_table(path: Path, options: ImportOptions) -> tuple[Grid, Columns, DecreeSheet | None]:
    """The plan's table in the file (tables over several pages joined), its columns, and a `zi export`'s decree sheet."""

    quarters = options.quarters or "last"
    if quarters not in QUARTERS:
        raise ZiError(_("--quarters is 'last' or 'spread', not '{value}'").format(value=quarters), exit_code=2)
    wanted = {**{role: norm(h) for role, h in options.mapped_columns.items()}, **parse_columns_option(options.columns)}
    grids, joinable = read_grids(path, options.sheet)
    decree = read_decree(grids) if path.suffix.lower() in (".xlsx", ".xlsm") else None
    first_error: InvalidFile | None = None
    for index, grid in enumerate(grids):
        try:
            cols = find_columns(grid, quarters, wanted)
        except InvalidFile as exc:
            first_error = first_error or exc
            continue
        if joinable:
            parts = [grid] + [g for g in grids[index + 1:] if g.width == grid.width]
            if len(parts) > 1:
                grid = join(parts, str(path))
        above = [" ".join(dict.fromkeys(t for t in grid.rows[r] if t.strip())) for r in range(cols.header) if any(grid.rows[r])]
        grid.titles = above or grids[index].titles  # title rows in the table, else (Word) the paragraphs above it
        settle_levels(grid, cols)
        return grid, cols, decree
    assert first_error is not None
    raise first_error


def build_import(path: Path, options: ImportOptions) -> Imported:
    options = with_mapping(options)
    grid, cols, decree = read_table(path, options)
    findings = Findings()
    first_findings(grid, cols, options, findings)
    state = walk(grid, cols, options.quarters or "last", options.component, findings)
    match_questions(state)
    settle_teams(state, options.team, options.teams, decree.team_ids if decree else None)
    account_rows(state)
    findings.ignored = ignored_columns(grid, cols, {r for r, (what, _obj) in state.used.items() if what in ("action", "continued")})
    findings.skipped = _skipped(state)
    check_structure(state.components, findings)
    imported = Imported(grid, cols, [], [], findings, state=state, decree=decree, options=options)
    try:
        imported.components, imported.teams = to_components(state)
    except InvalidFile as exc:  # the columns found are still worth showing (--dry-run): they are what --columns fixes
        imported.problems = exc.problems
    return imported


def _skipped(state: Walk) -> list[SkippedRow]:
    texts = {r: " | ".join(dict.fromkeys(t.strip() for t in state.grid.rows[r] if t.strip())) for r in state.skipped}
    return [SkippedRow(r, texts[r], reason) for r, reason in sorted(state.skipped.items())]


def import_plan(path: Path, institution: str | None, year: int | None, options: ImportOptions | None = None, title: str | None = None,
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
    found = read_docx_body(path) if path.suffix.lower() == ".docx" else DecreeRead()  # a Word decree's body, when the document has one
    plan: PlanOut = plan_out(imported, institution, year, title, number, date, found)
    imported.text = plan_yaml(plan)
    return imported


__all__ = ["QUARTERS", "ImportOptions", "Imported", "build_import", "import_plan", "lke_year", "read_table", "with_mapping"]
