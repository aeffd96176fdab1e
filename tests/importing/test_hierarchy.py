"""zi import on tables numbered I / 1 / a. with item headings in the action column, and on tables numbered by LKE code."""

from __future__ import annotations

import json

import pytest

from tests import layouts, tables
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


# ---------------------------------------------------------------- codes by depth beside level columns

CODED_LEVELS = [["KODE", "PILAR", "SUB PILAR", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"],
                ["{a}1", "Manajemen Perubahan", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "Tim MP"],
                ["{a}2", "Manajemen Perubahan", "Tim Kerja", "Agen ada", "Menetapkan agen", "SK Agen", "Februari", "Tim MP"],
                ["{b}1", "Penguatan Pengawasan", "Gratifikasi", "UPG ada", "Membentuk UPG", "SK UPG", "Maret", "Tim PW"],
                ["{b}2", "Penguatan Pengawasan", "Gratifikasi", "WBS ada", "Membangun WBS", "SK WBS", "April", "Tim PW"]]  # fmt: skip
PILLARS = [("Manajemen Perubahan", ["Tim Kerja"]), ("Penguatan Pengawasan", ["Gratifikasi"])]


def _coded(a: str, b: str) -> list[list[str]]:
    return [[cell.format(a=a, b=b) for cell in row] for row in CODED_LEVELS]


def _tree(state) -> list[tuple[str, list[str]]]:
    return [(c.title, [i.title for i in c.items]) for c in state.components]


def _inferences(state) -> list[tuple[str, list[int]]]:
    return [(f.message, [state.grid.origins[r][1] for r in f.rows]) for f in state.findings.inferences]


def test_codes_with_letters_beside_level_columns_keep_the_columns_components():
    # By its depth SS.2.1 is in component 'SS' with SS.1.1: the codes alone would make the two pillars one.
    state = walked(_coded("SS.1.", "SS.2."))
    assert _tree(state) == PILLARS
    assert [[a.source_id for a in i.actions] for c in state.components for i in c.items] == [["SS.1.1", "SS.1.2"], ["SS.2.1", "SS.2.2"]]
    assert ("KODE holds codes by depth that group the rows otherwise than PILAR, SUB PILAR: the hierarchy follows the columns, "
            "and the codes are kept as the actions' source ids", [4]) in _inferences(state)  # fmt: skip
    assert not state.problems and not state.skipped


def test_codes_of_digits_beside_level_columns_keep_the_columns_items():
    # By its depth 1.1 is action 1 of component '1', with no item: the codes alone would leave SUB PILAR unread.
    state = walked(_coded("1.", "2."))
    assert _tree(state) == PILLARS
    assert [a.source_id for c in state.components for a in c.actions] == ["1.1", "1.2", "2.1", "2.2"]
    assert ("KODE holds codes by depth beside PILAR, SUB PILAR, and they agree: the hierarchy follows the columns, "
            "and the codes are kept as the actions' source ids", [1]) in _inferences(state)  # fmt: skip
    assert not any("otherwise" in m for m, _rows in _inferences(state))


def test_lke_codes_beside_level_columns_stay_the_actions_questions():
    state = walked([[cell.replace("P.1.i.1", "P.1.i.a").replace("P.1.i.2", "P.1.i.b") for cell in row] for row in _coded("P.1.i.", "P.2.i.")])
    assert _tree(state) == PILLARS
    assert [(a.source_id, a.lke) for a in state.components[0].actions] == [("P.1.i.a", ["P.1.i.a"]), ("P.1.i.b", ["P.1.i.b"])]


def test_a_heading_by_its_code_beside_level_columns_opens_nothing_more():
    rows = [CODED_LEVELS[0], ["SS.1", "Manajemen Perubahan", "", "", "", "", "", "Tim MP"], *_coded("SS.1.", "SS.2.")[1:3],
            ["SS.2", "", "", "", "Pengawasan", "", "", ""], *_coded("SS.1.", "SS.2.")[3:]]  # fmt: skip
    state = walked(rows)
    assert _tree(state) == PILLARS and state.components[0].row == 1  # the heading row, opened by its PILAR cell
    # The second heading's title is in no level column: listed as left out, with the reason.
    assert state.skipped == {4: "a heading by its code (SS.2): the hierarchy follows the level columns"}


def test_an_item_column_beside_codes_gives_the_items_under_the_codes_components():
    header = ["KODE", "SUB PILAR", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU", "PJ"]
    rows = [header, ["1.1", "Tim Kerja", "A", "a", "x", "Mei", "T"], ["1.2", "", "B", "b", "y", "Mei", "T"], ["1.3", "Agen", "C", "c", "z", "Mei", "T"],
            ["2.1", "UPG", "D", "d", "w", "Mei", "T"]]  # fmt: skip
    state = walked(rows)
    assert _tree(state) == [("1", ["Tim Kerja", "Agen"]), ("2", ["UPG"])]
    assert ("KODE holds codes by depth beside SUB PILAR, and they agree: the components follow the codes, the items SUB PILAR; "
            "the codes are kept as the actions' source ids", [1]) in _inferences(state)  # fmt: skip
    rows[4][1] = ""  # Tim Kerja runs on into component 2 (a merge lost in a CSV): the item is cut there, and told
    state = walked(rows[:3] + [rows[4]])
    assert _tree(state) == [("1", ["Tim Kerja"]), ("2", ["2"])]
    assert ("KODE holds codes by depth that group the rows otherwise than SUB PILAR: the components follow the codes, the items SUB PILAR; "
            "the codes are kept as the actions' source ids", [4]) in _inferences(state)  # fmt: skip


def test_codes_beside_heading_titles_still_give_the_hierarchy():
    # KOMPONEN holds the titles of heading rows only: no level column on the action rows, so the codes lead as before.
    rows = [["KODE", "KOMPONEN", "INDIKATOR", "KEGIATAN", "BUKTI", "WAKTU"], ["SS.1", "Manajemen Perubahan", "", "", "", ""],
            ["SS.1.1", "", "A", "a", "x", "Mei"], ["SS.2", "Pengawasan", "", "", "", ""], ["SS.2.1", "", "B", "b", "y", "Juni"]]  # fmt: skip
    state = walked(rows)
    assert [(c.title, c.code) for c in state.components] == [("Manajemen Perubahan", "SS.1"), ("Pengawasan", "SS.2")]
    assert not any("codes by depth" in m for m, _rows in _inferences(state))


def _pillars(prefix: str) -> layouts.Layout:
    """PILAR and SUB PILAR merged down over their rows beside KODE ({prefix}1.1 ...), as an office keeps it."""
    rows: list[list[object]] = [["NO", "KODE", "PILAR", "SUB PILAR", "INDIKATOR", "RENCANA AKSI", "BUKTI PENDUKUNG", "TW I", "TW II", "TW III", "TW IV", "PENANGGUNG JAWAB"],
                                ["1", "1.1", "Manajemen Perubahan", "Tim Kerja", "SK terbit", "Menyusun SK", "SK Tim", *layouts.tw(1), "Tim MP"],
                                ["2", "1.2", None, None, "Agen ada", "Menetapkan agen", "SK Agen", *layouts.tw(2), "Tim MP"],
                                ["3", "1.3", None, "Rencana Kerja", "Rencana ada", "Menyusun rencana", "Dokumen", *layouts.tw(1, 3), "Tim MP"],
                                ["4", "2.1", "Penguatan Pengawasan", "Gratifikasi", "UPG ada", "Membentuk UPG", "SK UPG", *layouts.tw(2), "Tim PW"],
                                ["5", "2.2", None, None, "WBS ada", "Membangun WBS", "SK WBS", *layouts.tw(4), "Tim PW"]]  # fmt: skip
    for row in rows[1:]:
        row[1] = f"{prefix}{row[1]}"
    return layouts.Layout("pilar", rows, merges=("C2:C4", "D2:D3", "C5:C6", "D5:D6"))


# SS.1.3 opens an item by SUB PILAR, not by its code (SS.1); SS.2.1 a component by PILAR, not by its code (SS). Codes of digits agree.
TOLD = {"SS.": ("that group the rows otherwise than PILAR, SUB PILAR: the hierarchy follows the columns, and the codes are kept as the actions' source ids", [4, 5]),
        "": ("beside PILAR, SUB PILAR, and they agree: the hierarchy follows the columns, and the codes are kept as the actions' source ids", [1])}  # fmt: skip


@pytest.mark.parametrize("prefix", ["SS.", ""], ids=["letters", "digits"])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_codes_by_depth_beside_merged_level_columns_in_xlsx_and_csv(zi, tmp_path, fmt, prefix):
    layout = _pillars(prefix)
    table = getattr(layout, fmt)(tmp_path)
    plan = imported(zi, table)
    assert [(c.title, c.team.name, [i.title for i in c.items]) for c in plan.components] == [
        ("Manajemen Perubahan", "Tim MP", ["Tim Kerja", "Rencana Kerja"]), ("Penguatan Pengawasan", "Tim PW", ["Gratifikasi"])]
    assert [(a.id, a.source_id, a.months) for a in plan.actions] == [
        ("I.1.a", f"{prefix}1.1", (3,)), ("I.1.b", f"{prefix}1.2", (6,)), ("I.2.a", f"{prefix}1.3", (3, 9)), ("II.1.a", f"{prefix}2.1", (6,)), ("II.1.b", f"{prefix}2.2", (12,))]
    dry = json.loads(zi("import", str(table), "--institution", "X", "--year", "2024", "--dry-run", "--json").out)
    assert {"message": "NO holds a running number 1..5: not used for the hierarchy, KODE, PILAR, SUB PILAR are", "rows": [1]} in dry["inferences"]
    words, rows = TOLD[prefix]
    assert {"message": f"KODE holds codes by depth {words}", "rows": rows} in dry["inferences"]
    assert dry["ignored_columns"] == [] and dry["skipped_rows"] == []


def test_codes_beside_level_columns_are_told_in_indonesian(zi, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = zi("--lang", "id", "import", str(_pillars("SS.").csv(tmp_path)), "--institution", "X", "--year", "2024", "--dry-run")
    assert result.code == 0, result.err
    said = " ".join(result.out.split())
    assert ("KODE berisi kode menurut kedalaman yang mengelompokkan baris secara berbeda dari PILAR, SUB PILAR: hierarki mengikuti kolom, "
            "dan kode disimpan sebagai kode sumber aksi (baris 4, 5)") in said  # fmt: skip
    assert "NO berisi nomor urut 1..5: tidak dipakai untuk hierarki, yang dipakai KODE, PILAR, SUB PILAR (baris 1)" in said
