"""importing.summary: what --dry-run and the summary after an import show, in text and as JSON; whether the import would fail."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from tests import tables
from zi_plan.errors import InvalidFile
from zi_plan.importing import ImportOptions, import_plan
from zi_plan.importing.summary import counts, dry_run_json, print_summary, problems, show_dry_run

ROWS = [
    ["RENCANA AKSI ZONA INTEGRITAS 2024"],
    ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", "WAKTU", "PENANGGUNG JAWAB", "KETERANGAN"],
    ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP", ""],
    ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "", "catatan"],
    ["", "", "Agen ada", "Menetapkan agen", "", "Februari", "Tim SDM", ""],
    ["2", "Budaya", "Apel", "Apel pagi", "Foto", "", "", ""],
    ["II", "Pengawasan", "", "", "", "", "Tim PW", ""],
    ["1", "UPG", "UPG ada", "Membentuk UPG", "SK UPG", "Maret", "", ""],
]


def imported(tmp_path, rows=ROWS, **options):
    table = tables.write_csv(Path("rencana.csv"), rows)  # in tmp_path, the test's own folder: named as the user types it
    return import_plan(table, "KPU Kabupaten Contoh", 2024, ImportOptions(**options), keep_problems=True)


def console() -> Console:
    return Console(file=io.StringIO(), width=100, color_system=None)


def text_of(out: Console) -> str:
    return "\n".join(line.rstrip() for line in out.file.getvalue().splitlines())  # type: ignore[attr-defined]


def test_counts(tmp_path):
    assert counts(imported(tmp_path)) == {"components": 2, "items": 3, "actions": 4, "drafts": 1, "unscheduled": 1, "teams": 3}


def test_a_valid_plan_has_no_problems_and_a_broken_one_its_own(tmp_path):
    found = imported(tmp_path)
    assert problems(found) == []
    found.text = found.text.replace("year: 2024", "year: dua ribu", 1)  # the plan built, checked as `zi validate` checks it
    assert problems(found) == ["'year' must be a whole number, not text ('dua ribu')"]


def test_the_tables_problems_come_first_at_their_cells(tmp_path):
    rows = [*ROWS[:3], ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "kapan-kapan", "", ""]]
    found = imported(tmp_path, rows)
    assert found.text == "" and found.components == []
    assert [p.split(": cannot")[0] for p in problems(found)] == ["rencana.csv:4:6"]


def test_dry_run_text_shows_everything_then_says_the_plan_is_valid(tmp_path):
    out = console()
    assert show_dry_run(imported(tmp_path), False, out) is False
    text = text_of(out)
    assert text.startswith("rencana.csv: header on row 2; nothing is written (--dry-run)\n")
    assert "Hierarchy: components 2, items 3, actions 4 (drafts 1, not scheduled 1), teams 3" in text
    assert "Columns not read" in text and "What zi inferred" in text and "Rows not in the plan" in text
    assert text.endswith("The plan is valid; run again without --dry-run to write it.")


def test_dry_run_of_a_table_with_problems_shows_the_columns_then_raises_them(tmp_path):
    found = imported(tmp_path, [*ROWS[:3], ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "kapan-kapan", "", ""]])
    out = console()
    with pytest.raises(InvalidFile) as caught:
        show_dry_run(found, False, out)
    assert "cannot read the schedule 'kapan-kapan'" in str(caught.value)
    text = text_of(out)
    assert "LANGKAH AKSI" in text and "Hierarchy:" not in text  # the columns (what --columns fixes), no tree


def test_dry_run_json_for_scripts(tmp_path, capsys):
    found = imported(tmp_path)
    assert show_dry_run(found, True, console()) is False
    data = json.loads(capsys.readouterr().out)
    assert data == dry_run_json(found)
    assert (data["table"], data["header_row"], data["counts"]["actions"], data["problems"]) == ("rencana.csv", 2, 4, [])
    assert data["columns"]["evidence"] == {"column": 5, "header": "BUKTI FISIK"} and data["schedule"] == {"kind": "one cell", "columns": {}}
    assert data["ignored_columns"] == [{"column": 8, "header": "KETERANGAN", "samples": ["catatan"], "reason": 'its header names no role; give it one with --columns "ROLE=KETERANGAN"'}]
    assert data["teams"] == [{"id": "mp", "name": "Tim MP"}, {"id": "sdm", "name": "Tim SDM"}, {"id": "pw", "name": "Tim PW"}]
    assert data["actions"][1] == {"id": "I.1.b", "component": "Manajemen Perubahan", "item": "Tim Kerja", "source": "row 5", "source_id": None,
                                  "months": [2], "teams": ["Tim SDM"], "draft": True, "lke": [], "indicator": "Agen ada",
                                  "steps": ["Menetapkan agen"], "evidence": []}  # fmt: skip
    assert {"row": 1, "text": "RENCANA AKSI ZONA INTEGRITAS 2024", "reason": "above the header: a title"} in data["skipped_rows"]
    assert {"message": "BUKTI FISIK is empty in 1 row: left as a draft", "rows": [5]} in data["inferences"]


def test_dry_run_json_of_a_table_with_problems_fails_without_raising(tmp_path, capsys):
    found = imported(tmp_path, [*ROWS[:3], ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "kapan-kapan", "", ""]])
    assert show_dry_run(found, True, console()) is True
    data = json.loads(capsys.readouterr().out)
    assert len(data["problems"]) == 1 and data["actions"] == [] and data["columns"]["action"]["header"] == "LANGKAH AKSI"


def test_the_summary_after_an_import_does_not_say_dry_run(tmp_path):
    out = console()
    print_summary(imported(tmp_path), out)
    text = text_of(out)
    assert text.startswith("rencana.csv: header on row 2\n") and "--dry-run" not in text.splitlines()[0]
    assert "I Manajemen Perubahan — Tim MP · row 3" in text


def test_the_summary_in_indonesian(tmp_path, indonesian):
    out = console()
    print_summary(imported(tmp_path), out, dry_run=True)
    text = text_of(out)
    assert "header on row" not in text
    assert "Hierarki: komponen 2, butir 3, aksi 4 (draf 1, belum dijadwalkan 1), tim 3" in text
