"""lke.bundled: the worksheet data files shipped with zi, found by year and checked for their format."""

from __future__ import annotations

import json

import pytest

from zi_plan.errors import ZiError
from zi_plan.lke import bundled


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A data folder of our own: lke-YEAR.json files and things that are not."""
    for name in ("lke-2024.json", "lke-2021.json", "lke-2026.json", "lke-20x.json", "lke-2025.json.bak", "README.md"):
        (tmp_path / name).write_text(json.dumps({"format": 1, "questions": []}), encoding="utf-8")
    monkeypatch.setattr(bundled, "DATA_DIR", tmp_path)
    bundled.read.cache_clear()
    yield tmp_path
    bundled.read.cache_clear()


def test_available_years_oldest_first_from_the_file_names(data_dir):
    assert bundled.available_years() == [2021, 2024, 2026]
    assert bundled.default_year() == 2026


def test_the_shipped_data_has_a_worksheet_per_file():
    years = bundled.available_years()
    assert years == sorted(int(p.stem[4:]) for p in bundled.DATA_DIR.glob("lke-*.json"))
    assert all(bundled.read(y)["format"] == bundled.DATA_FORMAT for y in years)


def test_missing_year_names_the_years_there_are(data_dir):
    assert bundled.missing_year(2019) == "no LKE worksheet for 2019 in this zi; it has 2021, 2024, 2026"


def test_missing_year_in_indonesian(data_dir, indonesian):
    assert "2019" in bundled.missing_year(2019) and "2021, 2024, 2026" in bundled.missing_year(2019)
    assert not bundled.missing_year(2019).startswith("no LKE worksheet")


def test_a_data_file_of_another_format_is_refused(data_dir):
    (data_dir / "lke-2024.json").write_text(json.dumps({"format": 2}), encoding="utf-8")
    with pytest.raises(ZiError) as caught:
        bundled.read(2024)
    assert "unknown format" in caught.value.message and "reinstall" in caught.value.message
    assert bundled.read(2021) == {"format": 1, "questions": []}


@pytest.mark.parametrize(("answer_type", "scored"), [("ya_tidak", True), ("abcde", True), ("persen", True), ("nilai_0_4", True), ("jumlah", False)])
def test_is_scored(answer_type, scored):
    assert bundled.is_scored(answer_type) is scored


def test_close_codes_for_a_mistyped_code():
    codes = ["P.1.i.a", "P.1.i.b", "P.1.ii.a", "R.1.i.a", "H.1.a"]
    assert set(bundled.close_codes(codes, "P.1.i.c")) == {"P.1.i.a", "P.1.i.b", "P.1.ii.a"}
    assert bundled.close_codes(codes, "P.1.i.c", n=1)[0] in ("P.1.i.a", "P.1.i.b")
    assert bundled.close_codes(codes, "zzz") == []
