"""lke_sheet: the answer sheet for the evaluators, as the official worksheet in Excel and PortalRB's JSON.

The workbook's rows and formulas are formats/lke_workbook's (tests/formats/test_lke_workbook.py,
recomputed by a formula engine in tests/lke/test_workbook.py); here, what lke_sheet puts in
them: the answers in force, the evaluator's of the open round, the evidence as links, the
summary's formulas, and PortalRB's jawaban-unit shape.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.errors import ZiError
from zi_plan.formats.lke_sheet import (
    SheetOptions,
    check_kategori,
    evidence_link,
    portal_value,
    portalrb_data,
    sheet_data,
    slug,
    to_portalrb,
    to_xlsx,
    unpublished,
)
from zi_plan.lke.layout import layout
from zi_plan.lke.worksheet import Worksheet, load_worksheet
from zi_plan.model.journal import EvidenceEntry, Journal
from zi_plan.model.plan import LoadedPlan, build_plan

AT = dt.datetime(2024, 5, 2, 10, tzinfo=dt.timezone(dt.timedelta(hours=9)))
SK = {"path": "LKE/P.1.i.a/sk tim.pdf", "sha256": "a" * 64, "size": 2, "name": "sk tim.pdf"}
OLD = {"path": "LKE/P.1.i.a/draf.pdf", "sha256": "b" * 64, "size": 2, "name": "draf.pdf"}
DRIVE = {"url": "https://drive.example/sk"}
BASE = "https://kpu.example/bukti/"


def _answer(code: str, value, **more) -> dict:
    return {"event": "answer", "lke": code, "value": value, "at": AT.isoformat(), "by": "Ani"} | more


def _review(code: str, round_no: int, value, status: str, note: str | None = None) -> dict:
    return {"event": "review", "lke": code, "round": round_no, "value": value, "status": status, "at": AT.isoformat(), "by": "TPI", "note": note}


def _mark(event: str, round_no: int) -> dict:
    return {"event": event, "round": round_no, "at": AT.isoformat(), "by": "Ani"}


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


@pytest.fixture
def plan() -> LoadedPlan:
    return build_plan(Path("kantor.yaml"), yaml.safe_load(MINIMAL))


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    answers = [
        _answer("P.1.i.a", "Tidak", evidence=[OLD]),
        _answer("P.1.i.a", "Ya", note="SK terbit", evidence=[SK, DRIVE]),  # supersedes the first
        _answer("P.1.i.b", "B"),
        _answer("R.1.i.a.1", 4), _answer("R.1.i.a.2", 2),  # the inputs of percentage question R.1.i.a
        _answer("H.1.a", 3.61),
        _mark("send", 1),
        _review("P.1.i.b", 1, "C", "revisi", "mekanisme belum ada"),
        _mark("close", 1),
        _review("P.1.i.a", 2, "Ya", "accepted"),
    ]  # fmt: skip
    return Journal(tmp_path / "j.yaml", tmp_path / "e", [], {}, answers=answers)


@pytest.fixture
def empty(tmp_path: Path) -> Journal:
    return Journal(tmp_path / "j.yaml", tmp_path / "e", [], {})


def test_a_link_is_itself_a_stored_file_its_published_address_or_said_to_be_unpublished():
    assert evidence_link(EvidenceEntry(**DRIVE), BASE) == ("https://drive.example/sk",) * 2
    assert evidence_link(EvidenceEntry(**SK), BASE) == ("https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf",) * 2
    assert evidence_link(EvidenceEntry(**SK), "https://kpu.example/bukti")[1] == "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf"
    assert evidence_link(EvidenceEntry(**SK), None) == ("LKE/P.1.i.a/sk tim.pdf (stored, not published: give --evidence-url)", None)


def test_unpublished_counts_the_stored_files_of_the_answers_in_force(journal, empty):
    assert unpublished(journal) == 1  # SK; the superseded answer's draft and the link do not count
    assert unpublished(empty) == 0


def test_kategori_and_afirmasi():
    assert check_kategori(" wbk-afirmasi ") == "WBK-AFIRMASI" and check_kategori("WBBM") == "WBBM"
    with pytest.raises(ZiError) as raised:
        check_kategori("WBX")
    assert raised.value.exit_code == 2 and "unknown kategori 'WBX': use WBK, WBK-AFIRMASI, WBBM, WBBM-AFIRMASI" in raised.value.message
    assert SheetOptions(kategori="WBBM-AFIRMASI").afirmasi and not SheetOptions().afirmasi


def test_sheet_data_holds_the_answers_in_force_and_the_open_rounds_reviews(journal):
    data = sheet_data(journal, SheetOptions(evidence_url=BASE))
    assert data.unit["P.1.i.a"] == ("Ya", "SK terbit", [("https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf",) * 2, ("https://drive.example/sk",) * 2])
    assert data.unit["R.1.i.a.1"] == (4, None, []) and "R.1.i.a" not in data.unit  # a percentage is computed, never answered
    # Round 1 is closed: its review of P.1.i.b is not the evaluator's column of round 2's sheet.
    assert data.tpi == {"P.1.i.a": ("Ya", None, "accepted")}


def test_sheet_data_in_indonesian_and_without_control_characters(tmp_path, indonesian):
    answers = [_answer("P.1.i.a", "Ya", note="rapat\x07 ke-2\x1b[31m"), _review("P.1.i.a", 1, "Tidak", "revisi", "SK\x0c belum"),
               _review("P.1.i.b", 1, None, "accepted")]  # fmt: skip
    data = sheet_data(Journal(tmp_path / "j", tmp_path / "e", [], {}, answers=answers), SheetOptions())
    assert data.unit["P.1.i.a"][1] == "rapat ke-2"
    assert data.tpi == {"P.1.i.a": ("Tidak", "SK belum", "revisi"), "P.1.i.b": (None, None, "diterima")}


def test_the_workbook_has_the_answer_sheet_its_summary_and_the_evidence(sheet, plan, journal):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan, journal, sheet, SheetOptions(evidence_url=BASE))))
    assert book.sheetnames == ["Jawaban", "Summary", "Evidence"]
    ws, rows = book["Jawaban"], layout(sheet).by_code
    r = rows["P.1.i.a"].row
    assert (ws[f"A{r}"].value, ws[f"K{r}"].value, ws[f"N{r}"].value) == ("P.1.i.a", "Ya", "SK terbit")
    assert ws[f"O{r}"].value == "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf\nhttps://drive.example/sk"
    assert ws[f"O{r}"].hyperlink.target == "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf"  # the first that has a link
    assert (ws[f"P{r}"].value, ws[f"T{r}"].value) == ("Ya", "accepted")
    assert ws[f"P{rows['P.1.i.b'].row}"].value is None  # round 1's review: not in round 2's sheet
    assert ws[f"K{rows['R.1.i.a.1'].row}"].value == 4 and ws[f"K{rows['R.1.i.a'].row}"].value.startswith("=IF(")
    evidence = list(book["Evidence"].iter_rows(values_only=True))
    assert evidence == [("Code", "Evidence (bukti dukung)"), ("P.1.i.a", "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf"),
                        ("P.1.i.a", "https://drive.example/sk")]  # fmt: skip
    assert book["Evidence"]["B2"].hyperlink.target == "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf"


def test_an_unpublished_file_is_said_and_has_no_link(sheet, plan, journal):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan, journal, sheet)))
    r = layout(sheet).by_code["P.1.i.a"].row
    cell = book["Jawaban"][f"O{r}"]
    assert cell.value == "LKE/P.1.i.a/sk tim.pdf (stored, not published: give --evidence-url)\nhttps://drive.example/sk"
    assert cell.hyperlink.target == "https://drive.example/sk"
    assert book["Evidence"]["B2"].hyperlink is None and book["Evidence"]["B3"].hyperlink.target == "https://drive.example/sk"


def test_the_summary_is_formulas_over_the_answer_sheet_for_both_sides(sheet, plan, journal):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan, journal, sheet)))["Summary"]
    lay = layout(sheet)
    named = lay.named
    rows = [[c.value for c in row[:3]] for row in ws.iter_rows()]
    cells = {row[0]: row[1:] for row in rows[:17] if row[0] is not None}
    assert rows[0][0] == "Kantor Contoh" and cells["LKE worksheet"][0] == sheet.year and cells["Round"] == [2, None]
    assert rows[5] == [None, "Unit", "TPI"]
    assert rows[10] == ["Total", f"='Jawaban'!L{named['total'].row}", f"='Jawaban'!Q{named['total'].row}"]  # B11, as the gates read it
    assert cells["Pengungkit"] == [f"='Jawaban'!L{named['pengungkit'].row}", f"='Jawaban'!Q{named['pengungkit'].row}"]
    area = sheet.areas[0]
    p, r = named["area:pemenuhan:1"].row, named["area:reform:1"].row
    assert rows[11] == [f"1. {area.name} (%)", f"=(SUM('Jawaban'!L{p})+SUM('Jawaban'!L{r}))/{area.weight:g}*100",
                        f"=(SUM('Jawaban'!Q{p})+SUM('Jawaban'!Q{r}))/{area.weight:g}*100"]  # fmt: skip
    # Each predicate: met when none of its gates is not met; each gate rounded to two decimals as zi_plan.lke.score does.
    for predicate, gates in sheet.gates.items():
        head = next(i for i, row in enumerate(rows) if row[0] == predicate)
        checks = rows[head + 1 : head + 1 + sum(len(sheet.areas) if g.measure == "area_pct" else 1 for g in gates)]
        assert rows[head][1] == f'=IF(COUNTIF(B{head + 2}:B{head + 1 + len(checks)},"not met")=0,"met","not met")'
        assert rows[head + 1 + len(checks)] == [None, None, None]
        assert all(row[1].startswith("=IF(ROUND(SUM(") and row[1].endswith(',"met","not met")') for row in checks)
        total = gates[0]
        assert total.measure == "total" and checks[0] == [f"Total score ≥ {total.min:g}", f'=IF(ROUND(SUM(B11),2)>={total.min:g},"met","not met")',
                                                           f'=IF(ROUND(SUM(C11),2)>={total.min:g},"met","not met")']  # fmt: skip
    ipak = next(row for row in rows if str(row[0]).startswith("IPAK ≥"))
    assert ipak[1] == f'=IF(ROUND(SUM(SUM(\'Jawaban\'!L{lay.by_code["H.1.a"].row})),2)>=15.75,"met","not met")'
    area_gate = next(row for row in rows if row[0] == "Area 1 ≥ 60 %")
    assert area_gate[1:] == ['=IF(ROUND(SUM(B12),2)>=60,"met","not met")', '=IF(ROUND(SUM(C12),2)>=60,"met","not met")']
    assert rows[-1][0] == f"LKE {sheet.year}: every value is a formula over sheet Jawaban; a changed answer recomputes"


def test_the_workbook_in_indonesian(sheet, plan, journal, indonesian):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(plan, journal, sheet)))
    assert book.sheetnames == ["Jawaban", "Ringkasan", "Bukti dukung"]  # 'Jawaban' in both: the import looks for it
    summary = {row[0].value: row[1].value for row in book["Ringkasan"].iter_rows() if row[0].value is not None}
    assert summary["Putaran"] == 2  # what zi lke review import reads back
    assert book["Jawaban"][f"T{layout(sheet).by_code['P.1.i.a'].row}"].value == "diterima"


@pytest.mark.parametrize(("value", "expected"), [(None, None), ("Ya", "Ya"), (4, "4"), (3.61, "3.61"), (4.0, "4"), (0, "0")])
def test_portal_value_is_text_or_null(sheet, value, expected):
    assert portal_value(sheet.by_code["H.1.a"], value) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Komisi Pemilihan Umum Kabupaten Tambrauw", "KPU-KABUPATEN-TAMBRAUW"), ("Kantor Contoh", "KANTOR-CONTOH"),
    ("  Badan Pusat Statistik (BPS) — Kota Sorong ", "BADAN-PUSAT-STATISTIK-BPS-KOTA-SORONG"), ("—", "UNIT"), ("x" * 80, "X" * 60),
])  # fmt: skip
def test_slug_makes_a_unit_id(name, expected):
    assert slug(name) == expected


def test_portalrb_is_every_soal_with_the_unit_and_the_latest_tpi_answer(sheet, plan, journal):
    data = portalrb_data(plan, journal, sheet, SheetOptions(evidence_url=BASE, kategori="WBK-AFIRMASI"))
    assert {k: v for k, v in data.items() if k != "answers"} == {"unit_id": "KANTOR-CONTOH", "nama_unit": "Kantor Contoh", "tahun": sheet.year,
                                                                 "kategori": "WBK-AFIRMASI", "afirmasi": True}  # fmt: skip
    soal = sorted(q.soal_id for q in sheet.questions if q.soal_id is not None)
    assert [a["soal_id"] for a in data["answers"]] == soal and len(soal) == 127
    by_code = {q.code: a for q in sheet.questions for a in data["answers"] if a["soal_id"] == q.soal_id}
    assert by_code["P.1.i.a"] == {"soal_id": 1, "jawaban_unit": "Ya", "jawaban_tpi": "Ya", "catatan_unit": "SK terbit", "catatan_tpi": None,
                                  "bukti_dukung_unit": "https://kpu.example/bukti/LKE/P.1.i.a/sk%20tim.pdf;https://drive.example/sk"}  # fmt: skip
    # PortalRB keeps the evaluator's latest answer, whatever its round.
    assert (by_code["P.1.i.b"]["jawaban_tpi"], by_code["P.1.i.b"]["catatan_tpi"]) == ("C", "mekanisme belum ada")
    assert by_code["R.1.i.a.1"]["jawaban_unit"] == "4" and by_code["H.1.a"]["jawaban_unit"] == "3.61"
    assert "R.1.i.a" not in by_code  # a percentage has no soal: PortalRB takes its inputs
    assert by_code["P.1.ii.a"] == {"soal_id": by_code["P.1.ii.a"]["soal_id"], "jawaban_unit": None, "jawaban_tpi": None,
                                   "catatan_unit": None, "catatan_tpi": None, "bukti_dukung_unit": None}  # fmt: skip


def test_nothing_answered_is_every_soal_empty(sheet, plan, empty):
    data = json.loads(to_portalrb(plan, empty, sheet, SheetOptions(unit_id="UNIT-007")))
    assert data["unit_id"] == "UNIT-007" and data["kategori"] == "WBK" and data["afirmasi"] is False
    assert len(data["answers"]) == 127 and all(v is None for a in data["answers"] for k, v in a.items() if k != "soal_id")


def test_the_portalrb_file_is_utf8_json_with_a_newline(sheet, plan, tmp_path):
    journal = Journal(tmp_path / "j", tmp_path / "e", [], {}, answers=[_answer("P.1.i.a", "Ya", note="rapat—ke 2")])
    raw = to_portalrb(plan, journal, sheet)
    assert raw.endswith(b"}\n") and "rapat—ke 2".encode() in raw  # written as is, not \u-escaped
    assert json.loads(raw) == portalrb_data(plan, journal, sheet)
