"""The evaluators' round end to end: the unit answers, the sheet goes out, the TPI fills it in (with
openpyxl, as an evaluator would in Excel), import, compare, revisi to-dos in `zi due`, answer again, close."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
import yaml

from tests.conftest import PLAN, REPO
from zi_plan.lke.layout import layout
from zi_plan.lke.worksheet import load_worksheet

RELEASE_2 = REPO / "tests" / "fixtures" / "release-2"


@pytest.fixture
def office(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "sk.pdf").write_bytes(b"SK tim")
    return plan


def _row(code: str) -> int:
    return layout(load_worksheet()).by_code[code].row


def _answer(zi, *args):
    result = zi("lke", "answer", *args, "--by", "Koordinator")
    assert result.code == 0, result.err
    return result


def _tpi_fills(sheet_path, out_path):
    """What an evaluator does in Excel: the TPI columns of some rows, the rest left alone."""
    book = openpyxl.load_workbook(sheet_path)
    ws = book["Jawaban"]
    ws[f"P{_row('P.1.i.a')}"], ws[f"T{_row('P.1.i.a')}"] = "Ya", "diterima"
    ws[f"P{_row('P.1.i.b')}"], ws[f"S{_row('P.1.i.b')}"] = "C", "Mekanisme pemilihan belum ditetapkan"
    ws[f"P{_row('P.2.i.a')}"], ws[f"S{_row('P.2.i.a')}"] = "B", "SOP belum mengacu peta proses bisnis"
    ws[f"P{_row('R.1.i.a.1')}"], ws[f"P{_row('R.1.i.a.2')}"] = 4, 1
    ws[f"P{_row('H.1.a')}"] = 3.5
    book.save(out_path)


def test_a_whole_round(zi, office, tmp_path):
    _answer(zi, "P.1.i.a", "Ya", "-e", "sk.pdf", "--note", "SK 12/2023")
    (tmp_path / "a.csv").write_text("P.1.i.b,B,sebagian\nP.2.i.a,A\nR.1.i.a.1,4\nR.1.i.a.2,2\nH.1.a,3.7\n", encoding="utf-8")
    _answer(zi, "--file", "a.csv")
    assert "draft 6" in zi("lke", "review", "status").out
    assert zi("lke", "review", "send", "--by", "Koordinator").code == 0
    assert "sent 6" in zi("lke", "review", "status").out
    assert zi("lke", "sheet", "-o", "lke.xlsx").code == 0
    _tpi_fills(tmp_path / "lke.xlsx", tmp_path / "lke-tpi.xlsx")
    unit_before = json.loads(zi("lke", "score", "--json").out)

    imported = zi("lke", "review", "import", "lke-tpi.xlsx", "--reviewer", "TPI Inspektorat")
    assert imported.code == 0, imported.err
    assert "round 1: 6 reviews by TPI Inspektorat recorded" in imported.out and "2 accepted, 4 revisi" in imported.out
    assert json.loads(zi("lke", "score", "--json").out) == unit_before  # the unit's answers are never touched
    journal = yaml.safe_load((office.parent / "tambrauw-2023.progress.yaml").read_text(encoding="utf-8"))
    reviews = [r for r in journal["records"] if r["event"] == "review"]
    assert {r["by"] for r in reviews} == {"TPI Inspektorat"} and {r["round"] for r in reviews} == {1}
    assert next(r for r in reviews if r["lke"] == "P.1.i.b") | {"at": None} == {
        "event": "review", "lke": "P.1.i.b", "round": 1, "value": "C", "status": "revisi", "at": None, "by": "TPI Inspektorat",
        "note": "Mekanisme pemilihan belum ditetapkan", "file": "lke-tpi.xlsx"}  # fmt: skip

    tpi = json.loads(zi("lke", "score", "--tpi", "--json").out)
    assert tpi["questions"]["P.1.i.b"]["value"] == 0 and tpi["questions"]["R.1.i.a"]["value"] == 0.25
    compared = zi("lke", "score", "--compare")
    assert compared.code == 0
    lines = [line.split()[0] for line in compared.out.split("the most points first")[1].splitlines() if line.strip()[:2] in ("H.", "R.", "P.")]
    assert lines == ["H.1.a", "R.1.i.a", "P.2.i.a", "P.1.i.b"]  # most points first
    data = json.loads(zi("lke", "score", "--compare", "--json").out)
    assert data["differences"][0] == {"code": "H.1.a", "unit": 3.7, "tpi": 3.5, "points": -0.875, "note_tpi": None}

    due = zi("due", "--month", "4")
    todo = due.out.split("LKE revisi")[1]
    assert "P.1.i.b" in todo and "Tim Manajemen Perubahan" in todo and "Mekanisme pemilihan" in todo
    assert "P.2.i.a" in todo and "Tim Penguatan Tata Laksana" in todo and "P.1.i.a" not in todo
    assert {r["lke"] for r in json.loads(zi("due", "--month", "4", "--json").out)["revisi"]} == {"P.1.i.b", "P.2.i.a", "R.1.i.a.2", "H.1.a"}
    mine = json.loads(zi("due", "--month", "4", "--team", "tata-laksana", "--json").out)["revisi"]
    assert [r["lke"] for r in mine] == ["P.2.i.a"]

    _answer(zi, "P.1.i.b", "A", "--note", "SK mekanisme terbit")
    assert "P.1.i.b" not in zi("due", "--month", "4").out.split("LKE revisi")[1]
    status = json.loads(zi("lke", "review", "status", "--json").out)
    assert {q["code"]: q["state"] for q in status["questions"]}["P.1.i.b"] == "answered_again"

    closed = zi("lke", "review", "close", "--by", "Koordinator")
    assert "round 1 closed: 2 accepted, 3 revisi; round 2 is open" in closed.out
    again = zi("lke", "review", "import", "lke-tpi.xlsx", "--reviewer", "TPI Inspektorat")
    assert again.code == 1 and "written for round 1, and the open round is 2" in again.err  # a closed round is never edited
    assert json.loads(zi("lke", "review", "status", "--json").out)["round"] == 2
    assert zi("lke", "sheet", "-o", "round2.xlsx").code == 0
    book = openpyxl.load_workbook(tmp_path / "round2.xlsx")
    assert book["Jawaban"][f"P{_row('P.1.i.b')}"].value is None  # a new round's TPI columns are empty
    (tmp_path / "r2.csv").write_text("kode;jawaban;catatan;putusan\nP.1.i.b;A;;diterima\n", encoding="utf-8")
    assert zi("lke", "review", "import", "r2.csv", "--reviewer", "TPI").code == 0
    final = {q["code"]: (q["state"], q["round"]) for q in json.loads(zi("lke", "review", "status", "--json").out)["questions"]}
    assert final["P.1.i.b"] == ("accepted", 2) and final["P.2.i.a"] == ("revisi", 1)


def test_review_import_from_portalrb_json_and_bad_rows(zi, office, tmp_path):
    _answer(zi, "P.1.i.a", "Ya")
    payload = {"unit_id": "X", "nama_unit": "X", "tahun": 2026, "answers": [
        {"soal_id": 1, "jawaban_unit": "Ya", "jawaban_tpi": "Tidak", "catatan_unit": None, "bukti_dukung_unit": None, "catatan_tpi": "SK tidak ada"}]}  # fmt: skip
    (tmp_path / "tpi.json").write_text(json.dumps(payload), encoding="utf-8")
    assert zi("lke", "review", "import", "tpi.json", "--reviewer", "TPI").code == 0
    assert json.loads(zi("lke", "review", "status", "--json").out)["questions"][0]["state"] == "revisi"
    (tmp_path / "bad.csv").write_text("P.1.i.a,Z\nP.9.z,Ya\nP.1.i.b,A,,maybe\n", encoding="utf-8")
    bad = zi("lke", "review", "import", "bad.csv", "--reviewer", "TPI")
    assert bad.code == 1
    assert "bad.csv:1:1: 'Z' is not an answer to P.1.i.a" in bad.err and "bad.csv:2:1:" in bad.err and "'maybe' is not a verdict" in bad.err
    assert len([r for r in yaml.safe_load((office.parent / "tambrauw-2023.progress.yaml").read_text())["records"] if r["event"] == "review"]) == 1


def test_a_journal_of_the_previous_release_reads_and_moves_to_3(zi, office, tmp_path):
    shutil.copy(RELEASE_2 / "tambrauw-2023.progress.yaml", office.parent)
    shutil.copytree(RELEASE_2 / "tambrauw-2023.evidence", office.parent / "tambrauw-2023.evidence")
    journal = office.parent / "tambrauw-2023.progress.yaml"
    before = journal.read_text(encoding="utf-8")
    score = json.loads(zi("lke", "score", "--json").out)
    assert score["questions"]["P.1.i.b"]["value"] == 1 and score["questions"]["R.1.i.a"]["value"] == 0.8
    assert zi("verify").code == 0 and journal.read_text(encoding="utf-8") == before  # reading never rewrites
    assert zi("lke", "review", "send", "--by", "A").code == 0
    after = journal.read_text(encoding="utf-8")
    assert "journal: 3" in after and "journal: 2" not in after and "Format 2 until" in after
    assert after.split("records:\n", 1)[1].startswith(before.split("records:\n", 1)[1])  # every record as it was
    assert zi("verify").code == 0 and json.loads(zi("lke", "score", "--json").out) == score


def test_answering_again_keeps_the_evidence_unless_replaced_or_withdrawn(zi, office, tmp_path):
    (tmp_path / "b.pdf").write_bytes(b"second")
    _answer(zi, "P.1.i.a", "Tidak", "-e", "sk.pdf")
    _answer(zi, "P.1.i.a", "Ya")
    evidence = lambda: [r for r in yaml.safe_load((office.parent / "tambrauw-2023.progress.yaml").read_text())["records"]][-1].get("evidence", [])  # noqa: E731
    assert [e["name"] for e in evidence()] == ["sk.pdf"]
    _answer(zi, "P.1.i.a", "Ya", "-e", "b.pdf")
    assert [e["name"] for e in evidence()] == ["sk.pdf", "b.pdf"]
    _answer(zi, "P.1.i.a", "Ya", "-e", "sk.pdf", "--replace-evidence")
    assert [e["name"] for e in evidence()] == ["sk.pdf"]
    _answer(zi, "P.1.i.a", "Ya", "--withdraw-evidence")
    assert evidence() == []
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--replace-evidence").code == 2
