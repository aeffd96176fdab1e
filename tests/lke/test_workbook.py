"""The official worksheet in Excel: rows as the 2026 master soal, and formulas that recompute to zi's numbers.

The workbook is recomputed by an independent formula engine (the `formulas`
package), with the unit's answers zi wrote and with the TPI columns filled
as an evaluator would, and compared with zi's own score of the same answers.
"""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from tests.conftest import PLAN
from zi_plan.lke.layout import layout
from zi_plan.lke.score import score
from zi_plan.lke.worksheet import load_worksheet

SHEET = load_worksheet()
LAYOUT = layout(SHEET)
UNIT = "P.1.i.a,Ya\nP.1.i.b,B\nP.1.iii.a,C\nP.2.i.b,D\nP.3.v.a,A\nR.1.i.a.1,4\nR.1.i.a.2,3\nR.3.iii.a.1,0\nR.3.iii.a.2,0\nR.3.iii.a.3,0\n" \
       "R.5.iii.a.1,1\nR.5.iii.a.2,2\nR.5.iii.a.3,3\nR.5.iii.a.4,5\nR.6.i.b.1,0\nR.6.i.b.2,0\nH.1.a,3.61\nH.1.b,B\nH.2.a,3.2\n"
TPI = {"P.1.i.a": "Tidak", "P.1.i.b": "A", "P.4.i.a": "B", "R.1.i.a.1": 4, "R.1.i.a.2": 1, "H.1.a": 3.4, "H.1.b": "C"}


def test_every_question_sits_on_its_row_of_the_official_answer_sheet():
    assert {q.code: LAYOUT.by_code[q.code].row for q in SHEET.questions} == {q.code: q.row for q in SHEET.questions}


def _recompute(path):
    import formulas

    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    out = {}
    for key, value in solution.items():
        if "]" not in key or ":" in key:
            continue  # ranges and names: the cells are there one by one
        sheet_cell = key.split("]", 1)[1]
        sheet, cell = sheet_cell.rsplit("!", 1)
        out[(sheet.strip("'").upper(), cell)] = value.value[0][0] if hasattr(value, "value") else value
    return out


def _number(value):
    return 0.0 if value in ("", None) or isinstance(value, str) else float(value)


def test_the_workbook_recomputes_to_zis_numbers(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "a.csv").write_text(UNIT, encoding="utf-8")
    assert zi("lke", "answer", "--file", "a.csv", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "sheet", "-o", "lke.xlsx", "--plan", str(plan)).code == 0
    book = openpyxl.load_workbook(tmp_path / "lke.xlsx")
    ws = book["Jawaban"]
    for code, value in TPI.items():
        ws[f"P{LAYOUT.by_code[code].row}"] = value
    book.save(tmp_path / "filled.xlsx")
    cells = _recompute(tmp_path / "filled.xlsx")
    unit_answers = {c: (int(v) if v.isdigit() else float(v) if v[0].isdigit() else v) for c, v in (line.split(",") for line in UNIT.splitlines())}
    for column, answers in (("L", unit_answers), ("Q", TPI)):
        zi_score = score(SHEET, answers)
        got = lambda row, column=column: _number(cells[("JAWABAN", f"{column}{row}")])  # noqa: E731
        reading = zi_score.answered
        for code, value in reading.sub_areas.items():
            row = next(r for r in LAYOUT.rows if r.sub_area is not None and r.sub_area.code == code).row
            assert got(row) == pytest.approx(value or 0.0, abs=1e-9), (column, code)
        for area in reading.areas:
            assert got(LAYOUT.named[f"area:pemenuhan:{area.no}"].row) == pytest.approx(area.pemenuhan, abs=1e-9)
            assert got(LAYOUT.named[f"area:reform:{area.no}"].row) == pytest.approx(area.reform, abs=1e-9)
        for key, value in (("pemenuhan", reading.pemenuhan), ("reform", reading.reform), ("pengungkit", reading.pengungkit),
                           ("hasil", reading.hasil), ("total", reading.total)):  # fmt: skip
            assert round(got(LAYOUT.named[key].row), 4) == round(value, 4), (column, key)
        for code, valued in zi_score.values.items():
            if valued.status == "value" and SHEET.sub_areas[SHEET.by_code[code].sub_area].method == "average":
                assert got(LAYOUT.by_code[code].row) == pytest.approx(valued.value), code
    assert cells[("JAWABAN", f"K{LAYOUT.by_code['R.6.i.b'].row}")] == "—"  # 0 / 0: no value, left out
    # The summary's gates, formulas too, say what zi says, for the unit (B) and the evaluator (C).
    summary = openpyxl.load_workbook(tmp_path / "filled.xlsx")["Summary"]
    labels = [row[0].value for row in summary.iter_rows()]
    for column, answers in (("B", unit_answers), ("C", TPI)):
        for predicate, result in score(SHEET, answers).gates.items():
            head = labels.index(predicate) + 1
            verdicts = [cells[("SUMMARY", f"{column}{head + 1 + i}")] for i in range(len(result.checks))]
            assert verdicts == ["met" if c.ok else "not met" for c in result.checks], (column, predicate)
            assert cells[("SUMMARY", f"{column}{head}")] == ("met" if result.passed else "not met")
    assert cells[("SUMMARY", "B11")] == pytest.approx(score(SHEET, unit_answers).answered.total)
    assert json.loads(zi("lke", "score", "--json", "--plan", str(plan)).out)["answered"]["total"] == round(cells[("SUMMARY", "B11")], 4)


@pytest.mark.parametrize(("lang", "words"), [("en", ("Code", "Answer choices (Pilihan Jawaban)", "Value (Nilai)", "TPI answer", "Summary")),
                                             ("id", ("Kode", "Pilihan Jawaban", "Nilai", "Jawaban TPI", "Ringkasan"))])  # fmt: skip
def test_headers_in_the_interface_language(zi, tmp_path, lang, words):
    assert zi("--lang", lang, "lke", "sheet", "-o", "lke.xlsx", "--plan", str(PLAN)).code == 0
    book = openpyxl.load_workbook(tmp_path / "lke.xlsx")
    header = [c.value for c in book["Jawaban"][1]]
    assert all(w in header for w in words[:4]) and words[4] in book.sheetnames
    ws = book["Jawaban"]
    assert ws["B2"].value == "A." and ws["C2"].value == "PENGUNGKIT" and ws["H2"].value == 60
    row = LAYOUT.by_code["P.1.i.b"].row
    assert ws[f"J{row}"].value == "A/B/C" and ws[f"I{row}"].value.startswith("a. Jika dengan prosedur")
    assert ws[f"L{row}"].value.startswith("=IF(") and ws[f"Q{row}"].value.startswith("=IF(")  # formulas, both sides
    sub = LAYOUT.by_code["P.1.i.a"].row - 1
    assert ws[f"L{sub}"].value == f'=IF(COUNT(L{sub + 1}:L{sub + 2})=0,"",AVERAGE(L{sub + 1}:L{sub + 2})*H{sub})'


def test_user_text_is_never_a_formula_and_evidence_is_a_link(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "sk.pdf").write_bytes(b"sk")
    assert zi("lke", "answer", "P.1.i.a", "Ya", "-e", "sk.pdf", "-e", "https://drive.example/sk", "--note", "=SUM(A1)\x07",
              "--plan", str(plan), "--by", "A").code == 0  # fmt: skip
    result = zi("lke", "sheet", "-o", "lke.xlsx", "--plan", str(plan), "--evidence-url", "https://kpu.example/bukti/")
    assert result.code == 0 and "no web address" not in result.err
    ws = openpyxl.load_workbook(tmp_path / "lke.xlsx")["Jawaban"]
    row = LAYOUT.by_code["P.1.i.a"].row
    assert ws[f"N{row}"].value == "=SUM(A1)" and ws[f"N{row}"].data_type == "s"  # text, and the bell removed as in every document
    assert ws[f"O{row}"].hyperlink.target == "https://kpu.example/bukti/LKE/P.1.i.a/sk.pdf"
    unpublished = zi("lke", "sheet", "-o", "lke2.xlsx", "--plan", str(plan))
    assert "1 stored evidence files have no web address" in unpublished.err
    ws = openpyxl.load_workbook(tmp_path / "lke2.xlsx")["Jawaban"]
    assert "LKE/P.1.i.a/sk.pdf (stored, not published" in ws[f"O{row}"].value
