"""importing.summary: what `zi import --dry-run` shows: the columns found, the counts, the first actions, the problems.

The tables are imported as --dry-run imports them (import_plan with keep_problems).
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests import tables
from zi_plan.errors import InvalidFile
from zi_plan.importing import import_plan
from zi_plan.importing.summary import counts, dry_run_json, mapping_rows, print_dry_run, problems, show_dry_run


@pytest.fixture
def quarters(tmp_path):
    return import_plan(tables.quarters_xlsx(tmp_path / "tw.xlsx"), "BPS Kabupaten Contoh", 2024, keep_problems=True)


@pytest.fixture
def broken(tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"], ["I", "Manajemen", "", "", "", "", ""],
            ["1", "Tim", "SK", "Menyusun", "SK", "kapan-kapan", ""]]  # fmt: skip
    return import_plan(tables.write_csv(tmp_path / "rusak.csv", rows), "BPS Kabupaten Contoh", 2024, keep_problems=True)


def test_mapping_rows_in_column_order_then_the_schedule(quarters):
    assert mapping_rows(quarters) == [
        ("number (NO/KODE)", "1", "NO"), ("item", "2", "KOMPONEN"), ("indicator", "3", "INDIKATOR"),
        ("action (steps)", "4", "RENCANA AKSI"), ("evidence", "5", "OUTPUT"), ("team", "10", "PIC"),
        ("schedule (quarters)", "6–9", "Mar, Jun, Sep, Dec"),
    ]  # fmt: skip


def test_counts(quarters):
    assert counts(quarters) == {"components": 2, "items": 2, "actions": 3, "drafts": 0, "unscheduled": 0, "teams": 2}


def test_problems_of_the_table_or_of_the_plan_built(quarters, broken):
    assert problems(quarters) == []
    no_team, schedule = problems(broken)
    assert no_team == f"{broken.grid.label}:2:7: no team (PJ) for component 'Manajemen' (rows 3); name one with --team NAME"
    assert schedule.startswith(f"{broken.grid.label}:3:6: cannot read the schedule 'kapan-kapan'")


def test_dry_run_json_lists_every_action_with_its_source(quarters):
    data = dry_run_json(quarters)
    assert (data["header_row"], data["schedule"]["kind"], data["counts"]["actions"], data["problems"]) == (4, "quarters", 3, [])
    assert data["columns"]["team"] == {"column": 10, "header": "PIC"}
    assert data["schedule"]["columns"] == {"6": [3], "7": [6], "8": [9], "9": [12]}
    assert [(a["id"], a["source"], a["months"], a["teams"]) for a in data["actions"]] == [
        ("I.1.a", "row 7", [3], ["Tim Manajemen Perubahan"]),
        ("I.1.b", "row 8", [3, 6, 9, 12], ["Tim Manajemen Perubahan"]),
        ("II.1.a", "row 10", [6, 12], ["Tim Tata Laksana"]),
    ]


def _printed(imported) -> str:
    out = Console(file=io.StringIO(), width=120, color_system=None)
    print_dry_run(imported, out)
    return out.file.getvalue()  # type: ignore[attr-defined]


def test_print_dry_run_shows_columns_hierarchy_and_first_actions(quarters):
    text = _printed(quarters)
    assert "header on row 4; nothing is written (--dry-run)" in text
    assert "Hierarchy: components 2, items 2, actions 3 (drafts 0, not scheduled 0), teams 2" in text
    assert "I Manajemen Perubahan — Tim Manajemen Perubahan: items 1, actions 2" in " ".join(text.split())
    assert [line.split()[:2] for line in text.splitlines() if line.strip().startswith(("I.", "II."))] == [
        ["I.1.a", "row"], ["I.1.b", "row"], ["II.1.a", "row"]]  # fmt: skip
    assert text.rstrip().endswith("The plan is valid; run again without --dry-run to write it.")


def test_a_table_with_problems_still_shows_its_columns_then_fails(broken):
    out = Console(file=io.StringIO(), width=120, color_system=None)
    with pytest.raises(InvalidFile):
        show_dry_run(broken, as_json=False, out=out)
    text = out.file.getvalue()  # type: ignore[attr-defined]
    assert "schedule (one cell)" in text and "Hierarchy" not in text


def test_show_dry_run_json_says_whether_the_import_would_fail(broken, quarters, capsys):
    assert show_dry_run(broken, as_json=True, out=None) is True
    assert '"problems": [' in capsys.readouterr().out
    assert show_dry_run(quarters, as_json=True, out=None) is False


def test_only_the_first_actions_of_a_component_are_shown(tmp_path):
    imported = import_plan(tables.one_cell_csv(tmp_path / "waktu.csv"), "BPS Kabupaten Contoh", 2024, keep_problems=True)
    text = _printed(imported)
    assert "items 2, actions 5" in " ".join(text.split())
    assert [line.split()[0] for line in text.splitlines() if line.strip().startswith("I.")] == ["I.1.a", "I.1.b", "I.1.c"]
