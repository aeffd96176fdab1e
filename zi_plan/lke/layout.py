"""The rows of the official answer sheet: the worksheet's hierarchy with each question in its place.

A header row, then ``A. PENGUNGKIT``, ``I. PEMENUHAN``, each area, each
sub-area and its questions (a percentage question followed by its count
inputs), the same for ``II. REFORM``, the total pengungkit, an empty row,
``B. HASIL`` with its two parts, the total hasil and the final score. A
percentage question with several denominators (the LHKPN questions) has a
heading row of its own and a row that sums its denominators, as in the
official sheet. Laid out so, every question falls on the row that
KemenPANRB's 2026 master soal gives it in the official Excel's answer sheet
(``jawaban_row`` in the data; tests/lke/test_workbook.py holds them equal).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

from zi_plan.lke.worksheet import Question, SubArea, Worksheet
from zi_plan.model.ids import roman

Kind = Literal["component", "half", "area", "sub_area", "heading", "question", "input", "sum", "total", "blank"]


@dataclass
class LayoutRow:
    row: int
    kind: Kind
    level: int  # 0..4: the column of its number (B..F)
    number: str  # 'A.', 'I.', '1.', 'i.', 'a.', '-'
    label: str
    weight: Optional[float] = None
    question: Optional[Question] = None
    sub_area: Optional[SubArea] = None
    members: list[int] = field(default_factory=list)  # the rows this row adds up (its sub-areas, areas ...)
    first: int = 0  # a sub-area's question rows: first..last
    last: int = 0


@dataclass
class Layout:
    rows: list[LayoutRow] = field(default_factory=list)
    by_code: dict[str, LayoutRow] = field(default_factory=dict)
    named: dict[str, LayoutRow] = field(default_factory=dict)  # 'pengungkit', 'pemenuhan', 'reform', 'area:pemenuhan:1', 'hasil', 'total' ...

    def add(self, kind: Kind, level: int, number: str, label: str, **more: object) -> LayoutRow:
        row = LayoutRow(len(self.rows) + 2, kind, level, number, label, **more)  # type: ignore[arg-type]
        self.rows.append(row)
        if row.question is not None and kind in ("question", "input"):
            self.by_code[row.question.code] = row
        return row


def _letter(code: str) -> str:
    return code.rsplit(".", 1)[-1] + "."


def layout(sheet: Worksheet) -> Layout:
    """The rows of ``sheet``'s answer sheet, in order, from row 2."""
    out = Layout()
    out.named["pengungkit"] = out.add("component", 0, "A.", "PENGUNGKIT", weight=sheet.parts["pemenuhan"] + sheet.parts["reform"])
    for h_no, part in enumerate(("pemenuhan", "reform"), 1):
        half = out.named[part] = out.add("half", 1, f"{roman(h_no)}.", part.upper(), weight=sheet.parts[part])
        out.named["pengungkit"].members.append(half.row)
        for area in sheet.areas:
            weight = area.pemenuhan if part == "pemenuhan" else area.reform
            head = out.named[f"area:{part}:{area.no}"] = out.add("area", 2, f"{area.no}.", area.name.upper(), weight=weight)
            half.members.append(head.row)
            for sub in (s for s in sheet.sub_areas.values() if s.part == part and s.area == area.no):
                head.members.append(_sub_area(out, sheet, sub, 3).row)
    out.named["total_pengungkit"] = out.add("total", 0, "", "TOTAL PENGUNGKIT")
    out.add("blank", 0, "", "")
    hasil = out.named["hasil"] = out.add("component", 0, "B.", "HASIL", weight=sheet.parts["hasil"])
    for no, sub in enumerate((s for s in sheet.sub_areas.values() if s.part == "hasil"), 1):
        hasil.members.append(_sub_area(out, sheet, sub, 1, f"{roman(no)}.", sub.name.upper()).row)
    out.named["total_hasil"] = out.add("total", 0, "", "TOTAL HASIL")
    out.named["total"] = out.add("total", 0, "", "NILAI EVALUASI ZONA INTEGRITAS")
    return out


def _sub_area(out: Layout, sheet: Worksheet, sub: SubArea, level: int, number: Optional[str] = None, label: Optional[str] = None) -> LayoutRow:
    head = out.add("sub_area", level, number or f"{sub.code.rsplit('.', 1)[-1]}.", label or sub.name, weight=sub.weight, sub_area=sub)
    head.first = head.row + 1
    for q in (q for q in sheet.questions if q.sub_area == sub.code and q.scored):
        denominators = (q.formula or {}).get("denominator") or ()
        if len(denominators) > 1:
            out.add("heading", level + 1, _letter(q.code), q.text)
            out.add("question", level + 1, "-", q.text, weight=q.weight, question=q)
            out.add("sum", level + 1, "-", "Jumlah yang harus melaporkan", members=[])  # the official sheet's words
        else:
            out.add("question", level + 1, _letter(q.code), q.text, weight=q.weight, question=q)
        for code in q.inputs:
            out.add("input", level + 1, "-", sheet.by_code[code].text, question=sheet.by_code[code])
    head.last = out.rows[-1].row
    # The sum rows add up the denominators just laid out.
    for row in out.rows:
        if row.kind == "sum" and not row.members:
            owner = out.rows[row.row - 3].question
            assert owner is not None
            row.members = [out.by_code[c].row for c in (owner.formula or {}).get("denominator") or ()]
    return head
