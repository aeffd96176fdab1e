"""zi import on the layouts offices use: each table imports to the expected plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import tables
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import load_plan

FIXTURES = Path(__file__).parent / "fixtures"


def imported(zi, table: Path, *options: str) -> LoadedPlan:
    out = table.with_suffix(".yaml")
    result = zi("import", str(table), "--institution", "Kantor Contoh", "--year", "2024", "-o", str(out), *options)
    assert result.code == 0, result.err
    return load_plan(out)


def shape(plan: LoadedPlan) -> tuple[int, int, int]:
    """(components, items, actions)"""
    return len(plan.components), len({a.item for a in plan.actions}), len(plan.actions)


def months(plan: LoadedPlan) -> dict[str, tuple[int, ...]]:
    return {a.id: a.months for a in plan.actions}


def test_quarters_last_month_or_spread(zi, tmp_path):
    plan = imported(zi, tables.quarters_xlsx(tmp_path / "tw.xlsx"))
    assert shape(plan) == (2, 2, 3)
    assert months(plan) == {"I.1.a": (3,), "I.1.b": (3, 6, 9, 12), "II.1.a": (6, 12)}
    assert [t.name for t in plan.teams] == ["Tim Manajemen Perubahan", "Tim Tata Laksana"]
    assert plan.actions[1].indicator == "Monev triwulanan" and plan.actions[1].evidence == ("Notula",)
    spread = imported(zi, tables.quarters_xlsx(tmp_path / "tw2.xlsx"), "--quarters", "spread")
    assert months(spread)["II.1.a"] == (4, 5, 6, 10, 11, 12)


def test_month_names_and_marks_without_an_indicator_column(zi, tmp_path):
    plan = imported(zi, tables.month_names_csv(tmp_path / "names.csv"))
    assert shape(plan) == (2, 2, 4)
    assert months(plan) == {"I.1.a": (1, 2), "I.1.b": (5, 8), "I.1.c": (10, 12), "II.1.a": (3,)}
    first, second = plan.actions[:2]
    assert first.item_title == "Penyusunan rencana aksi" and first.indicator == first.steps[0] == "Penyusunan rencana aksi"
    assert second.evidence == ("Daftar hadir", "Foto")
    assert [a.team.name for a in plan.actions] == ["Tim MP"] * 3 + ["Tim Pengawasan"]


def test_schedules_written_in_one_cell(zi, tmp_path):
    plan = imported(zi, tables.one_cell_csv(tmp_path / "waktu.csv"))
    assert shape(plan) == (1, 2, 5)
    assert months(plan) == {"I.1.a": tuple(range(1, 13)), "I.1.b": tuple(range(1, 13)), "I.1.c": (4, 7, 10), "I.2.a": (6,), "I.2.b": (6,)}


def test_unscheduled_table_with_a_draft(zi, tmp_path):
    plan = imported(zi, tables.unscheduled_csv(tmp_path / "belum.csv"))
    assert shape(plan) == (1, 1, 3)
    a, b, c = plan.actions
    assert a.months == b.months == c.months == ()
    assert b.draft and b.indicator == "Agen perubahan" and b.steps == () and b.evidence == ()
    # An empty INDIKATOR is the one just above (a merge lost in the CSV), never one further up.
    assert not c.draft and c.indicator == "Agen perubahan" and c.steps == ("Menetapkan agen",)
    path = str(tmp_path / "belum.yaml")
    result = zi("validate", path)
    # 4 for the unfinished actions (I.1.b: a draft, and not scheduled), 5 for the decree details the import leaves to fill in.
    assert result.code == 0 and result.out.count("warning:") == 4 + 5 and result.out.count("placeholder") == 5
    assert "I.1.b is a draft" in result.out and "I.1.a is not scheduled yet" in result.out
    due = zi("--lang", "id", "due", "--month", "4", "--plan", path)
    assert due.code == 0 and "Belum dijadwalkan" in due.out and "Draf" in due.out
    done = zi("done", "I.1.a", "--plan", path)
    assert done.code == 1 and "--month" in done.err
    assert zi("done", "I.1.a", "--month", "4", "--plan", path, "--by", "Ani").code == 0


def test_codes_give_the_levels(zi, tmp_path):
    plan = imported(zi, tables.codes_csv(tmp_path / "kode.csv"))
    assert shape(plan) == (2, 2, 3)
    assert [c.title for c in plan.components] == ["Manajemen Perubahan", "Pengawasan"]
    assert [a.source_id for a in plan.actions] == ["SS.1.1", "SS.1.2", "SS.2.1"]
    assert months(plan) == {"I.1.a": (1,), "I.1.b": (2, 3, 4), "II.1.a": (3,)}
    shown = zi("show", "I.1.b", "--json", "--plan", str(tmp_path / "kode.yaml"))
    assert '"source_id": "SS.1.2"' in shown.out
    listed = zi("list", "--json", "--plan", str(tmp_path / "kode.yaml"))
    assert '"source_id": "SS.2.1"' in listed.out


def test_lke_codes_deeper_headings_become_items(zi, tmp_path):
    plan = imported(zi, tables.lke_csv(tmp_path / "lke.csv"))
    assert shape(plan) == (1, 2, 3)
    assert [a.item_title for a in plan.actions] == ["Tim kerja dibentuk", "Tim kerja dibentuk", "Rencana Pembangunan ZI"]
    assert [a.source_id for a in plan.actions] == ["A.1.I.i.a", "A.1.I.i.b", "A.1.II.a"]
    assert "under: Penyusunan Tim Kerja" in (tmp_path / "lke.yaml").read_text(encoding="utf-8")


def test_hierarchy_in_columns_merged_down(zi, tmp_path):
    plan = imported(zi, tables.columns_xlsx(tmp_path / "kolom.xlsx"))
    assert shape(plan) == (2, 3, 5)
    assert [(a.item_title, a.indicator) for a in plan.actions[:3]] == [("Tim Kerja", "Menyusun SK"), ("Tim Kerja", "Evaluasi tim"), ("Budaya Kerja", "Apel pagi")]
    assert [a.team.name for a in plan.actions] == ["Sekretariat"] * 3 + ["Subbagian Keuangan, Umum dan Logistik", "Subbagian Hukum"]
    assert months(plan)["II.1.b"] == (12,)


def test_merged_cells_and_merged_month_marks(zi, tmp_path):
    plan = imported(zi, tables.merged_teams_xlsx(tmp_path / "gabung.xlsx"))
    assert shape(plan) == (1, 2, 4)
    assert months(plan) == {"I.1.a": (1,), "I.1.b": tuple(range(4, 13)), "I.2.a": (1,), "I.2.b": (3,)}
    assert [a.team.name for a in plan.actions] == ["Tim Manajemen Perubahan"] * 2 + ["Tim Budaya Kerja"] * 2


def test_team_spellings_merged_and_several_teams_per_cell(zi, tmp_path):
    plan = imported(zi, tables.team_spellings_csv(tmp_path / "tim.csv"))
    assert [t.name for t in plan.teams] == ["Tim Manajemen Perubahan", "Tim Pengawasan"]
    assert [[t.name for t in a.teams] for a in plan.actions] == [["Tim Manajemen Perubahan"]] * 5 + [
        ["Tim Manajemen Perubahan", "Tim Pengawasan"], ["Tim Pengawasan", "Tim Manajemen Perubahan"]]
    text = (tmp_path / "tim.yaml").read_text(encoding="utf-8")
    assert "'Tim Manajemen Perubahn' read as 'Tim Manajemen Perubahan'" in text
    team = zi("team", "pengawasan", "--json", "--plan", str(tmp_path / "tim.yaml"))
    assert team.code == 0 and '"I.1.f"' in team.out and '"I.1.g"' in team.out


def test_columns_in_another_order_and_named_with_columns(zi, tmp_path):
    table = tables.other_order_csv(tmp_path / "urut.csv")
    draft = imported(zi, table)
    assert draft.actions[0].draft  # CAPAIAN is no known header: no evidence column, so a draft
    plan = imported(zi, table, "--columns", "evidence= capaian ", "--force")
    (action,) = plan.actions
    assert not action.draft and action.months == (2, 3) and action.team.name == "Tim MP"
    assert action.steps == ("Menyusun rancangan SK", "Menetapkan SK") and action.evidence == ("SK", "salinan", "arsip")


def test_a_word_table_over_two_pages(zi, tmp_path):
    plan = imported(zi, tables.word_docx(tmp_path / "keputusan.docx"))
    assert shape(plan) == (2, 3, 4)
    assert [c.title for c in plan.components] == ["Manajemen Perubahan", "Pengawasan"]
    assert months(plan) == {"I.1.a": (1,), "I.1.b": (2,), "I.2.a": tuple(range(1, 13)), "II.1.a": (3,)}
    assert plan.actions[0].steps == ("Menyusun SK", "Menetapkan SK") and plan.actions[2].evidence == ("Foto", "Daftar hadir")
    assert [a.team.name for a in plan.actions] == ["Tim MP"] * 3 + ["Tim Pengawasan"]


def test_a_pdf_printed_from_zi_publish(zi, tmp_path):
    table = tmp_path / "published.pdf"
    table.write_bytes((FIXTURES / "published-plan.pdf").read_bytes())
    plan, source = imported(zi, table), load_plan(FIXTURES / "published-plan.yaml")
    assert shape(plan) == shape(source) == (3, 9, 27)
    for got, want in zip(plan.actions, source.actions, strict=True):
        assert (got.id, got.item_title, got.indicator, got.steps, got.evidence, got.months, got.team.name) == (
            want.id, want.item_title, want.indicator, want.steps, want.evidence, want.months, want.team.name)
    assert "[page 2] row" in (tmp_path / "published.yaml").read_text(encoding="utf-8")


def test_dry_run_shows_the_mapping_and_writes_nothing(zi, tmp_path):
    table = tables.other_order_csv(tmp_path / "urut.csv")
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--columns", "evidence=CAPAIAN", "--dry-run")
    assert result.code == 0, result.err
    for words in ("CAPAIAN", "evidence", "Hierarchy: components 1, items 1, actions 1", "I.1.a", "Feb, Mar", "The plan is valid"):
        assert words in result.out, words
    assert not list(tmp_path.glob("*.yaml"))


@pytest.mark.parametrize(
    ("option", "words"),
    [("evidence", "role=HEADER"), ("colour=X", "unknown role 'colour'"), ("action=A,action=B", "twice")],
)
def test_bad_columns_option(zi, tmp_path, option, words):
    table = tables.one_cell_csv(tmp_path / "t.csv")
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--columns", option)
    assert result.code == 2 and words in result.err and "Traceback" not in result.err


def test_columns_option_naming_a_missing_header(zi, tmp_path):
    table = tables.one_cell_csv(tmp_path / "t.csv")
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--columns", "evidence=LUARAN")
    assert result.code == 1 and f"{table}:1:1: --columns: no column headed LUARAN in this table; the headers of row 1: " \
        "NO; KOMPONEN; INDIKATOR; KEGIATAN; BUKTI DUKUNG; WAKTU PELAKSANAAN; PJ" in result.err


def test_no_team_anywhere_needs_team_option(zi, tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU"], ["1", "Tim Kerja", "SK", "Menyusun", "SK", "Mei"]]
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and "--team" in result.err and f"{table}:2:" in result.err
    plan = imported(zi, table, "--team", "Tim ZI", "--component", "Manajemen Perubahan")
    assert plan.actions[0].team.name == "Tim ZI" and [(c.id, c.title) for c in plan.components] == [("I", "Manajemen Perubahan")]


def test_a_table_without_components_is_one_named_from_its_title(zi, tmp_path):
    rows = [["RENCANA AKSI ZI BPS KOTA CONTOH"], [], ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"],
            ["1", "Tim Kerja", "SK", "Menyusun", "SK", "Mei", "Tim A"], ["2", "SOP", "SOP", "Menyusun SOP", "SOP", "Juni", ""]]
    plan = imported(zi, tables.write_csv(tmp_path / "t.csv", rows))
    assert [(c.id, c.title) for c in plan.components] == [("I", "RENCANA AKSI ZI BPS KOTA CONTOH")] and shape(plan) == (1, 2, 2)


def test_unreadable_schedule_points_at_its_cell(zi, tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"], ["I", "MP", "", "", "", "", "Tim A"],
            ["1", "Tim Kerja", "SK", "Menyusun", "SK", "kapan-kapan", ""]]
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and f"{table}:3:6: " in result.err and "kapan-kapan" in result.err


def test_a_header_without_an_action_column_is_pointed_at(zi, tmp_path):
    rows = [["Lampiran"], ["NO", "KOMPONEN", "PRODUK", "PJ"], ["1", "Tim Kerja", "SK", "Tim A"]]
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and f"{table}:2:1: row 2 looks like the header (NO, KOMPONEN, PRODUK, PJ)" in result.err


def test_word_table_without_components_is_named_from_the_paragraph_above(zi, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("RENCANA AKSI ZONA INTEGRITAS 2024")
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"], ["1", "Tim Kerja", "SK", "Menyusun SK", "SK", "Mei", "Tim A"]]
    table = document.add_table(rows=2, cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(tmp_path / "d.docx")
    plan = imported(zi, tmp_path / "d.docx")
    assert [c.title for c in plan.components] == ["RENCANA AKSI ZONA INTEGRITAS 2024"] and plan.actions[0].months == (5,)


def test_the_first_sheet_with_a_header_is_read(zi, tmp_path):
    from openpyxl import load_workbook

    path = tables.quarters_xlsx(tmp_path / "book.xlsx")
    book = load_workbook(path)
    cover = book.create_sheet("Sampul", 0)
    cover.append(["KEPUTUSAN KEPALA KANTOR"])
    book.save(path)
    assert shape(imported(zi, path)) == (2, 2, 3)
    result = zi("import", str(path), "--institution", "X", "--year", "2024", "--sheet", "Sampul")
    assert result.code == 1 and f"{path}[Sampul]:1:1: " in result.err


def test_letters_in_no_label_actions(zi, tmp_path):
    rows = [tables.HEADER, ["I", "Manajemen Perubahan", *[""] * 15, "Tim MP"],
            ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", *tables.months_row([1])],
            ["a", "", "Tim dievaluasi", "Evaluasi", "Laporan", *tables.months_row([])],
            ["b.", "", "Tim dilaporkan", "Pelaporan", "Laporan", *tables.months_row([6])]]
    plan = imported(zi, tables.write_csv(tmp_path / "huruf.csv", rows))
    # 'a' has no month, but its label makes it an action of its own (not scheduled yet), not a continuation
    assert [(a.id, a.indicator, a.months) for a in plan.actions] == [
        ("I.1.a", "SK terbit", (1,)), ("I.1.b", "Tim dievaluasi", ()), ("I.1.c", "Tim dilaporkan", (6,))]


@pytest.mark.parametrize(("doc", "lang"), [("import.en.md", "en"), ("import.md", "id")])
def test_the_documented_dry_run_example_is_what_zi_prints(zi, tmp_path, monkeypatch, doc, lang):
    text = (Path(__file__).parent.parent / "docs" / doc).read_text(encoding="utf-8")
    prefix = "$ zi --lang id import" if lang == "id" else "$ zi import"
    command = f'{prefix} rencana-aksi.xlsx --institution "BPS Kabupaten Contoh" --year 2024 --dry-run\n'
    shown = text.split("```console\n" + command, 1)[1].split("\n```", 1)[0]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    tables.statistics_xlsx(tmp_path / "rencana-aksi.xlsx")
    result = zi("--lang", lang, "import", "rencana-aksi.xlsx", "--institution", "BPS Kabupaten Contoh", "--year", "2024", "--dry-run")
    assert result.code == 0
    assert [line.rstrip() for line in result.out.rstrip().splitlines()] == [line.rstrip() for line in shown.splitlines()]


@pytest.mark.parametrize("doc", ["import.en.md", "import.md"])
def test_the_documented_mapping_file_is_a_valid_one(tmp_path, doc):
    from zi_plan.importing.mapping import load_mapping

    text = (Path(__file__).parent.parent / "docs" / doc).read_text(encoding="utf-8")
    (tmp_path / "m.yaml").write_text(text.split("```yaml\n", 1)[1].split("```", 1)[0], encoding="utf-8")
    mapping = load_mapping(tmp_path / "m.yaml")
    assert mapping.columns["evidence"] == "BUKTI PENDUKUNG" and mapping.teams == {"Tim SDM": ["Subbag Kepegawaian", "Sub Bagian SDM"]}


def test_marks_on_a_row_without_text_are_reported(zi, tmp_path):
    rows = [tables.HEADER, ["I", "MP", *[""] * 15, "Tim MP"], ["1", "Tim", "SK", "Menyusun", "SK", *tables.months_row([1])],
            ["", "", "", "", "", *tables.months_row([5])]]
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and f"{table}:4:6: months marked on a row with no indicator" in result.err


def test_a_heading_with_nothing_under_it_is_kept_as_a_note(zi, tmp_path):
    plan_rows = [["KODE", "URAIAN", "INDIKATOR", "BUKTI", "WAKTU", "PJ"], ["A.1", "Manajemen Perubahan", "", "", "", "Tim MP"],
                 ["A.1.I", "Tim Kerja", "", "", "", ""], ["A.1.I.a", "Membentuk tim", "Tim ada", "SK", "Mei", ""],
                 ["A.1.II", "Belum diisi", "", "", "", ""]]
    imported(zi, tables.write_csv(tmp_path / "t.csv", plan_rows))
    assert "heading without actions: Belum diisi (row 5)" in (tmp_path / "t.yaml").read_text(encoding="utf-8")


def test_dry_run_json_for_scripts(zi, tmp_path):
    import json

    table = tables.statistics_xlsx(tmp_path / "r.xlsx")
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--dry-run", "--json")
    data = json.loads(result.out)
    assert data["columns"]["evidence"] == {"column": 4, "header": "LUARAN"} and data["schedule"]["kind"] == "quarters"
    assert data["counts"] == {"components": 2, "items": 2, "actions": 4, "drafts": 1, "unscheduled": 0, "teams": 2}
    assert data["actions"][2] == {"id": "II.1.a", "component": "Penguatan Pengawasan", "item": "Penguatan Pengawasan", "source": "row 8",
                                  "source_id": "SS.2.1", "months": [6], "teams": ["Pokja Pengawasan", "Tim Manajemen Perubahan"], "draft": False,
                                  "lke": [], "indicator": "Pegawai memahami gratifikasi", "steps": ["Sosialisasi pengendalian gratifikasi"],
                                  "evidence": ["Daftar hadir"]}
    assert data["problems"] == [] and not list(tmp_path.glob("*.yaml"))
    written = json.loads(zi("import", str(table), "--institution", "X", "--year", "2024", "--json", "-o", str(tmp_path / "r.yaml")).out)
    assert written["written"] == str(tmp_path / "r.yaml") and (tmp_path / "r.yaml").exists()


def test_hierarchy_columns_repeated_per_row_with_line_breaks(zi, tmp_path):
    rows = [["AREA PERUBAHAN", "SUB AREA", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"],
            ["Manajemen\nPerubahan", "Tim\nKerja", "Menyusun SK", "SK", "Mei", "Tim A"],
            ["Manajemen\nPerubahan", "Tim\nKerja", "Evaluasi", "Laporan", "Juni", "Tim A"],
            ["Pengawasan", "Gratifikasi", "Sosialisasi", "Daftar hadir", "Juli", "Tim B"]]
    plan = imported(zi, tables.write_csv(tmp_path / "t.csv", rows))
    assert shape(plan) == (2, 2, 3) and plan.actions[0].item_title == "Tim Kerja"


def test_an_lke_column_gives_each_action_its_lke_codes(zi, tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ", "KODE LKE"],
            ["I", "Manajemen Perubahan", "", "", "", "", "Tim A", ""],
            ["1", "Tim Kerja", "Tim terbentuk", "Membentuk tim", "SK", "Januari", "", "P.1.i.a, P.1.i.b"],
            ["", "", "Rencana disusun", "Menyusun", "Dokumen", "Februari", "", "P.1.ii.a"]]
    plan = imported(zi, tables.write_csv(tmp_path / "lke.csv", rows))
    assert [a.lke for a in plan.actions] == [("P.1.i.a", "P.1.i.b"), ("P.1.ii.a",)]


@pytest.mark.parametrize(("rows", "where", "words"), [
    ([["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"], ["1", "Tim Kerja", "SK", "Menyusun", "SK", "Mei", "Tim A"],
      ["II", "Pengawasan", "", "", "", "", "Tim B"], ["1", "UPG", "UPG", "Membentuk", "SK", "Juni", ""]],
     ":2:1: ", "a row before any component (code 1): the table must start with a component row (I, II, ...)"),
    ([["KODE", "URAIAN", "INDIKATOR", "BUKTI", "WAKTU", "PJ"], ["SS.1", "Manajemen Perubahan", "", "", "", "Tim MP"],
      ["SS.1.1", "Menyusun SK", "SK", "SK", "Mei", ""], ["SS.2", "Pengawasan", "", "", "", "Tim W"]],
     ":4:1: ", "component 'Pengawasan' (code SS.2) has no actions under it"),
])  # fmt: skip
def test_a_structure_error_names_the_row_and_the_code(zi, tmp_path, rows, where, words):
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and f"{table}{where}{words}" in result.err
