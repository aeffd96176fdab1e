"""The plan and its progress as CSV, Excel and iCalendar.

CSV and Excel keep the decree's column layout (NO, KOMPONEN, INDIKATOR,
LANGKAH AKSI, BUKTI FISIK, months 1..12, PENANGGUNG JAWAB), with status
columns after it, so that `zi import` can read them back. The column names
are the decree's own, in every interface language.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.formats.decree_sheet import SHEET, details_rows
from zi_plan.fs.files import csv_bytes
from zi_plan.i18n import _, month_name
from zi_plan.inert import inert
from zi_plan.model.journal import Journal, withdrawal_text
from zi_plan.model.plan import ActionView, LoadedPlan, TeamView
from zi_plan.model.status import as_of_month, check_month, mark

DECREE_COLUMNS = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", *map(str, range(1, 13)), "PENANGGUNG JAWAB"]
STATUS_COLUMNS = ["KODE", "SELESAI", "TERLAMBAT", "REALISASI", "LKE", "KODE SUMBER"]  # KODE SUMBER: the source table's code (source_id)


@dataclass(frozen=True)
class Document:
    data: bytes
    name: str  # the default file name
    # A workbook is written straight to its file as it is made (then data is
    # empty): a large plan's would otherwise be held whole in memory.
    write: Callable[[Path], None] | None = None


def export(plan: LoadedPlan, journal: Journal, fmt: str, month: int | None = None, team: str | None = None,
           delimiter: str = ",") -> Document:  # fmt: skip
    """`zi export`: one format's bytes (or, for a workbook, its writer), for one team if asked, and the file name that says so.

    The name carries the team and the month when they were given, so that
    exports for several teams or months never land on the same file.
    """
    wanted = plan.team(team) if team else None
    data = b""
    write: Callable[[Path], None] | None = None  # the workbook's: straight to its file
    if fmt == "ics":
        data = to_ics(plan, journal, team)
    elif fmt == "csv":
        data = to_csv(plan, journal, month or as_of_month(plan.year), wanted, delimiter)
    else:
        write = functools.partial(write_xlsx, plan, journal, check_month(month or as_of_month(plan.year)), wanted)
    stem = _("action-plan-{year}.{ext}").format(year=plan.year, ext=fmt).rsplit(".", 1)[0]
    if wanted is not None:
        stem += f"-{wanted.id}"
    if month is not None and fmt != "ics":
        stem += f"-{month:02d}"
    return Document(data, f"{stem}.{fmt}", write)


def numbered(texts: tuple[str, ...]) -> str:
    """One cell for several steps or pieces of evidence: '1. a\\n2. b'."""
    if len(texts) == 1:
        return texts[0]
    return "\n".join(f"{i}. {t}" for i, t in enumerate(texts, 1))


def decree_rows(plan: LoadedPlan, journal: Journal, as_of: int, team: TeamView | None = None) -> list[list[Any]]:
    """Header, then one row per component and one per action, as in the decree."""
    return list(iter_decree_rows(plan, journal, check_month(as_of), team))


def iter_decree_rows(plan: LoadedPlan, journal: Journal, as_of: int, team: TeamView | None = None) -> Iterator[list[Any]]:
    """decree_rows one by one, as a workbook writes them (``as_of`` checked by the caller)."""
    yield DECREE_COLUMNS + STATUS_COLUMNS
    blank = [""] * (len(DECREE_COLUMNS) + len(STATUS_COLUMNS))
    for component in plan.components:
        if team is not None and all(team not in a.teams for item in component.items for a in item.actions):
            continue
        # The component's team on its row; an action's only where an empty cell would be read back otherwise.
        team_column = len(DECREE_COLUMNS) - 1
        yield [component.id, component.title, *blank[2:team_column], component.team.name, *blank[team_column + 1:]]
        for item in component.items:
            actions = [a for a in item.actions if team is None or team in a.teams]
            for index, action in enumerate(actions):
                first_in_item = index == 0
                # zi import reads an empty team cell as the team of the action above under the same indicator, else the component's.
                same = not first_in_item and actions[index - 1].indicator == action.indicator
                expected = actions[index - 1].teams if same else (component.team,)
                names = "\n".join(t.name for t in action.teams) if action.teams != expected else ""  # one per line: zi import reads each
                marks = {m: mark(journal.occurrence(action.id, m), as_of, plan.year) for m in action.months}
                done = [m for m, v in marks.items() if v in ("done", "done-late")]
                late = [m for m, v in marks.items() if v == "overdue"]
                yield [
                    str(item.number) if first_in_item else "",
                    item.title if first_in_item else "",
                    action.indicator,
                    numbered(action.steps),
                    numbered(action.evidence),
                    *("v" if m in action.months else "" for m in range(1, 13)),
                    names,
                    action.id,
                    ", ".join(map(str, done)),
                    ", ".join(map(str, late)),
                    f"{len(done)}/{len(action.months)}",
                    ", ".join(action.lke),
                    action.source_id or "",
                ]  # fmt: skip


# Excel takes the list separator of the Windows region: ';' wherever the
# decimal mark is a comma, as in Indonesia; ',' in English locales.
EXCEL_DELIMITERS = {"id": ";", "en": ","}
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}


def csv_delimiter(excel: str | None = None, delimiter: str | None = None, fmt: str = "csv") -> str:
    """The separator from ``--excel id|en`` or ``--delimiter``; ',' when neither is given."""
    if fmt != "csv" and (excel is not None or delimiter is not None):
        raise ZiError(_("--excel and --delimiter are for --format csv only"), exit_code=2)
    if excel is not None and delimiter is not None:
        raise ZiError(_("--excel and --delimiter say the same thing: give one of them"), exit_code=2)
    if excel is not None:
        found = EXCEL_DELIMITERS.get(excel.strip().lower())
        if found is None:
            raise ZiError(_("unknown Excel language '{value}': use --excel id (Indonesian Excel, ';') or --excel en (',')").format(value=excel), exit_code=2)
        return found
    if delimiter is not None:
        found = DELIMITERS.get(delimiter.strip() or delimiter)
        if found is None:
            raise ZiError(_("unknown delimiter '{value}': use ',', ';', '|' or tab").format(value=delimiter), exit_code=2)
        return found
    return ","


def to_csv(plan: LoadedPlan, journal: Journal, as_of: int, team: TeamView | None = None, delimiter: str = ",") -> bytes:
    return csv_bytes(decree_rows(plan, journal, as_of, team), delimiter)


def _occurrence_rows(plan: LoadedPlan, journal: Journal, month: int, as_of: int, team: TeamView | None) -> Iterator[list[Any]]:
    """A month's sheet, row by row: one per occurrence in that month."""
    yield ["KODE", "INDIKATOR", "BUKTI FISIK", "PENANGGUNG JAWAB", "STATUS", "TANGGAL", "OLEH", "CATATAN", "BUKTI DUKUNG", "BUKTI DITARIK"]
    statuses = {"open": _("open"), "done": _("done"), "overdue": _("overdue"), "done-late": _("done, late")}
    for action in plan.actions:
        if month not in action.months or (team is not None and team not in action.teams):
            continue
        occ = journal.occurrence(action.id, month)
        done = occ.done
        evidence = [e.url or e.path or "" for _r, e in occ.evidence]
        # Kept for history, marked as no longer counting: how it was withdrawn.
        withdrawn = [f"{w.entry.url or w.entry.path} ({withdrawal_text(w.by)})" for w in occ.withdrawn]
        yield [
            action.id, action.indicator, numbered(action.evidence), action.team.name,
            statuses[mark(occ, as_of, plan.year)],
            done.at.strftime("%Y-%m-%d %H:%M") if done else "", done.by if done else "", (done.note or "") if done else "",
            "\n".join(evidence), "\n".join(withdrawn),
        ]  # fmt: skip


def write_xlsx(plan: LoadedPlan, journal: Journal, as_of: int, team: TeamView | None, path: Path) -> None:
    """A recap sheet in the decree's layout, and a sheet per month, as offices keep them, written to ``path`` row by row."""
    from zi_plan.formats.xlsx_stream import stream_book  # XlsxWriter: only when a workbook is written

    check_month(as_of)
    widths: dict[str, float] = {"A": 5, "B": 28, "C": 40, "D": 40, "E": 40, "R": 28, "S": 9, "T": 10, "U": 11, "V": 10}
    widths |= {chr(ord("A") + index - 1): 4 for index in range(6, 18)}  # the months, F..Q
    with stream_book(path) as book:
        # a component row: its number and title only
        book.sheet("Rekap", iter_decree_rows(plan, journal, as_of, team), widths, lambda row: bool(row[0]) and not (len(row) > 2 and row[2]))
        for name, month in ((month_name(m), m) for m in range(1, 13)):
            book.sheet(name[:31], _occurrence_rows(plan, journal, month, as_of, team),
                       {"A": 9, "B": 45, "C": 40, "D": 28, "E": 14, "F": 17, "G": 18, "H": 30, "I": 45, "J": 45})  # fmt: skip
        book.sheet(SHEET, _decree_details(plan), {"A": 22, "B": 70})


def _decree_details(plan: LoadedPlan) -> list[list[Any]]:
    """The decree's details and the teams' ids, which the table has no place for: `zi import` reads them back."""

    decree = plan.decree
    values = {"institution": plan.institution, "title": plan.title, "year": plan.year, "number": decree.number, "date": decree.date.isoformat(),
              "place": decree.place, "signatory": decree.signatory, "position": decree.position, "lke": plan.lke_year}  # fmt: skip
    return details_rows(values, [(t.id, t.name) for t in plan.teams])


def workbook_bytes(book: Any) -> bytes:
    """The workbook as a file: on every sheet the header row bold and frozen, cells wrapped and top-aligned."""
    from openpyxl.styles import Alignment, Font  # openpyxl: only when a workbook is written

    bold = Font(bold=True)
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = bold
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill_sheet(sheet: Any, rows: list[list[Any]]) -> None:
    """Rows into a sheet, every text kept as text (see below)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl: only when a workbook is written


    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                # A control character (from a pasted note) is not allowed in
                # the file format; openpyxl would refuse the whole workbook.
                value = ILLEGAL_CHARACTERS_RE.sub("\uFFFD", inert(value))
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                # Text, never a formula: the plan's words are data.
                cell.data_type = "s"


def to_ics(plan: LoadedPlan, journal: Journal, team: str | None = None, remind_days: int = 3) -> bytes:
    """One event per occurrence, on its last day of the month, with a reminder ahead."""
    from icalendar import Calendar  # icalendar: only for the calendar export

    wanted = plan.team(team) if team else None
    calendar = Calendar()
    calendar.add("prodid", "-//zi-plan//Rencana Aksi Zona Integritas//ID")
    calendar.add("version", "2.0")
    name = f"{plan.institution} — Rencana Aksi ZI {plan.year}" + (f" — {wanted.name}" if wanted else "")
    calendar.add("x-wr-calname", "".join(ch for ch in name if ch >= " " and not "\x7f" <= ch <= "\x9f"))
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    slug = plan.path.name.rsplit(".", 1)[0]
    for action in plan.actions:
        if wanted is not None and wanted not in action.teams:
            continue
        for m in action.months:
            calendar.add_component(_event(plan, journal, action, m, slug, stamp, remind_days))
    return calendar.to_ical()


def _event(plan: LoadedPlan, journal: Journal, action: ActionView, month: int, slug: str, stamp: dt.datetime,
           remind_days: int) -> Any:  # fmt: skip
    from icalendar import Alarm, Event  # icalendar: only for the calendar export

    last_day = (dt.date(plan.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
    occ = journal.occurrence(action.id, month)
    done = occ.done is not None
    event = Event()
    event.add("uid", f"{slug}-{action.id}-{plan.year}-{month:02d}@zi-plan")
    event.add("dtstamp", stamp)
    event.add("dtstart", last_day)
    event.add("dtend", last_day + dt.timedelta(days=1))

    event.add("summary", inert(("✓ " if done else "") + f"[{action.id}] {action.indicator}"))
    lines = [
        f"{_('Team')}: {action.team.name}",
        f"{_('Month')}: {month_name(month)} {plan.year}",
        f"{_('Steps')}:", *(f"- {s}" for s in action.steps),
        f"{_('Evidence expected')}:", *(f"- {e}" for e in action.evidence),
        _("Done: recorded {at} by {by}.").format(at=f"{occ.done.at:%Y-%m-%d %H:%M}", by=occ.done.by) if occ.done is not None
        else _("Record it with: zi done {id} --month {month} --evidence FILE").format(id=action.id, month=month),
    ]  # fmt: skip
    event.add("description", inert("\n".join(lines)))
    event.add("categories", [inert(action.team.name)])
    event.add("transp", "TRANSPARENT")
    if not done:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", inert(f"[{action.id}] {action.indicator}"))
        alarm.add("trigger", dt.timedelta(days=-remind_days))
        event.add_component(alarm)
    return event
