"""importing.columns: the header row and each column's role, found by meaning; the schedule columns under it."""

from __future__ import annotations

import pytest

from tests import tables
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.importing.columns import find_columns, norm, parse_columns_option, role_of
from zi_plan.importing.grid import Grid
from zi_plan.importing.levels import settle_levels


@pytest.mark.parametrize(("text", "normalised"), [(" Bukti  Fisik/ Bukti Dukung ", "BUKTI FISIK/BUKTI DUKUNG"), ("No.", "NO"), ("pj:", "PJ"), ("", "")])
def test_norm(text, normalised):
    assert norm(text) == normalised


@pytest.mark.parametrize(("text", "role"), [
    ("NO", "number"), ("Kode", "number"), ("KOMPONEN", "item"), ("Area Perubahan", "component"),
    ("Rencana Kinerja", "indicator"), ("Uraian Kegiatan", "action"), ("Bukti Fisik / Bukti Dukung", "evidence"),
    ("Penanggung\nJawab", "team"), ("PIC", "team"), ("Waktu Pelaksanaan", "schedule"), ("Kode LKE", "lke"),
    ("OUTPUT (Dokumen)", "evidence"), ("Indikator Keberhasilan Program", "indicator"),
    ("Keterangan", None), ("", None), ("1", None),
])  # fmt: skip
def test_role_of_by_meaning(text, role):
    assert role_of(text) == role


def test_parse_columns_option():
    assert parse_columns_option(None) == {}
    assert parse_columns_option(" Action = Uraian  kegiatan , evidence=luaran,") == {"action": "URAIAN KEGIATAN", "evidence": "LUARAN"}


@pytest.mark.parametrize(("text", "words"), [
    ("action", "role=HEADER pairs"), ("action=", "role=HEADER pairs"), ("colour=MERAH", "unknown role 'colour'"),
    ("action=A,action=B", "names the role 'action' twice"),
])  # fmt: skip
def test_parse_columns_option_refuses_a_bad_pair(text, words):
    with pytest.raises(ZiError) as caught:
        parse_columns_option(text)
    assert caught.value.exit_code == 2 and words in caught.value.message


def test_header_below_title_rows_and_twelve_numbered_months():
    rows = [["RENCANA AKSI ZI 2024"], [], tables.HEADER, ["1", "2", "3", "4", "5", *map(str, range(6, 19))],
            ["I", "Manajemen Perubahan", *[""] * 16]]  # fmt: skip
    grid = Grid("t.csv", rows)
    cols = find_columns(grid, "last", {})
    assert (cols.header, cols.schedule_kind) == (2, "months")
    # KOMPONEN is a level column: a candidate here, its role settled from the cells (importing.levels).
    assert cols.roles == {"number": 0, "indicator": 2, "action": 3, "evidence": 4, "team": 17}
    assert [(c.column, c.role) for c in cols.candidates if c.role == "item"] == [(1, "item")]
    settle_levels(grid, cols)
    assert cols.roles["item"] == 1
    assert cols.months == {c: [c - 4] for c in range(5, 17)}
    assert cols.role_at(17) == "team" and cols.role_at(5) is None


def test_quarters_under_a_group_header_last_or_spread():
    grid = Grid("t.csv", [["NO", "KEGIATAN", "OUTPUT", "PELAKSANAAN", "", "", "", "PIC"], ["", "", "", "TW I", "TW II", "TW III", "TW IV", ""]])
    cols = find_columns(grid, "last", {})
    assert (cols.schedule_kind, cols.last_header, cols.months) == ("quarters", 1, {3: [3], 4: [6], 5: [9], 6: [12]})
    assert "schedule" not in cols.roles  # PELAKSANAAN is the group header over the quarters
    assert find_columns(grid, "spread", {}).months[4] == [4, 5, 6]


def test_semesters_and_a_schedule_in_one_cell():
    semesters = find_columns(Grid("t.csv", [["NO", "KEGIATAN", "INDIKATOR", "SMT I", "SMT II"]]), "last", {})
    assert (semesters.schedule_kind, semesters.months) == ("semesters", {3: [6], 4: [12]})
    one_cell = find_columns(Grid("t.csv", [["NO", "KEGIATAN", "INDIKATOR", "WAKTU"]]), "last", {})
    assert (one_cell.schedule_kind, one_cell.roles["schedule"], one_cell.months) == ("one cell", 3, {})


def test_two_item_columns_make_the_left_one_the_component():
    grid = Grid("t.csv", [["KOMPONEN", "SUB KOMPONEN", "KEGIATAN", "OUTPUT"]])
    cols = find_columns(grid, "last", {})
    assert "component" not in cols.roles and "item" not in cols.roles  # level columns wait for their cells
    settle_levels(grid, cols)
    assert (cols.roles["component"], cols.roles["item"]) == (0, 1)
    assert "KOMPONEN and SUB KOMPONEN: the left one read as the component, the right one as the item" in [f.message for f in cols.findings]


def test_columns_option_gives_a_role_to_a_header_zi_does_not_know():
    grid = Grid("t.csv", [["NO", "CAPAIAN", "LANGKAH AKSI", "INDIKATOR"]])
    assert "evidence" not in find_columns(grid, "last", {}).roles
    forced = find_columns(grid, "last", {"evidence": "CAPAIAN"})
    assert forced.roles["evidence"] == 1 and forced.forced == {"evidence": "CAPAIAN"} and forced.findings == []


def test_a_header_known_only_loosely_is_read_and_said():
    # PRODUK starts the header: evidence by a loose word (rank 3), so the guess is told with the fix.
    cols = find_columns(Grid("t.csv", [["NO", "PRODUK AKHIR", "LANGKAH AKSI", "INDIKATOR"]]), "last", {})
    assert cols.roles["evidence"] == 1
    assert [(f.message, f.rows) for f in cols.findings] == [
        ('PRODUK AKHIR read as the evidence, no column being headed more surely for it; if that is wrong: --columns "evidence=HEADER"', [0])]


def test_month_columns_that_go_wrong_are_pointed_at():
    header = ["NO", "KEGIATAN", "INDIKATOR", *map(str, range(1, 8)), "13", "9", "10", "11", "12"]
    with pytest.raises(InvalidFile) as caught:
        find_columns(Grid("t.csv", [header]), "last", {})
    assert str(caught.value) == "t.csv:1:11: column header 13 is not a month: the month columns must be numbered 1 to 12, once each"


@pytest.mark.parametrize(("rows", "words"), [
    ([["Daftar hadir rapat"], ["a", "b"]], "no header row found in the first 2 rows"),
    ([["judul"], ["NO", "PJ", "BUKTI"]], "row 2 looks like the header (NO, PJ, BUKTI) but has no action or indicator column"),
])  # fmt: skip
def test_no_header_says_what_zi_looks_for(rows, words):
    with pytest.raises(InvalidFile) as caught:
        find_columns(Grid("t.csv", rows), "last", {})
    assert words in str(caught.value) and "--columns" in str(caught.value)


def test_columns_option_naming_no_header_of_the_row():
    with pytest.raises(InvalidFile) as caught:
        find_columns(Grid("t.csv", [["NO", "KEGIATAN", "INDIKATOR"]]), "last", {"evidence": "LUARAN"})
    assert str(caught.value) == "t.csv:1:1: --columns: no column headed LUARAN in this table; the headers of row 1: NO; KEGIATAN; INDIKATOR"


def test_columns_option_naming_no_header_points_at_the_header_row_below_a_title():
    rows = [["Rencana Aksi 2024"], ["NO", "KEGIATAN", "INDIKATOR", "PJ"], ["1", "Rapat", "Notula", "Tim A"]]
    with pytest.raises(InvalidFile) as caught:
        find_columns(Grid("t.csv", rows), "last", {"evidence": "LUARAN", "team": "PJ"})
    # Only the missing header is named; the row listed is the header row, not the title above it.
    assert str(caught.value) == "t.csv:2:1: --columns: no column headed LUARAN in this table; the headers of row 2: NO; KEGIATAN; INDIKATOR; PJ"
