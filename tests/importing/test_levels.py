"""importing.levels: what the cells settle that the headers cannot: a running number, level columns, zi's ids, LKE texts, level letters."""

from __future__ import annotations

import pytest

from tests.importing.reading import columns
from zi_plan.importing.columns import find_columns
from zi_plan.importing.grid import Grid
from zi_plan.importing.levels import data_rows, settle_levels

QUESTION = "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"


def messages(cols) -> list[str]:
    return [f.message for f in cols.findings]


def test_a_running_number_beside_a_code_column_is_no_hierarchy():
    grid, cols = columns([["NO", "KODE", "INDIKATOR", "KEGIATAN", "BUKTI"], ["1", "SS.1", "Tim", "", ""], ["2", "SS.1.1", "A", "a", "x"],
                          ["3", "SS.1.2", "B", "b", "y"], ["4", "SS.2", "Agen", "", ""], ["5", "SS.2.1", "C", "c", "z"]])  # fmt: skip
    assert (cols.roles["number"], cols.running) == (1, 0)
    assert messages(cols) == ["NO holds a running number 1..5: not used for the hierarchy, KODE is"]


def test_a_running_number_beside_level_columns_leaves_no_number():
    grid, cols = columns([["NO", "PILAR", "SUB PILAR", "KEGIATAN", "BUKTI"], ["1", "MP", "Tim", "a", "x"], ["2", "MP", "Tim", "b", "y"],
                          ["3", "PW", "UPG", "c", "z"]])  # fmt: skip
    assert "number" not in cols.roles and cols.running == 0 and (cols.roles["component"], cols.roles["item"]) == (1, 2)
    assert "NO holds a running number 1..3: not used for the hierarchy, PILAR, SUB PILAR are" in messages(cols)


def test_a_running_number_beside_codes_and_level_columns_names_them_all():
    # Which of KODE and the level columns leads is told by the walk (coded_levels), with the rows where they differ.
    grid, cols = columns([["NO", "KODE", "PILAR", "SUB PILAR", "KEGIATAN", "BUKTI"], ["1", "SS.1.1", "MP", "Tim", "a", "x"],
                          ["2", "SS.1.2", "MP", "Tim", "b", "y"], ["3", "SS.2.1", "PW", "UPG", "c", "z"]])  # fmt: skip
    assert (cols.running, cols.roles["number"]) == (0, 1)
    assert "NO holds a running number 1..3: not used for the hierarchy, KODE, PILAR, SUB PILAR are" in messages(cols)


def test_a_running_number_beside_heading_rows_names_them():
    grid, cols = columns([["NO", "INDIKATOR", "KEGIATAN", "BUKTI"], ["I. MANAJEMEN PERUBAHAN"] * 4, ["1", "A", "a", "x"], ["2", "B", "b", "y"],
                          ["3", "C", "c", "z"]], copied=[(1, 1), (1, 2), (1, 3)])  # fmt: skip
    assert "number" not in cols.roles and cols.running == 0
    assert messages(cols) == ["NO holds a running number 1..3: not used for the hierarchy, the heading rows are"]


@pytest.mark.parametrize("numbers", [["I", "1", "2"], ["1", "2", "4"], ["1", "2"]])
def test_a_number_that_is_the_hierarchy_or_too_short_a_run_stays(numbers):
    grid, cols = columns([["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN"], *([n, "MP", f"I{n}", "a"] for n in numbers)])
    assert cols.roles["number"] == 0 and cols.running is None


def test_a_running_number_alone_stays_the_number():
    # With no other hierarchy it is all the table has (each row its own item is then a structure warning, see sanity).
    grid, cols = columns([["NO", "INDIKATOR", "KEGIATAN"], ["1", "A", "a"], ["2", "B", "b"], ["3", "C", "c"]])
    assert cols.roles["number"] == 0 and cols.running is None and cols.findings == []


def test_the_number_named_by_columns_is_kept_whatever_its_cells():
    grid, cols = columns([["NO", "KODE", "INDIKATOR", "KEGIATAN"], ["1", "SS.1", "A", "a"], ["2", "SS.1.1", "B", "b"], ["3", "SS.1.2", "C", "c"]],
                         wanted={"number": "NO"})  # fmt: skip
    assert cols.roles["number"] == 0 and cols.running is None


def test_zis_own_ids_are_kept_to_check_with_the_source_codes_beside_them():
    grid, cols = columns([["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "KODE", "KODE SUMBER"], ["I", "MP", "", "", "", "", ""],
                          ["1", "Tim", "A", "a", "x", "I.1.a", "SS.1.1"], ["", "", "B", "b", "y", "I.1.b", ""], ["2", "Agen", "C", "c", "z", "I.2.a", ""]])  # fmt: skip
    assert (cols.roles["number"], cols.ids, cols.sources) == (0, 5, 6)
    assert messages(cols) == ["KODE holds zi's own action ids (a `zi export`): kept to check the ids, not read as the hierarchy"]


def test_level_columns_left_to_right_with_a_constant_one_dropped():
    grid, cols = columns([["ASPEK", "AREA", "PILAR", "SUB PILAR", "KEGIATAN", "BUKTI"], ["Pengungkit", "Reform", "MP", "Tim", "a", "x"],
                          ["Pengungkit", "Reform", "MP", "Agen", "b", "y"], ["Pengungkit", "Hasil", "PW", "UPG", "c", "z"]])  # fmt: skip
    assert (cols.outer, cols.roles["component"], cols.roles["item"]) == ([1], 2, 3)
    assert cols.dropped == {0: "the same value in every row: no level"}
    assert messages(cols) == ["ASPEK holds 'Pengungkit' in every row: not read as a level",
                              "AREA stands above PILAR: each new value opens the components anew, and is noted on them",
                              "PILAR and SUB PILAR: the left one read as the component, the right one as the item"]  # fmt: skip


def test_a_single_level_column_keeps_the_role_its_header_names():
    grid, cols = columns([["AREA", "KEGIATAN", "BUKTI"], ["MP", "a", "x"], ["MP", "b", "y"], ["MP", "c", "z"]])
    assert cols.roles["component"] == 0 and cols.dropped == {}  # constant, but the only level: kept


def test_a_level_named_by_columns_is_not_moved():
    grid, cols = columns([["KOMPONEN", "SUB KOMPONEN", "KEGIATAN"], ["MP", "Tim", "a"], ["MP", "Agen", "b"]], wanted={"item": "KOMPONEN"})
    assert cols.roles["item"] == 0 and cols.roles.get("component") is None and cols.outer == []


def test_a_column_of_question_texts_is_matched_not_read_as_codes():
    grid, cols = columns([["NO", "PERTANYAAN", "KEGIATAN", "BUKTI"], ["1", QUESTION, "a", "x"], ["2", "Tim dibentuk?", "b", "y"]])
    assert cols.lke_text == 1 and "lke" not in cols.roles
    assert messages(cols)[-1] == "PERTANYAAN holds LKE question texts, not codes: each is matched to a question of the LKE worksheet"


def test_a_column_of_codes_stays_the_lke_codes():
    grid, cols = columns([["NO", "PERTANYAAN LKE", "KEGIATAN", "BUKTI"], ["1", "P.1.i.a, P.1.i.b", "a", "x"], ["2", "P.2.i.a", "b", "y"]])
    assert cols.roles["lke"] == 1 and cols.lke_text is None


def test_question_texts_beside_a_code_column_leave_it_the_codes():
    grid, cols = columns([["NO", "PERTANYAAN LKE", "KODE LKE", "KEGIATAN", "BUKTI"], ["1", QUESTION, "P.1.i.a", "a", "x"], ["2", "Tim dibentuk?", "", "b", "y"]])
    assert (cols.lke_text, cols.roles["lke"]) == (1, 2)


TEXTS_THEN_CODES = [["NO", "PERTANYAAN LKE", "KODE LKE", "KEGIATAN", "BUKTI"], ["1", QUESTION, "P.1.i.a", "a", "x"], ["2", "Tim dibentuk?", "", "b", "y"]]
SAID = "PERTANYAAN LKE holds LKE question texts, not codes: each is matched to a question of the LKE worksheet; the codes are read from KODE LKE"


@pytest.mark.parametrize("wanted", [{}, {"lke": "KODE LKE"}, {"lke": "PERTANYAAN LKE"}], ids=["by-the-headers", "codes-named", "texts-named"])
def test_question_texts_beside_a_code_column_say_nothing_contrary(wanted):
    grid, cols = columns(TEXTS_THEN_CODES, wanted=wanted)
    # `zi import --dry-run` shows KODE LKE as the LKE codes: no line may say PERTANYAAN LKE was chosen over it for them.
    assert (cols.lke_text, cols.roles["lke"]) == (1, 2)
    assert [m for m in messages(cols) if "LKE" in m] == [SAID] and cols.dropped == {}


def test_question_texts_right_of_the_code_column_say_nothing_contrary():
    grid, cols = columns([[row[0], row[2], row[1], *row[3:]] for row in TEXTS_THEN_CODES])
    # KODE LKE won the role by the headers, over PERTANYAAN LKE: no line suggests taking the texts as the codes.
    assert (cols.lke_text, cols.roles["lke"]) == (2, 1)
    assert [m for m in messages(cols) if "LKE" in m] == [SAID] and cols.dropped == {}


def test_question_texts_beside_two_code_columns_tell_the_contest_of_the_codes():
    rows = [[*row, code] for row, code in zip(TEXTS_THEN_CODES, ["BUTIR LKE", "P.1.i.b", ""], strict=True)]
    grid, cols = columns(rows)
    assert (cols.lke_text, cols.roles["lke"], cols.dropped) == (1, 2, {5: "the LKE codes is KODE LKE (column 3)"})
    assert [m for m in messages(cols) if "LKE" in m] == [
        'two columns could hold the LKE codes: KODE LKE (column 3) chosen over BUTIR LKE (column 6), its header names it more surely; to take BUTIR LKE: --columns "lke=BUTIR LKE"',
        SAID]  # fmt: skip


def test_a_column_of_level_letters_beside_a_code_of_digits():
    grid, cols = columns([["JENIS", "KODE", "URAIAN KEGIATAN", "BUKTI"], ["SS", "1", "Tim", ""], ["K", "1.1", "a", "x"], ["IO", "1.1.1", "b", "y"],
                          ["IO", "1.1.2", "c", "z"]])  # fmt: skip
    assert (cols.letters, cols.roles["number"]) == (0, 1)
    assert messages(cols)[-1] == "JENIS holds level letters (SS, K, IO): read with KODE as one code, e.g. SS.1"


@pytest.mark.parametrize("letters", [["SS", "SS", "SS"], ["SS", "K"], ["SS", "Tim", "K"]])
def test_no_letters_column_when_it_does_not_vary_is_short_or_holds_words(letters):
    rows = [["JENIS", "KODE", "KEGIATAN"], *([t, f"1.{n}", f"a{n}"] for n, t in enumerate(letters))]
    assert columns(rows)[1].letters is None


def test_data_rows_leave_out_repeated_headers_column_numbers_and_titles():
    header = ["NO", "INDIKATOR", "KEGIATAN", "BUKTI"]
    rows = [header, ["1", "2", "3", "4"], ["1", "A", "a", "x"], [""] * 4, header, ["II. PENGAWASAN"] * 4, ["2", "B", "b", "y"]]
    grid = Grid("t.xlsx[S]", rows, copied={(5, c) for c in range(1, 4)})
    cols = find_columns(grid, "last", {})
    settle_levels(grid, cols)
    assert data_rows(grid, cols) == [2, 6]
