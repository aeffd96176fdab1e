"""importing.schedule: schedules written in one cell, quarter and month headers, marks."""

from __future__ import annotations

import pytest

from zi_plan.importing.schedule import header_months, is_mark, parse_schedule

ALL = list(range(1, 13))


@pytest.mark.parametrize(
    ("text", "last", "spread"),
    [
        ("Januari – Desember", ALL, ALL),
        ("Setiap bulan", ALL, ALL),
        ("April, Juli, Oktober", [4, 7, 10], [4, 7, 10]),
        ("Maret s.d. Juni", [3, 4, 5, 6], [3, 4, 5, 6]),
        ("Februari s/d Mei 2024", [2, 3, 4, 5], [2, 3, 4, 5]),
        ("Jan-Mar", [1, 2, 3], [1, 2, 3]),
        ("TW II", [6], [4, 5, 6]),
        ("Triwulan I dan III", [3, 9], [1, 2, 3, 7, 8, 9]),
        ("TW I - TW IV", [3, 6, 9, 12], ALL),
        ("Semester I", [6], [1, 2, 3, 4, 5, 6]),
        ("Setiap triwulan", [3, 6, 9, 12], ALL),
        ("3, 6, 9, 12", [3, 6, 9, 12], [3, 6, 9, 12]),
        ("B03", [3], [3]),
        ("May and June", [5, 6], [5, 6]),
        ("", [], []),
    ],
)
def test_one_cell_schedules(text, last, spread):
    assert parse_schedule(text, "last") == last
    assert parse_schedule(text, "spread") == spread


@pytest.mark.parametrize("text", ["kapan-kapan", "Desember - Januari", "bulan 13"])
def test_schedules_not_understood(text):
    assert parse_schedule(text) is None


@pytest.mark.parametrize(
    ("header", "months"),
    [("1", [1]), ("12", [12]), ("13", None), ("Mei", [5]), ("AGUSTUS", [8]), ("Dec", [12]), ("TW III", [9]), ("Q4", [12]),
     ("Triwulan 1", [3]), ("B06", [6]), ("S2", [12]), ("KOMPONEN", None)],
)
def test_headers_naming_months(header, months):
    assert header_months(header, "last") == months


@pytest.mark.parametrize(("text", "marked"), [("v", True), ("V", True), ("x", True), ("✓", True), ("√", True), ("1", True), ("Ya", True), ("-", False), ("", False), ("ok", False)])
def test_marks(text, marked):
    assert is_mark(text) is marked
