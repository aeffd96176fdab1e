"""importing.imported: the import's options and result; the LKE worksheet a plan names when its actions got codes."""

from __future__ import annotations

from zi_plan.formats.writer import ActionOut, ComponentOut, ItemOut
from zi_plan.importing.imported import QUARTERS, ImportOptions, lke_year
from zi_plan.lke.worksheet import default_year


def _plan(*lke: list[str]) -> list[ComponentOut]:
    actions = [ActionOut(indicator=f"I{n}", steps=[], evidence=[], months=[], lke=codes) for n, codes in enumerate(lke)]
    return [ComponentOut("I", "Manajemen Perubahan", "mp", [ItemOut("Tim", actions[:1]), ItemOut("Agen", actions[1:])])]


def test_a_plan_with_lke_codes_names_the_worksheet_they_were_read_against():
    assert lke_year(_plan([], ["P.1.i.a"])) == default_year()


def test_a_plan_without_lke_codes_names_none():
    assert lke_year(_plan([], [])) is None
    assert lke_year([]) is None


def test_options_start_empty_and_apart():
    first, second = ImportOptions(), ImportOptions()
    first.teams["Tim SDM"] = ["Subbag SDM"]
    first.mapped_columns["action"] = "KEGIATAN"
    assert (second.teams, second.mapped_columns, second.quarters, second.mapping) == ({}, {}, None, None)
    assert QUARTERS == ("last", "spread")
