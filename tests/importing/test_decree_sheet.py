"""importing.decree_sheet: the decree's details and team ids read back from a `zi export` workbook's Keputusan sheet."""

from __future__ import annotations

import datetime as dt

from zi_plan.formats.decree_sheet import details_rows
from zi_plan.importing.decree_sheet import DecreeSheet, read_decree
from zi_plan.importing.grid import Grid

VALUES = {"institution": "KPU Kabupaten Tambrauw", "title": "Rencana Aksi 2023", "year": 2023, "number": "12/PP.09-Kpt/2023",
          "date": "2023-01-16", "place": "Fef", "signatory": "Yulius Tabate", "position": "Ketua", "lke": 2026}  # fmt: skip
TABLE = Grid("r.xlsx[Rencana Aksi]", [["KODE", "RENCANA AKSI", "NOMOR KEPUTUSAN"], ["I.1.a", "Menyusun SK", "12"]])


def sheet(values=VALUES, teams=(("mp", "Tim Manajemen Perubahan"), ("sdm", "Tim SDM"))) -> Grid:
    return Grid("r.xlsx[Keputusan]", details_rows(values, list(teams)))


def test_what_export_writes_is_read_back_typed():
    assert read_decree([TABLE, sheet()]) == DecreeSheet(
        "KPU Kabupaten Tambrauw", "Rencana Aksi 2023", 2023, "12/PP.09-Kpt/2023", dt.date(2023, 1, 16), "Fef", "Yulius Tabate", "Ketua", 2026,
        {"Tim Manajemen Perubahan": "mp", "Tim SDM": "sdm"})  # fmt: skip


def test_a_workbook_without_the_sheet_has_no_decree():
    assert read_decree([TABLE]) is None
    assert read_decree([]) is None
    # A sheet of the office's own with one or two of the labels is not the Keputusan sheet: it needs all three rows.
    assert read_decree([Grid("r.xlsx[Data]", [["INSTANSI", "KPU"], ["TANGGAL KEPUTUSAN", "2023-01-16"], ["TEMPAT", "Fef"]])]) is None


def test_an_empty_detail_is_none_and_the_sheet_still_counts():
    found = read_decree([sheet({**VALUES, "number": None, "title": ""})])
    assert found is not None and (found.number, found.title, found.institution) == (None, None, "KPU Kabupaten Tambrauw")


def test_labels_in_any_case_and_values_that_do_not_read_are_left_out():
    rows = [["instansi", " KPU "], ["Nomor Keputusan", "7"], ["TANGGAL KEPUTUSAN", "2023-01-16 00:00:00"], ["TAHUN", "dua ribu"],
            ["LKE", ""], ["TEMPAT", ""]]  # fmt: skip
    found = read_decree([Grid("r.xlsx[Keputusan]", rows)])
    assert found is not None
    assert (found.institution, found.number, found.date, found.year, found.lke, found.place) == ("KPU", "7", dt.date(2023, 1, 16), None, None, None)
    bad_date = read_decree([Grid("k", [["INSTANSI", "KPU"], ["NOMOR KEPUTUSAN", "7"], ["TANGGAL KEPUTUSAN", "16-01-2023"]])])
    assert bad_date is not None and bad_date.date is None  # not guessed: the decree's date is left to fill in


def test_team_rows_need_both_an_id_and_a_name():
    grid = sheet(teams=(("mp", "Tim MP"), ("", "Tim tanpa id"), ("x", "")))
    grid.rows.append(["sdm"])  # a row cut short
    assert read_decree([grid]).team_ids == {"Tim MP": "mp"}
