"""The answer sheet for the evaluators: an Excel workbook in worksheet order, and PortalRB JSON.

The workbook has one row per entry of the worksheet (questions and the count
inputs of the percentage questions), in the worksheet's order, with the
answer, its value, the note and the evidence, and a summary sheet with the
score and the gates. The PortalRB file holds one entry per answered
``soal_id`` (percentage questions have none there: PortalRB takes their
inputs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.formats.export import fill_sheet, workbook_bytes
from zi_plan.i18n import _
from zi_plan.lke.answers import Answer, current
from zi_plan.lke.labels import answer_type_label, gate_label
from zi_plan.lke.score import Score, score
from zi_plan.lke.worksheet import Worksheet
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan


def evidence_links(entries: tuple[EvidenceEntry, ...]) -> list[str]:
    """Links as they are; stored files by their place in the evidence folder (as in the evidence pack)."""
    return [e.url or f"{e.path}" for e in entries]


@dataclass(frozen=True)
class SheetRow:
    code: str
    sub_area: str
    question: str
    answer_type: str
    weight: Optional[float]
    answer: Optional[Any]
    value: Optional[float]  # the question's value in [0, 1] (computed for percentage questions)
    note: Optional[str]
    evidence: list[str]
    soal_id: Optional[int]


def sheet_rows(sheet: Worksheet, answers: dict[str, Answer], result: Score) -> list[SheetRow]:
    rows = []
    for q in sheet.questions:
        a = answers.get(q.code)
        v = result.values.get(q.code)
        rows.append(SheetRow(
            code=q.code, sub_area=sheet.sub_areas[q.sub_area].name, question=q.text, answer_type=q.answer_type,
            weight=q.weight, answer=a.value if a else None, value=v.value if v else None,
            note=a.note if a else None, evidence=evidence_links(a.evidence) if a else [], soal_id=q.soal_id,
        ))  # fmt: skip
    return rows


def to_xlsx(plan: LoadedPlan, journal: Journal, sheet: Worksheet) -> bytes:
    from openpyxl import Workbook  # openpyxl: only when a workbook is written


    answers = current(journal)
    result = score(sheet, {c: a.value for c, a in answers.items()})
    book = Workbook()
    main = book.active
    main.title = "LKE"
    header = [_("Code"), _("Sub-area"), _("Question"), _("Answer type"), _("Weight"), _("Answer"), _("Value"), _("Note"), _("Evidence"), "soal_id"]
    table: list[list[Any]] = [header]
    for r in sheet_rows(sheet, answers, result):
        table.append([r.code, r.sub_area, r.question, answer_type_label(r.answer_type), r.weight, r.answer, None if r.value is None else round(r.value, 4),
                      r.note, "\n".join(r.evidence), r.soal_id])  # fmt: skip
    fill_sheet(main, table)
    for column, width in {"A": 12, "B": 28, "C": 60, "D": 11, "E": 8, "F": 9, "G": 8, "H": 30, "I": 40, "J": 8}.items():
        main.column_dimensions[column].width = width
    summary = book.create_sheet(_("Summary")[:31])
    fill_sheet(summary, summary_rows(plan, sheet, result))
    summary.column_dimensions["A"].width = 40
    return workbook_bytes(book)


def summary_rows(plan: LoadedPlan, sheet: Worksheet, result: Score) -> list[list[Any]]:
    a, s = result.answered, result.strict
    rows: list[list[Any]] = [[plan.institution, _("answered (as the official Excel)"), _("strict (unanswered = 0)")]]
    for label, here, there in (("Pemenuhan", a.pemenuhan, s.pemenuhan), ("Reform", a.reform, s.reform),
                        ("Pengungkit", a.pengungkit, s.pengungkit), ("Hasil", a.hasil, s.hasil), ("Total", a.total, s.total)):  # fmt: skip
        rows.append([label, round(here, 2), round(there, 2)])
    for area, strict in zip(a.areas, s.areas, strict=True):
        rows.append([f"{area.no}. {area.name} (%)", round(area.pct, 2), round(strict.pct, 2)])
    rows.append([])
    for name, gate in result.gates.items():
        rows.append([name, _("pass") if gate.passed else _("fail"), ", ".join(gate_label(f) for f in gate.failed)])
    rows.append([_("LKE {year}; score computed by zi from the answers recorded in the journal").format(year=sheet.year)])
    return rows


def to_portalrb(plan: LoadedPlan, journal: Journal, sheet: Worksheet) -> bytes:
    """JSON keyed by PortalRB soal_id: one entry per answered question that has one."""
    answers = current(journal)
    entries: dict[str, Any] = {}
    for q in sheet.questions:
        a = answers.get(q.code)
        if a is None or q.soal_id is None:
            continue
        entries[str(q.soal_id)] = {"code": q.code, "answer": a.value, "note": a.note, "evidence": evidence_links(a.evidence),
                                   "answered_by": a.by, "answered_at": a.at.isoformat()}  # fmt: skip
    data = {"worksheet": sheet.year, "institution": plan.institution, "plan_year": plan.year, "answers": entries}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
