"""importing.treeview: the columns, the tree with each item's first actions in full, and every finding, as the summary prints them."""

from __future__ import annotations

import pytest

from tests.importing.reading import imported
from tests.journals import rendered
from zi_plan.importing.findings import Finding, SkippedRow
from zi_plan.importing.treeview import FIRST_ACTIONS, lines_of, mapping_rows, print_columns, print_findings, print_tree

QUARTERS = ["TW I", "TW II", "TW III", "TW IV"]
ROWS = [
    ["RENCANA AKSI ZONA INTEGRITAS KPU KABUPATEN CONTOH 2024"],
    ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", *QUARTERS, "PENANGGUNG JAWAB", "KODE LKE", "KETERANGAN"],
    ["I", "Manajemen Perubahan", "", "", "", "", "", "", "", "Tim MP", "", ""],
    ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "v", "", "", "", "", "P.1.i.a", "catatan"],
    ["", "", "", "Rapat", "Notula", "", "v", "", "", "Tim SDM\nTim MP", "", ""],
    ["", "", "Agen", "Menetapkan agen", "", "", "", "v", "", "", "", "lain"],
    ["", "", "Budaya", "Apel", "Foto", "", "", "", "", "", "", ""],
]


@pytest.fixture
def found(tmp_path):
    return imported(tmp_path, ROWS)


def printed(found, show, width: int = 100) -> str:
    class Out:
        text = ""

        def print(self, renderable) -> None:  # the console the summary is given: what it prints, rendered at a width
            Out.text += rendered(renderable, width)

    show(found, Out())
    return "\n".join(line.rstrip() for line in Out.text.splitlines()) + "\n"


def test_mapping_rows_name_each_role_by_column_then_the_schedule(found):
    assert mapping_rows(found) == [
        ("number (NO/KODE)", "1", "NO"), ("item", "2", "KOMPONEN"), ("indicator", "3", "INDIKATOR"), ("action (steps)", "4", "LANGKAH AKSI"),
        ("evidence", "5", "BUKTI FISIK"), ("team", "10", "PENANGGUNG JAWAB"), ("LKE codes", "11", "KODE LKE"),
        ("schedule (quarters)", "6–9", "Mar, Jun, Sep, Dec"),
    ]  # fmt: skip


def test_mapping_rows_add_the_columns_settled_from_the_cells(tmp_path):
    rows = [["NO", "KODE", "AREA", "PILAR", "SUB PILAR", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"],
            ["1", "SS.1.1", "Reform", "MP", "Tim", "A", "a", "x", "Januari", "Tim A"], ["2", "SS.1.2", "Reform", "MP", "Tim", "B", "b", "y", "Februari", "Tim A"],
            ["3", "SS.1.3", "Hasil", "PW", "Agen", "C", "c", "z", "Maret", "Tim B"]]  # fmt: skip
    extra = mapping_rows(imported(tmp_path, rows))[-2:]
    assert extra == [("outer heading", "3", "AREA"), ("running number (not read)", "1", "NO")]


def test_the_columns_and_the_columns_not_read(found):
    text = printed(found, print_columns, 120)
    assert "Columns" in text and "PENANGGUNG JAWAB" in text and "Mar, Jun, Sep, Dec" in text
    assert "Columns not read" in text and "catatan · lain" in text and '--columns "ROLE=KETERANGAN"' in text


def test_no_table_of_columns_not_read_when_every_column_is_read(tmp_path):
    text = printed(imported(tmp_path, [row[:11] for row in ROWS]), print_columns)
    assert "Columns not read" not in text


def test_the_tree_shows_each_items_first_actions_in_full(found):
    text = printed(found, print_tree)
    assert text.startswith("I Manajemen Perubahan — Tim MP · row 3 · items 1, actions 4\n")
    assert "I.1 Tim Kerja · row 4 · actions 4" in text
    assert "I.1.a · row 4 · Mar · Tim MP\n" in text and "LKE: P.1.i.a" in text
    assert "I.1.b · row 5 · Jun · Tim SDM, Tim MP\n" in text  # a shared action names every team
    assert "indicator: SK terbit" in text and "steps: Rapat" in text and "evidence: Notula" in text
    assert f"... {4 - FIRST_ACTIONS} more" in text and "I.1.c" not in text and "Budaya" not in text


def test_a_draft_and_an_unscheduled_action_are_marked(tmp_path):
    rows = [ROWS[1], ROWS[2], ["1", "Agen", "Agen ada", "Menetapkan agen", "", "", "", "", "", "", "", ""]]
    text = printed(imported(tmp_path, rows), print_tree)
    assert "I.1.a · row 3 · not scheduled · Tim MP · [draft]" in text and "evidence: -" in text


def test_findings_with_the_tables_own_row_numbers(found):
    text = printed(found, print_findings)
    assert "What zi inferred\n" in text and "- the header is on row 2\n" in text
    assert "- 'Tim SDM Tim MP' names several teams: Tim SDM; Tim MP (row 5)" in text
    assert "Rows not in the plan\n" in text and "- row 1: above the header: a title — RENCANA AKSI ZONA INTEGRITAS KPU KABUPATEN CONTOH" in text
    assert "Worth a look" not in text  # no warning, no heading


def test_warnings_are_listed_under_their_own_heading(found):
    found.findings.warnings.append(Finding("component 'X' holds one action only", [2]))
    found.findings.skipped = [SkippedRow(0, "x" * 200, "above the header: a title")]
    text = printed(found, print_findings, 200)
    assert "Worth a look\n- component 'X' holds one action only (row 3)" in text
    assert "x" * 59 + "…" in text  # a skipped row's text is cut short


def test_lines_of_gives_the_tables_row_numbers(found):
    assert lines_of(found, [0, 1, 4]) == [1, 2, 5]
    assert lines_of(found, [99]) == []  # past the table: nothing


def test_the_summary_speaks_indonesian(found, indonesian):
    assert "butir 1, aksi 4" in printed(found, print_tree)
    text = printed(found, print_findings)
    assert text.startswith("Yang disimpulkan zi\n") and "(baris 5)" in text
