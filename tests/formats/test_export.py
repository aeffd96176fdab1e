"""`zi export --format csv` for Indonesian Excel: ';'-separated UTF-8 with BOM (issue 12, point 9)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import PLAN
from zi_plan.formats.export import DECREE_COLUMNS, STATUS_COLUMNS

HEADER = DECREE_COLUMNS + STATUS_COLUMNS


@pytest.mark.parametrize(("args", "separator"), [
    (("--excel", "id"), ";"), (("--excel", "ID"), ";"), (("--excel", "en"), ","), ((), ","),
    (("--delimiter", ";"), ";"), (("--delimiter", "tab"), "\t"), (("--delimiter", "|"), "|"),
])  # fmt: skip
def test_csv_separator(zi, args, separator):
    result = zi("export", "--format", "csv", "-m", "4", "-o", "-", *args, "--plan", str(PLAN))
    assert result.code == 0, result.err
    raw = result.out.encode("utf-8", "surrogateescape") if isinstance(result.out, str) else result.out
    text = raw.decode("utf-8")
    assert text.startswith("\ufeff")  # the BOM: Excel reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=separator))
    assert rows[0] == HEADER
    assert all(len(r) == len(HEADER) for r in rows)
    assert sum(1 for r in rows if r[HEADER.index("KODE")]) == 1 + 68
    first_line = text.lstrip("\ufeff").split("\r\n", 1)[0]
    assert first_line.count(separator) == len(HEADER) - 1


def test_indonesian_excel_csv_reads_back_with_zi_import(zi, tmp_path):
    out = tmp_path / "rencana.csv"
    assert zi("export", "--format", "csv", "--excel", "id", "-m", "4", "-o", str(out), "--plan", str(PLAN)).code == 0
    result = zi("import", str(out), "--institution", "KPU Kabupaten Tambrauw", "--year", "2023", "-o", str(tmp_path / "lagi.yaml"))
    assert result.code == 0, result.err
    def actions(plan) -> list[tuple]:
        rows = json.loads(zi("list", "--json", "--plan", str(plan)).out)
        return [(a["id"], a["indicator"], a["months"], a["team"]) for a in rows]

    assert actions(tmp_path / "lagi.yaml") == actions(PLAN)


@pytest.mark.parametrize("args", [("--excel", "fr"), ("--delimiter", "x"), ("--excel", "id", "--delimiter", ";")])
def test_csv_separator_mistakes_are_usage_errors(zi, args):
    result = zi("export", "--format", "csv", "-o", "-", *args, "--plan", str(PLAN))
    assert result.code == 2 and "zi: error:" in result.err


def test_separator_is_for_csv_only(zi):
    result = zi("export", "--format", "xlsx", "--excel", "id", "--plan", str(PLAN))
    assert result.code == 2 and "--format csv only" in result.err
