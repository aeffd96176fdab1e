"""Decree tables in the layouts offices use, built for the import tests.

Each builder writes a small table (xlsx with merged cells, csv, or docx) in
one layout; the PDF fixture is committed (tests/fixtures/published-plan.pdf,
printed from `zi --lang id publish` of tests/fixtures/published-plan.yaml by
headless Chromium:
`chromium --headless --no-sandbox --print-to-pdf=published-plan.pdf --no-pdf-header-footer plan.html`).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

MONTHS = [str(m) for m in range(1, 13)]
HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", *MONTHS, "PENANGGUNG JAWAB"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = (), fills: tuple[str, ...] = (), title: str = "Lampiran") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    for ref in fills:
        sheet[ref].fill = PatternFill("solid", fgColor="FF92D050")
    book.save(path)
    return path


def months_row(marked: list[int], mark: str = "v") -> list[str]:
    return [mark if m in marked else "" for m in range(1, 13)]


def quarters_xlsx(path: Path) -> Path:
    """TW I..IV columns under a PELAKSANAAN group header, PIC per component, title rows above."""
    rows = [
        ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"],
        ["BPS KABUPATEN CONTOH TAHUN 2024"],
        [],
        ["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", "OUTPUT", "PELAKSANAAN", "", "", "", "PIC"],
        ["", "", "", "", "", "TW I", "TW II", "TW III", "TW IV", ""],
        ["I", "Manajemen Perubahan", "", "", "", "", "", "", "", "Tim Manajemen Perubahan"],
        ["1", "Tim Kerja", "SK Tim Kerja", "Menyusun SK", "SK Tim", "v", "", "", "", ""],
        ["", "", "Monev triwulanan", "Rapat monev", "Notula", "v", "v", "v", "v", ""],
        ["II", "Penataan Tata Laksana", "", "", "", "", "", "", "", "Tim Tata Laksana"],
        ["1", "SOP", "SOP ditetapkan", "Menyusun SOP", "SK SOP", "", "x", "", "x", ""],
    ]
    return write_xlsx(path, rows, merges=("F4:I4",))


def month_names_csv(path: Path) -> Path:
    """Month names (Indonesian abbreviations), no INDIKATOR column, marks √ ya 1 ✓."""
    names = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    rows = [
        ["No", "Uraian Kegiatan", "Data Dukung", *names, "Koordinator"],
        ["I", "Manajemen Perubahan", "", *[""] * 12, ""],
        ["1", "Penyusunan rencana aksi", "Dokumen rencana aksi", *months_row([1, 2], "√"), "Tim MP"],
        ["", "Sosialisasi rencana aksi", "Daftar hadir\nFoto", *months_row([5, 8], "ya"), ""],
        ["", "Evaluasi", "Laporan", *months_row([10, 12], "1"), ""],
        ["II", "Pengawasan", "", *[""] * 12, ""],
        ["1", "Pengendalian gratifikasi", "Laporan gratifikasi", *months_row([3], "✓"), "Tim Pengawasan"],
    ]
    return write_csv(path, rows)


def one_cell_csv(path: Path) -> Path:
    rows = [
        ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "BUKTI DUKUNG", "WAKTU PELAKSANAAN", "PJ"],
        ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"],
        ["1", "Tim Kerja", "Monev", "Rapat", "Notula", "Januari – Desember", ""],
        ["", "", "Laporan", "Menyusun laporan", "Laporan", "Setiap bulan", ""],
        ["", "", "Survei", "Survei internal", "Hasil survei", "April, Juli, Oktober", ""],
        ["2", "Evaluasi", "Evaluasi triwulan", "Evaluasi", "Laporan evaluasi", "TW II", ""],
        ["", "", "Evaluasi semester", "Evaluasi", "Laporan semester", "Semester I", ""],
    ]
    return write_csv(path, rows)


def unscheduled_csv(path: Path) -> Path:
    """No schedule at all, one draft row (an indicator only), a row whose INDIKATOR is empty."""
    rows = [
        ["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", "OUTPUT", "PENANGGUNG JAWAB"],
        ["I", "Manajemen Perubahan", "", "", "", "Tim MP"],
        ["1", "Tim Kerja", "SK Tim Kerja", "Menyusun SK", "SK", ""],
        ["", "", "Agen perubahan", "", "", ""],
        ["", "", "", "Menetapkan agen", "SK Agen", ""],
    ]
    return write_csv(path, rows)


def codes_csv(path: Path) -> Path:
    """Codes give the levels: SS.1 headings are components, SS.1.1 actions (source_id kept)."""
    rows = [
        ["KODE", "URAIAN", "INDIKATOR", "BUKTI DUKUNG", "JADWAL", "PJ"],
        ["SS.1", "Manajemen Perubahan", "", "", "", "Tim MP"],
        ["SS.1.1", "Menyusun SK", "SK Tim", "SK", "Januari", ""],
        ["SS.1.2", "Sosialisasi", "Pegawai paham", "Daftar hadir", "Februari s.d. April", ""],
        ["SS.2", "Pengawasan", "", "", "", "Tim Pengawasan"],
        ["SS.2.1", "Pengendalian gratifikasi", "UPG terbentuk", "SK UPG", "Maret", ""],
    ]
    return write_csv(path, rows)


def lke_csv(path: Path) -> Path:
    """LKE codes A.1.I.i.a: A.1 component, deeper headings items, the last level actions."""
    rows = [
        ["KODE", "URAIAN", "INDIKATOR", "BUKTI", "WAKTU", "PJ"],
        ["A.1", "Manajemen Perubahan", "", "", "", "Tim MP"],
        ["A.1.I", "Penyusunan Tim Kerja", "", "", "", ""],
        ["A.1.I.i", "Tim kerja dibentuk", "", "", "", ""],
        ["A.1.I.i.a", "Membentuk tim", "Tim terbentuk", "SK", "Januari", ""],
        ["A.1.I.i.b", "Menetapkan tugas", "Tugas jelas", "Uraian tugas", "Februari", ""],
        ["A.1.II", "Rencana Pembangunan ZI", "", "", "", ""],
        ["A.1.II.a", "Menyusun rencana", "Rencana ada", "Dokumen", "Maret", ""],
    ]
    return write_csv(path, rows)


def columns_xlsx(path: Path) -> Path:
    """Hierarchy in columns (AREA PERUBAHAN, SUB AREA), merged down; team merged over rows."""
    rows = [
        ["AREA PERUBAHAN", "SUB AREA", "KEGIATAN", "OUTPUT", "JADWAL", "UNIT KERJA"],
        ["Manajemen Perubahan", "Tim Kerja", "Menyusun SK", "SK", "Januari", "Sekretariat"],
        [None, None, "Evaluasi tim", "Laporan", "Juni", None],
        [None, "Budaya Kerja", "Apel pagi", "Foto", "Setiap bulan", None],
        ["Pengawasan", "Gratifikasi", "Sosialisasi", "Daftar hadir", "TW I", "Subbagian Keuangan, Umum dan Logistik"],
        [None, None, "Pelaporan", "Laporan", "TW IV", "Subbagian Hukum"],
    ]
    return write_xlsx(path, rows, merges=("A2:A4", "B2:B3", "F2:F4"))


def merged_teams_xlsx(path: Path) -> Path:
    """Tambrauw columns; NO, KOMPONEN and team merged down; a v merged over months 4-12; a filled cell."""
    rows = [
        HEADER,
        ["I", "Manajemen Perubahan", *[""] * 15, ""],
        ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", *months_row([1]), "Tim Manajemen Perubahan"],
        [None, None, "Agen perubahan", "Menetapkan agen", "SK Agen", "", "", "", "v", *[""] * 8, None],
        ["2", "Budaya Kerja", "Apel", "Apel pagi", "Foto", "", "", "", "", *[""] * 8, "Tim Budaya Kerja"],
        [None, None, "Role model", "Teladan", "Daftar hadir", *months_row([]), None],
    ]
    # NO and KOMPONEN of item 1 merged over rows 3-4; team over 3-4 and 5-6; the v of row 4 over April..December;
    # row 6 marks March by filling the cell.
    return write_xlsx(path, rows, merges=("A3:A4", "B3:B4", "R3:R4", "R5:R6", "I4:Q4", "A5:A6", "B5:B6"), fills=("H6", "F5"))


def team_spellings_csv(path: Path) -> Path:
    rows = [
        ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB"],
        ["I", "Manajemen Perubahan", "", "", "", "", ""],
        ["1", "Tim Kerja", "A", "Langkah A", "Bukti A", "Januari", "Tim Manajemen Perubahan"],
        ["", "", "B", "Langkah B", "Bukti B", "Februari", "TIM MANAJEMEN PERUBAHAN"],
        ["", "", "C", "Langkah C", "Bukti C", "Maret", "Manajemen  Perubahan."],
        ["", "", "D", "Langkah D", "Bukti D", "April", "Pokja Manajemen Perubahan"],
        ["", "", "E", "Langkah E", "Bukti E", "Mei", "Tim Manajemen Perubahn"],
        ["", "", "F", "Langkah F", "Bukti F", "Juni", "Tim Manajemen Perubahan, Tim Pengawasan"],
        ["", "", "G", "Langkah G", "Bukti G", "Juli", "Tim Pengawasan\nTim Manajemen Perubahan"],
    ]
    return write_csv(path, rows)


def other_order_csv(path: Path) -> Path:
    """Columns in another order, one header not known (CAPAIAN: named with --columns)."""
    rows = [
        ["PENANGGUNG JAWAB", *MONTHS, "CAPAIAN", "LANGKAH AKSI", "INDIKATOR", "KOMPONEN", "NO"],
        ["Tim MP", *[""] * 12, "", "", "", "Manajemen Perubahan", "I"],
        ["", *months_row([2, 3]), "SK\n- salinan\n- arsip", "1. Menyusun\n   rancangan SK\n2. Menetapkan SK", "SK terbit", "Tim Kerja", "1"],
    ]
    return write_csv(path, rows)


def word_docx(path: Path) -> Path:
    """A Word decree appendix: title paragraph, a table split in two with its header repeated, merged cells."""
    import docx

    document = docx.Document()
    document.add_paragraph("LAMPIRAN KEPUTUSAN KEPALA KANTOR CONTOH")
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB"]
    parts = [
        [["I. Manajemen Perubahan"] * 7,
         ["1", "Tim Kerja", "SK terbit", "a. Menyusun SK\nb. Menetapkan SK", "SK", "Januari", "Tim MP"],
         ["", "", "Agen perubahan", "Menetapkan agen", "SK agen", "Februari", ""]],
        [["2", "Budaya Kerja", "Apel rutin", "Apel pagi", "Foto\nDaftar hadir", "Setiap bulan", "Tim MP"],
         ["II. Pengawasan"] * 7,
         ["1", "Gratifikasi", "UPG", "Membentuk UPG", "SK UPG", "TW I", "Tim Pengawasan"]],
    ]  # fmt: skip
    for rows in parts:
        table = document.add_table(rows=1 + len(rows), cols=7)
        for c, text in enumerate(header):
            table.cell(0, c).text = text
        for r, row in enumerate(rows, 1):
            if len(set(row)) == 1:  # a title row: one cell merged over the width
                table.cell(r, 0).merge(table.cell(r, 6)).text = row[0]
                continue
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if rows is parts[0]:  # NO, KOMPONEN and team of item 1 merged over its two rows
            for c in (0, 1, 6):
                keep = table.cell(2, c).text
                table.cell(2, c).merge(table.cell(3, c)).text = keep
        document.add_page_break()
    document.save(path)
    return path


def statistics_xlsx(path: Path) -> Path:
    """The worked example of docs/import.md: codes, quarters, a coordinator per component, a draft, a shared action."""
    rows = [
        ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS BPS KABUPATEN CONTOH TAHUN 2024"],
        [],
        ["KODE", "RINCIAN KEGIATAN", "RENCANA KINERJA", "LUARAN", "TW I", "TW II", "TW III", "TW IV", "KOORDINATOR"],
        ["SS.1", "Manajemen Perubahan", "", "", "", "", "", "", "Tim Manajemen Perubahan"],
        ["SS.1.1", "Menyusun SK Tim Kerja ZI", "SK Tim Kerja terbit", "SK Tim Kerja", "v", "", "", "", ""],
        ["SS.1.2", "Monitoring dan evaluasi pembangunan ZI", "Monev berkala", "1. Undangan\n2. Notula\n3. Foto", "v", "v", "v", "v", ""],
        ["SS.2", "Penguatan Pengawasan", "", "", "", "", "", "", "Pokja Pengawasan"],
        ["SS.2.1", "Sosialisasi pengendalian gratifikasi", "Pegawai memahami gratifikasi", "Daftar hadir", "", "v", "", "",
         "TIM PENGAWASAN, Tim Manajemen Perubahan"],
        ["SS.2.2", "Penilaian risiko", "Peta risiko", "", "", "", "", "", ""],
    ]  # fmt: skip
    return write_xlsx(path, rows)


KEGIATAN_HEADER = ["NO", "KEGIATAN", "RENCANA KINERJA", "DATA DUKUNG", "TW I", "TW II", "TW III", "TW IV", "PENANGGUNG JAWAB"]
KEGIATAN_ROWS = [
    ["I", "MANAJEMEN PERUBAHAN", "", "", "", "", "", "", "Tim Manajemen Perubahan"],
    ["1", "Penyusunan Tim Kerja", "", "", "", "", "", "", ""],
    ["a.", "Menyusun SK Tim Kerja", "SK Tim Kerja terbit", "SK Tim Kerja", "v", "", "", "", ""],
    ["b.", "Rapat monitoring tim", "Monev berkala", "Notula", "v", "v", "v", "v", ""],
    ["2", "Rencana Pembangunan ZI", "", "", "", "", "", "", ""],
    ["a.", "Menyusun rencana kerja", "Rencana kerja ada", "Dokumen rencana", "", "v", "", "", ""],
    ["II", "PENGUATAN PENGAWASAN", "", "", "", "", "", "", "Tim Pengawasan"],
    ["1", "Pengendalian Gratifikasi", "", "", "", "", "", "", ""],
    ["a.", "Sosialisasi gratifikasi", "Pegawai memahami gratifikasi", "Daftar hadir", "", "", "v", "", ""],
]  # fmt: skip


def kegiatan_table(path: Path) -> Path:
    """Item headings in the action (KEGIATAN) column: I a component, 1 an item, a. an action; quarters; .xlsx, .docx or .csv."""
    rows = [KEGIATAN_HEADER, *KEGIATAN_ROWS]
    if path.suffix == ".xlsx":
        return write_xlsx(path, rows)
    if path.suffix == ".docx":
        import docx

        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=len(KEGIATAN_HEADER))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.save(path)
        return path
    return write_csv(path, rows)


def lke_numbered_csv(path: Path) -> Path:
    """A plan numbered by the LKE's own codes (P.1.i.a, R.2.ii.b), with a code that is no LKE question."""
    rows = [
        ["KODE", "KEGIATAN", "RENCANA KINERJA", "DATA DUKUNG", "TW I", "TW II", "TW III", "TW IV", "PJ"],
        ["P.1", "Manajemen Perubahan", "", "", "", "", "", "", "Tim MP"],
        ["P.1.i", "Penyusunan Tim Kerja", "", "", "", "", "", "", ""],
        ["P.1.i.a", "Membentuk tim kerja", "Tim terbentuk", "SK Tim", "v", "", "", "", ""],
        ["P.1.i.b", "Memilih anggota tim", "Anggota terpilih", "Berita acara", "v", "", "", "", ""],
        ["P.1.i.z", "Kegiatan tambahan", "Kegiatan tambahan", "Laporan", "", "", "v", "", ""],
        ["P.1.ii", "Rencana Pembangunan ZI", "", "", "", "", "", "", ""],
        ["P.1.ii.a", "Menyusun rencana", "Rencana ada", "Dokumen", "", "v", "", "", ""],
        ["R.2", "Penataan Tatalaksana", "", "", "", "", "", "", "Tim Tatalaksana"],
        ["R.2.ii", "Sistem informasi", "", "", "", "", "", "", ""],
        ["R.2.ii.b", "Mengembangkan aplikasi", "Aplikasi jalan", "Tangkapan layar", "", "", "", "v", ""],
    ]  # fmt: skip
    return write_csv(path, rows)
