"""importing.questions: the LKE questions an action serves, from its code, a column of codes, or a question's text."""

from __future__ import annotations

import pytest

from zi_plan.importing.questions import lke_codes, lke_question, match_question
from zi_plan.lke.worksheet import load_worksheet

QUESTION = "Unit kerja telah membentuk tim untuk melakukan pembangunan Zona Integritas"  # P.1.i.a of the bundled worksheet


def test_the_worksheet_question_is_the_one_these_tests_name():
    assert load_worksheet().by_code["P.1.i.a"].text == QUESTION


@pytest.mark.parametrize(("code", "questions"), [
    ("P.1.i.a", ["P.1.i.a"]), ("p.1.I.A", ["P.1.i.a"]),  # as offices type it
    ("R.1.i.a.1", []),  # a result figure, not a scored question
    ("SS.1.1", []), ("A.1.I.i", []),  # the plan's own codes: source_id only
])  # fmt: skip
def test_a_rows_code_names_a_question_only_when_it_is_a_scored_one(code, questions):
    assert lke_question(code) == questions


def test_lke_codes_split_on_commas_semicolons_and_lines():
    assert lke_codes("P.1.i.a, P.1.i.b\nP.1.ii.a;  ") == ["P.1.i.a", "P.1.i.b", "P.1.ii.a"]
    assert lke_codes("") == [] and lke_codes(" ; ") == []


@pytest.mark.parametrize("text", [
    QUESTION, QUESTION.upper(), f"a. {QUESTION}.", f"1) {QUESTION}", f"iii. {QUESTION}",  # list markers, case, punctuation aside
    QUESTION.replace("melakukan", "melakukn"), QUESTION.replace("Unit kerja", "Unit  kerja,"),  # a typo, a stray comma
    QUESTION.replace("melakukan ", ""),  # a word left out (similarity 0.93)
])  # fmt: skip
def test_a_question_text_is_matched_to_its_code(text):
    assert match_question(text) == "P.1.i.a"


@pytest.mark.parametrize("text", ["", "   ", "a. ", "Unit kerja telah membentuk tim", "Tim dibentuk?", "Jumlah Agen Perubahan",
                                  "Unit kerja telah membentuk tim untuk melaksanakan pembangunan ZI"])  # similarity 0.87: another text
def test_a_text_matching_no_scored_question_is_not_guessed(text):
    assert match_question(text) is None


def test_a_neighbouring_question_is_told_apart():
    assert match_question("b. Penentuan anggota Tim dipilih melalui prosedur/mekanisme yang jelas") == "P.1.i.b"
