"""importing.findings: every guess with its rows; row numbers named briefly; a cell's text on one short line."""

from __future__ import annotations

from zi_plan.importing.findings import ROWS_SHOWN, Finding, Findings, rows_text, short


def test_a_finding_keeps_its_rows_once_and_in_order():
    found = Findings()
    found.infer("NO holds a running number", [9, 3, 9, 4])
    found.warn("component 'X' holds one action only")
    assert found.inferences == [Finding("NO holds a running number", [3, 4, 9])]
    assert found.warnings == [Finding("component 'X' holds one action only", [])]
    assert (found.ignored, found.skipped) == ([], [])


def test_findings_do_not_share_their_lists():
    first, second = Findings(), Findings()
    first.infer("a", [1])
    assert second.inferences == [] and Finding("b").rows == []


def test_rows_text_names_few_rows_and_counts_many():
    assert rows_text([]) == ""
    assert rows_text([12]) == "row 12"
    assert rows_text([12, 15, 18]) == "rows 12, 15, 18"
    many = list(range(1, ROWS_SHOWN + 4))
    assert rows_text(many) == f"rows {', '.join(map(str, many[:ROWS_SHOWN]))} ... ({len(many)} rows)"


def test_rows_text_in_indonesian(indonesian):
    assert (rows_text([3]), rows_text([3, 4])) == ("baris 3", "baris 3, 4")
    assert rows_text(list(range(1, 12))).endswith("... (11 baris)")


def test_short_puts_a_cell_on_one_line_and_cuts_it():
    assert short("Menyusun\n  SK  Tim") == "Menyusun SK Tim"
    assert short("x" * 40) == "x" * 40  # at the width: whole
    assert short("x" * 41) == "x" * 39 + "…" and len(short("y" * 100)) == 40
    assert short("abc def ghi", 8) == "abc def…"  # no space left before the ellipsis
