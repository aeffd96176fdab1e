"""zi import on tables numbered I / 1 / a. with item headings in the action column, and on tables numbered by LKE code."""

from __future__ import annotations

import json

import pytest

from tests import tables
from tests.importing.reading import walked
from tests.test_importing import imported, months, shape


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".csv"])
def test_item_headings_in_the_action_column_open_items(zi, tmp_path, suffix):
    plan = imported(zi, tables.kegiatan_table(tmp_path / f"kegiatan{suffix}"))
    assert shape(plan) == (2, 3, 4)
    assert [c.title for c in plan.components] == ["MANAJEMEN PERUBAHAN", "PENGUATAN PENGAWASAN"]
    assert [(a.id, a.item_title, a.indicator, a.steps) for a in plan.actions] == [
        ("I.1.a", "Penyusunan Tim Kerja", "SK Tim Kerja terbit", ("Menyusun SK Tim Kerja",)),
        ("I.1.b", "Penyusunan Tim Kerja", "Monev berkala", ("Rapat monitoring tim",)),
        ("I.2.a", "Rencana Pembangunan ZI", "Rencana kerja ada", ("Menyusun rencana kerja",)),
        ("II.1.a", "Pengendalian Gratifikasi", "Pegawai memahami gratifikasi", ("Sosialisasi gratifikasi",)),
    ]
    assert months(plan) == {"I.1.a": (3,), "I.1.b": (3, 6, 9, 12), "I.2.a": (6,), "II.1.a": (9,)}
    assert [a.team.name for a in plan.actions] == ["Tim Manajemen Perubahan"] * 3 + ["Tim Pengawasan"]
    assert not any(a.draft for a in plan.actions)


def test_an_item_row_with_an_indicator_of_its_own_stays_an_action(zi, tmp_path):
    rows = [tables.KEGIATAN_HEADER, tables.KEGIATAN_ROWS[0], ["1", "Penyusunan Tim Kerja", "SK terbit", "SK", "v", "", "", "", ""]]
    plan = imported(zi, tables.write_csv(tmp_path / "t.csv", rows))
    assert [(a.item_title, a.indicator, a.months) for a in plan.actions] == [("SK terbit", "SK terbit", (3,))]


def test_messages_name_the_column_by_the_files_own_header(zi, tmp_path):
    rows = [tables.KEGIATAN_HEADER, tables.KEGIATAN_ROWS[0], tables.KEGIATAN_ROWS[1],
            ["a.", "Menyusun SK", "", "", "v", "", "", "", ""]]  # fmt: skip
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--dry-run", "--json")
    inferences = [f"{i['message']} {i['rows']}" for i in json.loads(result.out)["inferences"]]
    # No indicator and no action above it to take one from: a draft, its steps standing in, said with the file's own header.
    assert "RENCANA KINERJA is empty in 1 row with no action above it in the same item: its steps stand in for it, left as a draft [4]" in inferences
    assert "DATA DUKUNG is empty in 1 row: left as a draft [4]" in inferences
    assert not any("INDIKATOR" in i for i in inferences)


def test_team_message_names_the_team_header(zi, tmp_path):
    rows = [["NO", "KEGIATAN", "RENCANA KINERJA", "DATA DUKUNG", "WAKTU", "KOORDINATOR"],
            ["I", "MP", "", "", "", ""], ["1", "Menyusun SK", "SK", "SK", "Mei", ""]]  # fmt: skip
    table = tables.write_csv(tmp_path / "t.csv", rows)
    result = zi("import", str(table), "--institution", "X", "--year", "2024")
    assert result.code == 1 and "no team (KOORDINATOR) for component 'MP'" in result.err


def test_a_draft_comment_says_what_is_missing(zi, tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PJ"],
            ["I", "MP", "", "", "", "", "Tim MP"],
            ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "", "Mei", ""],
            ["", "", "Agen perubahan", "", "", "Juni", ""]]  # fmt: skip
    plan = imported(zi, tables.write_csv(tmp_path / "t.csv", rows))
    assert [a.draft for a in plan.actions] == [True, True] and plan.actions[0].steps == ("Menyusun SK",)
    comments = _comments_above_ids((tmp_path / "t.yaml").read_text(encoding="utf-8"))
    assert "draft: no evidence yet" in comments["I.1.a"] and "draft: no steps or evidence yet" not in comments["I.1.a"]
    assert "draft: no steps or evidence yet" in comments["I.1.b"]


def _comments_above_ids(text: str) -> dict[str, list[str]]:
    """Each action's comment lines (written just above its '- id:' line)."""
    found: dict[str, list[str]] = {}
    block: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            block.append(stripped.lstrip("# "))
        elif stripped.startswith("- id: "):
            found[stripped[len("- id: "):]] = block
            block = []
        else:
            block = []
    return found


def test_lke_codes_are_kept_as_the_questions_the_action_serves(zi, tmp_path):
    plan = imported(zi, tables.lke_numbered_csv(tmp_path / "lke.csv"))
    assert shape(plan) == (2, 3, 5)
    assert [(a.source_id, a.lke) for a in plan.actions] == [
        ("P.1.i.a", ("P.1.i.a",)), ("P.1.i.b", ("P.1.i.b",)), ("P.1.i.z", ()), ("P.1.ii.a", ("P.1.ii.a",)), ("R.2.ii.b", ("R.2.ii.b",))]
    assert [a.item_title for a in plan.actions] == ["Penyusunan Tim Kerja"] * 3 + ["Rencana Pembangunan ZI", "Sistem informasi"]
    path = str(tmp_path / "lke.yaml")
    assert zi("validate", path).code == 0
    listed = json.loads(zi("list", "--json", "--plan", path).out)
    assert [a["lke"] for a in listed] == [["P.1.i.a"], ["P.1.i.b"], [], ["P.1.ii.a"], ["R.2.ii.b"]]
    assert "lke: 2026" in (tmp_path / "lke.yaml").read_text(encoding="utf-8")  # the worksheet the codes were read against
    dry = json.loads(zi("import", str(tmp_path / "lke.csv"), "--institution", "X", "--year", "2024", "--dry-run", "--json").out)
    assert [a["lke"] for a in dry["actions"]] == [["P.1.i.a"], ["P.1.i.b"], [], ["P.1.ii.a"], ["R.2.ii.b"]]
    coverage = json.loads(zi("lke", "coverage", "--json", "--plan", path).out)
    assert coverage["covered"] == 4


def test_codes_of_another_scheme_stay_source_ids_only(zi, tmp_path):
    plan = imported(zi, tables.lke_csv(tmp_path / "lama.csv"))
    assert [a.lke for a in plan.actions] == [(), (), ()]
    assert "lke:" not in (tmp_path / "lama.yaml").read_text(encoding="utf-8")


def _broken_table(tmp_path):
    """A quarter marked with a word that is no mark: the table cannot be imported as it is."""
    rows = [tables.KEGIATAN_HEADER, tables.KEGIATAN_ROWS[0], ["a.", "Menyusun SK", "SK terbit", "SK", "kapan-kapan", "", "", "", ""]]
    return tables.write_csv(tmp_path / "t.csv", rows)


def test_dry_run_on_a_failing_table_still_shows_the_columns(zi, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    table = _broken_table(tmp_path)
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--dry-run")
    assert result.code == 1
    for words in ("Columns", "RENCANA KINERJA", "indicator", "KEGIATAN", "action (steps)", "schedule (quarters)"):
        assert words in result.out, words
    assert f"{table}:3:5: unknown mark 'kapan-kapan'" in result.err and "Traceback" not in result.err
    assert not list(tmp_path.glob("*.yaml"))


def test_dry_run_json_on_a_failing_table_has_the_mapping_and_the_problems(zi, tmp_path):
    table = _broken_table(tmp_path)
    result = zi("import", str(table), "--institution", "X", "--year", "2024", "--dry-run", "--json")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["columns"]["indicator"] == {"column": 3, "header": "RENCANA KINERJA"}
    assert len(data["problems"]) == 1 and data["problems"][0].startswith(f"{table}:3:5: unknown mark 'kapan-kapan' in the schedule column TW I")
    assert data["actions"] == [] and not list(tmp_path.glob("*.yaml"))


def test_an_lke_code_is_read_against_the_worksheet():
    from zi_plan.importing.questions import lke_question

    assert lke_question("P.1.iv.a") == ["P.1.iv.a"] and lke_question("p.1.IV.a") == ["P.1.iv.a"]
    assert lke_question("R.1.i.a.1") == []  # a count input of R.1.i.a, no question of its own
    assert lke_question("SS.1.1") == lke_question("A.1.I.i") == []


def test_a_team_on_an_item_heading_is_its_actions_team(zi, tmp_path):
    rows = [tables.KEGIATAN_HEADER, *tables.KEGIATAN_ROWS[:5], [*tables.KEGIATAN_ROWS[4][:8], "Tim Perencanaan"], tables.KEGIATAN_ROWS[5]]
    del rows[5]  # item 2's heading, now with a team of its own
    plan = imported(zi, tables.write_csv(tmp_path / "t.csv", rows))
    assert [(a.id, a.team.name) for a in plan.actions] == [
        ("I.1.a", "Tim Manajemen Perubahan"), ("I.1.b", "Tim Manajemen Perubahan"), ("I.2.a", "Tim Perencanaan")]


# ---------------------------------------------------------------- codes beside level columns (reported, not yet fixed)

CODED_LEVELS = [["KODE", "PILAR", "SUB PILAR", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"],
                ["{a}1", "Manajemen Perubahan", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "Tim MP"],
                ["{a}2", "Manajemen Perubahan", "Tim Kerja", "Agen ada", "Menetapkan agen", "SK Agen", "Februari", "Tim MP"],
                ["{b}1", "Penguatan Pengawasan", "Gratifikasi", "UPG ada", "Membentuk UPG", "SK UPG", "Maret", "Tim PW"],
                ["{b}2", "Penguatan Pengawasan", "Gratifikasi", "WBS ada", "Membangun WBS", "SK WBS", "April", "Tim PW"]]  # fmt: skip


def _coded(a: str, b: str) -> list[list[str]]:
    return [[cell.format(a=a, b=b) for cell in row] for row in CODED_LEVELS]


@pytest.mark.xfail(strict=True, reason="bug: a code by depth (SS.2.1: component 'SS') outranks the PILAR column; Penguatan Pengawasan is merged into Manajemen Perubahan, untold")
def test_codes_with_letters_beside_level_columns_keep_the_columns_components():
    state = walked(_coded("SS.1.", "SS.2."))
    assert [(c.title, [i.title for i in c.items]) for c in state.components] == [
        ("Manajemen Perubahan", ["Tim Kerja"]), ("Penguatan Pengawasan", ["Gratifikasi"])]


@pytest.mark.xfail(strict=True, reason="bug: a code of digits by depth (1.1: component '1', no item) leaves the SUB PILAR column unread, untold")
def test_codes_of_digits_beside_level_columns_keep_the_columns_items():
    state = walked(_coded("1.", "2."))
    assert [(c.title, [i.title for i in c.items]) for c in state.components] == [
        ("Manajemen Perubahan", ["Tim Kerja"]), ("Penguatan Pengawasan", ["Gratifikasi"])]
