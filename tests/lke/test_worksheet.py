"""lke.worksheet: the worksheet built from its data, and questions found by code."""

from __future__ import annotations

import pytest

from zi_plan.errors import ZiError
from zi_plan.lke.bundled import default_year
from zi_plan.lke.worksheet import build_worksheet, load_worksheet, suggest_codes

# The smallest worksheet: one area, a sub-area of a Ya/Tidak question and a
# percentage computed from two count inputs, and one gate.
DATA = {
    "format": 1, "year": 2030, "title": "LKE uji",
    "scoring": {"scale_0_4": 4, "parts": {"pemenuhan": 30, "reform": 30, "hasil": 40}},
    "areas": [{"no": 1, "name": "Manajemen Perubahan", "pemenuhan": 2, "reform": 3}],
    "sub_areas": [{"code": "P.1.i", "name": "Tim", "part": "pemenuhan", "area": 1, "weight": 0.5, "method": "average"}],
    "questions": [
        {"code": "P.1.i.a", "sub_area": "P.1.i", "question": "Ada tim?", "answer_type": "ya_tidak", "weight": 0.25,
         "options": [{"key": "Ya", "label": "Ya", "value": 1}, {"key": "Tidak", "label": "Tidak", "value": 0}]},
        {"code": "P.1.i.b", "sub_area": "P.1.i", "question": "Berapa persen?", "answer_type": "persen", "weight": 0.25,
         "formula": {"div": ["P.1.i.b.1", "P.1.i.b.2"]}, "inputs": ["P.1.i.b.1", "P.1.i.b.2"], "portalrb_soal_id": 77},
        {"code": "P.1.i.b.1", "sub_area": "P.1.i", "question": "Jumlah A", "answer_type": "jumlah", "parent": "P.1.i.b"},
        {"code": "P.1.i.b.2", "sub_area": "P.1.i", "question": "Jumlah B", "answer_type": "jumlah", "parent": "P.1.i.b"},
    ],
    "gates": {"WBK": [{"id": "total", "measure": "total", "min": 60}]},
}  # fmt: skip


def test_build_worksheet_from_its_data():
    sheet = build_worksheet(DATA)
    assert (sheet.year, sheet.title, sheet.scale_0_4, sheet.parts) == (2030, "LKE uji", 4.0, {"pemenuhan": 30.0, "reform": 30.0, "hasil": 40.0})
    assert [q.code for q in sheet.scored] == ["P.1.i.a", "P.1.i.b"]  # the count inputs only feed P.1.i.b
    assert sheet.sub_areas["P.1.i"].questions == ("P.1.i.a", "P.1.i.b")
    assert sheet.area(1).weight == 5.0
    [gate] = sheet.gates["WBK"]
    assert (gate.id, gate.measure, gate.min, gate.questions) == ("total", "total", 60.0, ())


def test_questions_know_their_part_options_and_formula():
    sheet = build_worksheet(DATA)
    yes_no, pct, count = (sheet.by_code[c] for c in ("P.1.i.a", "P.1.i.b", "P.1.i.b.1"))
    assert (yes_no.part, yes_no.area, yes_no.computed, yes_no.option("Ya").value, yes_no.option("ya")) == ("pemenuhan", 1, False, 1.0, None)
    assert (pct.computed, pct.inputs, pct.soal_id, pct.options) == (True, ("P.1.i.b.1", "P.1.i.b.2"), 77, ())
    assert (count.scored, count.weight, count.parent) == (False, None, "P.1.i.b")


def test_a_question_by_its_code_in_any_case():
    sheet = load_worksheet()
    assert sheet.question("p.1.I.A").code == "P.1.i.a"
    assert sheet.question("P.1.i.a") is sheet.by_code["P.1.i.a"]


def test_an_unknown_code_suggests_the_closest():
    sheet = load_worksheet()
    with pytest.raises(ZiError) as caught:
        sheet.question("P.1.i.z")
    assert caught.value.message.startswith(f"no question 'P.1.i.z' in the LKE {sheet.year}. Did you mean ")
    assert set(suggest_codes(sheet, "P.1.i.z")) <= set(sheet.by_code)
    with pytest.raises(ZiError) as caught:
        sheet.question("zzz")
    assert "Run 'zi lke list' to see every code" in caught.value.message


def test_load_worksheet_of_a_year_there_is_no_data_for():
    assert load_worksheet().year == default_year()
    assert load_worksheet(default_year()) is load_worksheet()  # built once
    with pytest.raises(ZiError) as caught:
        load_worksheet(1990)
    assert "no LKE worksheet for 1990" in caught.value.message


def test_the_bundled_worksheet_is_whole():
    sheet = load_worksheet()
    assert {q.sub_area for q in sheet.questions} == set(sheet.sub_areas)
    assert all(sheet.by_code[q.parent].computed for q in sheet.questions if q.parent)
    assert all(set(s.questions) <= {q.code for q in sheet.scored} for s in sheet.sub_areas.values())
