"""wording: zi's words for what pydantic reports in English."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from zi_plan import i18n
from zi_plan.schema.plan import Plan
from zi_plan.schema.wording import pydantic_problem


@pytest.mark.parametrize(
    ("err", "words"),
    [
        ({"type": "value_error", "ctx": {"error": ValueError("zi's own message")}}, "zi's own message"),
        ({"type": "greater_than_equal", "ctx": {"ge": 1}}, "must be at least 1"),
        ({"type": "greater_than", "ctx": {"gt": 0}}, "must be at least 0"),
        ({"type": "less_than_equal", "ctx": {"le": 12}}, "must be at most 12"),
        ({"type": "less_than", "ctx": {"lt": 13}}, "must be at most 13"),
        ({"type": "literal_error", "ctx": {"expected": "'done', 'undo' or 'move'"}}, "must be one of 'done', 'undo', 'move'"),
        ({"type": "string_pattern_mismatch", "ctx": {"pattern": "^[a-z]+$"}}, "does not have the expected form (^[a-z]+$)"),
        ({"type": "datetime_from_date_parsing"}, "must be a date and time with its time zone, e.g. 2023-04-12T09:30:00+09:00"),
        ({"type": "date_type"}, "must be a date and time with its time zone, e.g. 2023-04-12T09:30:00+09:00"),
        ({"type": "int_parsing"}, "must be a number"),
        ({"type": "float_type"}, "must be a number"),
        ({"type": "string_type"}, "must be text"),
        ({"type": "str_type"}, "must be text"),
        ({"type": "bool_parsing"}, "must be true or false"),
        ({"type": "list_type"}, "must be a list"),
        ({"type": "tuple_type"}, "must be a list"),
        ({"type": "dict_type"}, "must be a mapping"),
        ({"type": "model_type"}, "must be a mapping"),
        ({"type": "url_scheme"}, "has a value of the wrong kind (url_scheme)"),
        ({}, "has a value of the wrong kind (?)"),
    ],
)
def test_each_kind_in_zi_words(err, words):
    assert pydantic_problem(err) == words


def test_a_value_error_without_its_error_is_not_taken_for_zi_words():
    assert pydantic_problem({"type": "value_error", "ctx": None}) == "has a value of the wrong kind (value_error)"


def test_errors_as_pydantic_reports_them():
    class Month(BaseModel):
        month: int

    with pytest.raises(ValidationError) as raised:
        Plan.model_validate({"version": 7})
    by_key = {err["loc"]: pydantic_problem(err) for err in raised.value.errors()}
    assert by_key[("version",)] == "must be one of 1, 2, 3"
    with pytest.raises(ValidationError) as raised:
        Month.model_validate({"month": "April"})
    assert pydantic_problem(raised.value.errors()[0]) == "must be a number"


def test_in_indonesian_no_english_is_left():
    try:
        i18n.set_language("id")
        words = [pydantic_problem({"type": kind, "ctx": {"ge": 1, "le": 12}}) for kind in ("greater_than_equal", "less_than_equal", "int_type", "list_type")]
    finally:
        i18n.set_language("en")
    assert all("must" not in w for w in words) and "1" in words[0] and "12" in words[1]
