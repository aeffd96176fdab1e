"""Import reads what is there, within limits: faulty and hostile tables (issue 13, point 7)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests import tables
from zi_plan.store.plans import load_plan

ARGS = ("--institution", "X", "--year", "2024")


def _rewrite(path: Path, part: str, change) -> None:
    """Rewrite one part inside an xlsx (a zip), keeping the others."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, change(data) if info.filename == part else data)
    path.write_bytes(buffer.getvalue())


def _big_table(path: Path, actions: int) -> Path:
    rows = [tables.HEADER, ["I", "Manajemen Perubahan", *[""] * 15, "Tim MP"]]
    rows += [[str(n), f"Butir {n}", f"Indikator {n}", f"Langkah {n}", f"Bukti {n}", *tables.months_row([n % 12 + 1])] for n in range(1, actions + 1)]
    return tables.write_xlsx(path, rows)


def test_an_understated_dimension_loses_no_row(zi, tmp_path):
    path = _big_table(tmp_path / "dim.xlsx", 68)
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', xml))
    assert b'ref="A1:B2"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    out = tmp_path / "dim.yaml"
    assert zi("import", str(path), *ARGS, "-o", str(out)).code == 0
    assert len(load_plan(out).actions) == 68


def test_a_mark_merged_over_months_marks_each(zi, tmp_path):
    rows = [tables.HEADER, ["I", "MP", *[""] * 15, "Tim MP"], ["1", "Tim", "SK", "Menyusun", "SK", "", "", "", "v", *[""] * 8]]
    path = tables.write_xlsx(tmp_path / "merged.xlsx", rows, merges=("I3:Q3",))
    out = tmp_path / "merged.yaml"
    assert zi("import", str(path), *ARGS, "-o", str(out)).code == 0
    assert load_plan(out).actions[0].months == tuple(range(4, 13))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(zi, tmp_path, monkeypatch):
    monkeypatch.setattr("zi_plan.importing.grid.MAX_UNCOMPRESSED", 50_000)
    path = _big_table(tmp_path / "bomb.xlsx", 5)
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml + b" " * 200_000)  # compresses to almost nothing
    result = zi("import", str(path), *ARGS)
    assert result.code == 1 and "unpacks to" in result.err and "Traceback" not in result.err


def test_a_huge_cell_is_refused_with_its_place(zi, tmp_path, monkeypatch):
    monkeypatch.setattr("zi_plan.importing.grid.MAX_CELL_CHARS", 1000)
    rows = [tables.HEADER, ["I", "MP", *[""] * 15, "Tim MP"], ["1", "Tim", "x" * 2000, "Menyusun", "SK", "v", *[""] * 11]]
    path = tables.write_csv(tmp_path / "cell.csv", rows)
    result = zi("import", str(path), *ARGS)
    assert result.code == 1 and f"{path}:3:3: " in result.err and "2000 characters" in result.err


def test_too_many_rows_are_refused(zi, tmp_path, monkeypatch):
    monkeypatch.setattr("zi_plan.importing.grid.MAX_ROWS", 10)
    path = tables.write_csv(tmp_path / "rows.csv", [tables.HEADER] + [["", "x"]] * 20)
    result = zi("import", str(path), *ARGS)
    assert result.code == 1 and "more than 10 rows" in result.err


@pytest.mark.parametrize("damage", ["xml", "zip"])
def test_a_damaged_workbook_is_one_line(zi, tmp_path, damage):
    path = _big_table(tmp_path / "bad.xlsx", 3)
    if damage == "xml":
        _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    else:
        path.write_bytes(path.read_bytes()[:400])
    result = zi("import", str(path), *ARGS)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.count("\n") == 1 and "damaged" in result.err


def test_a_damaged_word_file_is_one_line(zi, tmp_path):
    path = tables.word_docx(tmp_path / "bad.docx")
    _rewrite(path, "word/document.xml", lambda xml: xml[: len(xml) // 2])
    result = zi("import", str(path), *ARGS)
    assert result.code == 1 and result.err.count("\n") == 1 and "damaged" in result.err


def test_a_scanned_pdf_says_so(zi, tmp_path):
    result = zi("import", str(Path(__file__).parent / "fixtures" / "scanned.pdf"), *ARGS)
    assert result.code == 1 and "no text layer" in result.err


def test_a_folder_is_not_a_table(zi, tmp_path):
    (tmp_path / "dir.csv").mkdir()
    result = zi("import", str(tmp_path / "dir.csv"), *ARGS)
    assert result.code == 1 and "not a file" in result.err


def test_escape_sequences_in_a_table_never_reach_the_plan(zi, tmp_path):
    rows = [["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"],
            ["I", "MP\x1b[2J", "", "", "", "", "Tim\x1b]8;;http://x\x07 A"], ["1", "Tim", "SK\x1b[31m terbit\x07", "Menyusun", "SK", "Mei", ""]]
    path = tables.write_csv(tmp_path / "esc.csv", rows)
    out = tmp_path / "esc.yaml"
    assert zi("import", str(path), *ARGS, "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "\\u001b" not in text and "\x1b" not in text and "\\u0007" not in text
    plan = load_plan(out)
    assert plan.actions[0].indicator == "SK terbit" and plan.teams[0].name == "Tim A"
