"""lke_reviews: an evaluator's answers, notes and verdicts read from the sheet zi wrote (TPI columns filled),
a CSV, or PortalRB's JSON; every problem at its place, nothing read while there is one."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import MINIMAL
from tests.lke.test_rounds import answer, mark
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.formats.lke_reviews import read_review_file
from zi_plan.formats.lke_sheet import to_xlsx
from zi_plan.lke.layout import layout
from zi_plan.lke.worksheet import Worksheet, load_worksheet
from zi_plan.model.journal import Journal
from zi_plan.model.plan import build_plan

UNIT = {"P.1.i.a": "Ya", "P.1.i.b": "B", "P.2.i.a": "A", "R.1.i.a.1": 4, "R.1.i.a.2": 2, "H.1.a": 3.7}


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


def _entries(path: Path, sheet: Worksheet, unit=UNIT) -> dict[str, tuple]:
    return {e.question.code: (e.value, e.status, e.note) for e in read_review_file(path, sheet, dict(unit)).entries}


def _problems(path: Path, sheet: Worksheet) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InvalidFile) as raised:
        read_review_file(path, sheet, dict(UNIT))
    return [(p.line, p.column, p.message) for p in raised.value.problems]


def _error(path: Path, sheet: Worksheet) -> ZiError:
    with pytest.raises(ZiError) as raised:
        read_review_file(path, sheet, dict(UNIT))
    return raised.value


# ---------------------------------------------------------------- the sheet zi wrote


def _sent_sheet(tmp_path: Path, sheet: Worksheet, *rounds_closed: int) -> Path:
    plan = build_plan(Path("kantor.yaml"), yaml.safe_load(MINIMAL))
    rows = [answer(code, value) for code, value in UNIT.items()] + [mark("close", n) for n in rounds_closed]
    path = tmp_path / "lke.xlsx"
    path.write_bytes(to_xlsx(plan, Journal(tmp_path / "j", tmp_path / "e", [], {}, answers=rows), sheet))
    return path


def _tpi_fills(path: Path, cells: dict[tuple[str, str], object]) -> Path:
    book = openpyxl.load_workbook(path)
    lay = layout(load_worksheet())
    for (code, column), value in cells.items():
        book["Jawaban"][f"{column}{lay.by_code[code].row}"] = value
    out = path.with_name("tpi.xlsx")
    book.save(out)
    return out


def test_the_sheet_with_the_tpi_columns_filled(tmp_path, sheet):
    filled = _tpi_fills(_sent_sheet(tmp_path, sheet), {
        ("P.1.i.a", "P"): "Ya", ("P.1.i.a", "T"): "diterima",
        ("P.1.i.b", "P"): "C", ("P.1.i.b", "S"): "Mekanisme belum ditetapkan",
        ("P.2.i.a", "T"): "Accepted",  # a verdict alone: accepted as the unit answered
        ("R.1.i.a.1", "P"): 4, ("R.1.i.a.2", "P"): 1,
        ("H.1.a", "P"): 3.5,
        ("R.1.i.a", "S"): "dua SK tidak ditemukan",  # a note on the computed row: its formula is not an answer
    })  # fmt: skip
    read = read_review_file(filled, sheet, dict(UNIT))
    assert read.round == 1
    assert {e.question.code: (e.value, e.status, e.note) for e in read.entries} == {
        "P.1.i.a": ("Ya", "accepted", None),
        "P.1.i.b": ("C", "revisi", "Mekanisme belum ditetapkan"),
        "P.2.i.a": ("A", "accepted", None),
        "R.1.i.a": (None, "revisi", "dua SK tidak ditemukan"),
        "R.1.i.a.1": (4, "accepted", None),
        "R.1.i.a.2": (1, "revisi", None),
        "H.1.a": (3.5, "revisi", None),
    }


def test_a_sheet_left_alone_has_nothing_to_read(tmp_path, sheet):
    sent = _sent_sheet(tmp_path, sheet)
    error = _error(sent, sheet)
    assert error.exit_code == 2 and "has no evaluator's answer, note or verdict: fill the TPI columns" in error.message


def test_the_sheet_says_its_round(tmp_path, sheet):
    filled = _tpi_fills(_sent_sheet(tmp_path, sheet, 1, 2), {("P.1.i.a", "P"): "Tidak"})
    assert read_review_file(filled, sheet, dict(UNIT)).round == 3


def test_the_sheets_problems_at_their_cells(tmp_path, sheet):
    lay = layout(sheet)
    filled = _tpi_fills(_sent_sheet(tmp_path, sheet), {("P.1.i.a", "P"): "Mungkin", ("P.1.i.b", "T"): "nanti", ("P.2.i.a", "P"): "B"})
    problems = _problems(filled, sheet)
    assert [(line, column) for line, column, _m in problems] == [(lay.by_code["P.1.i.a"].row, 16), (lay.by_code["P.1.i.b"].row, 16)]
    assert problems[0][2].startswith("'Mungkin' is not an answer to P.1.i.a")
    assert problems[1][2] == "'nanti' is not a verdict: write accepted (diterima) or revisi"


def test_a_workbook_that_is_not_zis_sheet(tmp_path, sheet):
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    book.save(tmp_path / "other.xlsx")
    error = _error(tmp_path / "other.xlsx", sheet)
    assert error.exit_code == 2 and "is not an answer sheet written by zi (no sheet 'Jawaban' with codes in column A)" in error.message
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    assert _error(tmp_path / "broken.xlsx", sheet).message.startswith(f"cannot read {tmp_path / 'broken.xlsx'}:")


# ---------------------------------------------------------------- CSV


def test_a_csv_with_a_header_semicolons_and_empty_cells(tmp_path, sheet):
    path = tmp_path / "tpi.csv"
    path.write_text("kode;jawaban;catatan;putusan\nP.1.i.a;ya;;\n\nP.1.i.b;C;belum ada SK;\nP.2.i.a;;;revisi\nH.1.a;3,5\nP.6.iii.a;;;\n", encoding="utf-8")
    assert _entries(path, sheet) == {
        "P.1.i.a": ("Ya", "accepted", None),  # the unit's answer given back, as the question spells it
        "P.1.i.b": ("C", "revisi", "belum ada SK"),
        "P.2.i.a": (None, "revisi", None),  # revisi without an answer of the evaluator's own
        "H.1.a": (3.5, "revisi", None),  # a decimal comma
    }  # P.6.iii.a: nothing in its row, left out


def test_a_csv_answer_given_for_an_unanswered_question_is_a_change(tmp_path, sheet):
    path = tmp_path / "tpi.csv"
    path.write_text("P.6.iii.a,C\n", encoding="utf-8")
    assert _entries(path, sheet) == {"P.6.iii.a": ("C", "revisi", None)}


def test_a_csvs_problems_every_one_at_its_line(tmp_path, sheet):
    path = tmp_path / "tpi.csv"
    path.write_text("P.1.i.a,Z\nP.9.z,Ya\nP.1.i.b,A,,maybe\nP.2.i.a,A\nP.2.i.a,B\n", encoding="utf-8")
    problems = _problems(path, sheet)
    assert [(line, column) for line, column, _m in problems] == [(1, 1), (2, 1), (3, 1), (5, 1)]
    assert problems[0][2].startswith("'Z' is not an answer to P.1.i.a") and "P.9.z" in problems[1][2]
    assert problems[2][2] == "'maybe' is not a verdict: write accepted (diterima) or revisi"
    assert problems[3][2] == "P.2.i.a is reviewed twice in this file, at 4 and 5: keep one"


def test_a_number_for_a_percentage_is_refused_not_recorded_as_accepted(tmp_path, sheet):
    # The evaluator's 50 for R.1.i.a would otherwise be dropped and the row read as "accepted".
    path = tmp_path / "tpi.csv"
    path.write_text("R.1.i.a.1,4\nR.1.i.a,50\nR.1.i.b,,angka belum sesuai\n", encoding="utf-8")
    assert _problems(path, sheet) == [(2, 1, "R.1.i.a is computed from its inputs R.1.i.a.1, R.1.i.a.2: answer those instead")]
    path.write_text("R.1.i.a.1,4\nR.1.i.b,,angka belum sesuai\n", encoding="utf-8")
    assert _entries(path, sheet)["R.1.i.b"] == (None, "revisi", "angka belum sesuai")  # a note alone on a percentage is welcome


def test_a_csv_line_with_too_many_cells(tmp_path, sheet):
    path = tmp_path / "tpi.csv"
    path.write_text("P.1.i.a,Ya\nP.1.i.b,A,catatan,diterima,lagi\n", encoding="utf-8")
    assert _problems(path, sheet) == [(2, 1, "expected code,answer,note,verdict (all but the code may be empty)")]


# ---------------------------------------------------------------- PortalRB


def test_portalrbs_json_by_soal_id(tmp_path, sheet):
    payload = {"unit_id": "X", "nama_unit": "X", "tahun": 2026, "answers": [
        {"soal_id": 1, "jawaban_unit": "Ya", "jawaban_tpi": "Tidak", "catatan_tpi": "SK tidak ada"},
        {"soal_id": 2, "jawaban_unit": "B", "jawaban_tpi": "B", "catatan_tpi": None},
        {"soal_id": 3, "jawaban_unit": None, "jawaban_tpi": None, "catatan_tpi": None},
        {"soal_id": 88, "jawaban_unit": "4", "jawaban_tpi": 4.0},
        {"soal_id": 125, "jawaban_unit": "3.7", "jawaban_tpi": "3.5"},
    ]}  # fmt: skip
    path = tmp_path / "tpi.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    codes = {q.soal_id: q.code for q in sheet.questions if q.soal_id in (1, 2, 88, 125)}
    read = read_review_file(path, sheet, dict(UNIT))
    assert read.round is None
    assert {e.question.code: (e.value, e.status, e.note) for e in read.entries} == {
        codes[1]: ("Tidak", "revisi", "SK tidak ada"), codes[2]: ("B", "accepted", None), codes[88]: (4, "accepted", None), codes[125]: (3.5, "revisi", None),
    }  # fmt: skip


def test_portalrbs_json_refused_with_its_reason(tmp_path, sheet):
    path = tmp_path / "tpi.json"
    path.write_text('{"answers": [\n  {"soal_id": 1,}\n]}', encoding="utf-8")
    [(line, column, message)] = _problems(path, sheet)
    assert (line, column) == (2, 17) and message.startswith("not valid JSON: ")
    path.write_text('[{"soal_id": 1}]', encoding="utf-8")
    assert "expected PortalRB's shape, an object with a list 'answers'" in _error(path, sheet).message
    path.write_text('{"answers": [{"soal_id": 1, "jawaban_tpi": "Ya"}, {"soal_id": 999}]}', encoding="utf-8")
    assert f"answer 2 has soal_id 999, which is not a soal of the LKE {sheet.year}" in _error(path, sheet).message
    path.write_text('{"answers": ["soal 1"]}', encoding="utf-8")
    assert "answer 1 has soal_id None" in _error(path, sheet).message


# ---------------------------------------------------------------- which file


@pytest.mark.parametrize("name", ["tpi.pdf", "tpi.ods", "tpi"])
def test_an_evaluators_file_is_xlsx_csv_or_json(tmp_path, sheet, name):
    (tmp_path / name).write_text("P.1.i.a,Ya\n", encoding="utf-8")
    error = _error(tmp_path / name, sheet)
    assert error.exit_code == 2 and "an evaluator's file is .xlsx (the sheet zi wrote), .csv or .json (PortalRB's shape)" in error.message


def test_a_txt_is_read_as_csv_and_a_missing_file_is_said(tmp_path, sheet):
    (tmp_path / "tpi.TXT").write_text("P.1.i.a,Tidak,SK tidak ada\n", encoding="utf-8")
    assert _entries(tmp_path / "tpi.TXT", sheet) == {"P.1.i.a": ("Tidak", "revisi", "SK tidak ada")}
    error = _error(tmp_path / "gone.csv", sheet)
    assert error.exit_code == 2 and error.message == f"file not found: {tmp_path / 'gone.csv'}"
