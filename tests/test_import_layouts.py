"""The layout classes of issue 22, each as an office keeps it: xlsx and Excel's ';' CSV give the same plan, read right."""

from __future__ import annotations

import json

import pytest

from tests import layouts
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import load_plan


def _import(zi, layout: layouts.Layout, table, *extra: str) -> LoadedPlan:
    out = table.with_name(table.name + ".yaml")
    result = zi("import", str(table), "--institution", "Kantor Contoh", "--year", "2025", "-o", str(out), *layout.options, *extra)
    assert result.code == 0, result.err
    return load_plan(out)


def _content(plan: LoadedPlan) -> list[tuple]:  # type: ignore[type-arg]
    return [(c.id, c.title, c.team.name, [(i.title, [(a.id, a.indicator, a.steps, a.evidence, a.months, tuple(t.name for t in a.teams), a.source_id, a.draft, a.lke)
                                                       for a in i.actions]) for i in c.items]) for c in plan.components]  # fmt: skip


def _dry(zi, layout: layouts.Layout, table) -> dict:  # type: ignore[type-arg]
    result = zi("import", str(table), "--institution", "X", "--year", "2025", "--dry-run", "--json", *layout.options)
    return json.loads(result.out)


@pytest.mark.parametrize("build", layouts.ALL, ids=lambda b: b.__name__)
def test_the_xlsx_and_the_excel_csv_of_one_table_give_the_same_plan(zi, tmp_path, build):
    layout = build()
    from_xlsx = _import(zi, layout, layout.xlsx(tmp_path))
    from_csv = _import(zi, layout, layout.csv(tmp_path))
    assert _content(from_xlsx) == _content(from_csv)
    assert [(t.id, t.name) for t in from_xlsx.teams] == [(t.id, t.name) for t in from_csv.teams]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_running_number_beside_a_code_column(zi, tmp_path, fmt):
    layout = layouts.running_number_and_codes()
    table = getattr(layout, fmt)(tmp_path)
    plan = _import(zi, layout, table)
    assert [(c.title, [i.title for i in c.items]) for c in plan.components] == [
        ("Manajemen Perubahan", ["Penyusunan Tim Kerja", "Rencana Pembangunan ZI"]), ("Penguatan Pengawasan", ["Pengendalian Gratifikasi"])]
    assert [a.source_id for a in plan.actions] == ["A.1.1.1", "A.1.1.2", "A.1.2.1", "A.2.1.1", "A.2.1.2"]
    data = _dry(zi, layout, table)
    assert {"message": "NO holds a running number 1..5: not used for the hierarchy, KODE is", "rows": [4]} in data["inferences"]
    assert data["ignored_columns"] == []  # URAIAN gave the headings their titles


@pytest.mark.parametrize("build", [layouts.letter_codes, layouts.letter_column], ids=["in-the-code", "in-a-column"])
def test_codes_whose_letters_give_the_level(zi, tmp_path, build):
    layout = build()
    plan = _import(zi, layout, layout.csv(tmp_path))
    assert [(c.title, c.team.name, [i.title for i in c.items]) for c in plan.components] == [
        ("Terwujudnya birokrasi yang bersih", "Tim Reformasi Birokrasi", ["Manajemen Perubahan", "Penataan Tatalaksana"]),
        ("Meningkatnya kualitas pelayanan", "Tim Pelayanan Publik", ["Standar Pelayanan"])]
    assert [(a.source_id, a.indicator, a.evidence, a.draft) for a in plan.actions][:2] == [
        ("IO.2.1", "Persentase pegawai yang memahami ZI", ("Daftar hadir sosialisasi",), False),
        ("IO.2.2", "Agen perubahan aktif", ("SK Agen Perubahan",), False)]  # RENCANA OUTPUT is the evidence: no drafts
    messages = [i["message"] for i in _dry(zi, layout, layout.csv(tmp_path))["inferences"]]
    assert "the codes name their level by their letters, not by their depth: SS components; K items; IO actions" in messages


def test_a_code_under_the_wrong_heading_is_told(zi, tmp_path):
    layout = layouts.letter_codes()
    layout.rows[6][0] = "IO.9.1"  # under K.3 by its place, under K.9 by its digits
    data = _dry(zi, layout, layout.csv(tmp_path))
    assert {"message": "code IO.9.1 stands under K.3, but its digits say it belongs under another heading: check the code or its place", "rows": [6, 7]} in data["warnings"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_titles_merged_across_a_two_column_table(zi, tmp_path, fmt):
    layout = layouts.two_column_titles()
    plan = _import(zi, layout, getattr(layout, fmt)(tmp_path))
    assert [(i.title, len(i.actions)) for c in plan.components for i in c.items] == [
        ("Penyusunan Tim Kerja", 2), ("Rencana Pembangunan ZI", 2), ("Pemantauan dan Evaluasi", 1)]
    assert not any(a.draft for a in plan.actions)
    assert plan.components[0].title == "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS"


def test_a_question_text_column_next_to_levels_and_two_team_columns(zi, tmp_path):
    layout = layouts.question_texts()
    table = layout.csv(tmp_path)
    plan = _import(zi, layout, table)
    assert [(c.title, [i.title for i in c.items]) for c in plan.components] == [
        ("Manajemen Perubahan", ["Penyusunan Tim Kerja"]), ("Penataan Tatalaksana", ["Prosedur Operasional Tetap (SOP) Kegiatan Utama"]),
        ("Manajemen Perubahan", ["Komitmen Dalam Perubahan"]), ("Penataan Tatalaksana", ["Peta Proses Bisnis"])]
    assert [a.lke for a in plan.actions] == [("P.1.i.a",), ("P.1.i.b",), ("P.2.i.a",), ("R.1.i.a",), (), ("R.2.i.a",)]
    # OUTPUT (an outcome) is the indicator, DOKUMEN the evidence; the team is TIM KERJA TERKAIT, not the person in PIC.
    first = plan.actions[0]
    assert (first.indicator, first.evidence, first.team.name) == ("Tim kerja pembangunan ZI", ("SK Tim Kerja ZI",), "Tim Pilar 1")
    assert [t.name for t in plan.actions[3].teams] == ["Tim PPID", "Tim Diseminasi, Pengelolaan PST, dan Website"]
    assert plan.actions[2].team.name == "Tim ZI"  # 'Tim Kerja Terkait' is no team: --team
    data = _dry(zi, layout, table)
    assert {c["header"]: c["reason"] for c in data["ignored_columns"]} == {
        "ASPEK": "the same value in every row: no level", "PIC": "the team is TIM KERJA TERKAIT (column 10)"}
    assert data["ignored_columns"][1]["samples"] == ["Ani", "Budi"]
    assert {"message": "1 LKE question text matches no question of the worksheet: no LKE code given", "rows": [6]} in data["inferences"]
    assert "under: Reform" in (tmp_path / "lke-nias.csv.yaml").read_text(encoding="utf-8")


def test_target_beside_bukti_pendukung(zi, tmp_path):
    layout = layouts.target_and_evidence()
    plan = _import(zi, layout, layout.csv(tmp_path))
    first = plan.actions[0]
    assert (first.indicator, first.evidence) == ("Tim telah dibentuk di dalam unit kerja", ("SK Tim Kerja ZI, dokumen rapat pembentukan",))
    messages = [i["message"] for i in _dry(zi, layout, layout.csv(tmp_path))["inferences"]]
    assert ('Target (column 3) read as the indicator, since Bukti Pendukung (column 4) holds the evidence; '
            'to read them the other way: --columns "evidence=Target,indicator=Bukti Pendukung"') in messages


@pytest.mark.parametrize("header", ["RENCANA OUTPUT", "OUTPUT", "DATA DUKUNG", "BUKTI PENDUKUNG", "Bukti Dukung / Dokumen"])
def test_the_evidence_headers_offices_use(zi, tmp_path, header):
    from tests.tables import write_csv

    rows = [["NO", "KOMPONEN", "INDIKATOR", "RENCANA AKSI", header, "WAKTU", "PJ"], ["I", "MP", "", "", "", "", "Tim MP"],
            ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK Tim", "Januari", ""]]
    plan = load_plan(tmp_path / "t.yaml") if zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025").code == 0 else None
    assert plan is not None and plan.actions[0].evidence == ("SK Tim",) and not plan.actions[0].draft


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_empty_cell_takes_the_one_above_only_under_the_same_indicator(zi, tmp_path, fmt):
    layout = layouts.merged_indicators()
    plan = _import(zi, layout, getattr(layout, fmt)(tmp_path))
    a, b, c, d = plan.actions
    assert (b.indicator, b.steps) == ("SK Tim Kerja terbit", ("Menetapkan SK",))
    assert c.draft and c.steps == () and c.evidence == ("Notulen",)  # another indicator: never the steps above
    assert d.team.name == "Tim Budaya Kerja" and d.months == tuple(range(1, 13))
    # The team merged over the first indicator's two rows is theirs (in the CSV: the empty cell under the same indicator);
    # the next indicator's empty team cell is the component's.
    assert [t.name for t in (a.team, b.team, c.team)] == ["Subbagian Umum", "Subbagian Umum", "Tim MP"]


def test_an_empty_step_under_another_item_is_never_borrowed(zi, tmp_path):
    from tests.tables import HEADER, months_row, write_csv

    rows = [HEADER, ["I", "MP", *[""] * 15, "Tim MP"], ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", *months_row([1]), ""],
            ["2", "Budaya Kerja", "Apel rutin", "", "Foto", *months_row([2]), ""]]
    plan = load_plan(tmp_path / "t.yaml") if zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025").code == 0 else None
    assert plan is not None and plan.actions[1].draft and plan.actions[1].steps == ()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_header_among_title_rows_takes_no_data_row(zi, tmp_path, fmt):
    layout = layouts.Layout("judul", [
        ["LAMPIRAN KEPUTUSAN KEPALA KANTOR"], ["RENCANA AKSI ZONA INTEGRITAS TAHUN 2025"], [],
        ["NO", "KOMPONEN", "RENCANA AKSI", None, "PENANGGUNG JAWAB"],
        [None, None, "KEGIATAN", "OUTPUT", None],
        ["1", "Tim Kerja", "Kegiatan pembentukan tim kerja", "SK Tim Kerja", "Tim Kerja ZI"],
        ["2", "Pengawasan", "Sosialisasi gratifikasi", "Daftar hadir", "Tim Pengawasan"],
    ], merges=("A1:E1", "A2:E2", "C4:D4", "A4:A5", "B4:B5", "E4:E5"), options=("--component", "Manajemen Perubahan"))  # fmt: skip
    plan = _import(zi, layout, getattr(layout, fmt)(tmp_path))
    assert [(a.indicator, a.evidence) for a in plan.actions] == [("Kegiatan pembentukan tim kerja", ("SK Tim Kerja",)), ("Sosialisasi gratifikasi", ("Daftar hadir",))]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_quarters_numbered_under_a_group_header(zi, tmp_path, fmt):
    layout = layouts.quarters_under_a_group()
    plan = _import(zi, layout, getattr(layout, fmt)(tmp_path))
    assert [a.months for a in plan.actions] == [(3,), (3, 6, 9, 12), (12,)]
    spread = _import(zi, layout, getattr(layout, fmt)(tmp_path), "--quarters", "spread", "--force")
    assert spread.actions[0].months == (1, 2, 3)


def test_teams_spelled_many_ways(zi, tmp_path):
    layout = layouts.month_names_no_team_column()
    table = layout.csv(tmp_path)
    plan = _import(zi, layout, table)
    assert [t.name for t in plan.teams] == ["Subbagian Umum dan Kepegawaian", "Seksi Pelayanan"]  # 9 spellings, 2 teams
    # 'Tim Kerja Terkait' names no team: the action keeps its component's.
    assert [[t.name for t in a.teams] for a in plan.actions][7:] == [["Subbagian Umum dan Kepegawaian", "Seksi Pelayanan"], ["Subbagian Umum dan Kepegawaian"]]
    messages = [(i["message"], i["rows"]) for i in _dry(zi, layout, table)["inferences"]]
    assert ("3 spellings folded into 'Subbagian Umum dan Kepegawaian': 'Subbag Umum & Kepegawaian', 'Sub Bagian Umum dan Kepegawaian', "
            "'Kasubbag Umum dan Kepegawaian'", [3, 4, 5]) in messages
    assert ("team 'Seksi Pelayanaan' read as 'Seksi Pelayanan' (near-identical spelling)", [8]) in messages
    assert ("'Tim Kerja Terkait' names no team: those actions keep the team of their item or component", [11]) in messages


def test_every_row_and_column_is_accounted_for(zi, tmp_path):
    from tests.tables import write_csv

    rows = [["Rencana Aksi 2025"], ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ", "KETERANGAN"],
            ["I", "MP", "", "", "", "", "Tim MP", ""], ["1", "Tim Kerja", "SK", "Menyusun SK", "SK", "Mei", "", "sudah"],
            ["", "", "", "", "", "", "", "catatan lepas"], ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ", "KETERANGAN"],
            ["2", "SOP", "SOP", "Menyusun SOP", "SOP", "Juni", "", "belum"]]  # fmt: skip
    data = json.loads(zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025", "--dry-run", "--json").out)
    assert data["ignored_columns"] == [{"column": 8, "header": "KETERANGAN", "samples": ["sudah", "catatan lepas"],
                                        "reason": 'its header names no role; give it one with --columns "ROLE=KETERANGAN"'}]
    assert [(s["row"], s["reason"]) for s in data["skipped_rows"]] == [
        (1, "above the header: a title"), (5, "its text is only in columns zi does not read: KETERANGAN"),
        (6, "a header row repeated (a new page)")]


def test_structure_that_reads_oddly_is_warned_about(zi, tmp_path):
    from tests.tables import write_csv

    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"], ["I", "MP", "", "", "", "", "Tim MP"]]
    rows += [[str(n), f"Butir {n}", f"Indikator {n}", "Rapat koordinasi bulanan", f"Notulen {n}", "Mei", ""] for n in range(1, 5)]
    rows += [["2", "Butir 2", "Lain", "Lain", "Lain", "Juni", ""], ["II", "Pengawasan", "", "", "", "", "Tim W"], ["1", "UPG", "UPG", "UPG", "SK", "Mei", ""]]
    data = json.loads(zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025", "--dry-run", "--json").out)
    warnings = {w["message"]: w["rows"] for w in data["warnings"]}
    assert warnings["6 of 6 items hold one action each: is each row read as an item of its own (a running number, or a column at the wrong level)?"] == [3, 4, 5, 6, 7, 9]
    assert warnings["component 'Pengawasan' holds one action only"] == [8]
    assert warnings["2 items have the same title 'butir 2'"] == [4, 7]
    assert warnings["the same steps under 4 different indicators: 'Rapat koordinasi bulanan'"] == [3, 4, 5, 6]


def test_the_summary_in_both_languages(zi, tmp_path):
    layout = layouts.target_and_evidence()
    table = layout.csv(tmp_path)
    args = ("import", str(table), "--institution", "X", "--year", "2025", *layout.options)
    data = json.loads(zi("--lang", "id", *args, "--dry-run", "--json").out)
    assert ('Target (kolom 3) dibaca sebagai indikator, karena Bukti Pendukung (kolom 4) berisi bukti; untuk membaca sebaliknya: '
            '--columns "evidence=Target,indicator=Bukti Pendukung"') in [i["message"] for i in data["inferences"]]
    written = zi("--lang", "id", *args, "-o", str(tmp_path / "p.yaml"))
    assert written.code == 0
    for words in ("Yang disimpulkan zi", "Hierarki: komponen 1, butir 2, aksi 4", "indikator: Tim telah dibentuk di dalam unit kerja",
                  "ditulis", "--save-mapping BERKAS"):
        assert words in written.out, words
    english = zi(*args, "-o", str(tmp_path / "q.yaml"))
    assert "What zi inferred" in english.out and "to read next year's table the same way" in english.out
    header = (tmp_path / "q.yaml").read_text(encoding="utf-8").split("\ninstitution:", 1)[0]
    assert "# How the table was read:" in header and "# - Target (column 3) read as the indicator" in header


def test_short_question_texts_are_no_codes(zi, tmp_path):
    from tests.tables import write_csv

    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ", "PERTANYAAN LKE", "KODE LKE"],
            ["I", "MP", "", "", "", "", "Tim MP", "", ""],
            ["1", "Tim Kerja", "SK", "Menyusun", "SK", "Mei", "", "Tim dibentuk?", "P.1.i.a"],
            ["2", "Agen", "Agen", "Menetapkan", "SK", "Juni", "", "Sudah ditetapkan agen perubahan", "P.1.iv.b, P.1.iv.c"]]  # fmt: skip
    data = json.loads(zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025", "--dry-run", "--json").out)
    assert data["problems"] == [] and data["columns"]["lke"]["header"] == "KODE LKE"
    # the codes from KODE LKE; the second question's text matches its question in the worksheet too
    assert [a["lke"] for a in data["actions"]] == [["P.1.i.a"], ["P.1.iv.b", "P.1.iv.c"]]


def test_a_question_text_disagreeing_with_its_code_is_told(zi, tmp_path):
    from tests.tables import write_csv

    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ", "PERTANYAAN LKE", "KODE LKE"],
            ["I", "MP", "", "", "", "", "Tim MP", "", ""],
            ["1", "Agen", "Agen", "Menetapkan", "SK", "Juni", "", "Sudah ditetapkan agen perubahan", "P.1.i.a"]]  # fmt: skip
    data = json.loads(zi("import", str(write_csv(tmp_path / "t.csv", rows)), "--institution", "X", "--year", "2025", "--dry-run", "--json").out)
    assert data["warnings"] == [{"message": "the question text is LKE P.1.iv.b, but the row's codes say P.1.i.a: both kept; check which it serves", "rows": [3]}]
