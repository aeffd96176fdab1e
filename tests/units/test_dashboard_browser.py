"""The dashboard in a real headless Chromium: on a 390-pixel phone, and printed."""

from __future__ import annotations

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
