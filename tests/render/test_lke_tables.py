"""render.lke_tables: what `zi lke list`, `coverage` and `score` print, from the core's data, in both languages."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.journals import plan_at, rendered
from tests.lke.test_suggest import SERVED
from zi_plan.lke.coverage import coverage, served_by
from zi_plan.lke.listing import list_rows
from zi_plan.lke.score import GateCheck, GateResult, score
from zi_plan.lke.suggest import Move
from zi_plan.lke.worksheet import load_worksheet
from zi_plan.render.lke_tables import (
    check_text,
    coverage_tables,
    gate_lines,
    list_table,
    moves_table,
    num,
    print_coverage,
    print_gate_lines,
    reading_line,
    score_table,
    targets_table,
    type_text,
    uncovered_table,
)

FAILING = {"WBK": GateResult("WBK", [
    GateCheck("total", 40.0, 60.0, ("P.1.i.a", "P.1.i.b", "P.1.ii.a")),
    GateCheck("area:2", 80.0, 75.0, ()),
    GateCheck("ipak", 12.5, 15.75, ("H.1.a",)),
], half_below=[(2, "reform", 50.0)])}  # fmt: skip
PASSING = {"WBBM": GateResult("WBBM", [GateCheck("total", 80.0, 75.0, ())])}


def plain(markup: str) -> str:
    return rendered(markup, 200).strip()


def test_num_has_two_decimals():
    assert [num(0), num(1 / 3), num(12.5)] == ["0.00", "0.33", "12.50"]


def test_type_text_lists_options_or_names_the_kind(indonesian):
    sheet = load_worksheet()
    rows = {r["code"]: r for r in list_rows(sheet, {})}
    assert type_text(rows["P.1.i.b"]) == "A/B/C"
    assert type_text(rows["P.1.i.a"]) == "Ya/Tidak"
    assert [type_text(rows[c]) for c in ("R.1.i.a", "R.1.i.a.1", "H.1.a")] == ["% (dihitung)", "jumlah", "indeks 0-4"]


def test_list_table_heads_each_sub_area_and_marks_unserved_questions(tmp_path):
    plan = plan_at(tmp_path, SERVED)
    sheet = load_worksheet()
    rows = [r for r in list_rows(sheet, served_by(plan), 1) if r["sub_area"] in ("P.1.i", "P.1.ii")]
    text = rendered(list_table(rows), 160)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert any(line.startswith(f"{sheet.sub_areas['P.1.i'].name} (") for line in lines)
    served = next(line for line in lines if line.startswith("P.1.i.a "))
    assert served.endswith("I.1.a") and "Ya/Tidak" in served and "0.25" in served
    unserved = next(line for line in lines if line.startswith("P.1.ii.a "))
    assert unserved.endswith("-")


def test_list_table_shows_the_hasil_part_as_targets_even_when_an_action_names_it(tmp_path):
    plan = plan_at(tmp_path, SERVED)  # I.1.b names H.1.b
    rows = [r for r in list_rows(load_worksheet(), served_by(plan)) if r["part"] == "hasil"]
    lines = [line.split() for line in rendered(list_table(rows), 200).splitlines() if line.strip().startswith("H.")]
    assert {line[0] for line in lines} == {"H.1.a", "H.1.b", "H.2.a"} and all(line[-1] == "target" for line in lines)


def test_coverage_tables_count_served_questions_per_area(tmp_path):
    cov = coverage(load_worksheet(), plan_at(tmp_path, SERVED))
    areas, subs = coverage_tables(cov)
    text = rendered(areas, 160)
    area_1 = next(line for line in text.splitlines() if line.strip().startswith("1. "))
    in_area_1 = [q for q in cov.sheet.scored if q.area == 1]
    served_1 = sum(q.code in cov.served for q in in_area_1)
    assert f"{served_1}/{len(in_area_1)}" in area_1 and "✗" in area_1
    sub_text = rendered(subs, 160)
    assert "P.1.i " not in sub_text  # both of its questions are served
    assert "P.1.ii " in sub_text and "0/3" in sub_text


def test_uncovered_table_lists_the_gain_of_each_unserved_question(tmp_path):
    cov = coverage(load_worksheet(), plan_at(tmp_path, SERVED))
    text = rendered(uncovered_table(cov), 200)
    assert "P.1.i.a" not in text and "H.1.b" not in text
    first = cov.uncovered[0]
    assert f"{first.code}" in text and num(first.weight or 0.0) in text


def test_reading_line_gives_each_part_and_its_maximum():
    sheet = load_worksheet()
    result = score(sheet, {"P.1.i.a": "Ya"})
    line = reading_line("answered", result.answered, sheet)
    assert line.startswith("answered: pemenuhan ") and line.endswith(f"total {num(result.answered.total)}")
    parts = sheet.parts
    assert f"/{num(parts['pemenuhan'])}, reform " in line and f"/{num(parts['pemenuhan'] + parts['reform'])}, hasil " in line


def test_gate_lines_say_what_each_failed_gate_misses():
    lines = [plain(line) for line in gate_lines(FAILING, limit=2)]
    assert lines == [
        "✗ WBK: does not yet meet 2 of 3 gates",
        "Total score at 40.00 needs 60: unanswered P.1.i.a, P.1.i.b, …",
        "IPAK at 12.50 needs 15.75: unanswered H.1.a",
        "note: the reform half of area 2 is at 50.0 % (the gate is on the whole area)",
    ]
    assert [plain(line) for line in gate_lines(PASSING)] == ["✓ WBBM: meets every gate"]


def test_gate_lines_for_coverage_say_not_served(indonesian):
    lines = [plain(line) for line in gate_lines(FAILING, served=True)]
    assert lines[0] == "✗ WBK: belum memenuhi 2 dari 3 syarat"  # not "gagal": the office has not met it yet
    assert lines[1] == "Nilai total baru 40,00, perlu 60: belum didukung P.1.i.a, P.1.i.b, P.1.ii.a"
    assert lines[2] == "IPAK baru 12,50, perlu 15,75: belum didukung H.1.a"


def test_check_text_for_an_area_is_in_percent():
    assert check_text(GateCheck("area:3", 12.345, 75.0, ("P.3.i.a",), "pct"), 8) == "area 3 at 12.3 % needs 75 %: unanswered P.3.i.a"


def test_print_gate_lines_wraps_what_is_missing_under_its_gate():
    many = {"WBK": GateResult("WBK", [GateCheck("pengungkit", 1.0, 40.0, tuple(f"P.{n}.i.a" for n in range(1, 7)))])}
    out = Console(file=io.StringIO(), width=40, color_system=None)
    print_gate_lines(out, many)
    lines = out.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "✗ WBK: does not yet meet 1 of 1 gates"
    assert lines[1].startswith("    Pengungkit at 1.00 needs 40")
    assert all(line.startswith("      ") for line in lines[2:]) and len(lines) > 2
    assert max(len(line) for line in lines) <= 40


def test_score_table_has_a_row_per_area_and_both_readings():
    result = score(load_worksheet(), {"P.1.i.a": "Ya", "P.1.i.b": "A"})
    text = rendered(score_table(result), 160)
    area_1 = next(line for line in text.splitlines() if line.strip().startswith("1. "))
    assert f"{result.answered.areas[0].pct:.1f}" in area_1 and area_1.rstrip().endswith(f"{result.strict.areas[0].pct:.1f}")
    assert sum(line.strip()[:2] in {f"{n}." for n in range(1, 7)} for line in text.splitlines()) == 6


MOVES = [
    Move("H.1.a", 3.2, "≥ 3.60", 5.25, {"birokrasi_bersih": 2.625, "ipak": 2.625}, None, "a survey result"),
    Move("P.1.i.b", "C", "A", 1.5, {"total": 0.5, "pengungkit": 0.5, "area:1": 0.5}, "B", "2 of 3", 2 / 3, 2, 3),
    Move("R.1.i.a", 0.75, "100 %", 0.25, {"total": 0.25}, None, "computed"),
]  # fmt: skip


def _rows(text: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip()[:2] in ("H.", "P.", "R.")}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_moves_table_gives_each_move_its_gain_and_the_journals_suggestion(lang, request):
    if lang == "id":
        request.getfixturevalue("indonesian")
    text = rendered(moves_table(MOVES), 200)
    title = {"en": "Moves worth most toward the gates not met", "id": "Langkah yang paling menambah nilai menuju syarat yang belum terpenuhi"}[lang]
    assert title in " ".join(text.split())
    header = {"en": ["Code", "Now", "Move", "Gain", "Suggested", "Basis"], "id": ["Kode", "Sekarang", "Langkah", "Tambahan", "Saran", "Dasar"]}[lang]
    assert next(line.split() for line in text.splitlines() if line.split()[:1] == header[:1]) == header
    comma = {"en": ".", "id": ","}[lang]
    rows = _rows(text)
    # Code, now, the move, its gain, the journal's suggestion ("-": none), the basis with the gates it serves.
    assert rows["H.1.a"][:5] == [f"3{comma}20", "≥", "3.60", f"5{comma}25", "-"]
    assert rows["P.1.i.b"][:4] == ["C", "A", f"1{comma}50", "B"]
    assert rows["R.1.i.a"][:4] == [f"0{comma}75", "100", "%", f"0{comma}25"]
    assert f"Area 1 +0{comma}50" in " ".join(text.split()) and "IPAK" in text and "ipak" not in text


def test_moves_table_shows_the_first_moves_and_says_how_many_more():
    text = rendered(moves_table(MOVES, limit=2), 200)
    assert set(_rows(text)) == {"H.1.a", "P.1.i.b"}
    assert "1 more moves: zi lke score --suggest --json lists them all" in text
    assert "more moves" not in rendered(moves_table(MOVES), 200)


def test_targets_table_shows_the_hasil_part_as_targets(tmp_path):
    cov = coverage(load_worksheet(), plan_at(tmp_path, SERVED))
    text = rendered(targets_table(cov), 200)
    rows = _rows(text)
    assert set(rows) == {q.code for q in cov.targets} and {"H.1.a", "H.1.b"} <= set(rows)
    assert "≥ 3.60" in " ".join(rows["H.1.a"]) and "C or better" in " ".join(rows["H.1.b"])
    assert "WBK: Birokrasi bersih (H.1.a + H.1.b) ≥ 18.25" in " ".join(text.split())


def test_print_coverage_says_what_the_plans_ceiling_leaves_out(tmp_path):
    cov = coverage(load_worksheet(), plan_at(tmp_path, SERVED))
    out = Console(file=io.StringIO(), width=200, color_system=None)
    print_coverage(out, cov)
    text = " ".join(out.file.getvalue().split())  # type: ignore[attr-defined]
    assert f"The plan serves {len(cov.covered)} of the {len(cov.pengungkit)} questions of the pengungkit part" in text
    assert "The plan's ceiling: pemenuhan" in text and "It leaves out routine work not marked --routine" in text
    assert "rest on the hasil part: zi lke score checks them" in text
    assert "Answered from routine work" not in text  # none recorded
