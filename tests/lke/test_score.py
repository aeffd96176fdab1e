"""`zi lke score`: the worksheet formula against figures computed by hand.

The expected numbers below are worked out in the comments from the
regulation's rules (AVERAGE of answered values × sub-area weight; ratio
questions from their inputs; hasil = value × weight), not by the code.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import PLAN
from zi_plan.lke.score import score
from zi_plan.lke.worksheet import build_worksheet, load_worksheet

SHEET = load_worksheet(2026)


def test_half_answered_sub_area():
    # P.1.i (weight 0.5): P.1.i.a Ya = 1, P.1.i.b unanswered.
    # answered: AVERAGE(1) × 0.5 = 0.5; strict: AVERAGE(1, 0) × 0.5 = 0.25.
    # P.1.ii (weight 1): P.1.ii.a Ya = 1, P.1.ii.b B (abc) = 0.5, P.1.ii.c unanswered.
    # answered: (1 + 0.5) / 2 × 1 = 0.75; strict: (1 + 0.5 + 0) / 3 = 0.5.
    # P.1.iii (weight 1): P.1.iii.a B (abcd) = 0.67 alone: answered 0.67; strict 0.67 / 3.
    result = score(SHEET, {"P.1.i.a": "Ya", "P.1.ii.a": "Ya", "P.1.ii.b": "B", "P.1.iii.a": "B"})
    assert SHEET.by_code["P.1.ii.b"].answer_type == "abc" and SHEET.by_code["P.1.iii.a"].answer_type == "abcd"
    assert result.answered.sub_areas["P.1.i"] == pytest.approx(0.5)
    assert result.strict.sub_areas["P.1.i"] == pytest.approx(0.25)
    assert result.answered.sub_areas["P.1.ii"] == pytest.approx(0.75)
    assert result.strict.sub_areas["P.1.ii"] == pytest.approx(0.5)
    assert result.answered.sub_areas["P.1.iii"] == pytest.approx(0.67)
    assert result.strict.sub_areas["P.1.iii"] == pytest.approx(0.67 / 3)
    # Area 1 pemenuhan is the sum of its sub-areas; nothing else is answered.
    assert result.answered.areas[0].pemenuhan == pytest.approx(0.5 + 0.75 + 0.67)
    assert result.strict.pemenuhan == pytest.approx(0.25 + 0.5 + 0.67 / 3)
    assert result.answered.sub_areas["P.1.iv"] is None  # nothing answered: no value, as Excel's #DIV/0!


def test_zero_denominator_has_no_value_and_is_left_out():
    # R.1.i (weight 2): R.1.i.a = changes / agents = 0 / 0 -> no value, left out;
    # R.1.i.b = integrated / changes = 3 / 4 = 0.75 -> sub-area 0.75 × 2 = 1.5 in both readings.
    answers = {"R.1.i.a.1": 0, "R.1.i.a.2": 0, "R.1.i.b.1": 4, "R.1.i.b.2": 3}
    result = score(SHEET, answers)
    assert result.values["R.1.i.a"].status == "no_value"
    assert result.values["R.1.i.b"].value == pytest.approx(0.75)
    assert result.answered.sub_areas["R.1.i"] == pytest.approx(1.5)
    assert result.strict.sub_areas["R.1.i"] == pytest.approx(1.5)


def test_ratio_is_capped_at_one():
    # 12 changes by 5 agents: 12/5 = 2.4, capped at 1 -> 1 × (2 / 2 questions... sub-area AVERAGE(1) × 2) = 2.
    result = score(SHEET, {"R.1.i.a.1": 5, "R.1.i.a.2": 12})
    assert result.values["R.1.i.a"].value == 1.0
    assert result.answered.sub_areas["R.1.i"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (0, 0, 1.0),  # the discipline exception: no violations either year scores full
        (4, 1, 0.75),  # (4 - 1) / 4
        (2, 5, 0.0),  # more violations: (2 - 5) / 2 < 0 -> 0
        (0, 3, None),  # 0 before and some now: 3 / 0 has no value
    ],
)
def test_discipline_exception(before, after, expected):
    result = score(SHEET, {"R.3.iii.a.1": before, "R.3.iii.a.2": after, "R.3.iii.a.3": 0})
    value = result.values["R.3.iii.a"]
    if expected is None:
        assert value.status == "no_value"
        assert result.answered.sub_areas["R.3.iii"] is None
    else:
        assert value.value == pytest.approx(expected)
        assert result.answered.sub_areas["R.3.iii"] == pytest.approx(expected * 2)  # sub-area weight 2


def test_hasil_from_the_survey_indices():
    # IPAK 3.6 / 4 × 17.5 = 15.75; capaian B = 0.75 × 5 = 3.75; IPKP 3.2 / 4 × 17.5 = 14.
    result = score(SHEET, {"H.1.a": 3.6, "H.1.b": "B", "H.2.a": 3.2})
    assert result.answered.hasil == pytest.approx(33.5)
    checks = {c.id: c for c in result.gates["WBK"].checks}
    assert checks["ipak"].ok and checks["ipkp"].ok and checks["capaian_kinerja"].ok
    assert checks["birokrasi_bersih"].value == pytest.approx(19.5)


# A small worksheet whose every figure is easy to compute by hand: two areas
# of 10 + 10, hasil of 40, and its own thresholds.
def _q(code, sub, kind, weight=None, **extra):
    options = {
        "ya_tidak": [("Ya", 1.0), ("Tidak", 0.0)],
        "abc": [("A", 1.0), ("B", 0.5), ("C", 0.0)],
        "abcde": [("A", 1.0), ("B", 0.75), ("C", 0.5), ("D", 0.25), ("E", 0.0)],
    }.get(kind, [])
    return {"code": code, "sub_area": sub, "question": code, "answer_type": kind, "weight": weight,
            "options": [{"key": k, "label": k, "value": v} for k, v in options], **extra}  # fmt: skip


def _sub(code, part, area, weight, method="average"):
    return {"code": code, "name": code, "part": part, "area": area, "weight": weight, "method": method}


TINY = {
    "format": 1, "year": 2099, "title": "tiny",
    "scoring": {"scale_0_4": 4, "parts": {"pemenuhan": 20, "reform": 20, "hasil": 40}},
    "areas": [{"no": 1, "name": "A", "pemenuhan": 10, "reform": 10}, {"no": 2, "name": "B", "pemenuhan": 10, "reform": 10}],
    "sub_areas": [_sub("P.1.i", "pemenuhan", 1, 10), _sub("R.1.i", "reform", 1, 10), _sub("P.2.i", "pemenuhan", 2, 10),
                  _sub("R.2.i", "reform", 2, 10), _sub("H.1", "hasil", None, 25, "sum"), _sub("H.2", "hasil", None, 15, "sum")],
    "questions": [
        _q("P.1.i.a", "P.1.i", "abcde", 5), _q("P.1.i.b", "P.1.i", "ya_tidak", 5), _q("R.1.i.a", "R.1.i", "abc", 10),
        _q("P.2.i.a", "P.2.i", "abcde", 10),
        _q("R.2.i.a", "R.2.i", "persen", 10, inputs=["R.2.i.a.1", "R.2.i.a.2"],
           formula={"type": "ratio", "numerator": ["R.2.i.a.2"], "denominator": ["R.2.i.a.1"], "cap": 1}),
        _q("R.2.i.a.1", "R.2.i", "jumlah", parent="R.2.i.a"), _q("R.2.i.a.2", "R.2.i", "jumlah", parent="R.2.i.a"),
        _q("H.1.a", "H.1", "nilai_0_4", 20), _q("H.1.b", "H.1", "abcde", 5), _q("H.2.a", "H.2", "nilai_0_4", 15),
    ],
    "gates": {"WBK": [
        {"id": "total", "measure": "total", "min": 60}, {"id": "pengungkit", "measure": "pengungkit", "min": 30},
        {"id": "area", "measure": "area_pct", "min": 60},
        {"id": "birokrasi_bersih", "measure": "questions", "questions": ["H.1.a", "H.1.b"], "min": 11},
        {"id": "ipak", "measure": "questions", "questions": ["H.1.a"], "min": 8},
        {"id": "capaian_kinerja", "measure": "questions", "questions": ["H.1.b"], "min": 2},
        {"id": "ipkp", "measure": "questions", "questions": ["H.2.a"], "min": 5},
    ]},
}  # fmt: skip
FULL = {"P.1.i.a": "A", "P.1.i.b": "Ya", "R.1.i.a": "A", "P.2.i.a": "A", "R.2.i.a.1": 10, "R.2.i.a.2": 10,
        "H.1.a": 4, "H.1.b": "A", "H.2.a": 4}  # fmt: skip


def test_tiny_full_marks_pass_every_gate():
    tiny = build_worksheet(TINY)
    result = score(tiny, FULL)
    assert (result.answered.pengungkit, result.answered.hasil, result.answered.total) == (40, 40, 80)
    assert result.gates["WBK"].passed and result.gates["WBK"].failed == []


@pytest.mark.parametrize(
    ("gate", "changes", "total"),
    [
        # areas at (0.5 + 1)/2 × 10 + 0.5 × 10 = 12.5 (62.5 %) and 0.5 × 10 + 7/10 × 10 = 12 (60 %, on the line):
        # pengungkit 24.5 < 30, total 64.5 >= 60.
        ("pengungkit", {"P.1.i.a": "C", "R.1.i.a": "B", "P.2.i.a": "C", "R.2.i.a.2": 7}, 64.5),
        # hasil 1.6/4 × 20 = 8, B 3.75, 1.4/4 × 15 = 5.25: 17; total 40 + 17 = 57 < 60; birokrasi 11.75.
        ("total", {"H.1.a": 1.6, "H.1.b": "B", "H.2.a": 1.4}, 57),
        # area 1: P.1.i (0 + 0)/2 × 10 = 0, R.1.i 10: 10 of 20 = 50 %; pengungkit 30 (on the line).
        ("area:1", {"P.1.i.a": "E", "P.1.i.b": "Tidak"}, 70),
        # birokrasi 8 + 2.5 = 10.5 < 11 while ipak 8 and capaian 2.5 pass.
        ("birokrasi_bersih", {"H.1.a": 1.6, "H.1.b": "C"}, 40 + 10.5 + 15),
        # ipak 1.2/4 × 20 = 6 < 8; birokrasi 6 + 5 = 11 (on the line).
        ("ipak", {"H.1.a": 1.2}, 40 + 11 + 15),
        # capaian D = 0.25 × 5 = 1.25 < 2.
        ("capaian_kinerja", {"H.1.b": "D"}, 40 + 21.25 + 15),
        # ipkp 1.2/4 × 15 = 4.5 < 5.
        ("ipkp", {"H.2.a": 1.2}, 40 + 25 + 4.5),
    ],
)
def test_each_gate_failing_alone(gate, changes, total):
    tiny = build_worksheet(TINY)
    result = score(tiny, FULL | changes)
    assert result.answered.total == pytest.approx(total)
    assert result.gates["WBK"].failed == [gate]


def test_failed_area_names_what_is_unanswered():
    tiny = build_worksheet(TINY)
    answers = {k: v for k, v in FULL.items() if k != "P.1.i.b"} | {"P.1.i.a": "E"}
    check = next(c for c in score(tiny, answers).gates["WBK"].checks if c.id == "area:1")
    assert not check.ok and check.missing == ("P.1.i.b",)


def test_area_half_below_is_a_warning_not_a_failure():
    tiny = build_worksheet(TINY)
    # Area 2: pemenuhan 10, reform 2/10 × 10 = 2: 12 of 20 = 60 % passes; the reform half is at 20 %.
    result = score(tiny, FULL | {"R.2.i.a.2": 2})
    assert "area:2" not in result.gates["WBK"].failed
    assert result.gates["WBK"].half_below == [(2, "reform", pytest.approx(20.0))]


def test_score_json_shape(zi, tmp_path):
    import shutil

    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    assert zi("lke", "answer", "P.1.i.a", "ya", "--plan", str(plan), "--by", "T").code == 0
    data = json.loads(zi("lke", "score", "--json", "--plan", str(plan)).out)
    for reading in ("answered", "strict"):
        assert set(data[reading]) >= {"pemenuhan", "reform", "pengungkit", "hasil", "total", "areas"}
        assert set(data[reading]["areas"][0]) >= {"no", "pemenuhan", "reform", "pct"}
    assert data["answered"]["pemenuhan"] == 0.5 and data["strict"]["pemenuhan"] == 0.25
    assert data["gates"]["WBK"]["pass"] is False
    assert "total" in data["gates"]["WBK"]["failed"] and "area:1" in data["gates"]["WBBM"]["failed"]


def test_percentage_question_waits_for_every_required_input():
    # R.3.iii.a.3 ("telah diberikan sanksi") is required, though the formula does not use it.
    partial = score(SHEET, {"R.3.iii.a.1": 2, "R.3.iii.a.2": 0})
    assert partial.values["R.3.iii.a"].status == "unanswered"
    full = score(SHEET, {"R.3.iii.a.1": 2, "R.3.iii.a.2": 0, "R.3.iii.a.3": 2})
    assert full.values["R.3.iii.a"].status == "value" and full.values["R.3.iii.a"].value == 1.0
