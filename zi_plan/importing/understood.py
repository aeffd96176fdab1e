"""What the import understood, turned into findings, the plan to write, and the mapping to keep.

The plan's header comment lists every finding, so that the file itself says
how the table was read; the decree's details come from the command line,
else from a `zi export` decree sheet, else they are placeholders to fill in.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from zi_plan.errors import ZiError
from zi_plan.formats.newplan import decree_defaults
from zi_plan.formats.writer import PlanOut
from zi_plan.i18n import _, ngettext
from zi_plan.importing.columns import Columns
from zi_plan.importing.decree import DecreeRead
from zi_plan.importing.decree_sheet import DecreeSheet
from zi_plan.importing.findings import Finding, Findings, rows_text
from zi_plan.importing.grid import Grid
from zi_plan.importing.imported import lke_year
from zi_plan.importing.mapping import Mapping
from zi_plan.importing.questions import match_question

if TYPE_CHECKING:
    from zi_plan.importing.hierarchy import Walk
    from zi_plan.importing.imported import Imported, ImportOptions


def first_findings(grid: Grid, cols: Columns, options: ImportOptions, findings: Findings) -> None:
    """How the header and the schedule were read, before any row."""
    if cols.header > 0 or cols.last_header > cols.header:
        findings.infer(_("the header is on row {row}{more}").format(row=grid.origins[cols.header][1], more=_(" and {row}").format(
            row=grid.origins[cols.last_header][1]) if cols.last_header > cols.header else ""))  # fmt: skip
    if options.mapping is not None and options.mapped_columns:
        findings.infer(_("columns named by the mapping {file}: {columns}").format(
            file=options.mapping, columns=", ".join(f"{role}={header}" for role, header in options.mapped_columns.items())), [cols.header])  # fmt: skip
    findings.inferences += cols.findings
    spread = (options.quarters or "last") == "spread"
    if cols.schedule_kind in ("quarters", "semesters"):
        findings.infer(_("{kind} columns: each marks all its months (--quarters spread)").format(kind=_("quarter") if cols.schedule_kind == "quarters" else _("semester")) if spread
                       else _("{kind} columns: each marks its last month, when its report is due (TW II -> Jun); --quarters spread marks all its months").format(
                           kind=_("quarter") if cols.schedule_kind == "quarters" else _("semester")), [cols.header])  # fmt: skip
    elif not cols.schedule_kind:
        findings.infer(_("no schedule in the table: every action is left not scheduled yet"), [cols.header])


def match_questions(state: Walk) -> None:
    """LKE question texts to their codes; the ones matching no question are told."""

    matched, unmatched = [], []
    for comp in state.components:
        for action in comp.actions:
            if not action.question:
                continue
            code = match_question(action.question)
            if code is None:
                unmatched.append(action.row)
            else:
                matched.append(action.row)
                if action.lke and code not in action.lke:
                    state.findings.warn(_("the question text is LKE {code}, but the row's codes say {codes}: both kept; check which it serves").format(
                        code=code, codes=", ".join(action.lke)), [action.row])  # fmt: skip
                action.lke = list(dict.fromkeys([*action.lke, code]))
    if matched:
        state.findings.infer(ngettext("{n} LKE question text matched to its code", "{n} LKE question texts matched to their codes", len(matched)).format(n=len(matched)), matched)
    if unmatched:
        state.findings.infer(ngettext("{n} LKE question text matches no question of the worksheet: no LKE code given",
                                      "{n} LKE question texts match no question of the worksheet: no LKE code given", len(unmatched)).format(n=len(unmatched)), unmatched)


def finding_lines(grid: Grid, found: list[Finding]) -> list[str]:
    """One line each: the message, then its rows as the table numbers them."""
    lines = []
    for f in found:
        rows = rows_text([grid.origins[r][1] for r in f.rows if r < len(grid.origins)])
        message = " ".join(f.message.split())  # one line each: they become comments in the plan
        lines.append(f"{message} ({rows})" if rows else message)
    return lines


def plan_out(imported: Imported, institution: str | None, year: int | None, title: str | None, number: str | None, date: dt.date | None,
             body: DecreeRead) -> PlanOut:
    """The plan to write: the command line first, then a `zi export` workbook's Keputusan sheet (of the same year), then a Word decree's body."""

    sheet = imported.decree or DecreeSheet()
    institution = institution or sheet.institution
    if not institution:
        raise ZiError(_("--institution is needed: the table does not name the office"), exit_code=2)
    year = year or sheet.year
    if not year:
        raise ZiError(_("--year is needed: the table does not name the plan's year"), exit_code=2)
    same_year = sheet.year == year
    body_date = body.date if body.date and body.date.year == year else None
    number, date, notes = decree_defaults(year, number or (sheet.number if same_year else None) or body.number, date or (sheet.date if same_year else None) or body_date)
    details = {key: (getattr(sheet, key) if same_year else None) or getattr(body, key) for key in ("place", "signatory", "position")}
    for key in ("place", "signatory", "position"):
        if not details.get(key):
            notes[key] = _("fill in")
    label = imported.grid.label
    found = imported.findings
    header = [
        _("Rencana Aksi Pembangunan Zona Integritas — {institution}, {year}.").format(institution=institution, year=year),
        "",
        _("Imported from {file} by `zi import` on {date}. The comments name the").format(file=label, date=dt.date.today().isoformat()),
        _("row each component, item and action came from, so that this file can be"),
        _("held against the table. Fill in the decree's details below."),
        *_body_notes(body, year),
    ]
    if found.inferences or found.warnings:
        header += ["", _("How the table was read:"), *(f"- {line}" for line in finding_lines(imported.grid, found.inferences))]
    if found.warnings:
        header += [_("Worth a look") + ":", *(f"- {line}" for line in finding_lines(imported.grid, found.warnings))]
    return PlanOut(
        institution=institution, title=title or (sheet.title if same_year else None) or f"Rencana Aksi Pembangunan Zona Integritas {institution} Tahun {year}",
        year=year, decree_number=number, decree_date=date, place=details.get("place") or "...", signatory=details.get("signatory") or "...",
        position=details.get("position") or "...", decree_body=body.body or None, body_template=not body.body, teams=imported.teams, components=imported.components, header=header,
        metadata_notes=notes, lke=(sheet.lke if sheet.lke and same_year else None) or lke_year(imported.components),
    )  # fmt: skip


def mapping_of(imported: Imported) -> Mapping:
    """The reading of this table, to read the next one the same way (--save-mapping)."""

    cols, options = imported.columns, imported.options
    columns = {role: " ".join(cols.headers.get(c, "").split()) for role, c in sorted(cols.roles.items(), key=lambda rc: rc[1])}
    teams = {}
    state = imported.state
    if state is not None:
        for key, counts in state.teams.spellings.items():
            name = state.teams.name(key)
            teams[name] = [s for s in counts if s != name]
    return Mapping({r: h for r, h in columns.items() if h}, options.sheet, options.quarters or "last", options.team, options.component, teams)


def _body_notes(found: DecreeRead, year: int) -> list[str]:
    """The header's word on the decree's body read from the document (zi_plan.importing.decree)."""
    notes = []
    if found.body:
        notes.append(_("The decree's body was read from the document too ({parts}): check it against the signed decree.").format(parts=", ".join(found.body)))
    if found.date is not None and found.date.year != year:
        notes.append(_("The document's decree is dated {date}, not in {year}: its date was left to fill in.").format(date=found.date.isoformat(), year=year))
    return notes
