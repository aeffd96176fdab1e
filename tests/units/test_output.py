"""What zi rollup writes: the terminal table, CSV, the workbook and the dashboard."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.units.conftest import unit_entry
from tests.units.test_rollup import write_journal


@pytest.fixture
def province(parent, monkeypatch) -> Path:
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Tambrauw", "91", predicate="WBK-afirmasi", reviewer="Irwil II")
                  + unit_entry("9106", "KPU Sorong <b>", "91", predicate="WBBM") + unit_entry("9107", "KPU Rusak", "91"),
                  plans=("91", "9105", "9106"))  # fmt: skip
    write_journal(root / "units" / "9105" / "plans" / "rencana-aksi-2024.yaml")
    monkeypatch.chdir(root)
    return root


def test_the_table_at_80_columns_in_both_languages(province, zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = zi("rollup", "--month", "5").out
    assert all(len(line) <= 80 for line in out.splitlines() if "does not exist" not in line)  # a path is kept whole, to copy
    assert "9105 KPU Tambrauw" in out and "33.3%" in out and "Totals" in out and "not rolled up" in out
    assert "units/9107 does not exist" in out
    out_id = zi("--lang", "id", "rollup", "--month", "5").out
    assert "33,3%" in out_id and "Mei 2024" in out_id and "Jumlah" in out_id


def test_the_totals_at_80_columns_keep_every_heading_and_the_parent(province, zi, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for lang, headings in (("en", ("Parent", "Units", "Overdue", "Mean score", "Failed")), ("id", ("Induk", "Unit", "Terlambat", "rata-rata", "Gagal"))):
        out = zi("--lang", lang, "rollup", "--month", "5").out
        totals = out[out.index("Totals" if lang == "en" else "Jumlah"):]
        assert "…" not in totals and all(h in totals for h in headings), totals  # Rich once shortened them, and hid the parent
        assert re.search(r"^  91 KPU", totals, re.M) and all(len(line) <= 80 for line in totals.splitlines())


def test_csv_for_excel(province, zi):
    result = zi("rollup", "--month", "5", "--format", "csv", "-o", "-", "--excel", "id")
    lines = result.out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Rank;Code;Unit;")
    tambrauw = next(line for line in lines if ";9105;" in line).split(";")
    assert tambrauw[:3] == ["1", "9105", "KPU Tambrauw"] and "33,30" in tambrauw
    assert any("9107" in line and "does not exist" in line for line in lines)
    assert result.code == 1  # one unit failed


def test_the_workbook(province, zi, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "rekap.xlsx"
    assert zi("rollup", "--month", "5", "--format", "xlsx", "-o", str(target)).code == 1
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book.sheetnames == ["Recap", "Recap 91", "9105", "91", "9106", "9107"]
    recap = [[c.value for c in row] for row in book["Recap"].iter_rows()]
    assert recap[1][:3] == [1, "9105", "KPU Tambrauw"] and recap[-1][2] == "All units"
    detail = [[c.value for c in row] for row in book["9105"].iter_rows()]
    assert ["March", 1, 1, 0, 0] in [row[:5] for row in detail]
    assert any(row[0] == "TPI score" and row[1] is None for row in detail)
    assert any(row[0] == "Overdue action" for row in detail)
    assert any("does not exist" in str(row[0]) for row in [[c.value for c in r] for r in book["9107"].iter_rows()])


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []
        self.rows: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")
        if tag == "tr" and (found.get("id") or "").startswith("unit-"):
            self.rows.append((found.get("id") or "")[5:])


def test_the_dashboard(province, zi, tmp_path):
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    assert zi("rollup", "--month", "5", "--format", "html", "-o", str(target)).code == 1
    html = target.read_text(encoding="utf-8")
    page = _Page()
    page.feed(html)
    assert '<html lang="id">' in html and "Peringkat" in html  # Indonesian unless a language is chosen
    assert "script" not in page.tags and "<svg" in html and html.count("<svg") == 3
    assert page.rows == ["9105", "91", "9106", "9107"]
    assert "KPU Sorong &lt;b&gt;" in html and "KPU Sorong <b>" not in html
    for href in (h for h in page.links if not h.startswith("#")):
        assert (target.parent / href).is_file(), href  # each unit's plan page, beside the dashboard
    assert "rencana-aksi-2024.html" in html
    assert "units/9107 does not exist" in html
    english = tmp_path / "en.html"
    assert zi("--lang", "en", "rollup", "--month", "5", "--format", "html", "-o", str(english)).code == 1
    assert '<html lang="en">' in english.read_text(encoding="utf-8") and (tmp_path / "9105" / "action-plan-2024.html").is_file()


def test_the_dashboard_goes_in_a_folder_of_its_own_by_default(province, zi):
    assert zi("rollup", "--month", "5", "--format", "html").code == 1
    assert (province / "rekap-2024" / "index.html").is_file() and (province / "rekap-2024" / "9105" / "rencana-aksi-2024.html").is_file()


def test_table_output_is_for_the_terminal(province, zi):
    result = zi("rollup", "-o", "x.txt")
    assert result.code == 2 and "-o is for --format json, csv, xlsx or html" in result.err
    assert zi("rollup", "--format", "pdf").code == 2
