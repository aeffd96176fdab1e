"""lke.compare: the unit's score beside the evaluators', and the questions where they differ, the most points first.

Each difference's points are checked against lke.score itself: the unit's answers with that one
question answered as the evaluator did, minus the unit's own total (answered reading).
"""

from __future__ import annotations

import pytest

from zi_plan.lke.compare import Difference, compare
from zi_plan.lke.score import score
from zi_plan.lke.worksheet import Worksheet, load_worksheet

UNIT = {"P.1.i.a": "Ya", "P.1.i.b": "B", "P.2.i.a": "A", "R.1.i.a.1": 4, "R.1.i.a.2": 2, "H.1.a": 3.7}
TPI = {"P.1.i.a": "Ya", "P.1.i.b": "C", "P.2.i.a": "B", "R.1.i.a.1": 4, "R.1.i.a.2": 1, "H.1.a": 3.5}


@pytest.fixture(scope="module")
def sheet() -> Worksheet:
    return load_worksheet()


def _points(sheet: Worksheet, unit: dict, changed: dict) -> float:
    return score(sheet, unit | changed).answered.total - score(sheet, unit).answered.total


def test_both_scores_are_lke_scores_own(sheet):
    result = compare(sheet, UNIT, TPI, {})
    assert result.unit.to_json() == score(sheet, UNIT).to_json() and result.tpi.to_json() == score(sheet, TPI).to_json()


def test_the_same_answers_differ_nowhere(sheet):
    assert compare(sheet, UNIT, dict(UNIT), {"P.1.i.a": "ok"}).differences == []


def test_differences_the_most_points_first_each_as_lke_score_counts_it(sheet):
    result = compare(sheet, UNIT, TPI, {"P.1.i.b": "mekanisme belum ada", "R.1.i.a.2": "dua SK tidak ditemukan"})
    assert [d.code for d in result.differences] == ["H.1.a", "R.1.i.a", "P.2.i.a", "P.1.i.b"]
    by_code = {d.code: d for d in result.differences}
    assert by_code["H.1.a"] == Difference("H.1.a", 3.7, 3.5, pytest.approx(_points(sheet, UNIT, {"H.1.a": 3.5})), None)
    assert by_code["H.1.a"].points == pytest.approx(-0.875)  # 0.2 of 4 of IPAK's 17.5
    assert by_code["P.1.i.b"].points == pytest.approx(_points(sheet, UNIT, {"P.1.i.b": "C"})) and by_code["P.1.i.b"].points < 0
    assert by_code["P.2.i.a"].points == pytest.approx(_points(sheet, UNIT, {"P.2.i.a": "B"}))
    # A percentage: its value (not its inputs) on both sides, the points of the evaluator's inputs,
    # and the note the evaluator left on an input.
    assert (by_code["R.1.i.a"].unit, by_code["R.1.i.a"].tpi) == (0.5, 0.25)
    assert by_code["R.1.i.a"].points == pytest.approx(_points(sheet, UNIT, {"R.1.i.a.2": 1}))
    assert by_code["R.1.i.a"].note == "dua SK tidak ditemukan" and by_code["P.1.i.b"].note == "mekanisme belum ada"
    assert not any(d.code.count(".") > 3 for d in result.differences)  # count inputs are not questions of their own
    assert "P.1.i.a" not in by_code


def test_the_questions_own_note_comes_before_an_inputs(sheet):
    notes = {"R.1.i.a": "dihitung ulang", "R.1.i.a.1": "jumlah pegawai", "R.1.i.a.2": "SK"}
    [d] = [d for d in compare(sheet, UNIT, TPI, notes).differences if d.code == "R.1.i.a"]
    assert d.note == "dihitung ulang"
    [d] = [d for d in compare(sheet, UNIT, TPI, notes | {"R.1.i.a": None}).differences if d.code == "R.1.i.a"]
    assert d.note == "jumlah pegawai"  # the first input with a note


def test_a_question_only_one_side_answered_is_a_difference(sheet):
    result = compare(sheet, {"P.1.ii.a": "Ya"}, {"P.1.ii.a": "Ya", "P.6.iii.a": "C"}, {})
    [d] = result.differences
    assert (d.code, d.unit, d.tpi) == ("P.6.iii.a", None, "C")
    assert d.points == pytest.approx(_points(sheet, {"P.1.ii.a": "Ya"}, {"P.6.iii.a": "C"})) and d.points > 0
    [gone] = compare(sheet, {"P.1.ii.a": "Ya", "R.1.i.a.1": 4, "R.1.i.a.2": 2}, {"P.1.ii.a": "Ya"}, {}).differences
    assert (gone.code, gone.unit, gone.tpi) == ("R.1.i.a", 0.5, None)  # the evaluator left it unanswered: no value


def test_json_rounds_the_points(sheet):
    data = compare(sheet, UNIT, TPI, {}).to_json()
    assert data["differences"][0] == {"code": "H.1.a", "unit": 3.7, "tpi": 3.5, "points": -0.875, "note_tpi": None}
    assert data["unit"]["answered"]["total"] == score(sheet, UNIT).to_json()["answered"]["total"] and "tpi" in data
    assert Difference("P.1.i.b", "B", "C", -1 / 3, "x").to_json() == {"code": "P.1.i.b", "unit": "B", "tpi": "C", "points": -0.3333, "note_tpi": "x"}
