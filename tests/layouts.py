"""Rencana Aksi tables in the layouts of real offices, each as Excel (.xlsx, merged cells) and as Excel's ';' CSV.

A ``Layout`` is the table as an office keeps it: rows, with a merged cell's
text in its top-left cell only, and the merged ranges. ``xlsx`` writes it
with the merges; ``csv`` writes what Excel's "CSV (semicolon delimited)"
keeps of it: the text in the top-left cell, the rest of a merge empty,
UTF-8 with a BOM. The two must import to the same plan.

The texts are made up, in the words such tables use; the layouts are those
of the classes zi must read (issue 22): a running number beside a code
column, codes whose letters give the level (or a letter column beside the
code), titles merged across two columns, a question-text column, a header
among title rows, the evidence headers, quarter and month schedules or none,
and teams spelled many ways.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Layout:
    name: str
    rows: list[list[Any]]
    merges: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    def xlsx(self, folder: Path) -> Path:
        from tests.tables import write_xlsx

        return write_xlsx(folder / f"{self.name}.xlsx", self.rows, merges=self.merges)

    def csv(self, folder: Path) -> Path:
        path = folder / f"{self.name}.csv"
        width = max(len(r) for r in self.rows)
        with path.open("w", newline="", encoding="utf-8-sig") as fh:
            writer = csv.writer(fh, delimiter=";")
            for row in self.rows:
                writer.writerow(["" if v is None else v for v in row] + [""] * (width - len(row)))
        return path


def tw(*quarters: int) -> list[str]:
    return ["v" if q in quarters else "" for q in range(1, 5)]


def running_number_and_codes() -> Layout:
    """A Kanwil: NO numbers the actions 1..n, KODE holds the hierarchy (A.1 component, A.1.1 item, A.1.1.1 action)."""
    header = ["NO", "KODE", "URAIAN", "INDIKATOR", "RENCANA AKSI", "OUTPUT", "TW I", "TW II", "TW III", "TW IV", "PENANGGUNG JAWAB"]
    rows: list[list[Any]] = [
        ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], ["KANTOR WILAYAH CONTOH TAHUN 2025"], [], header,
        ["", "A.1", "Manajemen Perubahan", "", "", "", "", "", "", "", "Tim Manajemen Perubahan"],
        ["", "A.1.1", "Penyusunan Tim Kerja", "", "", "", "", "", "", "", ""],
        ["1", "A.1.1.1", "", "SK Tim Kerja ditetapkan", "Menyusun SK Tim Kerja", "SK Tim Kerja", *tw(1), ""],
        ["2", "A.1.1.2", "", "Anggota tim dipilih dengan mekanisme", "Rapat pemilihan anggota", "Notulen rapat", *tw(1), ""],
        ["", "A.1.2", "Rencana Pembangunan ZI", "", "", "", "", "", "", "", ""],
        ["3", "A.1.2.1", "", "Rencana kerja tersusun", "Menyusun rencana kerja", "Dokumen rencana kerja", *tw(1, 3), ""],
        ["", "A.2", "Penguatan Pengawasan", "", "", "", "", "", "", "", "Tim Pengawasan"],
        ["", "A.2.1", "Pengendalian Gratifikasi", "", "", "", "", "", "", "", ""],
        ["4", "A.2.1.1", "", "UPG terbentuk", "Membentuk UPG", "SK UPG", *tw(2), ""],
        ["5", "A.2.1.2", "", "Laporan gratifikasi", "Melaporkan gratifikasi", "Laporan", *tw(2, 4), ""],
    ]  # fmt: skip
    return Layout("kanwil", rows, merges=("A1:K1", "A2:K2"))


def letter_codes() -> Layout:
    """A BPS province: levels named by the codes' letters (SS.1.1 -> K.2 -> IO.2.2), RENCANA OUTPUT as the evidence."""
    header = ["KODE", "URAIAN", "RENCANA AKSI", "RENCANA OUTPUT", "TW I", "TW II", "TW III", "TW IV", "PENANGGUNG JAWAB"]
    rows: list[list[Any]] = [
        header,
        ["SS.1.1", "Terwujudnya birokrasi yang bersih", "", "", "", "", "", "", "Tim Reformasi Birokrasi"],
        ["K.2", "Manajemen Perubahan", "", "", "", "", "", "", ""],
        ["IO.2.1", "Persentase pegawai yang memahami ZI", "Sosialisasi ZI", "Daftar hadir sosialisasi", *tw(1), ""],
        ["IO.2.2", "Agen perubahan aktif", "Menetapkan agen perubahan", "SK Agen Perubahan", *tw(2), ""],
        ["K.3", "Penataan Tatalaksana", "", "", "", "", "", "", ""],
        ["IO.3.1", "SOP dievaluasi", "Evaluasi SOP", "Laporan evaluasi SOP", *tw(4), ""],
        ["SS.1.2", "Meningkatnya kualitas pelayanan", "", "", "", "", "", "", "Tim Pelayanan Publik"],
        ["K.4", "Standar Pelayanan", "", "", "", "", "", "", ""],
        ["IO.4.1", "Standar pelayanan ditetapkan", "Menyusun standar pelayanan", "SK Standar Pelayanan", *tw(1), ""],
        ["IO.4.2", "Maklumat dipublikasikan", "Memasang maklumat pelayanan", "Foto maklumat", *tw(2), ""],
    ]  # fmt: skip
    return Layout("bps-provinsi", rows)


def letter_column() -> Layout:
    """The same, with the level letters in a column of their own beside a code of digits."""
    layout = letter_codes()
    rows: list[list[Any]] = [["JENIS", *layout.rows[0]]]
    for row in layout.rows[1:]:
        prefix, digits = row[0].split(".", 1)
        rows.append([prefix, digits, *row[1:]])
    return Layout("bps-jenis", rows)


def two_column_titles() -> Layout:
    """A BPS kabupaten: two columns only, item titles merged across both, under title rows."""
    rows: list[list[Any]] = [
        ["RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"], ["BPS KABUPATEN CONTOH"], [],
        ["RENCANA AKSI", "BUKTI PENDUKUNG"],
        ["Penyusunan Tim Kerja", None],
        ["Membentuk tim kerja ZI", "SK Tim Kerja"],
        ["Menetapkan tugas tim", "Uraian tugas"],
        ["Rencana Pembangunan ZI", None],
        ["Menyusun rencana kerja", "Dokumen rencana kerja"],
        ["Sosialisasi rencana kerja", "Daftar hadir, foto"],
        ["Pemantauan dan Evaluasi", None],
        ["Rapat monitoring", "Notulen"],
    ]  # fmt: skip
    return Layout("dua-kolom", rows, merges=("A1:B1", "A2:B2", "A5:B5", "A8:B8", "A11:B11"), options=("--team", "Tim ZI"))


def question_texts() -> Layout:
    """A BPS kabupaten keyed by the LKE: AREA, PILAR, SUB PILAR, the question's text, and a team column of several spellings."""
    header = ["ASPEK", "AREA", "PILAR", "SUB PILAR", "PERTANYAAN", "URAIAN", "OUTPUT", "DOKUMEN", "PIC", "TIM KERJA TERKAIT"]
    rows: list[list[Any]] = [
        header,
        ["A. Pengungkit", "I. Pemenuhan", "1. Manajemen Perubahan", "i. Penyusunan Tim Kerja",
         "a. Unit Kerja Telah Membentuk Tim Untuk Melakukan Pembangunan Zona Integritas",
         "Penyusunan Tim Kerja ZI", "Tim kerja pembangunan ZI", "SK Tim Kerja ZI", "Ani", "Tim Pilar 1"],
        ["A. Pengungkit", "I. Pemenuhan", "1. Manajemen Perubahan", "i. Penyusunan Tim Kerja",
         "b. Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas",
         "Rapat penyusunan tim kerja", "Prosedur penentuan anggota", "ND, Notulen, Daftar Hadir", "Budi", "Tim Pilar 1"],
        ["A. Pengungkit", "I. Pemenuhan", "2. Penataan Tatalaksana", "i. Prosedur Operasional Tetap (SOP) Kegiatan Utama",
         "a. SOP mengacu pada peta proses bisnis instansi",
         "SOP mengacu pada peta proses bisnis", "SOP", "Dokumen SOP", "Citra", "Tim Kerja Terkait"],
        ["A. Pengungkit", "II. Reform", "1. Manajemen Perubahan", "i. Komitmen Dalam Perubahan",
         "a. Agen perubahan telah membuat perubahan yang konkret di Instansi (dalam 1 tahun)",
         "Perubahan konkret oleh agen perubahan", "Laporan agen perubahan", "SK CA; Laporan CA", "Dedi", "Tim PPID, Tim Diseminasi, Pengelolaan PST, dan Website"],
        ["A. Pengungkit", "II. Reform", "1. Manajemen Perubahan", "i. Komitmen Dalam Perubahan",
         "b. Pertanyaan yang tidak ada di LKE mana pun juga",
         "Kegiatan tambahan", "Laporan", "Laporan kegiatan", "Eka", "Tim Diseminasi, Pengelolaan PST, dan Website"],
        ["A. Pengungkit", "II. Reform", "2. Penataan Tatalaksana", "i. Peta Proses Bisnis",
         "a. Telah disusun peta proses bisnis dengan adanya penyederhanaan jabatan",
         "Penyusunan peta proses bisnis", "Peta proses bisnis", "Peta proses bisnis", "Fajar", "TIM PPID"],
    ]  # fmt: skip
    return Layout("lke-nias", rows, options=("--team", "Tim ZI"))


def target_and_evidence() -> Layout:
    """A BPS province page: No | Kegiatan | Target | Bukti Pendukung, item titles merged across three columns."""
    rows: list[list[Any]] = [
        ["No", "Kegiatan", "Target", "Bukti Pendukung"],
        ["1", "Pembentukan Tim Kerja Pembangunan Zona Integritas", None, None],
        ["a.", "Pembentukan tim kerja untuk melakukan pembangunan ZI", "Tim telah dibentuk di dalam unit kerja", "SK Tim Kerja ZI, dokumen rapat pembentukan"],
        ["b.", "Penentuan anggota tim melalui prosedur yang jelas", "Ada prosedur yang jelas", "SOP penentuan anggota tim"],
        ["2", "Dokumen Rencana Pembangunan Zona Integritas", None, None],
        ["a.", "Penyusunan buku pedoman rencana kerja", "Ada dokumen rencana kerja", "Buku pedoman rencana kerja"],
        ["b", "Kegiatan sosialisasi WBK/WBBM", "Sosialisasi terlaksana", "Video testimoni, bukti kegiatan"],
    ]  # fmt: skip
    return Layout("target-bukti", rows, merges=("B2:D2", "B5:D5"), options=("--team", "Tim Manajemen Perubahan"))


def merged_indicators() -> Layout:
    """A tax office: INDIKATOR, NO and the team merged down over the steps of one indicator, months marked, a step cell left empty."""
    header = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "DATA DUKUNG", *(str(m) for m in range(1, 13)), "PIC"]
    m = lambda *marked: ["v" if x in marked else "" for x in range(1, 13)]  # noqa: E731
    rows: list[list[Any]] = [
        header,
        ["I", "Manajemen Perubahan", "", "", "", *m(), "Tim MP"],
        ["1", "Tim Kerja", "SK Tim Kerja terbit", "Menyusun draf SK", "Draf SK", *m(1), "Subbagian Umum"],
        [None, None, None, "Menetapkan SK", "SK Tim Kerja", *m(2), None],
        [None, None, "Rapat monitoring tim", "", "Notulen", *m(3, 6), None],
        ["2", "Budaya Kerja", "Apel pagi rutin", "Apel pagi", "Foto apel", *m(*range(1, 13)), "Tim Budaya Kerja"],
    ]  # fmt: skip
    return Layout("kpp", rows, merges=("A3:A5", "B3:B5", "C3:C4", "R3:R4"))


def month_names_no_team_column() -> Layout:
    """Schedules by month names under a BULAN group header; a team column spelled many ways, several teams in one cell."""
    months = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
    header = ["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", "BUKTI DUKUNG", *months, "PENANGGUNG JAWAB"]
    mark = lambda *marked: ["v" if x in marked else "" for x in range(1, 13)]  # noqa: E731
    spellings = ["Subbag Umum & Kepegawaian", "Sub Bagian Umum dan Kepegawaian", "Kasubbag Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian",
                 "Seksi Pelayanan", "Seksi Pelayanaan", "Seksi Pelayanan", "Subbagian Umum dan Kepegawaian, Seksi Pelayanan", "Tim Kerja Terkait"]
    rows: list[list[Any]] = [header, ["I", "Penataan SDM", "", "", "", *mark(), ""]]
    for n, team in enumerate(spellings, 1):
        rows.append([str(n), f"Butir {n}", f"Indikator {n}", f"Langkah {n}", f"Bukti {n}", *mark(n), team])
    return Layout("tim-ejaan", rows, options=("--team", "Tim ZI"))


def quarters_under_a_group() -> Layout:
    """TRIWULAN merged over I | II | III | IV below it; no team column (--team)."""
    rows: list[list[Any]] = [
        ["NO", "KEGIATAN", "INDIKATOR", "OUTPUT", "TRIWULAN", None, None, None],
        [None, None, None, None, "I", "II", "III", "IV"],
        ["1", "Menyusun SK", "SK terbit", "SK", "v", "", "", ""],
        ["2", "Evaluasi", "Evaluasi berkala", "Laporan", "v", "v", "v", "v"],
        ["3", "Survei", "Survei kepuasan", "Laporan survei", "", "", "", "v"],
    ]  # fmt: skip
    return Layout("triwulan", rows, merges=("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:H1"), options=("--team", "Tim ZI", "--component", "Manajemen Perubahan"))


ALL = (running_number_and_codes, letter_codes, letter_column, two_column_titles, question_texts, target_and_evidence,
       merged_indicators, month_names_no_team_column, quarters_under_a_group)  # fmt: skip
