"""importing.build: from the walked table to the plan to write: teams settled, ids given, every problem at once."""

from __future__ import annotations

import pytest

from zi_plan.errors import InvalidFile
from zi_plan.importing.build import settle_teams, to_components
from zi_plan.importing.columns import find_columns
from zi_plan.importing.grid import Grid
from zi_plan.importing.hierarchy import walk
from zi_plan.importing.levels import settle_levels

HEADER = ["NO", "KOMPONEN", "INDIKATOR", "KEGIATAN", "OUTPUT", "WAKTU", "PJ"]


def walked(*rows: list[str]):
    grid = Grid("t.csv", [HEADER, *rows])
    cols = find_columns(grid, "last", {})
    settle_levels(grid, cols)  # KOMPONEN is a level column, settled from the cells as read_table does
    return walk(grid, cols, "last", None)


def test_components_get_roman_ids_teams_and_their_source_rows():
    state = walked(
        ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"],
        ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", ""],
        ["II", "Pengawasan", "", "", "", "", ""],
        ["1", "Gratifikasi", "UPG", "Membentuk UPG", "SK UPG", "Maret", "Tim Pengawasan"],
        ["", "", "Sosialisasi", "Rapat", "Daftar hadir", "April", "TIM MP"],
    )
    settle_teams(state, None)
    components, teams = to_components(state)
    assert [(c.id, c.title, c.team) for c in components] == [("I", "Manajemen Perubahan", "mp"), ("II", "Pengawasan", "pengawasan")]
    assert components[0].notes == ["from t.csv, row 2"]
    assert teams == [("mp", "Tim MP"), ("pengawasan", "Tim Pengawasan")]
    first, second = components[1].items[0].actions
    # The component's own team is left implicit; another team is named on the action.
    assert (first.team, first.months, second.team, second.months) == (None, [3], "mp", [4])


def test_a_component_without_a_team_takes_the_default_or_is_a_problem():
    rows = (["I", "Manajemen Perubahan", "", "", "", "", ""], ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", ""],
            ["2", "Agen", "Agen ada", "Menetapkan", "SK", "Februari", ""])  # fmt: skip
    state = walked(*rows)
    settle_teams(state, "Tim Manajemen Perubahan")
    components, teams = to_components(state)
    assert components[0].team == "manajemen-perubahan" and teams == [("manajemen-perubahan", "Tim Manajemen Perubahan")]
    state = walked(*rows)
    settle_teams(state, None)
    with pytest.raises(InvalidFile) as caught:
        to_components(state)
    assert [str(p) for p in caught.value.problems] == [
        "t.csv:2:7: no team (PJ) for component 'Manajemen Perubahan' (rows 3, 4); name one with --team NAME"]


def test_every_problem_at_once_in_table_order():
    state = walked(
        ["I", "Kosong", "", "", "", "", "Tim A"],
        ["II", "Pengawasan", "", "", "", "", "Tim B"],
        ["1", "Gratifikasi", "UPG", "Membentuk UPG", "SK UPG", "kapan-kapan", ""],
    )
    settle_teams(state, None)
    with pytest.raises(InvalidFile) as caught:
        to_components(state)
    messages = [(p.line, p.message.split(":")[0]) for p in caught.value.problems]
    assert messages == [(2, "component 'Kosong' has no actions under it"), (4, "cannot read the schedule 'kapan-kapan'")]


def test_a_header_with_nothing_under_it():
    state = walked()
    with pytest.raises(InvalidFile) as caught:
        to_components(state)
    assert caught.value.problems[0].message == "no actions under the header"


def test_a_heading_without_actions_is_kept_as_a_note():
    state = walked(
        ["I", "Manajemen Perubahan", "", "", "", "", "Tim MP"],
        ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", ""],
        ["", "Budaya Kerja", "", "", "", "", ""],
    )
    settle_teams(state, None)
    components, _teams = to_components(state)
    assert [i.title for i in components[0].items] == ["Tim Kerja"]
    assert components[0].notes[-1] == "heading without actions: Budaya Kerja (row 4)"


def test_an_action_of_several_teams_names_them_all():
    state = walked(
        ["I", "Manajemen Perubahan", "", "", "", "", "Tim A"],
        ["1", "Tim Kerja", "SK terbit", "Menyusun SK", "SK", "Januari", "Tim A\nTim B"],
    )
    settle_teams(state, None)
    components, teams = to_components(state)
    action = components[0].items[0].actions[0]
    assert (action.team, action.teams, [t for t, _n in teams]) == (None, ["a", "b"], ["a", "b"])
