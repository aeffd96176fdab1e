"""importing.teams: spellings of one team merged, distinct units kept apart, several teams per cell."""

from __future__ import annotations

import pytest

from zi_plan.importing.teams import Teams, team_key


@pytest.mark.parametrize(
    "spelling",
    ["Tim Manajemen Perubahan", "TIM MANAJEMEN PERUBAHAN", "Manajemen  Perubahan.", "Pokja Manajemen Perubahan", "Tim Kerja Manajemen Perubahan"],
)
def test_spellings_of_one_team_share_a_key(spelling):
    assert team_key(spelling) == "manajemen perubahan"


def test_a_rare_misspelling_is_read_as_the_common_spelling():
    teams = Teams()
    cells = ["Tim Manajemen Perubahan", "Tim Manajemen Perubahan", "Tim Manajemen Perubahn"]
    teams.prepare(cells)
    keys = {teams.add(cell) for cell in cells}
    assert len(keys) == 1 and teams.typos(keys.pop()) == ["Tim Manajemen Perubahn"]


@pytest.mark.parametrize(("a", "b"), [("Subbagian Hukum", "Subbagian Umum"), ("Tim SDM", "Tim SPM"), ("Seksi Teknis", "Seksi Teknis dan Hupmas"),
                                      ("Tim Pilar 1", "Tim Pilar 2"), ("Bidang II", "Bidang III")])
def test_distinct_units_stay_apart(a, b):
    teams = Teams()
    teams.prepare([a, a, b])
    assert teams.add(a) != teams.add(b)


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Tim A, Tim B", ["Tim A", "Tim B"]),
        ("Tim A dan Pokja B", ["Tim A", "Pokja B"]),
        ("Tim A\nTim B", ["Tim A", "Tim B"]),
        ("Subbagian Keuangan, Umum dan Logistik", ["Subbagian Keuangan, Umum dan Logistik"]),
        ("Sekretariat", ["Sekretariat"]),
        ("", []),
    ],
)
def test_several_teams_in_one_cell(cell, names):
    assert Teams().split(cell) == names


def test_the_most_used_spelling_names_the_team():
    teams = Teams()
    for name in ("TIM PENGAWASAN", "Tim Pengawasan", "Tim Pengawasan"):
        key = teams.add(name)
    assert teams.name(key) == "Tim Pengawasan" and teams.ids() == {key: "pengawasan"}
