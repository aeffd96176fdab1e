"""importing.account: every non-empty column has a role or is listed with why; every row left out is listed with why."""

from __future__ import annotations

from tests.importing.reading import walked
from zi_plan.importing.account import account_rows, ignored_columns

HEADER = ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"]
LONG = "catatan panjang yang lebih dari empat puluh huruf panjangnya"


def action_rows(state) -> set[int]:
    return {r for r, (what, _obj) in state.used.items() if what in ("action", "continued")}


def test_a_column_without_a_role_is_listed_with_samples_and_the_fix():
    state = walked([[*HEADER, "KETERANGAN", ""], ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP", "", ""],
                    ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "", LONG, "x"],
                    ["2", "Agen", "Agen ada", "Menetapkan", "SK Agen", "Februari", "", "lain", ""],
                    ["3", "Budaya", "Apel", "Apel pagi", "Foto", "Maret", "", "ketiga", ""], ["4", "Kerja", "Rapat", "Rapat", "Notula", "April", "", LONG, ""]])  # fmt: skip
    ignored = ignored_columns(state.grid, state.cols, action_rows(state))
    assert [(c.column, c.header, c.samples, c.reason) for c in ignored] == [
        (7, "KETERANGAN", ["catatan panjang yang lebih dari empat p…", "lain"], 'its header names no role; give it one with --columns "ROLE=KETERANGAN"'),
        (8, "", ["x"], "no header; name the header cell, then give it a role with --columns"),
    ]  # two distinct samples at most, each on one short line


def test_columns_with_a_role_or_nothing_in_them_are_not_listed():
    state = walked([[*HEADER, "KETERANGAN"], ["I", "MP", "", "", "", "", "Tim MP", ""], ["1", "Tim", "A", "a", "x", "Januari", "", ""]])
    assert ignored_columns(state.grid, state.cols) == []


def test_a_column_that_lost_its_role_says_to_which():
    state = walked([["NO", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "TIM", "PIC"], ["1", "A", "a", "x", "Januari", "Tim MP", "Ani"]])
    [column] = ignored_columns(state.grid, state.cols)
    assert (column.header, column.samples, column.reason) == ("PIC", ["Ani"], "the team is TIM (column 6)")


def test_the_progress_of_a_zi_export_is_not_read_and_says_where_progress_lives():
    state = walked([["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB", "KODE", "SELESAI", "REALISASI"],
                    ["I", "MP", "", "", "", "", "Tim MP", "", "", ""], ["1", "Tim", "A", "a", "x", "Januari", "", "I.1.a", "1", "1/1"],
                    ["", "", "B", "b", "y", "Februari", "", "I.1.b", "", "0/1"], ["2", "Agen", "C", "c", "z", "Maret", "", "I.2.a", "", "0/1"]])  # fmt: skip
    ignored = ignored_columns(state.grid, state.cols)
    assert [(c.header, c.samples) for c in ignored] == [("SELESAI", ["1"]), ("REALISASI", ["1/1", "0/1"])]
    assert {c.reason for c in ignored} == {"progress written by `zi export`: progress lives in the journal, not the plan"}


def test_a_column_read_for_titles_is_listed_for_its_text_on_action_rows():
    state = walked([["NO", "JUDUL", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"], ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"],
                    ["1", "", "SK terbit", "Menyusun SK", "SK", "Januari", ""], ["2", "catatan", "Agen ada", "Menetapkan", "SK Agen", "Februari", ""]])  # fmt: skip
    assert state.components[0].title == "Manajemen Perubahan" and 1 in state.cols.titles
    [column] = ignored_columns(state.grid, state.cols, action_rows(state))
    assert (column.header, column.samples, column.reason) == ("JUDUL", ["catatan"], "read for the titles of headings only; its text on action rows is not read")
    assert ignored_columns(state.grid, state.cols, set()) == []  # no action row given: its text is all titles


def test_rows_that_became_nothing_are_listed_with_the_reason():
    state = walked([["RENCANA AKSI ZONA INTEGRITAS 2024"], [*HEADER, "KETERANGAN"],
                    ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP", ""],
                    ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "", ""],
                    ["2", "Budaya Kerja", "", "", "", "", "", ""],  # the component's last item, with no action under it
                    ["", "", "", "", "", "", "", "hanya catatan"],
                    ["II", "Pengawasan", "", "", "", "", "Tim PW", ""],
                    ["1", "UPG", "UPG ada", "Membentuk UPG", "SK UPG", "Maret", "", ""],
                    ["", "", "", "", "", "", "Tim X", ""]])  # fmt: skip
    account_rows(state)
    assert state.skipped == {
        0: "above the header: a title",
        4: "a title with no action under it (kept as a comment in the plan)",
        5: "its text is only in columns zi does not read: KETERANGAN",
        8: "nothing to place: no indicator, steps or evidence (Tim X)",
    }


def test_every_row_placed_leaves_nothing_listed():
    state = walked([HEADER, ["I", "MP", "", "", "", "", "Tim MP"], ["1", "Tim", "A", "a", "x", "Januari", ""], ["", "", "", "", "", "", ""]])
    account_rows(state)
    assert state.skipped == {}  # an empty row is no row left out
