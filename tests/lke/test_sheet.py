"""`zi lke sheet`: PortalRB's jawaban-unit shape, checked against the JSON Schema written from the API guide;
words, not internal ids, in the workbook. (The workbook's rows and formulas: test_workbook.py.)"""

from __future__ import annotations

import json
import shutil

import jsonschema
import openpyxl
import pytest

from tests.conftest import PLAN, REPO
from zi_plan.lke.layout import layout
from zi_plan.lke.worksheet import load_worksheet

SCHEMA = json.loads((REPO / "schema" / "portalrb-jawaban-unit.schema.json").read_text(encoding="utf-8"))


@pytest.fixture
def answered(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "sk.pdf").write_bytes(b"sk")
    answers = tmp_path / "a.csv"
    answers.write_text("P.1.i.b,B,sebagian\nR.1.i.a.1,4\nR.1.i.a.2,2\nH.1.a,3.7\n", encoding="utf-8")
    assert zi("lke", "answer", "P.1.i.a", "Ya", "-e", "sk.pdf", "-e", "https://drive.example/sk", "--note", "SK 12", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "--file", str(answers), "--plan", str(plan), "--by", "A").code == 0
    return plan


def test_portalrb_is_the_jawaban_unit_response(zi, answered):
    result = zi("lke", "sheet", "--format", "portalrb", "-o", "-", "--plan", str(answered), "--kategori", "wbk-afirmasi",
                "--evidence-url", "https://kpu-tambrauw.example/bukti")  # fmt: skip
    assert result.code == 0, result.err
    data = json.loads(result.out)
    jsonschema.validate(data, SCHEMA)
    assert (data["unit_id"], data["nama_unit"], data["tahun"]) == ("KPU-KABUPATEN-TAMBRAUW", "Komisi Pemilihan Umum Kabupaten Tambrauw", 2026)
    assert data["kategori"] == "WBK-AFIRMASI" and data["afirmasi"] is True
    answers = data["answers"]
    assert [a["soal_id"] for a in answers] == sorted(q.soal_id for q in load_worksheet().questions if q.soal_id) and len(answers) == 127
    first = answers[0]
    assert first == {"soal_id": 1, "jawaban_unit": "Ya", "jawaban_tpi": None, "catatan_unit": "SK 12",
                     "bukti_dukung_unit": "https://kpu-tambrauw.example/bukti/LKE/P.1.i.a/sk.pdf;https://drive.example/sk", "catatan_tpi": None}  # fmt: skip
    by_id = {a["soal_id"]: a for a in answers}
    assert by_id[125]["jawaban_unit"] == "3.7" and by_id[88]["jawaban_unit"] == "4" and by_id[3]["jawaban_unit"] is None


def test_portalrb_says_when_a_stored_file_is_not_published(zi, answered):
    result = zi("lke", "sheet", "--format", "portalrb", "-o", "-", "--plan", str(answered), "--unit-id", "UNIT-007")
    data = json.loads(result.out)
    jsonschema.validate(data, SCHEMA)
    assert data["unit_id"] == "UNIT-007" and data["kategori"] == "WBK" and data["afirmasi"] is False
    assert data["answers"][0]["bukti_dukung_unit"] == "LKE/P.1.i.a/sk.pdf (stored, not published: give --evidence-url);https://drive.example/sk"
    assert "1 stored evidence files have no web address" in result.err


def test_schema_refuses_what_portalrb_would_not_take():
    good = {"unit_id": "U", "nama_unit": "N", "tahun": 2026, "answers": [{"soal_id": 1, "jawaban_unit": "A"}]}
    jsonschema.validate(good, SCHEMA)
    for bad in ({**good, "answers": [{"soal_id": "1", "jawaban_unit": "A"}]}, {**good, "answers": [{"soal_id": 1, "jawaban_unit": 3.7}]},
                {k: v for k, v in good.items() if k != "tahun"}, {**good, "kategori": "WBX"}):  # fmt: skip
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMA)


def test_unknown_format_and_kategori(zi):
    result = zi("lke", "sheet", "--format", "pdf")
    assert result.code == 2 and "xlsx or portalrb" in result.err
    result = zi("lke", "sheet", "--format", "portalrb", "--kategori", "WBX", "--plan", str(PLAN))
    assert result.code == 2 and "WBK, WBK-AFIRMASI, WBBM, WBBM-AFIRMASI" in result.err


INTERNAL = ("birokrasi_bersih", "capaian_kinerja", "ipkp", "ipak", "area:", "ya_tidak", "abcd", "persen", "jumlah", "nilai_0_4")


@pytest.mark.parametrize(("lang", "words"), [("en", ("Area 1", "Birokrasi bersih", "met")), ("id", ("Area 1", "Birokrasi bersih", "memenuhi"))])
def test_people_read_words_not_internal_ids(zi, answered, tmp_path, lang, words):
    result = zi("--lang", lang, "lke", "sheet", "--format", "xlsx", "-o", str(tmp_path / "lke.xlsx"), "--plan", str(answered))
    assert result.code == 0, result.err
    book = openpyxl.load_workbook(tmp_path / "lke.xlsx")
    choices = {r[0] for r in book["Jawaban"].iter_rows(min_row=2, min_col=10, max_col=10, values_only=True)} - {None}
    assert choices == {"Ya/Tidak", "A/B/C", "A/B/C/D", "A/B/C/D/E", "%", "Jumlah", "Nilai (0-4)"}  # Pilihan Jawaban as the official sheet
    summary = " ".join(str(v) for r in book.worksheets[1].iter_rows(values_only=True) for v in r if v is not None)
    assert not [w for w in INTERNAL if w in summary]
    assert all(w in summary for w in words)
    score = zi("--lang", lang, "lke", "score", "--plan", str(answered))
    assert score.code == 0 and "Birokrasi bersih" in score.out
    assert not [w for w in ("birokrasi_bersih", "capaian_kinerja", "ipkp ", "area:") if w in score.out]
    if lang == "id":
        assert "gagal" not in score.out and "belum memenuhi" in score.out and "16,19" in score.out


def test_a_control_character_in_a_note_does_not_break_the_workbook(zi, answered, tmp_path):
    # A note pasted from elsewhere may carry a control character, which the xlsx format refuses.
    assert zi("lke", "answer", "P.1.ii.a", "Ya", "--note", "rapat\x07 ke-2", "--plan", str(answered), "--by", "A").code == 0
    result = zi("lke", "sheet", "--format", "xlsx", "-o", str(tmp_path / "lke.xlsx"), "--plan", str(answered))
    assert result.code == 0, result.err
    ws = openpyxl.load_workbook(tmp_path / "lke.xlsx")["Jawaban"]
    row = layout(load_worksheet()).by_code["P.1.ii.a"].row
    assert ws[f"A{row}"].value == "P.1.ii.a" and ws[f"K{row}"].value == "Ya"
    assert ws[f"N{row}"].value == "rapat ke-2"  # the unit's note (column N): the control character removed, as in every document
