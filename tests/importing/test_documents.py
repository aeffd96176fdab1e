"""importing.documents: Word and PDF tables as grids, merged cells filled, pages kept apart for joining."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import tables
from zi_plan.errors import InvalidFile
from zi_plan.importing.documents import _unwrap, read_docx, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_a_word_table_over_two_pages_with_its_title_and_merged_cells(tmp_path):
    path = tables.word_docx(tmp_path / "lampiran.docx")
    first, second = read_docx(path, path.read_bytes())
    assert (first.label, second.label) == (f"{path}[table 1]", f"{path}[table 2]")
    assert first.titles == ["LAMPIRAN KEPUTUSAN KEPALA KANTOR CONTOH"] and second.titles == []
    assert first.rows[0][:3] == ["NO", "KOMPONEN", "INDIKATOR"] and second.rows[0] == first.rows[0]
    title = first.rows[1]
    assert set(title) == {"I. Manajemen Perubahan"} and {(1, c) for c in range(1, 7)} <= first.copied
    assert first.cell(3, 0) == "1" and (3, 0) in first.copied and (2, 0) not in first.copied  # NO merged over two rows
    assert first.cell(2, 3) == "a. Menyusun SK\nb. Menetapkan SK"


def test_a_word_document_without_a_table(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Rencana aksi menyusul.")
    document.save(tmp_path / "kosong.docx")
    with pytest.raises(InvalidFile) as caught:
        read_docx(tmp_path / "kosong.docx", (tmp_path / "kosong.docx").read_bytes())
    assert caught.value.problems[0].message == "the document has no table; the plan must be a table in it"


def test_a_pdf_printed_by_zi_publish_gives_a_grid_per_page_table():
    path = FIXTURES / "published-plan.pdf"
    grids = read_pdf(path, path.read_bytes())
    assert grids and all(g.label.startswith(f"{path}[page ") for g in grids)
    assert grids[0].origins[0] == (grids[0].label, 1)
    assert any("KOMPONEN" in " ".join(row).upper() for g in grids for row in g.rows[:3])


def test_a_scanned_pdf_has_no_text_to_read():
    path = FIXTURES / "scanned.pdf"
    with pytest.raises(InvalidFile) as caught:
        read_pdf(path, path.read_bytes())
    assert caught.value.problems[0].message.startswith("the PDF has no text layer (a scan?)")


def test_a_damaged_pdf_is_one_message(tmp_path):
    with pytest.raises(InvalidFile) as caught:
        read_pdf(tmp_path / "rusak.pdf", b"%PDF-1.4 not really")
    assert "the file is damaged or is not a PDF document" in str(caught.value)


@pytest.mark.parametrize(("text", "lines"), [
    ("Menyusun rencana\naksi tahunan", ["Menyusun rencana aksi tahunan"]),
    ("1. Menyusun\nrancangan SK\n2. Menetapkan SK", ["1. Menyusun rancangan SK", "2. Menetapkan SK"]),
    ("- Daftar hadir\n- Foto\nkegiatan", ["- Daftar hadir", "- Foto kegiatan"]),
    (None, []),
])  # fmt: skip
def test_a_pdf_cells_lines_are_joined_except_where_a_list_entry_starts(text, lines):
    assert _unwrap(text).split("\n") == (lines or [""])
