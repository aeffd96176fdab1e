"""lke_workbook: the official worksheet's cells and formulas, written into an openpyxl sheet.

The formulas are checked here as text, row by row; that they recompute to zi's numbers is
tests/lke/test_workbook.py's (a formula engine over the whole workbook).
"""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from zi_plan.formats.lke_workbook import (
    NO_VALUE,
    SHEET,
    TPI,
    UNIT,
    SheetData,
    _lines,
    choices_text,
    fill,
    headers,
    percentage_formula,
    style,
    subtotal_formula,
    value_formula,
)
from zi_plan.lke.layout import Layout, layout
from zi_plan.lke.worksheet import Worksheet, load_worksheet


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


@pytest.fixture(scope="module")
def lay(sheet) -> Layout:
    return layout(sheet)


def _row(lay: Layout, code: str) -> int:
    return lay.by_code[code].row


def test_headers_name_every_column_in_the_interface_language(indonesian):
    words = headers()
    assert list(words) == list("AB") + list("HIJKLMNOPQRSTU")  # C-G hold the hierarchy's numbers and texts under B's 'Penilaian'
    assert (words["J"], words["L"], words["P"], words["U"]) == ("Pilihan Jawaban", "Nilai", "Jawaban TPI", "soal_id")
    assert words["M"] == "%"


def test_choices_as_the_official_sheet_writes_them(sheet):
    assert [choices_text(sheet.by_code[c]) for c in ("P.1.i.a", "P.1.i.b", "P.2.i.b", "R.1.i.a", "R.1.i.a.1", "H.1.a")] == [
        "Ya/Tidak", "A/B/C", "A/B/C/D/E", "%", "Jumlah", "Nilai (0-4)"]  # fmt: skip


def test_an_option_questions_value_is_its_options_value(sheet, lay):
    r = _row(lay, "P.1.i.b")
    assert value_formula(sheet.by_code["P.1.i.b"], r, UNIT, sheet) == f'=IF(K{r}="","",IF(K{r}="A",1,IF(K{r}="B",0.5,IF(K{r}="C",0,"?"))))'
    assert value_formula(sheet.by_code["P.1.i.b"], r, TPI, sheet) == f'=IF(P{r}="","",IF(P{r}="A",1,IF(P{r}="B",0.5,IF(P{r}="C",0,"?"))))'


def test_in_the_hasil_part_a_value_is_in_points(sheet, lay):
    r = _row(lay, "H.1.b")  # capaian kinerja: its option's value times its weight (column H)
    assert value_formula(sheet.by_code["H.1.b"], r, UNIT, sheet).startswith(f'=IF(K{r}="","",IF(K{r}="A",1*H{r},IF(K{r}="B",0.75*H{r},')
    r = _row(lay, "H.1.a")  # a survey index of 0-4
    assert value_formula(sheet.by_code["H.1.a"], r, TPI, sheet) == f'=IF(ISNUMBER(P{r}),P{r}/4*H{r},"")'


def test_a_percentage_is_its_computed_answer_and_a_count_has_no_value(sheet, lay):
    r = _row(lay, "R.1.i.a")
    assert value_formula(sheet.by_code["R.1.i.a"], r, UNIT, sheet) == f'=IF(ISNUMBER(K{r}),K{r},"")'  # "—" (0/0) is left out
    assert value_formula(sheet.by_code["R.1.i.a.1"], _row(lay, "R.1.i.a.1"), UNIT, sheet) is None


def test_a_ratio_is_blank_until_every_input_is_answered_and_no_value_over_zero(sheet, lay):
    den, num = _row(lay, "R.1.i.a.1"), _row(lay, "R.1.i.a.2")
    assert percentage_formula(sheet.by_code["R.1.i.a"], UNIT, lay.by_code) == (
        f'=IF(OR(K{den}="",K{num}=""),"",IF((K{den})=0,"{NO_VALUE}",MIN((K{num})/(K{den}),1)))')  # fmt: skip
    rows = [_row(lay, f"R.5.iii.a.{n}") for n in (1, 2, 3, 4)]
    lhkpn = percentage_formula(sheet.by_code["R.5.iii.a"], TPI, lay.by_code)
    assert lhkpn == (f'=IF(OR({",".join(f"P{r}=" + chr(34) * 2 for r in rows)}),"",'
                     f'IF((P{rows[0]}+P{rows[1]}+P{rows[2]})=0,"—",MIN((P{rows[3]})/(P{rows[0]}+P{rows[1]}+P{rows[2]}),1)))')  # fmt: skip


def test_a_reduction_counts_every_input_and_both_zero_as_the_worksheet_says(sheet, lay):
    before, after, given = (_row(lay, f"R.3.iii.a.{n}") for n in (1, 2, 3))
    assert percentage_formula(sheet.by_code["R.3.iii.a"], UNIT, lay.by_code) == (
        f'=IF(OR(K{before}="",K{after}="",K{given}=""),"",IF(K{before}=0,IF(K{after}=0,1,"—"),MAX(0,(K{before}-K{after})/K{before})))')  # fmt: skip


def test_subtotals_average_a_sub_area_and_add_up_above(sheet, lay):
    sub = lay.rows[3]  # P.1.i, over P.1.i.a and P.1.i.b
    assert subtotal_formula(sub, UNIT) == f'=IF(COUNT(L{sub.first}:L{sub.last})=0,"",AVERAGE(L{sub.first}:L{sub.last})*H{sub.row})'
    area = lay.named["area:pemenuhan:1"]
    assert subtotal_formula(area, TPI) == "=SUM(" + ",".join(f"Q{m}" for m in area.members) + ")"
    hasil = next(r for r in lay.rows if r.kind == "sub_area" and r.sub_area is not None and r.sub_area.part == "hasil")
    assert subtotal_formula(hasil, UNIT) == f"=SUM(L{hasil.first}:L{hasil.last})"  # the hasil part adds its points
    assert subtotal_formula(lay.by_code["P.1.i.a"], UNIT) is None and subtotal_formula(lay.named["total"], UNIT) is None


def _filled(sheet, data: SheetData):
    ws = Workbook().active
    ws.title = SHEET
    return ws, fill(ws, sheet, data)


def test_fill_writes_the_hierarchy_the_questions_and_both_sides(sheet):
    data = SheetData({"P.1.i.a": ("Ya", "=SUM(A1)", [("sk.pdf (stored, not published)", None), ("https://x.id/sk", "https://x.id/sk")]),
                      "R.1.i.a.1": (4, None, [])},
                     {"P.1.i.a": ("Tidak", "SK belum ada", "revisi"), "R.1.i.a": ("1", "dihitung", "revisi")})  # fmt: skip
    ws, lay = _filled(sheet, data)
    assert (ws["A1"].value, ws["B2"].value, ws["C2"].value, ws["H2"].value) == ("Code", "A.", "PENGUNGKIT", 60)
    sub = lay.rows[3]
    assert (ws[f"A{sub.row}"].value, ws[f"E{sub.row}"].value, ws[f"F{sub.row}"].value) == ("P.1.i", "i.", "Penyusunan Tim Kerja")
    r = _row(lay, "P.1.i.a")
    q = sheet.by_code["P.1.i.a"]
    assert [ws[f"{c}{r}"].value for c in "AFGHIJ"] == ["P.1.i.a", "a.", q.text, q.weight, q.criteria, "Ya/Tidak"]
    assert ws[f"U{r}"].value == q.soal_id == 1
    assert (ws[f"K{r}"].value, ws[f"N{r}"].value, ws[f"N{r}"].data_type) == ("Ya", "=SUM(A1)", "s")  # a note is never a formula
    assert ws[f"O{r}"].value == "sk.pdf (stored, not published)\nhttps://x.id/sk" and ws[f"O{r}"].hyperlink.target == "https://x.id/sk"
    assert [ws[f"{c}{r}"].value for c in "PST"] == ["Tidak", "SK belum ada", "revisi"]
    assert ws[f"L{r}"].value.startswith(f'=IF(K{r}=""') and ws[f"Q{r}"].value.startswith(f'=IF(P{r}=""')
    # A percentage's answer is zi's formula on both sides: what an evaluator types there is not taken.
    p = _row(lay, "R.1.i.a")
    assert ws[f"K{p}"].value.startswith("=IF(OR(") and ws[f"P{p}"].value.startswith("=IF(OR(") and ws[f"S{p}"].value is None
    assert ws[f"K{_row(lay, 'R.1.i.a.1')}"].value == 4 and ws[f"F{_row(lay, 'R.1.i.a.1')}"].value == "-"
    assert ws[f"M{sub.row}"].value == f'=IF(ISNUMBER(L{sub.row}),L{sub.row}/H{sub.row},"")'  # a hierarchy row's %
    assert ws[f"M{r}"].value is None


def test_fill_writes_the_totals_and_the_lhkpn_sum_rows(sheet):
    ws, lay = _filled(sheet, SheetData({}, {}))
    named = lay.named
    for side in (UNIT, TPI):
        v = side.value
        assert ws[f"{v}{named['total_pengungkit'].row}"].value == f"={v}{named['pengungkit'].row}"
        assert ws[f"{v}{named['total_hasil'].row}"].value == f"={v}{named['hasil'].row}"
        assert ws[f"{v}{named['total'].row}"].value == f"={v}{named['total_pengungkit'].row}+{v}{named['total_hasil'].row}"
    total = _row(lay, "R.5.iii.a") + 1
    a, b, c = (_row(lay, f"R.5.iii.a.{n}") for n in (1, 2, 3))
    assert ws[f"G{total}"].value == "Jumlah yang harus melaporkan"
    assert ws[f"K{total}"].value == f'=IF(OR(K{a}="",K{b}="",K{c}=""),"",K{a}+K{b}+K{c})'
    assert ws[f"K{_row(lay, 'P.1.i.a')}"].value is None and ws[f"O{_row(lay, 'P.1.i.a')}"].value is None  # nothing answered


def test_style_offers_each_questions_options_and_the_verdicts(sheet):
    ws, lay = _filled(sheet, SheetData({}, {}))
    style(ws, lay, sheet, lambda q: ",".join(o.key for o in q.options) if q.options else None)
    lists = {dv.formula1: str(dv.sqref).split() for dv in ws.data_validations.dataValidation}
    r = _row(lay, "P.1.i.a")
    assert f"K{r}" in lists['"Ya,Tidak"'] and f"P{r}" in lists['"Ya,Tidak"']
    assert f"K{_row(lay, 'P.2.i.b')}" in lists['"A,B,C,D,E"']
    assert not any(f"K{_row(lay, code)}" in cells for code in ("R.1.i.a", "R.1.i.a.1", "H.1.a") for cells in lists.values())
    assert lists['"accepted,revisi"'] == [f"T2:T{lay.rows[-1].row}"]
    assert ws.freeze_panes == "B2" and "B1:G1" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$1:$1"
    assert ws[f"C{lay.rows[0].row}"].font.b and not ws[f"G{r}"].font.b  # hierarchy rows bold
    assert ws[f"P{r}"].fill.fgColor.rgb.endswith("FFF2CC") and not ws[f"K{r}"].fill.fgColor.rgb.endswith("FFF2CC")  # the TPI's columns
    assert ws.row_dimensions[r].height >= 30 and ws.row_dimensions[lay.rows[0].row].height == 15  # as tall as its wrapped text


def test_the_verdicts_list_in_indonesian(sheet, indonesian):
    ws, lay = _filled(sheet, SheetData({}, {}))
    style(ws, lay, sheet, lambda q: None)
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == ['"diterima,revisi"']


@pytest.mark.parametrize(("value", "width", "lines"), [
    (None, 10, 1), (12, 10, 1), ("", 10, 1), ("pendek", 10, 1), ("x" * 11, 10, 1), ("x" * 12, 10, 2),
    ("satu\ndua\ntiga", 40, 3), ("=IF(A1,1,2)" * 20, 5, 1), ("==bukan rumus " * 10, 10, 13),
])  # fmt: skip
def test_lines_a_text_takes(value, width, lines):
    assert _lines(value, width) == lines
