"""importing.mapping: the reading an office settled on, kept for next year's table (--save-mapping, --mapping), and the file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import tables
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.importing.mapping import Mapping, check_target, load_mapping, mapping_text, save_mapping
from zi_plan.store.plans import load_plan

ROWS = [
    ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "CAPAIAN", "WAKTU", "UNIT"],
    ["I", "Manajemen Perubahan", "", "", "", "", ""],
    ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK Tim", "Januari", "Subbag Kepegawaian"],
    ["", "", "Agen perubahan", "Menetapkan agen", "SK Agen", "Februari", "Tim SDM"],
    ["", "", "Budaya kerja", "Apel pagi", "Foto", "Maret", ""],
]


def _table(tmp_path, name="2025.csv", rows=ROWS):
    return tables.write_csv(tmp_path / name, rows)


def test_a_saved_mapping_reads_next_years_table_the_same_way(zi, tmp_path):
    first = zi("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "-o", "a.yaml",
               "--columns", "evidence=CAPAIAN", "--team", "Tim ZI", "--save-mapping", "m.yaml")  # fmt: skip
    assert first.code == 0, first.err
    assert "mapping saved to m.yaml: next year, zi import NEW-TABLE --mapping m.yaml" in first.out
    text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert "version: 1\n" in text and "  evidence: CAPAIAN\n" in text and "team: Tim ZI\n" in text
    # The office settles that 'Subbag Kepegawaian' is its SDM team, in the file, once.
    (tmp_path / "m.yaml").write_text(text.replace("  Tim SDM: []\n", "  Tim SDM:\n    - Subbag Kepegawaian\n").replace(
        "  Subbag Kepegawaian: []\n", ""), encoding="utf-8")  # fmt: skip
    next_year = [row[:] for row in ROWS]
    next_year[2][2] = "SK Tim Kerja 2026 terbit"
    second = zi("import", str(_table(tmp_path, "2026.csv", next_year)), "--institution", "X", "--year", "2026", "-o", "b.yaml", "--mapping", "m.yaml")
    assert second.code == 0, second.err
    assert "read with the mapping m.yaml" in second.out
    plan = load_plan(tmp_path / "b.yaml")
    assert [(a.evidence, a.team.name) for a in plan.actions] == [(("SK Tim",), "Tim SDM"), (("SK Agen",), "Tim SDM"), (("Foto",), "Tim SDM")]


def test_the_command_line_wins_over_the_mapping(zi, tmp_path):
    (tmp_path / "m.yaml").write_text("version: 1\nteam: Tim A\ncolumns:\n  evidence: CAPAIAN\n", encoding="utf-8")
    table = _table(tmp_path, rows=[[c if c != "UNIT" else "KETERANGAN" for c in ROWS[0]], *ROWS[1:]])
    result = zi("import", str(table), "--institution", "X", "--year", "2025", "--mapping", "m.yaml", "--team", "Tim B")
    assert result.code == 0, result.err
    assert {a.team.name for a in load_plan(tmp_path / "2025.yaml").actions} == {"Tim B"}


def test_a_mapping_naming_a_header_the_table_lacks(zi, tmp_path):
    (tmp_path / "m.yaml").write_text("version: 1\ncolumns:\n  evidence: LUARAN\n", encoding="utf-8")
    result = zi("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "--mapping", "m.yaml", "--team", "T")
    assert result.code == 1
    assert "no column headed LUARAN in this table; the headers of row 1: NO; KOMPONEN; INDIKATOR; LANGKAH AKSI; CAPAIAN; WAKTU; UNIT" in result.err


@pytest.mark.parametrize(("text", "where", "words"), [
    ("columns:\n  evidence: X\n", "m.yaml:1:1: ", "version is missing"),
    ("version: 2\n", "m.yaml:1:10: ", "version 2 is not one this zi reads"),
    ("version: 1\ncolumn:\n  evidence: X\n", "m.yaml:2:1: ", "unknown key 'column'; did you mean 'columns'?"),
    ("version: 1\ncolumns:\n  bukti: X\n", "m.yaml:3:3: ", "unknown role 'bukti'"),
    ("version: 1\ncolumns:\n  evidence: [a, b]\n", "m.yaml:3:13: ", "the header of evidence must be a text"),
    ("version: 1\nquarters: tw\n", "m.yaml:2:11: ", "quarters is 'last' or 'spread', not 'tw'"),
    ("version: 1\nteams:\n  Tim A: Tim B\n", "m.yaml:3:10: ", "the spellings of team 'Tim A' must be a list of texts"),
    ("version: 1\ncolumns: [\n", "m.yaml:3:1: ", ""),
])  # fmt: skip
def test_a_broken_mapping_is_told_at_its_line(zi, tmp_path, text, where, words):
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    result = zi("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "--mapping", "m.yaml")
    assert result.code == 1 and where in result.err and words in result.err and "Traceback" not in result.err
    assert not (tmp_path / "2025.yaml").exists()


def test_every_problem_of_a_mapping_at_once(zi, tmp_path):
    (tmp_path / "m.yaml").write_text("version: 3\ncolumns:\n  bukti: X\nsheets: A\n", encoding="utf-8")
    result = zi("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "--mapping", "m.yaml")
    assert result.err.count("m.yaml:") == 3


def test_dry_run_saves_no_mapping_and_says_so(zi, tmp_path):
    result = zi("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "--team", "T", "--dry-run", "--save-mapping", "m.yaml")
    assert result.code == 0 and "nothing is saved with --dry-run" in result.out and not (tmp_path / "m.yaml").exists()


def test_an_existing_mapping_is_replaced_only_with_force(zi, tmp_path):
    (tmp_path / "m.yaml").write_text("version: 1\n", encoding="utf-8")
    args = ("import", str(_table(tmp_path)), "--institution", "X", "--year", "2025", "--team", "T", "--save-mapping", "m.yaml")
    result = zi(*args)
    assert result.code == 1 and "m.yaml exists already" in result.err
    assert (tmp_path / "m.yaml").read_text(encoding="utf-8") == "version: 1\n" and not (tmp_path / "2025.yaml").exists()  # nothing half done
    assert zi(*args, "--force").code == 0 and "columns:" in (tmp_path / "m.yaml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the module's own functions


def test_a_saved_mapping_reads_back_as_it_was(tmp_path):
    mapping = Mapping({"action": "RENCANA AKSI", "evidence": "no", "team": "PJ: UNIT"}, "Lampiran 1", "spread", "Tim ZI", "Rencana Aksi",
                      {"Tim SDM": ["Subbag Kepegawaian", "Sub Bagian SDM"], "Tim: Umum": []})  # fmt: skip
    save_mapping(mapping, tmp_path / "m.yaml", force=False)
    text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert text.startswith("# How zi import reads this office's Rencana Aksi table") and "version: 1\n" in text
    assert '  evidence: "no"\n' in text and '  "Tim: Umum": []\n' in text  # quoted where YAML would read them otherwise
    assert load_mapping(tmp_path / "m.yaml") == mapping


def test_an_empty_mapping_is_the_version_alone(tmp_path):
    assert mapping_text(Mapping()).splitlines()[-1] == "version: 1"
    (tmp_path / "m.yaml").write_text(mapping_text(Mapping()), encoding="utf-8")
    assert load_mapping(tmp_path / "m.yaml") == Mapping()


@pytest.mark.parametrize(("text", "problems"), [
    ("- a\n- b\n", ["m.yaml:1:1: a mapping file is a set of keys (version: 1, columns: ...), not list"]),
    ("version: 1\ncolumns: KEGIATAN\n", ["m.yaml:2:10: columns maps roles to headers, e.g. 'action: KEGIATAN'"]),
    ("version: 1\nteam: ''\nsheet: [a]\n", ["m.yaml:2:7: team must be a text", "m.yaml:3:8: sheet must be a text"]),
    ("version: 1\nteams: [Tim A]\n", ["m.yaml:2:8: teams maps each team's name to its other spellings, e.g. 'Tim SDM: [Subbag SDM]'"]),
    ("version: 1\nwarna: merah\n", ["m.yaml:2:1: unknown key 'warna'; the keys: version, sheet, columns, quarters, team, component, teams"]),
])  # fmt: skip
def test_load_mapping_names_each_mistake_at_its_place(tmp_path, text, problems):
    (tmp_path / "m.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFile) as caught:
        load_mapping(Path("m.yaml"))
    assert [str(p) for p in caught.value.problems] == problems


def test_a_team_with_no_other_spelling_and_numbers_as_texts(tmp_path):
    (tmp_path / "m.yaml").write_text("version: 1\nsheet: 2024\ncolumns:\n  number: 1\nteams:\n  Tim A:\n  Tim B: [2]\n", encoding="utf-8")
    mapping = load_mapping(tmp_path / "m.yaml")
    assert (mapping.sheet, mapping.columns, mapping.teams) == ("2024", {"number": "1"}, {"Tim A": [], "Tim B": ["2"]})


def test_check_target_refuses_a_folder_and_an_existing_file_without_force(tmp_path):
    with pytest.raises(ZiError) as caught:
        check_target(tmp_path, force=True)
    assert "is a folder: name the mapping file to write" in caught.value.message
    (tmp_path / "m.yaml").write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(ZiError) as caught:
        check_target(tmp_path / "m.yaml", force=False)
    assert "exists already; choose another name, or add --force to replace it" in caught.value.message
    check_target(tmp_path / "m.yaml", force=True)
    check_target(tmp_path / "new.yaml", force=False)


def test_save_mapping_into_a_missing_folder_is_one_message(tmp_path):
    with pytest.raises(ZiError) as caught:
        save_mapping(Mapping(), tmp_path / "no" / "m.yaml", force=False)
    assert str(tmp_path / "no" / "m.yaml") in caught.value.message and not (tmp_path / "no").exists()
