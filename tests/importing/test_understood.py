"""importing.understood: how the header and schedule were read, question texts matched, the plan's head and header, the mapping to keep."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.importing.reading import columns, imported, walked
from zi_plan.errors import ZiError
from zi_plan.importing.decree import DecreeRead
from zi_plan.importing.decree_sheet import DecreeSheet
from zi_plan.importing.findings import Finding, Findings
from zi_plan.importing.imported import ImportOptions
from zi_plan.importing.understood import finding_lines, first_findings, mapping_of, match_questions, plan_out

QUESTION = "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"  # P.1.i.a
HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB"]
ROWS = [["RENCANA AKSI ZONA INTEGRITAS"], HEADER, ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"],
        ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", ""], ["", "", "Agen", "Menetapkan agen", "", "Februari", "TIM MP"],
        ["II", "Pengawasan", "", "", "", "", "Tim PW"], ["1", "UPG", "UPG ada", "Membentuk UPG", "SK UPG", "Maret", ""]]  # fmt: skip


def inferred(rows, options: ImportOptions | None = None, **kw) -> list[tuple[str, list[int]]]:
    grid, cols = columns(rows, **kw)
    found = Findings()
    first_findings(grid, cols, options or ImportOptions(), found)
    return [(f.message, f.rows) for f in found.inferences]


def test_a_header_below_title_rows_is_told_and_a_one_cell_schedule_is_not():
    assert inferred(ROWS) == [("the header is on row 2", [])]
    assert inferred(ROWS[1:]) == []  # the header on top and a schedule column: nothing guessed


def test_a_header_of_two_rows_and_quarters_read_as_their_last_month_or_spread():
    rows = [["NO", "KEGIATAN", "OUTPUT", "PELAKSANAAN", "", "", "", "PIC"], ["", "", "", "TW I", "TW II", "TW III", "TW IV", ""]]
    last = [m for m, _rows in inferred(rows)]
    assert last[0] == "the header is on row 1 and 2"
    assert "quarter columns: each marks its last month, when its report is due (TW II -> Jun); --quarters spread marks all its months" in last
    spread = [m for m, _rows in inferred(rows, ImportOptions(quarters="spread"), quarters="spread")]
    assert "quarter columns: each marks all its months (--quarters spread)" in spread


def test_no_schedule_is_told_and_the_columns_findings_follow():
    rows = [["NO", "INDIKATOR", "KEGIATAN", "LUARAN"], ["1", "A", "a", "x"]]
    assert [m for m, _rows in inferred(rows)] == [
        'LUARAN read as the evidence, no column being headed more surely for it; if that is wrong: --columns "evidence=HEADER"',
        "no schedule in the table: every action is left not scheduled yet",
    ]


def test_the_columns_a_mapping_named_are_told():
    options = ImportOptions(mapping=Path("m.yaml"), mapped_columns={"evidence": "CAPAIAN"})
    rows = [["NO", "INDIKATOR", "KEGIATAN", "CAPAIAN", "WAKTU"], ["1", "A", "a", "x", "Januari"]]
    assert inferred(rows, options, wanted={"evidence": "CAPAIAN"})[0] == ("columns named by the mapping m.yaml: evidence=CAPAIAN", [0])


def test_question_texts_get_their_codes_and_those_matching_none_are_told():
    state = walked([["NO", "PERTANYAAN", "KEGIATAN", "BUKTI", "KODE LKE"], ["I", "MP", "", "", ""], ["1", QUESTION, "a", "x", ""],
                    ["2", "Tim dibentuk?", "b", "y", ""], ["3", f"a. {QUESTION}", "c", "z", "P.1.i.b"]])  # fmt: skip
    match_questions(state)
    assert [a.lke for a in state.components[0].actions] == [["P.1.i.a"], [], ["P.1.i.b", "P.1.i.a"]]
    assert [(f.message, f.rows) for f in state.findings.inferences][-2:] == [
        ("2 LKE question texts matched to their codes", [2, 4]), ("1 LKE question text matches no question of the worksheet: no LKE code given", [3])]
    assert [(f.message, f.rows) for f in state.findings.warnings] == [
        ("the question text is LKE P.1.i.a, but the row's codes say P.1.i.b: both kept; check which it serves", [4])]


def test_finding_lines_are_one_line_each_with_the_tables_row_numbers():
    grid, _cols = columns(ROWS)
    lines = finding_lines(grid, [Finding("a\n  message", [2, 3]), Finding("no rows"), Finding("past the table", [99])])
    assert lines == ["a message (rows 3, 4)", "no rows", "past the table"]


@pytest.fixture
def found(tmp_path):
    return imported(Path("."), ROWS)  # in tmp_path: the label is the name as typed


def test_the_plan_from_the_command_line_with_the_decree_left_to_fill_in(found):
    plan = plan_out(found, "KPU Kabupaten Contoh", 2024, None, None, None, DecreeRead())
    assert (plan.institution, plan.year, plan.title) == ("KPU Kabupaten Contoh", 2024, "Rencana Aksi Pembangunan Zona Integritas KPU Kabupaten Contoh Tahun 2024")
    assert (plan.decree_number, plan.decree_date, plan.place, plan.signatory, plan.body_template) == ("... Tahun 2024", dt.date(2024, 1, 1), "...", "...", True)
    assert set(plan.metadata_notes) == {"number", "date", "place", "signatory", "position"}
    assert plan.teams == found.teams and plan.components == found.components and plan.lke is None


def test_the_header_says_where_the_plan_came_from_and_everything_inferred(found):
    header = plan_out(found, "KPU", 2024, None, None, None, DecreeRead()).header
    assert header[0] == "Rencana Aksi Pembangunan Zona Integritas — KPU, 2024."
    assert f"Imported from t.csv by `zi import` on {dt.date.today().isoformat()}. The comments name the" in header
    assert header[header.index("How the table was read:") + 1 :] == [
        "- the header is on row 2", "- BUKTI FISIK is empty in 1 row: left as a draft (row 5)", "- 1 spelling folded into 'Tim MP': 'TIM MP' (row 5)",
        "Worth a look:", "- component 'Pengawasan' holds one action only (row 6)"]  # fmt: skip


@pytest.mark.parametrize(("institution", "year", "words"), [(None, 2024, "--institution is needed"), ("KPU", None, "--year is needed")])
def test_the_office_and_the_year_are_needed(found, institution, year, words):
    with pytest.raises(ZiError) as caught:
        plan_out(found, institution, year, None, None, None, DecreeRead())
    assert caught.value.exit_code == 2 and words in caught.value.message


SHEET = DecreeSheet("KPU Kabupaten Tambrauw", "Rencana Aksi KPU Tambrauw 2023", 2023, "12/PP.09-Kpt/2023", dt.date(2023, 1, 16), "Fef", "Yulius", "Ketua", 2026)


def test_a_zi_export_sheet_of_the_same_year_gives_the_decree(found):
    found.decree = SHEET
    plan = plan_out(found, None, None, None, None, None, DecreeRead(number="9", place="Sorong"))
    assert (plan.institution, plan.year, plan.title, plan.decree_number, plan.decree_date) == (
        "KPU Kabupaten Tambrauw", 2023, "Rencana Aksi KPU Tambrauw 2023", "12/PP.09-Kpt/2023", dt.date(2023, 1, 16))  # fmt: skip
    assert (plan.place, plan.signatory, plan.position, plan.lke, plan.metadata_notes) == ("Fef", "Yulius", "Ketua", 2026, {})
    # The command line wins over the sheet.
    assert plan_out(found, "KPU Lain", None, "Judul", "1/2023", None, DecreeRead()).decree_number == "1/2023"


def test_another_year_keeps_nothing_of_the_sheets_decree(found):
    found.decree = SHEET
    plan = plan_out(found, None, 2024, None, None, None, DecreeRead())
    assert (plan.institution, plan.decree_number, plan.decree_date, plan.place, plan.lke) == ("KPU Kabupaten Tambrauw", "... Tahun 2024", dt.date(2024, 1, 1), "...", None)
    assert plan.title == "Rencana Aksi Pembangunan Zona Integritas KPU Kabupaten Tambrauw Tahun 2024"


def test_a_word_decrees_body_fills_the_head_and_is_said_in_the_header(found):
    body = DecreeRead(number="5 Tahun 2024", date=dt.date(2024, 2, 1), place="Sorong", signatory="Ani", position="Ketua", body={"issuer": "KPU", "about": "RENCANA AKSI"})
    plan = plan_out(found, "KPU", 2024, None, None, None, body)
    assert (plan.decree_number, plan.decree_date, plan.place, plan.decree_body, plan.body_template) == ("5 Tahun 2024", dt.date(2024, 2, 1), "Sorong", body.body, False)
    assert "The decree's body was read from the document too (issuer, about): check it against the signed decree." in plan.header


def test_a_word_decree_of_another_year_leaves_its_date_to_fill_in(found):
    plan = plan_out(found, "KPU", 2024, None, None, None, DecreeRead(date=dt.date(2023, 5, 1)))
    assert plan.decree_date == dt.date(2024, 1, 1) and "date" in plan.metadata_notes
    assert "The document's decree is dated 2023-05-01, not in 2024: its date was left to fill in." in plan.header


def test_the_mapping_of_an_import_is_its_columns_by_header_options_and_spellings(found):
    found.options = ImportOptions(sheet="Lampiran", quarters=None, team="Tim ZI")
    mapping = mapping_of(found)
    assert mapping.columns == {"number": "NO", "item": "KOMPONEN", "indicator": "INDIKATOR", "action": "LANGKAH AKSI", "evidence": "BUKTI FISIK",
                               "schedule": "WAKTU", "team": "PENANGGUNG JAWAB"}  # fmt: skip
    assert list(mapping.columns) == ["number", "item", "indicator", "action", "evidence", "schedule", "team"]  # by column
    assert (mapping.sheet, mapping.quarters, mapping.team, mapping.component) == ("Lampiran", "last", "Tim ZI", None)
    assert mapping.teams == {"Tim MP": ["TIM MP"], "Tim PW": []}
