"""lke.listing: `zi lke list`'s rows, and the --area it takes."""

from __future__ import annotations

import pytest

from zi_plan.errors import ZiError
from zi_plan.lke.listing import list_rows, parse_area, question_row
from zi_plan.lke.worksheet import load_worksheet


@pytest.mark.parametrize(("value", "area"), [(None, None), ("3", 3), (" 6 ", 6), ("h", 0), ("Hasil", 0), ("1", 1)])
def test_parse_area(value, area):
    assert parse_area(value) == area


@pytest.mark.parametrize("value", ["0", "7", "x", "", "1.5"])
def test_parse_area_refuses_anything_else(value):
    with pytest.raises(ZiError) as caught:
        parse_area(value)
    assert caught.value.exit_code == 2 and "use 1 to 6, or H" in caught.value.message


def test_rows_of_one_area_and_of_the_hasil_part():
    sheet = load_worksheet()
    area_3 = list_rows(sheet, {}, 3)
    assert [r["code"] for r in area_3] == [q.code for q in sheet.questions if q.area == 3]
    assert {r["area_name"] for r in area_3} == {sheet.area(3).name}
    hasil = list_rows(sheet, {}, 0)
    assert [r["code"] for r in hasil] == ["H.1.a", "H.1.b", "H.2.a"] and {r["area_name"] for r in hasil} == {None}
    assert len(list_rows(sheet, {})) == len(sheet.questions)


def test_a_row_says_which_actions_serve_it_and_a_count_input_serves_nothing():
    sheet = load_worksheet()
    served = {"R.1.i.a": ["III.1.a", "III.1.b"], "P.1.i.a": ["I.1.a"]}
    row = question_row(sheet, sheet.by_code["R.1.i.a"], served)
    assert (row["served_by"], row["answer_type"], row["options"], row["scored"]) == (["III.1.a", "III.1.b"], "persen", [], True)
    assert row["inputs"] == ["R.1.i.a.1", "R.1.i.a.2"] and row["formula"]
    count = question_row(sheet, sheet.by_code["R.1.i.a.1"], served)
    assert (count["scored"], count["parent"], count["served_by"], count["weight"]) == (False, "R.1.i.a", [], None)
    yes_no = question_row(sheet, sheet.by_code["P.1.i.a"], served)
    assert yes_no["options"] == [{"key": "Ya", "label": yes_no["options"][0]["label"], "value": 1.0},
                                 {"key": "Tidak", "label": yes_no["options"][1]["label"], "value": 0.0}]  # fmt: skip
    assert (yes_no["sub_area"], yes_no["sub_area_name"], yes_no["sub_area_weight"]) == ("P.1.i", "Penyusunan Tim Kerja", 0.5)
