"""months: months as people type them, in either language; months still to come."""

from __future__ import annotations

import datetime as dt

import pytest

from zi_plan.errors import ZiError
from zi_plan.model.months import future_message, is_future, parse_month


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        (4, 4), ("4", 4), (" 12 ", 12), ("04", 4),
        ("April", 4), ("apr", 4), ("APR.", 4), ("Mei", 5), ("may", 5), ("Juni", 6), ("Jul", 7),
        ("Agustus", 8), ("Agt", 8), ("ags", 8), ("aug", 8), ("Sept", 9), ("Okt", 10), ("oct", 10),
        ("Nop", 11), ("Nopember", 11), ("nov", 11), ("Des", 12), ("dec", 12), ("Desember", 12), ("Januari", 1), ("Maret", 3),
        ("Feb", 2), ("februari", 2),
    ],
)  # fmt: skip
def test_numbers_names_and_abbreviations_in_both_languages(typed, month):
    assert parse_month(typed) == month


@pytest.mark.parametrize(
    "typed",
    [0, 13, -1, "0", "13", "ju", "ma", "j", "", "  ", "Juno", "Mai", "1.5", "-3", "april2", "²", "4²"],  # '²' is a digit to Python, not a number to int()
)
def test_anything_else_is_a_usage_error_that_says_what_to_type(typed):
    with pytest.raises(ZiError) as raised:
        parse_month(typed)
    assert raised.value.exit_code == 2
    assert f"'{typed}' is not a month" in raised.value.message and "1..12" in raised.value.message


def test_every_name_and_its_prefixes_from_three_letters():
    names = [("january", "januari"), ("february", "februari"), ("march", "maret"), ("april",), ("may", "mei"), ("june", "juni"),
             ("july", "juli"), ("august", "agustus"), ("september",), ("october", "oktober"), ("november", "nopember"), ("december", "desember")]  # fmt: skip
    for month, spellings in enumerate(names, 1):
        for name in spellings:
            for end in range(3, len(name) + 1):
                assert parse_month(name[:end].title()) == month, name[:end]


def test_future_months():
    today = dt.date(2024, 4, 15)
    assert not is_future(2024, 4, today) and not is_future(2024, 3, today) and not is_future(2023, 12, today)
    assert is_future(2024, 5, today) and is_future(2025, 1, today)


def test_future_message_names_month_year_today_and_the_way_out():
    message = future_message("II.2.a", 2024, 12, dt.date(2024, 2, 10))
    assert "December 2024" in message and "2024-02-10" in message and "II.2.a" in message and "--force" in message
