"""`zi lke sheet`: the Excel answer sheet and the PortalRB JSON."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from tests.conftest import PLAN
from zi_plan.lke.worksheet import load_worksheet


@pytest.fixture
def answered(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "sk.pdf").write_bytes(b"sk")
    answers = tmp_path / "a.csv"
    answers.write_text("P.1.i.b,B,sebagian\nR.1.i.a.1,4\nR.1.i.a.2,2\nH.1.a,3.7\n", encoding="utf-8")
    assert zi("lke", "answer", "P.1.i.a", "Ya", "-e", "sk.pdf", "-e", "https://drive.example/sk", "--note", "=SUM(A1)", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "--file", str(answers), "--plan", str(plan), "--by", "A").code == 0
    return plan


def test_xlsx_has_one_row_per_question_in_worksheet_order(zi, answered, tmp_path):
    result = zi("lke", "sheet", "--format", "xlsx", "-o", str(tmp_path / "lke.xlsx"), "--plan", str(answered))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(tmp_path / "lke.xlsx")
    rows = list(book["LKE"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [q.code for q in load_worksheet().questions]
    first = rows[0]
    assert first[5] == "Ya" and first[6] == 1 and first[7] == "=SUM(A1)"
    assert book["LKE"]["H2"].data_type == "s"  # a note is text, never a formula
    assert "LKE/P.1.i.a/sk.pdf" in first[8] and "https://drive.example/sk" in first[8]
    r1ia = next(r for r in rows if r[0] == "R.1.i.a")
    assert r1ia[5] is None and r1ia[6] == 0.5  # computed from its inputs, 2 / 4
    summary = {r[0]: r for r in book.worksheets[1].iter_rows(values_only=True) if r and r[0]}
    # answered: P.1.i = (1 + 0.5)/2 × 0.5 = 0.375; R.1.i = 0.5 × 2 = 1; hasil 3.7/4 × 17.5 = 16.1875
    assert summary["Pemenuhan"][1] == pytest.approx(0.38, abs=0.005)
    assert summary["Hasil"][1] == pytest.approx(16.19)


def test_portalrb_has_one_entry_per_answered_soal_id(zi, answered, tmp_path):
    result = zi("lke", "sheet", "--format", "portalrb", "-o", "-", "--plan", str(answered))
    assert result.code == 0
    data = json.loads(result.out)
    sheet = load_worksheet()
    expected = {str(sheet.by_code[c].soal_id) for c in ("P.1.i.a", "P.1.i.b", "R.1.i.a.1", "R.1.i.a.2", "H.1.a")}
    assert set(data["answers"]) == expected
    assert data["answers"]["1"]["answer"] == "Ya" and data["answers"]["125"]["answer"] == 3.7


def test_unknown_format(zi):
    result = zi("lke", "sheet", "--format", "pdf")
    assert result.code == 2 and "xlsx or portalrb" in result.err


INTERNAL = ("birokrasi_bersih", "capaian_kinerja", "ipkp", "ipak", "area:", "ya_tidak", "abc", "persen", "jumlah", "nilai_0_4")


@pytest.mark.parametrize(("lang", "words"), [("en", ("Yes/No (Ya/Tidak)", "Percentage", "Count", "Index 0–4", "Area 1")),
                                             ("id", ("Ya/Tidak", "Persentase", "Jumlah", "Indeks 0–4", "Area 1"))])  # fmt: skip
def test_people_read_words_not_internal_ids(zi, answered, tmp_path, lang, words):
    result = zi("--lang", lang, "lke", "sheet", "--format", "xlsx", "-o", str(tmp_path / "lke.xlsx"), "--plan", str(answered))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(tmp_path / "lke.xlsx")
    types = {r[3] for r in book["LKE"].iter_rows(min_row=2, values_only=True)}
    summary = " ".join(str(v) for r in book.worksheets[1].iter_rows(values_only=True) for v in r if v is not None)
    assert "A/B/C" in types and not types & set(INTERNAL)
    assert not [w for w in INTERNAL if w in summary]
    assert all(any(w in t for t in types) for w in words[:4]) and words[4] in summary
    score = zi("--lang", lang, "lke", "score", "--plan", str(answered))
    assert score.code == 0 and "Birokrasi bersih" in score.out
    assert not [w for w in ("birokrasi_bersih", "capaian_kinerja", "ipkp ", "area:") if w in score.out]


def test_a_control_character_in_a_note_does_not_break_the_workbook(zi, answered, tmp_path):
    # A note pasted from elsewhere may carry a control character, which the xlsx format refuses.
    assert zi("lke", "answer", "P.1.ii.a", "Ya", "--note", "rapat\x07 ke-2", "--plan", str(answered), "--by", "A").code == 0
    result = zi("lke", "sheet", "--format", "xlsx", "-o", str(tmp_path / "lke.xlsx"), "--plan", str(answered))
    assert result.code == 0, result.err
    rows = {r[0]: r for r in openpyxl.load_workbook(tmp_path / "lke.xlsx")["LKE"].iter_rows(min_row=2, values_only=True)}
    assert rows["P.1.ii.a"][7] == "rapat ke-2"  # the control character removed, as in every document
