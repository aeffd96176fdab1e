"""units.dashboard: the month bars, and the page in a real headless Chromium (on a 390-pixel phone, and printed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import test_printing
from tests.units.conftest import unit_entry
from tests.units.test_rollup import write_journal

chromium = test_printing.chromium  # the fixture, shared


@pytest.fixture
def dashboard(parent, zi, monkeypatch, tmp_path) -> Path:
    codes = [f"91{n:02d}" for n in range(1, 13)]
    root = parent(unit_entry("91", "KPU Provinsi Papua Barat Daya", reviewer="Inspektorat Wilayah II")
                  + "".join(unit_entry(c, f"KPU Kabupaten dengan Nama yang Cukup Panjang {c}", "91", predicate="WBK-afirmasi") for c in codes)
                  + unit_entry("9199", "KPU Tanpa Folder", "91"), plans=("91", *codes))  # fmt: skip
    for code in codes[::2]:
        write_journal(root / "units" / code / "plans" / "rencana-aksi-2024.yaml")
    monkeypatch.chdir(root)
    target = tmp_path / "site" / "index.html"
    target.parent.mkdir()
    assert zi("rollup", "--month", "5", "--format", "html", "-o", str(target)).code == 1
    return target


def test_it_reads_on_a_phone(chromium, dashboard):
    measured = test_printing._on_a_phone(chromium, dashboard)
    assert int(measured["data-scroll-width"]) <= int(measured["data-client-width"]), measured
    assert measured["data-wide"] == ""


def test_it_prints_on_a_few_landscape_pages(chromium, dashboard, tmp_path):
    pages = test_printing._pdf_pages(chromium, dashboard, tmp_path)
    assert 1 <= len(pages) <= 3
    text = " ".join(pages)
    assert "Peringkat" in text and "KPU Tanpa Folder" in text and "Jumlah per induk" in text


def test_bars_are_as_tall_as_the_months(tmp_path):
    from zi_plan.units.dashboard import CHART_HEIGHT, bars
    from zi_plan.units.rollup import Month

    months = (Month(4, 2, 1, 1), Month(2, 0, 0, 0), Month(2, 0, 0, 0), *[Month(0, 0, 0, 0)] * 9)
    january, february, march, april, *_rest = bars(months, as_of=2)
    assert [b.kind for b in january.segments] == ["done", "late", "overdue"] and sum(b.height for b in january.segments) == CHART_HEIGHT
    assert [(b.kind, b.height) for b in february.segments] == [("open", CHART_HEIGHT / 2)]
    assert [b.kind for b in march.segments] == ["later"] and [b.kind for b in april.segments] == ["none"]
    assert (january.x, february.x) == (0, 9)
    assert re.search("January: 2 of 4 done on time, 1 late, 1 overdue", january.title)
