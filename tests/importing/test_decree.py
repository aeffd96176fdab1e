"""`zi import` of a Word decree reads the decree's body too (issue 26), when the document has one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import tables
from tests.conftest import PLAN
from zi_plan.importing.decree import read_body
from zi_plan.schema.decree import text_of
from zi_plan.store.plans import load_plan

TAMBRAUW = text_of(load_plan(PLAN).decree)
ARGS = ("--institution", "Komisi Pemilihan Umum Kabupaten Tambrauw", "--year", "2023")


def _layout_table(document, rows: list[list[str]]) -> None:
    """Menimbang and Mengingat as offices lay them out: a borderless table, name | : | mark | text."""
    table = document.add_table(rows=len(rows), cols=4)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def decree_docx(path: Path, *, layout_table: bool = True, electronic: bool = False) -> Path:
    """The Tambrauw decree as a Word document: its body from the plan, then the Lampiran's table."""
    import docx

    document = docx.Document()
    for line in ("KOMISI PEMILIHAN UMUM", "KABUPATEN TAMBRAUW", "", "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW",
                 "NOMOR 439 TAHUN 2023", "TENTANG", "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS", "DI LINGKUNGAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW",
                 "TAHUN 2023", "", "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW,"):  # fmt: skip
        document.add_paragraph(line)
    considering = [("Menimbang" if n == 0 else "", ":" if n == 0 else "", f"{'ab'[n]}.", text) for n, text in enumerate(TAMBRAUW.considering)]
    observing = [("Mengingat" if n == 0 else "", ":" if n == 0 else "", f"{n + 1}.", text) for n, text in enumerate(TAMBRAUW.observing)]
    if layout_table:
        _layout_table(document, [list(row) for row in considering + observing])
    else:  # typed as paragraphs, an entry's text running over two lines
        for name, colon, mark, text in considering + observing:
            head, _space, tail = text.partition(" dan ") if " dan " in text else text.partition(" ")
            document.add_paragraph(f"{name} {colon} {mark} {head}".strip())
            document.add_paragraph(("dan " if " dan " in text else "") + tail)
    document.add_paragraph("MEMUTUSKAN:")
    document.add_paragraph(f"Menetapkan : {TAMBRAUW.enacts}")
    for dictum in TAMBRAUW.dicta:
        document.add_paragraph(f"{dictum.label} : {dictum.text}")
    signature = ["Ditandatangani secara elektronik", "https://tte.kpu.go.id/verify/439"] if electronic else ["ttd."]
    for line in ("Ditetapkan di Fef", "Pada tanggal 15 April 2023", "KETUA KOMISI PEMILIHAN UMUM", "KABUPATEN TAMBRAUW,", *signature,
                 "ABRAHAM YOSIAS IMBIRI", "", "Salinan sesuai dengan aslinya", "SEKRETARIAT KOMISI PEMILIHAN UMUM", "KABUPATEN TAMBRAUW",
                 "Kepala Sub Bagian Hukum dan SDM,", "", "Yulius Tabate"):  # fmt: skip
        document.add_paragraph(line)
    document.add_page_break()
    document.add_paragraph("LAMPIRAN I")
    document.add_paragraph("KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW")
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB"]
    rows = [header, ["I. Manajemen Perubahan"] * 7, ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "April", "Tim Manajemen Perubahan"]]
    table = document.add_table(rows=len(rows), cols=7)
    for r, row in enumerate(rows):
        if len(set(row)) == 1:
            table.cell(r, 0).merge(table.cell(r, 6)).text = row[0]
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(path)
    return path


@pytest.mark.parametrize("layout_table", [True, False], ids=["layout-table", "paragraphs"])
def test_import_reads_the_decree_body_from_word(zi, tmp_path, layout_table):
    source = decree_docx(tmp_path / "keputusan.docx", layout_table=layout_table)
    out = tmp_path / "plans" / "tambrauw.yaml"
    out.parent.mkdir()
    result = zi("import", str(source), *ARGS, "-o", str(out))
    assert result.code == 0, result.err
    plan = load_plan(out)
    body = text_of(plan.decree)
    assert body.issuer == "KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW" and body.kind == TAMBRAUW.kind and body.about == TAMBRAUW.about
    assert body.considering == TAMBRAUW.considering and body.observing == TAMBRAUW.observing
    assert body.enacts == TAMBRAUW.enacts and body.dicta == TAMBRAUW.dicta and body.appendix == "LAMPIRAN I"
    assert body.signature == "ttd" and body.certified_copy == TAMBRAUW.certified_copy
    assert (body.nip, body.copies_to, body.noting) == (None, (), ())  # the document has none: none is made up
    decree = plan.decree
    assert (decree.number, decree.date, decree.place, decree.signatory) == ("439 Tahun 2023", dt.date(2023, 4, 15), "Fef", "Abraham Yosias Imbiri")
    assert decree.position == "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW"
    assert len(plan.actions) == 1  # and the table, as before
    text = out.read_text(encoding="utf-8")
    assert "body was read from the document" in text and "# issuer:" not in text
    check = zi("validate", str(out))
    assert check.code == 0 and "warning" not in check.out, check.out


def test_an_electronic_signature_and_its_link_are_read(zi, tmp_path):
    source = decree_docx(tmp_path / "keputusan.docx", electronic=True)
    out = tmp_path / "t.yaml"
    assert zi("import", str(source), *ARGS, "-o", str(out)).code == 0
    body = text_of(load_plan(out).decree)
    assert body.signature == "electronic" and body.verification_url == "https://tte.kpu.go.id/verify/439"


def test_a_word_table_without_a_body_gets_the_parts_to_fill_in(zi, tmp_path):
    out = tmp_path / "plan.yaml"
    assert zi("import", str(tables.word_docx(tmp_path / "lampiran.docx")), "--institution", "Kantor Contoh", "--year", "2024", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert load_plan(out).decree.body is None and "  # issuer: ..." in text and "place: ...  # " in text


def test_options_win_over_the_document_and_a_date_of_another_year_is_left_to_fill(zi, tmp_path):
    source = decree_docx(tmp_path / "keputusan.docx")
    out = tmp_path / "t.yaml"
    assert zi("import", str(source), "--institution", "X", "--year", "2024", "--decree-number", "5 Tahun 2024", "-o", str(out)).code == 0
    plan = load_plan(out)
    assert plan.decree.number == "5 Tahun 2024" and plan.decree.date == dt.date(2024, 1, 1)
    assert "not in 2024" in out.read_text(encoding="utf-8")


def test_lines_without_menimbang_are_no_body():
    assert read_body(["LAMPIRAN", "KEPUTUSAN KEPALA KANTOR", "NOMOR 1 TAHUN 2024"]).body == {}


def test_tembusan_and_a_nip_are_read():
    lines = ["KEPUTUSAN KEPALA KANTOR CONTOH", "NOMOR 7 TAHUN 2024", "TENTANG", "RENCANA AKSI", "KEPALA KANTOR CONTOH,",
             "Menimbang : a. bahwa perlu;", "Mengingat : 1. Undang-Undang;", "MEMUTUSKAN:", "Menetapkan : KEPUTUSAN",
             "KESATU : Menetapkan.", "Ditetapkan di Sorong", "pada tanggal 2 Mei 2024", "KEPALA KANTOR CONTOH,", "",
             "BUDI SANTOSO", "NIP 19800101 200501 1 001", "Tembusan:", "1. Inspektorat;", "2. Arsip."]  # fmt: skip
    found = read_body([line for line in lines if line])
    assert found.body["nip"] == "19800101 200501 1 001" and found.body["copies_to"] == ["Inspektorat;", "Arsip."]
    assert (found.signatory, found.position, found.date, found.place) == ("Budi Santoso", "KEPALA KANTOR CONTOH", dt.date(2024, 5, 2), "Sorong")
    assert "issuer" not in found.body and found.body["kind"] == "KEPUTUSAN KEPALA KANTOR CONTOH"
