"""An evaluator's answers read from a file (`zi lke review import`): the sheet zi wrote with the
TPI's columns filled, a CSV, or PortalRB's JSON.

Each file gives, per question, the TPI's answer, note and verdict (any may
be empty). A row with none of them is left out: the evaluator did not look
at it. The verdict, when not written, is read from the row
(zi_plan.lke.rounds.verdict). Every problem is reported with its place, and
nothing is recorded while there is one.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.formats.lke_workbook import CODE, SHEET, STATUS, TPI
from zi_plan.i18n import _
from zi_plan.lke.answers import _read_text, _separator, parse_value
from zi_plan.lke.rounds import ReviewEntry, parse_verdict, verdict
from zi_plan.lke.worksheet import AnswerValue, Question, Worksheet


@dataclass(frozen=True)
class Row:
    """One question's cells as found in the file, with where they are (line or cell)."""

    where: tuple[int, int]  # line (or row) and column, for messages
    code: str
    value: str
    note: str
    status: str


@dataclass(frozen=True)
class ReviewFile:
    entries: list[ReviewEntry]
    round: Optional[int]  # the round the file was written for, when it says


def read_review_file(path: Path, sheet: Worksheet, unit: dict[str, AnswerValue]) -> ReviewFile:
    """The reviews in ``path`` (.xlsx, .csv or .json), checked against the worksheet and the unit's answers."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows, round_no = _xlsx_rows(path, sheet)
    elif suffix == ".json":
        rows, round_no = _json_rows(path, sheet), None
    elif suffix in (".csv", ".txt"):
        rows, round_no = _csv_rows(path), None
    else:
        raise ZiError(_("{path}: an evaluator's file is .xlsx (the sheet zi wrote), .csv or .json (PortalRB's shape)").format(path=path), exit_code=2)
    return ReviewFile(_entries(path, rows, sheet, unit), round_no)


def _entries(path: Path, rows: list[Row], sheet: Worksheet, unit: dict[str, AnswerValue]) -> list[ReviewEntry]:
    problems: list[Problem] = []
    out: list[ReviewEntry] = []
    seen: dict[str, int] = {}
    for row in rows:
        if not (row.value.strip() or row.note.strip() or row.status.strip()):
            continue
        line, col = row.where
        try:
            q = sheet.question(row.code)
            value = _value(q, row.value)
            given = parse_verdict(row.status)
        except ZiError as exc:
            problems.append(Problem(str(path), line, col, exc.message))
            continue
        except ValueError as exc:
            problems.append(Problem(str(path), line, col, _("'{word}' is not a verdict: write accepted (diterima) or revisi").format(word=exc.args[0])))
            continue
        if q.code in seen:
            problems.append(Problem(str(path), line, 1, _("{code} is reviewed twice in this file, at {first} and {line}: keep one").format(code=q.code, first=seen[q.code], line=line)))
            continue
        seen[q.code] = line
        note = row.note.strip() or None
        status = verdict(value, note, given, unit.get(q.code))
        if value is None and status == "accepted" and not q.computed:
            value = unit.get(q.code)  # accepted as the unit answered
        out.append(ReviewEntry(q, value, status, note))
    if problems:
        raise InvalidFile(problems)
    if not out:
        raise ZiError(_("{path} has no evaluator's answer, note or verdict: fill the TPI columns").format(path=path), exit_code=2)
    return out


def _value(q: Question, text: str) -> Optional[AnswerValue]:
    if not text.strip():
        return None  # no answer of the evaluator's own (a percentage's formula cell is read as empty)
    return parse_value(q, text)


# ---------------------------------------------------------------- the three shapes


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _xlsx_rows(path: Path, sheet: Worksheet) -> tuple[list[Row], Optional[int]]:
    from openpyxl import load_workbook  # openpyxl: only when a workbook is read

    try:
        book = load_workbook(path)  # formulas as written: a percentage row's answer is zi's formula, not the evaluator's
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ZiError(_("cannot read {path}: {reason}").format(path=path, reason=exc), exit_code=2) from None
    if SHEET not in book.sheetnames or book[SHEET][f"{CODE}1"].value not in ("Code", "Kode"):
        raise ZiError(_("{path} is not an answer sheet written by zi (no sheet '{sheet}' with codes in column A): write one with zi lke sheet").format(path=path, sheet=SHEET), exit_code=2)
    ws = book[SHEET]
    columns = {c: ord(c) - ord("A") for c in (CODE, TPI.answer, TPI.note, STATUS)}
    rows = []
    for number, cells in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        code = cells[columns[CODE]]
        if not isinstance(code, str) or not code.strip() or code in sheet.sub_areas:
            continue  # a hierarchy row (its sub-area's code) or an empty one
        value = cells[columns[TPI.answer]]
        if isinstance(value, str) and value.startswith("="):
            value = None  # zi's formula (a percentage or a sum), not an answer
        rows.append(Row((number, columns[TPI.answer] + 1), code, _cell_text(value), _cell_text(cells[columns[TPI.note]]), _cell_text(cells[columns[STATUS]])))
    return rows, _round_of(book)


def _round_of(book: Any) -> Optional[int]:
    """The round written in the summary sheet ('Round' / 'Putaran'), if any."""
    for ws in book.worksheets[1:2]:
        for label, value, *_rest in ws.iter_rows(min_row=1, max_row=6, values_only=True):
            if label in ("Round", "Putaran") and isinstance(value, int):
                return value
    return None


def _csv_rows(path: Path) -> list[Row]:
    """``code,answer,note,verdict`` per line (``;`` also works; a header line is skipped); empty cells allowed."""
    lines = _read_text(path).splitlines()
    delimiter = _separator(lines)
    rows = []
    for line_no, line in enumerate(lines, 1):
        fields = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        if not fields or not "".join(fields).strip() or (line_no == 1 and fields[0].strip().lower() in ("code", "kode")):
            continue
        if len(fields) > 4:
            raise InvalidFile([Problem(str(path), line_no, 1, _("expected code{sep}answer{sep}note{sep}verdict (all but the code may be empty)").format(sep=delimiter))])
        fields += [""] * (4 - len(fields))
        rows.append(Row((line_no, 1), fields[0].strip(), fields[1], fields[2], fields[3]))
    return rows


def _json_rows(path: Path, sheet: Worksheet) -> list[Row]:
    """PortalRB's jawaban-unit shape: ``answers`` with ``soal_id``, ``jawaban_tpi``, ``catatan_tpi``."""
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise InvalidFile([Problem(str(path), exc.lineno, exc.colno, _("not valid JSON: {reason}").format(reason=exc.msg))]) from None
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, list):
        raise ZiError(_("{path}: expected PortalRB's shape, an object with a list 'answers'").format(path=path), exit_code=2)
    by_soal = {q.soal_id: q.code for q in sheet.questions if q.soal_id is not None}
    rows = []
    for index, item in enumerate(answers, 1):
        soal = item.get("soal_id") if isinstance(item, dict) else None
        if soal not in by_soal:
            raise ZiError(_("{path}: answer {n} has soal_id {soal}, which is not a soal of the LKE {year}").format(path=path, n=index, soal=soal, year=sheet.year), exit_code=2)
        rows.append(Row((index, 1), by_soal[soal], _cell_text(item.get("jawaban_tpi")), _cell_text(item.get("catatan_tpi")), ""))
    return rows
