"""The office's own answers to the worksheet, kept in the progress journal.

An answer is a journal record like ``done`` (append-only, with who, when, a
note and evidence stored and hashed in the same store), of event ``answer``
with the question's code (``lke``) and the ``value``: an option key (Ya,
Tidak, A..E), a count for a count input, or a survey index 0-4. A later answer
to the same question supersedes the earlier one; the history stays.
Percentage questions are never typed: they are computed from their inputs.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.fs.fsguard import read_regular, reason
from zi_plan.i18n import _
from zi_plan.lke.coverage import worksheet_for
from zi_plan.lke.worksheet import AnswerValue, Question, Worksheet, suggest_codes
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan


@dataclass(frozen=True)
class Answer:
    code: str
    value: AnswerValue
    at: dt.datetime
    by: str
    note: Optional[str] = None
    evidence: tuple[EvidenceEntry, ...] = ()
    routine: bool = False  # answered from routine work outside the plan (format 3)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        at = data["at"]
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
        return cls(data["lke"], data["value"], at, data["by"], data.get("note"),
                   tuple(EvidenceEntry(**e) for e in data.get("evidence") or ()), bool(data.get("routine")))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": "answer", "lke": self.code, "value": self.value, "at": self.at.isoformat(), "by": self.by}
        if self.routine:
            out["routine"] = True
        if self.note:
            out["note"] = self.note
        if self.evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass(frozen=True)
class AnswerRestore:
    """The record of an answer's stored file put back (zi_plan.progress.corrections.restore):
    a ``restore`` like an action's, naming the question instead of an action."""

    code: str
    at: dt.datetime
    by: str
    note: Optional[str] = None
    evidence: tuple[EvidenceEntry, ...] = ()
    replaces: tuple[EvidenceEntry, ...] = ()  # the damaged copy set aside

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"lke": self.code, "event": "restore", "at": self.at.isoformat(), "by": self.by}
        if self.note:
            out["note"] = self.note
        out["evidence"] = [e.to_dict() for e in self.evidence]
        if self.replaces:
            out["replaces"] = [e.to_dict() for e in self.replaces]
        return out


# ---------------------------------------------------------------- values


def allowed_text(q: Question) -> str:
    """The values a question takes, for messages: 'Ya, Tidak', 'A, B, C', 'a whole number ≥ 0' ..."""
    if q.options:
        return ", ".join(o.key for o in q.options)
    if q.answer_type == "jumlah":
        return _("a whole number, 0 or more")
    if q.answer_type == "nilai_0_4":
        return _("a number from 0 to 4, e.g. 3.61")
    return q.answer_type


def parse_value(q: Question, text: str) -> AnswerValue:
    """The value of an answer as typed ('ya', 'b', '12', '3,61'), or a ZiError listing what is allowed."""
    raw = text.strip()
    if q.computed:
        raise ZiError(_("{code} is computed from its inputs {inputs}: answer those instead").format(code=q.code, inputs=", ".join(q.inputs)), exit_code=2)
    if q.options:
        found = [o.key for o in q.options if o.key.lower() == raw.lower()]
        if found:
            return found[0]
    elif q.answer_type == "jumlah":
        if raw.isdigit():
            return int(raw)
    elif q.answer_type == "nilai_0_4":
        with contextlib.suppress(ValueError):
            number = float(raw.replace(",", "."))  # 3,61 as written in Indonesian
            if 0 <= number <= 4:
                return number
    raise ZiError(_("'{value}' is not an answer to {code}; allowed: {allowed}").format(value=text, code=q.code, allowed=allowed_text(q)), exit_code=2)


def value_ok(q: Question, value: Any) -> bool:
    """Whether a value read from the journal is one the question takes."""
    if q.computed:
        return False
    if q.options:
        return isinstance(value, str) and q.option(value) is not None
    if q.answer_type == "jumlah":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if q.answer_type == "nilai_0_4":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 4
    return False


def answer_problems(plan: LoadedPlan, answers: Sequence[tuple[int, Any, Any, str]]) -> list[tuple[tuple[Any, ...], str, bool]]:
    """Problems of the journal's answer and review records (index, code, value, event) against the plan's worksheet.

    A review may carry no value (the evaluator's note alone), and may name a
    percentage question (a note on the computed row); an answer may do neither."""

    sheet = worksheet_for(plan)
    found: list[tuple[tuple[Any, ...], str, bool]] = []
    for index, code, value, event in answers:
        q = sheet.by_code.get(code)
        if q is None:
            close = ", ".join(suggest_codes(sheet, code)) or "-"
            found.append((("records", index, "lke"), _("answer to '{code}', which is not a question of the LKE {year} (closest: {close})").format(code=code, year=sheet.year, close=close), False))
        elif event == "review" and value is None:
            continue
        elif not value_ok(q, value):
            found.append((("records", index, "value"), _("'{value}' is not an answer to {code}; allowed: {allowed}").format(value=value, code=code, allowed=allowed_text(q)), False))
    return found


# ---------------------------------------------------------------- reading


def history(journal: Journal) -> list[Answer]:
    return [Answer.from_dict(a) for a in journal.answers if a.get("event") == "answer"]


def current(journal: Journal) -> dict[str, Answer]:
    """The answer in force for each question: the latest recorded."""
    out: dict[str, Answer] = {}
    for answer in history(journal):
        out[answer.code] = answer
    return out


def answer_values(journal: Journal) -> dict[str, AnswerValue]:
    return {code: a.value for code, a in current(journal).items()}


def _read_text(path: Path) -> str:
    try:
        return read_regular(path).decode("utf-8-sig")  # a FIFO, a device or a folder is refused, not waited on
    except FileNotFoundError:
        raise ZiError(_("file not found: {path}").format(path=path), exit_code=2) from None
    except OSError as exc:
        raise ZiError(_("cannot read {path}: {reason}").format(path=path, reason=reason(exc))) from None
    except UnicodeDecodeError as exc:
        raise ZiError(_("cannot read {path}: {reason}").format(path=path, reason=exc)) from None


def read_answers_csv(path: Path, sheet: Worksheet) -> list[tuple[Question, AnswerValue, Optional[str]]]:
    """``code,value[,note]`` one per line (``;`` also works; a header line is skipped); every problem with its line, or none."""
    lines = _read_text(path).splitlines()
    delimiter = _separator(lines)
    out: list[tuple[Question, AnswerValue, Optional[str]]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line_no, line in enumerate(lines, 1):
        try:
            fields = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
        except csv.Error:  # a field past csv's limit (128 KiB), an unclosed quote at the end ...
            limit = csv.field_size_limit()
            problems.append(Problem(str(path), line_no, 1, _("this line cannot be read: a field longer than {limit} characters, or a quote not closed; "
                                                             "an answer file holds a code, a value and a short note per line").format(limit=limit)))
            continue
        if not fields or not "".join(fields).strip() or (line_no == 1 and fields[0].strip().lower() in ("code", "kode")):
            continue
        if len(fields) < 2 or len(fields) > 3:
            problems.append(Problem(str(path), line_no, 1, _("expected code{sep}value{sep}note (the note is optional)").format(sep=delimiter)))
            continue
        try:
            q = sheet.question(fields[0].strip())
        except ZiError as exc:
            problems.append(Problem(str(path), line_no, 1, exc.message))
            continue
        col = line.find(delimiter) + 2  # the value's column: just after the code's separator
        if delimiter == "," and q.answer_type == "nilai_0_4" and len(fields) == 3 and all(f.strip().isdigit() for f in fields[1:]):
            # 3,61 unquoted: the decimal comma splits the value; recording 3 with note 61 would be wrong.
            problems.append(Problem(str(path), line_no, col, _('"{a},{b}" is ambiguous here: the comma also separates the columns; write it quoted ("{a},{b}"), with a decimal point ({a}.{b}), or separate the columns with ;').format(a=fields[1].strip(), b=fields[2].strip())))
            continue
        if q.code in seen:
            problems.append(Problem(str(path), line_no, 1, _("{code} is answered twice in this file, on lines {first} and {line}: keep one").format(code=q.code, first=seen[q.code], line=line_no)))
            continue
        seen[q.code] = line_no
        try:
            value = parse_value(q, fields[1])
        except ZiError as exc:
            problems.append(Problem(str(path), line_no, col, exc.message))
            continue
        note = fields[2].strip() if len(fields) == 3 and fields[2].strip() else None
        out.append((q, value, note))
    if problems:
        raise InvalidFile(problems)
    if not out:
        raise ZiError(_("{path} has no answers: write one per line as code,value[,note]").format(path=path), exit_code=2)
    return out


def _separator(lines: list[str]) -> str:
    """``;`` when every line with content has one (Excel saves CSV so where the
    decimal mark is a comma, as in Indonesia: ``H.1.a;3,61``), else ``,``."""
    filled = [line for line in lines if line.strip()]
    return ";" if filled and all(";" in line for line in filled) else ","


