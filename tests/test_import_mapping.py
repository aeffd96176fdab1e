"""--save-mapping and --mapping: the reading an office settled on, kept for next year's table."""

from __future__ import annotations

import pytest

from tests import tables
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
