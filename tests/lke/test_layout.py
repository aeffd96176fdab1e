"""lke.layout: the rows of the official answer sheet, the worksheet's hierarchy with each question in its place.

That every question falls on the row of KemenPANRB's 2026 master soal is tests/lke/test_workbook.py's;
here, the shape the formulas rest on: the hierarchy and what each row adds up.
"""

from __future__ import annotations

import pytest

from zi_plan.lke.layout import Layout, LayoutRow, layout
from zi_plan.lke.worksheet import Worksheet, load_worksheet


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


@pytest.fixture(scope="module")
def lay(sheet) -> Layout:
    return layout(sheet)


def _at(lay: Layout, row: int) -> LayoutRow:
    return lay.rows[row - 2]


def test_rows_are_numbered_from_2_below_the_header(lay):
    assert [r.row for r in lay.rows] == list(range(2, len(lay.rows) + 2))


def test_every_question_and_count_input_has_one_row(sheet, lay):
    assert set(lay.by_code) == {q.code for q in sheet.questions}
    assert sum(r.kind in ("question", "input") for r in lay.rows) == len(sheet.questions)
    assert all(r.kind == ("question" if r.question.scored else "input") for r in lay.by_code.values())  # type: ignore[union-attr]


def test_the_sheet_opens_with_pengungkit_and_its_two_halves(sheet, lay):
    top, pemenuhan = lay.rows[0], lay.rows[1]
    assert (top.kind, top.number, top.label, top.weight) == ("component", "A.", "PENGUNGKIT", sheet.parts["pemenuhan"] + sheet.parts["reform"])
    assert (pemenuhan.kind, pemenuhan.level, pemenuhan.number, pemenuhan.label) == ("half", 1, "I.", "PEMENUHAN")
    assert top.members == [lay.named["pemenuhan"].row, lay.named["reform"].row] and lay.named["reform"].number == "II."
    assert lay.named["pengungkit"] is top


def test_it_closes_with_the_totals_and_hasil(sheet, lay):
    tail = [(r.kind, r.number, r.label) for r in lay.rows if r.kind in ("total", "blank", "component")]
    assert tail == [("component", "A.", "PENGUNGKIT"), ("total", "", "TOTAL PENGUNGKIT"), ("blank", "", ""), ("component", "B.", "HASIL"),
                    ("total", "", "TOTAL HASIL"), ("total", "", "NILAI EVALUASI ZONA INTEGRITAS")]  # fmt: skip
    assert lay.rows[-1] is lay.named["total"] and lay.named["total_hasil"].row == lay.named["total"].row - 1
    hasil = lay.named["hasil"]
    assert hasil.weight == sheet.parts["hasil"] and [_at(lay, m).number for m in hasil.members] == ["I.", "II."]
    assert all(_at(lay, m).sub_area.part == "hasil" for m in hasil.members)  # type: ignore[union-attr]


def test_each_half_adds_up_its_areas_and_each_area_its_sub_areas(sheet, lay):
    for part in ("pemenuhan", "reform"):
        half = lay.named[part]
        assert half.members == [lay.named[f"area:{part}:{a.no}"].row for a in sheet.areas]
        for area in sheet.areas:
            head = lay.named[f"area:{part}:{area.no}"]
            assert (head.kind, head.level, head.number, head.label) == ("area", 2, f"{area.no}.", area.name.upper())
            assert head.weight == (area.pemenuhan if part == "pemenuhan" else area.reform)
            subs = [s.code for s in sheet.sub_areas.values() if s.part == part and s.area == area.no]
            assert [_at(lay, m).sub_area.code for m in head.members] == subs  # type: ignore[union-attr]
            assert sum(_at(lay, m).weight or 0 for m in head.members) == pytest.approx(head.weight)


def test_a_sub_area_spans_its_questions_and_their_inputs(sheet, lay):
    for row in (r for r in lay.rows if r.kind == "sub_area"):
        sub = row.sub_area
        assert sub is not None and row.weight == sub.weight and row.first == row.row + 1
        inside = {r.question.code for r in lay.rows[row.first - 2 : row.last - 1] if r.question is not None}
        scored = {q.code for q in sheet.questions if q.sub_area == sub.code and q.scored}
        assert inside == scored | {c for q in scored for c in sheet.by_code[q].inputs}, sub.code
    first = next(r for r in lay.rows if r.kind == "sub_area")
    assert (first.number, first.label, first.first, first.last) == ("i.", "Penyusunan Tim Kerja", 6, 7)
    assert (lay.by_code["P.1.i.a"].number, lay.by_code["P.1.i.b"].number, lay.by_code["P.1.i.b"].level) == ("a.", "b.", 4)


def test_a_percentage_question_is_followed_by_its_inputs(sheet, lay):
    for q in (q for q in sheet.questions if q.computed):
        row = lay.by_code[q.code].row
        after = [r for r in lay.rows if r.row > row and r.kind in ("input", "sum")][: len(q.inputs) + 1]
        inputs = [r for r in after if r.kind == "input"][: len(q.inputs)]
        assert [r.question.code for r in inputs] == list(q.inputs), q.code  # type: ignore[union-attr]
        assert all((r.number, r.weight) == ("-", None) for r in inputs)


def test_several_denominators_get_a_heading_and_a_sum_row_as_the_official_sheet(sheet, lay):
    several = [q for q in sheet.questions if len((q.formula or {}).get("denominator") or ()) > 1]
    assert [q.code for q in several] == ["R.5.iii.a", "R.5.iii.b"]  # the LHKPN questions
    for q in several:
        row = lay.by_code[q.code]
        heading, total = _at(lay, row.row - 1), _at(lay, row.row + 1)
        assert (heading.kind, heading.number, heading.label, heading.question) == ("heading", q.code.rsplit(".", 1)[1] + ".", q.text, None)
        assert (row.number, row.weight) == ("-", q.weight)
        assert (total.kind, total.label) == ("sum", "Jumlah yang harus melaporkan")
        assert total.members == [lay.by_code[c].row for c in q.formula["denominator"]]  # type: ignore[index]


def test_named_rows(sheet, lay):
    expected = {"pengungkit", "pemenuhan", "reform", "total_pengungkit", "hasil", "total_hasil", "total"}
    expected |= {f"area:{p}:{a.no}" for p in ("pemenuhan", "reform") for a in sheet.areas}
    assert set(lay.named) == expected
