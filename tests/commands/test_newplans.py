"""`zi init` and `zi import`: new plans from nothing, from last year, from a table."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from tests.conftest import PLAN, REPO
from zi_plan.store.plans import load_plan

FIXTURE = REPO / "tests" / "fixtures" / "tambrauw-2023.csv"
TAMBRAUW = ("--institution", "Komisi Pemilihan Umum Kabupaten Tambrauw", "--year", "2023")


def _same_plan(a_path: Path, b_path: Path) -> None:
    a, b = load_plan(a_path), load_plan(b_path)
    assert [x.id for x in a.actions] == [y.id for y in b.actions]
    for x, y in zip(a.actions, b.actions, strict=True):
        for name in ("component", "component_title", "item", "item_title", "indicator", "steps", "evidence", "months"):
            assert getattr(x, name) == getattr(y, name), (x.id, name)
        assert x.team.name == y.team.name, x.id
    assert [t.name for t in a.teams] == [t.name for t in b.teams]


def test_init_writes_a_valid_starter(zi, tmp_path):
    result = zi("init", "--institution", "KPU Kabupaten Sorong", "--year", "2024")
    assert result.code == 0, result.err
    path = tmp_path / "plans" / "rencana-aksi-2024.yaml"
    assert zi("validate", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json")
    plan = load_plan(path)
    assert [c.title for c in plan.components] == [
        "Manajemen Perubahan", "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM",
        "Penguatan Akuntabilitas", "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik",
    ]  # fmt: skip
    assert len(plan.actions) == 6 and len(plan.teams) == 6
    assert text.count("# Example: change it to your own") == 6
    assert plan.year == 2024 and plan.institution == "KPU Kabupaten Sorong"


def test_init_never_overwrites_without_force(zi, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("keep me", encoding="utf-8")
    result = zi("init", str(path), "--institution", "X", "--year", "2024")
    assert result.code == 1 and "--force" in result.err
    assert path.read_text(encoding="utf-8") == "keep me"
    assert zi("init", str(path), "--institution", "X", "--year", "2024", "--force").code == 0
    assert load_plan(path).institution == "X"


def test_init_with_decree_details(zi, tmp_path):
    path = tmp_path / "p.yaml"
    assert zi("init", str(path), "--institution", "X", "--year", "2024", "--decree-number", "7 Tahun 2024", "--decree-date", "2024-03-04").code == 0
    plan = load_plan(path)
    assert plan.decree.number == "7 Tahun 2024" and str(plan.decree.date) == "2024-03-04"
    result = zi("init", str(tmp_path / "q.yaml"), "--institution", "X", "--year", "2024", "--decree-date", "2023-03-04")
    assert result.code == 2 and "not in 2024" in result.err


def test_init_from_last_year(zi, tmp_path):
    path = tmp_path / "plans" / "tambrauw-2024.yaml"
    assert zi("init", str(path), "--from", str(PLAN), "--year", "2024").code == 0
    new, old = load_plan(path), load_plan(PLAN)
    assert new.year == 2024 and new.title.endswith("Tahun 2024")
    assert [(a.id, a.months, a.indicator, a.team.name) for a in new.actions] == [(a.id, a.months, a.indicator, a.team.name) for a in old.actions]
    assert not (tmp_path / "plans" / "tambrauw-2024.progress.yaml").exists()


def test_import_reproduces_the_tambrauw_plan(zi, tmp_path):
    out = tmp_path / "imported.yaml"
    result = zi("import", str(FIXTURE), *TAMBRAUW, "-o", str(out))
    assert result.code == 0, result.err
    _same_plan(PLAN, out)
    text = out.read_text(encoding="utf-8")
    assert "# row 5" in text and "continued on row" in text and "INDIKATOR from the row above" in text


def test_round_trip_through_excel(zi, tmp_path):
    xlsx = tmp_path / "rencana.xlsx"
    assert zi("export", "--format", "xlsx", "-m", "4", "-o", str(xlsx), "--plan", str(PLAN)).code == 0
    out = tmp_path / "back.yaml"
    assert zi("import", str(xlsx), *TAMBRAUW, "-o", str(out)).code == 0
    _same_plan(PLAN, out)


def test_round_trip_through_csv(zi, tmp_path, write_plan):
    from tests.conftest import MINIMAL

    source = write_plan(MINIMAL.replace("indicator: SK Tim Kerja terbit", "indicator: '=1+1 tercapai'"), "src.yaml")
    path = tmp_path / "rencana.csv"
    assert zi("export", "--format", "csv", "-m", "1", "-o", str(path), "--plan", str(source)).code == 0
    out = tmp_path / "back.yaml"
    assert zi("import", str(path), "--institution", "Kantor Contoh", "--year", "2024", "-o", str(out)).code == 0
    _same_plan(source, out)


def test_semicolon_csv_and_other_marks(zi, tmp_path):
    rows = [
        ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", *map(str, range(1, 13)), "PENANGGUNG JAWAB"],
        ["I", "Manajemen Perubahan", *[""] * 16],
        ["1", "Tim Kerja", "SK terbit", "1) Menyusun SK 2) Menetapkan SK", "SK", "x", "", "✓", "", "", "", "", "", "", "", "", "1", "Tim MP"],
    ]
    path = tmp_path / "t.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, delimiter=";").writerows(rows)
    out = tmp_path / "t.yaml"
    assert zi("import", str(path), "--institution", "X", "--year", "2024", "-o", str(out)).code == 0
    (action,) = load_plan(out).actions
    assert action.months == (1, 3, 12) and action.steps == ("Menyusun SK", "Menetapkan SK") and action.team.name == "Tim MP"


def _table(rows: list[list[str]], tmp_path: Path, name: str = "t.csv") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path = tmp_path / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


HEADER = ["NO", "KOMPONEN", "INDIKATOR", "LANGKAH AKSI", "BUKTI FISIK", *map(str, range(1, 13)), "PENANGGUNG JAWAB"]
GOOD = ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "v", *[""] * 11, "Tim MP"]


@pytest.mark.parametrize(
    ("name", "rows", "row", "col", "words"),
    [
        ("month outside 1..12", [HEADER + [""], ["I", "MP", *[""] * 17], GOOD + ["v"]], 3, 19, "outside the schedule columns"),
        ("month header 13", [[*HEADER[:16], "13", "PENANGGUNG JAWAB"]], 1, 17, "not a month"),
        ("row before any component", [HEADER, GOOD, ["I", "MP", *[""] * 16], GOOD], 2, 1, "before any component"),
        ("unknown mark", [HEADER, ["I", "MP", *[""] * 16], [*GOOD[:6], "ok", *GOOD[7:]]], 3, 7, "unknown mark 'ok'"),
        ("no header", [["a", "b"], ["c", "d"]], 1, 1, "no header row"),
    ],
)
def test_malformed_tables(zi, tmp_path, name, rows, row, col, words):
    path = _table(rows, tmp_path)
    out = tmp_path / "out.yaml"
    result = zi("import", str(path), "--institution", "X", "--year", "2024", "-o", str(out))
    assert result.code == 1, result.out
    assert f"{path}:{row}:{col}: " in result.err and words in result.err, result.err
    assert not out.exists()


def test_empty_and_non_spreadsheet_files(zi, tmp_path):
    out = tmp_path / "out.yaml"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = zi("import", str(empty), "--institution", "X", "--year", "2024", "-o", str(out))
    assert result.code == 1 and "empty" in result.err
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not a workbook")
    result = zi("import", str(fake), "--institution", "X", "--year", "2024", "-o", str(out))
    assert result.code == 1 and "not an Excel workbook" in result.err
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"NO,KOMPONEN\x00\x01\x02")
    assert "binary" in zi("import", str(binary), "--institution", "X", "--year", "2024", "-o", str(out)).err
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert zi("import", str(pdf), "--institution", "X", "--year", "2024", "-o", str(out)).code == 1
    assert not out.exists()


def test_xlsx_errors_name_the_sheet(zi, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Lampiran"
    for row in (HEADER, [*GOOD[:6], "ok", *GOOD[7:]]):
        sheet.append(row)
    path = tmp_path / "t.xlsx"
    book.save(path)
    result = zi("import", str(path), "--institution", "X", "--year", "2024")
    assert result.code == 1 and f"{path}[Lampiran]:2:7: " in result.err


def test_import_output_is_tidy(zi, tmp_path):
    out = tmp_path / "imported.yaml"
    zi("import", str(FIXTURE), *TAMBRAUW, "-o", str(out))
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert list(data) == ["version", "institution", "title", "year", "decree", "teams", "components"]
    assert data["version"] == 3
    first = data["components"][0]["items"][0]["actions"][0]
    assert list(first) == ["id", "indicator", "steps", "evidence", "months"]
