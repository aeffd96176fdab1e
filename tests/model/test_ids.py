"""ids: roman numerals for components, letters for actions, as the decree writes them."""

from __future__ import annotations

import re

from zi_plan.model.ids import letter, roman


def _from_roman(text: str) -> int:
    """An independent reading of a numeral: a symbol before a larger one is subtracted."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        total += -values[here] if after and values[after] > values[here] else values[here]
    return total


def test_the_six_components():
    assert [roman(n) for n in range(1, 7)] == ["I", "II", "III", "IV", "V", "VI"]


def test_roman_reads_back_and_is_well_formed_up_to_3999():
    # Subtractive pairs only (IV, IX, XL ...), never four of a kind (IIII).
    well_formed = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
    numerals = [roman(n) for n in range(1, 4000)]
    assert all(well_formed.match(r) for r in numerals)
    assert [_from_roman(r) for r in numerals] == list(range(1, 4000))


def test_roman_of_nothing_is_empty():
    assert roman(0) == ""


def test_letters_run_a_to_z_then_aa():
    assert letter(0) == "a" and letter(25) == "z"
    assert [letter(i) for i in (26, 27, 51, 52, 701, 702)] == ["aa", "ab", "az", "ba", "zz", "aaa"]


def test_letters_are_distinct_and_in_the_order_people_read_them():
    letters = [letter(i) for i in range(800)]
    assert len(set(letters)) == 800
    assert letters == sorted(letters, key=lambda s: (len(s), s))  # shorter first, then alphabetical
    assert all(s.isalpha() and s.islower() for s in letters)
