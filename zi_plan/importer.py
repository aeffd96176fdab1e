"""Reading a Rencana Aksi table (Excel or CSV) in the decree's layout into a plan.

The rules are those of TRANSCRIPTION.md: a Roman numeral opens a component,
a number in NO opens an item, every row with a month marked is one action,
a row with text but no mark continues the action above, an empty INDIKATOR
or LANGKAH AKSI takes the one above, the PENANGGUNG JAWAB is stated once per
component, and numbered steps or evidence in one cell ("1. ... 2. ...",
"1) ... 2) ...", or one per line) are separate. Header rows repeated on
every page are skipped. Whatever cannot be placed is reported with its
sheet, row and column, and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.fsguard import read_regular, reason
from zi_plan.i18n import _
from zi_plan.writer import ActionOut, ComponentOut, ItemOut, PlanOut, plan_yaml

MARKS = {"v", "x", "✓", "✔", "√", "1"}
_ROMAN_ROW = re.compile(r"^(XI{0,2}|IX|VI{0,3}|IV|I{1,3})(?:[.)]?\s+(.*)|[.)]?)$")
_ITEM_NO = re.compile(r"^(\d+)[.)]?$")
HEADERS = {
    "NO": "no",
    "KOMPONEN": "component",
    "INDIKATOR": "indicator",
    "LANGKAH AKSI": "steps",
    "BUKTI FISIK": "evidence",
    "BUKTI DUKUNG": "evidence",
    "BUKTI FISIK/ BUKTI DUKUNG": "evidence",
    "PENANGGUNG JAWAB": "team",
}


@dataclass
class Sheet:
    label: str  # "file.csv" or "file.xlsx[Rekap]", used in messages
    rows: list[list[str]]


# ---------------------------------------------------------------- reading files


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    try:
        raw = read_regular(path)  # a FIFO or a device is refused, not waited on
    except FileNotFoundError:
        raise ZiError(_("file not found: {path}").format(path=path)) from None
    except OSError as exc:
        raise ZiError(_("cannot read {path}: {reason}").format(path=path, reason=reason(exc))) from None
    if not raw.strip():
        raise InvalidFile([Problem(str(path), None, None, _("the file is empty"))])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, raw, sheet)
    if suffix in (".csv", ".tsv", ".txt"):
        return _read_csv(path, raw)
    raise ZiError(_("{path}: not a table zi can read; save it as .xlsx or .csv").format(path=path))


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").strip()


def _read_xlsx(path: Path, raw: bytes, sheet: str | None) -> Sheet:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InvalidFile([Problem(str(path), None, None, _("not an Excel workbook (.xlsx); open it in Excel and save it as .xlsx or .csv"))]) from None
    try:
        names = book.sheetnames
        name = sheet or names[0]
        if name not in names:
            raise ZiError(_("{path} has no sheet '{sheet}'; its sheets: {sheets}").format(path=path, sheet=name, sheets=", ".join(names)))
        rows = [[_cell_text(v) for v in row] for row in book[name].iter_rows(values_only=True)]
    finally:
        book.close()
    return Sheet(f"{path}[{name}]", rows)


def _read_csv(path: Path, raw: bytes) -> Sheet:
    if b"\x00" in raw:
        raise InvalidFile([Problem(str(path), None, None, _("not a text table (it has binary bytes); save it as .csv or .xlsx"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [[_unneutralise(_cell_text(c)) for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    return Sheet(str(path), rows)


def _unneutralise(text: str) -> str:
    # `zi export --format csv` writes '=... for a cell that starts with a
    # formula sign; read it back as it was.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text


# ---------------------------------------------------------------- placing rows


@dataclass
class _Columns:
    header_row: int
    named: dict[str, int]
    months: dict[int, int]  # column index -> month
    extra: set[int]  # other named columns (e.g. zi export's status columns): not read


@dataclass
class _State:
    components: list[ComponentOut] = field(default_factory=list)
    team_names: dict[str, str] = field(default_factory=dict)  # name -> id
    component_rows: dict[str, int] = field(default_factory=dict)
    item: ItemOut | None = None
    action: ActionOut | None = None
    previous: ActionOut | None = None


def split_numbered(text: str, start: int = 1) -> list[str]:
    """'1. a 2. b' -> ['a', 'b']; one entry per line; numbering may continue from ``start``."""
    out: list[str] = []
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        n = start + len(out)
        first = re.match(rf"^{n}\s*[.)]\s+", line) or (re.match(r"^1\s*[.)]\s+", line) if n != 1 else None)
        if not first:
            out.append(line)
            continue
        k = int(re.match(r"\d+", line).group()) + 1  # type: ignore[union-attr]
        rest = line[first.end():]
        while True:
            nxt = re.search(rf"\s{k}\s*[.)]\s+", rest)
            if not nxt:
                out.append(rest.strip())
                break
            out.append(rest[: nxt.start()].strip())
            rest = rest[nxt.end():]
            k += 1
    return [o for o in out if o]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().upper())


def _find_columns(sheet: Sheet) -> _Columns:
    for r, row in enumerate(sheet.rows):
        cells = [_norm(c) for c in row]
        if "NO" in cells and "KOMPONEN" in cells:
            named = {}
            for c, cell in enumerate(cells):
                if cell in HEADERS and HEADERS[cell] not in named:
                    named[HEADERS[cell]] = c
            missing = [h for h in ("no", "component", "indicator", "steps", "evidence", "team") if h not in named]
            if missing:
                names = {v: k for k, v in HEADERS.items()}
                raise InvalidFile([Problem(sheet.label, r + 1, 1, _("the header row lacks the column(s) {names}").format(
                    names=", ".join(names[m] for m in missing)))])  # fmt: skip
            months = _month_columns(sheet, r, named)
            extra = {c for c, cell in enumerate(cells) if cell and c not in named.values() and c not in months and c > named["team"]}
            return _Columns(r, named, months, extra)
    raise InvalidFile([Problem(sheet.label, 1, 1, _("no header row with NO, KOMPONEN, INDIKATOR, LANGKAH AKSI, BUKTI FISIK, months 1..12 and PENANGGUNG JAWAB"))])


def _month_columns(sheet: Sheet, header: int, named: dict[str, int]) -> dict[int, int]:
    """Months are numbered 1..12 in the header row itself, or in the row below it."""
    lo, hi = named["evidence"] + 1, named["team"]
    for r in (header, header + 1):
        if r >= len(sheet.rows):
            break
        row = sheet.rows[r]
        numbered = {c: row[c] for c in range(lo, min(hi, len(row))) if row[c].isdigit()}
        if numbered:
            months = {}
            for c, value in numbered.items():
                if not 1 <= int(value) <= 12:
                    raise InvalidFile([Problem(sheet.label, r + 1, c + 1, _("column header {value} is not a month: months are 1 to 12").format(value=value))])
                months[c] = int(value)
            if sorted(months.values()) != list(range(1, 13)):
                raise InvalidFile([Problem(sheet.label, r + 1, lo + 1, _("the month columns must be numbered 1 to 12, once each"))])
            return months
    raise InvalidFile([Problem(sheet.label, header + 1, lo + 1, _("no month columns numbered 1 to 12 between BUKTI FISIK and PENANGGUNG JAWAB"))])


def _is_header_repeat(row: list[str], cols: _Columns) -> bool:
    cells = [_norm(c) for c in row]
    if "NO" in cells and "KOMPONEN" in cells:
        return True
    filled = [c for c in cells if c]
    if filled and all(c.isdigit() for c in filled):
        numbers = [int(c) for c in filled]
        # the months row (1..12 under the month columns) or the column-number row (1..n)
        return numbers == list(range(1, 13)) or numbers == list(range(1, len(numbers) + 1))
    return False


def _cell(row: list[str], c: int | None) -> str:
    return row[c].strip() if c is not None and c < len(row) else ""


def _slug(name: str) -> str:
    base = re.sub(r"^tim\s+", "", name.strip(), flags=re.IGNORECASE).lower()
    return re.sub(r"[^a-z0-9]+", "-", base).strip("-") or "tim"


def read_plan_rows(sheet: Sheet) -> tuple[list[ComponentOut], list[tuple[str, str]]]:
    """The components (with items and actions) and teams of a sheet; every problem at once."""
    cols = _find_columns(sheet)
    named = cols.named
    state = _State()
    problems: list[Problem] = []

    def problem(r: int, c: int, message: str) -> None:
        problems.append(Problem(sheet.label, r + 1, c + 1, message))

    def team_id(name: str) -> str:
        if name not in state.team_names:
            slug, n = _slug(name), 2
            taken = set(state.team_names.values())
            candidate = slug
            while candidate in taken:
                candidate, n = f"{slug}-{n}", n + 1
            state.team_names[name] = candidate
        return state.team_names[name]

    for r in range(cols.header_row + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if not any(c.strip() for c in row) or _is_header_repeat(row, cols):
            continue
        first = _cell(row, named["no"])
        roman = _ROMAN_ROW.match(first) if first and not first[0].isdigit() else None
        team_cell = _cell(row, named["team"])
        if roman:
            title = (roman.group(2) or _cell(row, named["component"])).strip()
            if not title:
                problem(r, named["component"], _("component {id} has no title").format(id=roman.group(1)))
            component = ComponentOut(roman.group(1), title, team_id(team_cell) if team_cell else "")
            state.components.append(component)
            state.component_rows[component.id] = r
            state.item = state.action = state.previous = None
            continue
        if not state.components:
            problem(r, 0, _("a row before any component: the table must start with a component row (I, II, ...)"))
            continue
        component = state.components[-1]
        months: list[int] = []
        for c, cell in enumerate(row):
            value = cell.strip()
            if not value or c in cols.extra or c in (named["no"], named["component"], named["indicator"], named["steps"], named["evidence"], named["team"]):
                continue
            if c in cols.months:
                if value.lower() in MARKS:
                    months.append(cols.months[c])
                else:
                    problem(r, c, _("unknown mark '{mark}' in month {month}: mark a month with v, x, ✓ or 1").format(mark=value, month=cols.months[c]))
            elif value.lower() in MARKS:
                problem(r, c, _("a month marked outside the month columns 1..12"))
        item_no = _ITEM_NO.match(first) if first else None
        if item_no:
            title = _cell(row, named["component"])
            if not title:
                problem(r, named["component"], _("item {no} has no title in KOMPONEN").format(no=first))
            state.item = ItemOut(title, notes=[_("row {n}").format(n=r + 1)])
            component.items.append(state.item)
            state.action = None
            if not months:
                problem(r, min(cols.months), _("item {no} has no month marked on its first row").format(no=first))
                continue
        elif first:
            problem(r, named["no"], _("'{value}' in NO is neither a component (I, II, ...) nor an item number").format(value=first))
            continue
        indicator, steps, evidence = _cell(row, named["indicator"]), _cell(row, named["steps"]), _cell(row, named["evidence"])
        if team_cell and not component.team:
            component.team = team_id(team_cell)
        if not months:
            if state.action is None:
                if indicator or steps or evidence:
                    problem(r, named["indicator"], _("text with no month marked and no action above it to continue"))
                continue
            # A continuation: the cell text ran over a page break.
            action = state.action
            if indicator:
                action.indicator = f"{action.indicator} {indicator}".strip()
            action.steps += split_numbered(steps, len(action.steps) + 1)
            action.evidence += split_numbered(evidence, len(action.evidence) + 1)
            action.notes.append(_("continued on row {n}").format(n=r + 1))
            continue
        if state.item is None:
            problem(r, named["no"], _("an action before any item: give the first row of each item its number in NO"))
            continue
        notes = [_("row {n}").format(n=r + 1)]
        previous = state.previous
        if not indicator:
            if previous is None:
                problem(r, named["indicator"], _("empty INDIKATOR and no action above it to take it from"))
                continue
            indicator = previous.indicator
            notes.append(_("INDIKATOR from the row above"))
        step_list = split_numbered(steps)
        if not step_list:
            if previous is None:
                problem(r, named["steps"], _("empty LANGKAH AKSI and no action above it to take it from"))
                continue
            step_list = list(previous.steps)
            notes.append(_("LANGKAH AKSI from the row above"))
        evidence_list = split_numbered(evidence)
        if not evidence_list:
            problem(r, named["evidence"], _("empty BUKTI FISIK: every action needs the evidence to collect"))
            continue
        team = team_id(team_cell) if team_cell and team_id(team_cell) != component.team else None
        state.action = ActionOut(indicator, step_list, evidence_list, sorted(set(months)), team, notes)
        state.item.actions.append(state.action)
        state.previous = state.action
    for component in state.components:
        if not component.team:
            problem(state.component_rows[component.id], named["team"], _("component {id} has no PENANGGUNG JAWAB on any of its rows").format(id=component.id))
        if not component.items:
            problem(state.component_rows[component.id], 0, _("component {id} has no items").format(id=component.id))
    if not state.components and not problems:
        problems.append(Problem(sheet.label, cols.header_row + 2, 1, _("no component rows (I, II, ...) under the header")))
    if problems:
        raise InvalidFile(problems)
    teams = [(tid, name) for name, tid in state.team_names.items()]
    for component in state.components:
        component.notes = [_("from {sheet}, row {n}").format(sheet=sheet.label, n=state.component_rows[component.id] + 1)]
    return state.components, teams


def import_plan(path: Path, institution: str, year: int, sheet: str | None = None, title: str | None = None,
                number: str | None = None, date: dt.date | None = None) -> str:  # fmt: skip
    """The plan's YAML text from a table; raises InvalidFile with every problem."""
    from zi_plan.newplan import decree_defaults

    table = read_sheet(path, sheet)
    components, teams = read_plan_rows(table)
    number, date, notes = decree_defaults(year, number, date)
    for key in ("place", "signatory", "position"):
        notes[key] = _("fill in")
    plan = PlanOut(
        institution=institution, title=title or f"Rencana Aksi Pembangunan Zona Integritas {institution} Tahun {year}",
        year=year, decree_number=number, decree_date=date, place="...", signatory="...", position="...",
        teams=teams, components=components,
        header=[
            _("Rencana Aksi Pembangunan Zona Integritas — {institution}, {year}.").format(institution=institution, year=year),
            "",
            _("Imported from {file} by `zi import` on {date}. The comments name the").format(file=table.label, date=dt.date.today().isoformat()),
            _("row each component, item and action came from, so that this file can be"),
            _("held against the table. Fill in the decree's details below."),
        ],
        metadata_notes=notes,
    )  # fmt: skip
    return plan_yaml(plan)
