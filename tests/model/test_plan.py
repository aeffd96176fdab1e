"""model.plan: the tree of views built from checked data, and looking things up in it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.errors import ZiError
from zi_plan.model.plan import LoadedPlan, build_plan, lke_suffix

# Teams set at each level: the component's, an item's own, an action's own, and shared by several.
LEVELS = MINIMAL.replace(
    "  - id: tl\n    name: Tim Penguatan Tata Laksana\n",
    "  - id: tl\n    name: Tim Penguatan Tata Laksana\n  - id: pengawasan\n    name: '  Tim Pengawasan  '\n",
).replace(
    "      - title: SOP\n        actions:\n",
    "      - title: SOP\n        team: pengawasan\n        actions:\n"
    "          - indicator: '  Peta proses bisnis  '\n            steps: [' Menyusun peta ']\n            evidence: [Peta]\n"
    "            months: [9, 2, 5]\n            team: mp\n            lke: [P.2.i.a]\n            source_id: SS.2.1\n"
    "          - indicator: Draf\n            draft: true\n            teams: [tl, mp]\n",
)


def _plan(text: str = LEVELS) -> LoadedPlan:
    return build_plan(Path("kantor.yaml"), yaml.safe_load(text))


def test_ids_are_derived_from_positions():
    plan = _plan()
    assert [a.id for a in plan.actions] == ["I.1.a", "I.1.b", "II.1.a", "II.1.b", "II.1.c"]
    assert list(plan.by_id) == [a.id for a in plan.actions]
    assert [(i.id, i.number) for c in plan.components for i in c.items] == [("I.1", 1), ("II.1", 1)]


def test_each_level_inherits_the_team_unless_it_names_its_own():
    plan = _plan()
    team = {a.id: a.team.id for a in plan.actions}
    assert team == {"I.1.a": "mp", "I.1.b": "mp", "II.1.a": "mp", "II.1.b": "tl", "II.1.c": "pengawasan"}
    assert plan.components[1].team.id == "tl" and plan.components[1].items[0].team.id == "pengawasan"
    shared = plan.action("II.1.b")
    assert [t.id for t in shared.teams] == ["tl", "mp"] and shared.draft and shared.steps == () and shared.months == ()
    assert [t.id for t in plan.action("II.1.c").teams] == ["pengawasan"]


def test_texts_are_stripped_months_sorted_and_the_rest_kept():
    plan = _plan()
    action = plan.action("II.1.a")
    assert action.indicator == "Peta proses bisnis" and action.steps == ("Menyusun peta",) and action.months == (2, 5, 9)
    assert action.lke == ("P.2.i.a",) and action.source_id == "SS.2.1" and not action.draft
    assert action.component == "II" and action.component_title == "Tata Laksana" and action.item == "II.1" and action.item_title == "SOP"
    assert plan.team("pengawasan").name == "Tim Pengawasan"
    assert plan.decree.number == "1 Tahun 2024" and plan.year == 2024 and plan.lke_year is None
    assert plan.institution == "Kantor Contoh" and plan.path == Path("kantor.yaml")


def test_to_json_is_plain_data():
    data = _plan().action("II.1.a").to_json()
    assert data["team"] == "Tim Manajemen Perubahan" and data["team_id"] == "mp" and data["teams"] == ["Tim Manajemen Perubahan"]
    assert data["steps"] == ["Menyusun peta"] and data["months"] == [2, 5, 9] and data["lke"] == ["P.2.i.a"]
    assert all(not isinstance(v, tuple) for v in data.values())


def test_a_components_teams_in_order_of_first_appearance():
    assert [t.id for t in _plan().component("II").teams] == ["mp", "tl", "pengawasan"]


def test_lke_suffix():
    assert lke_suffix(("P.1.i.a", "P.1.i.b")) == "\nLKE P.1.i.a, P.1.i.b"
    assert lke_suffix(()) == "" and lke_suffix(None) == ""


# ---------------------------------------------------------------- look-ups


def test_an_action_by_its_id_in_any_case():
    plan = _plan()
    assert plan.action("II.1.b").id == "II.1.b"
    assert plan.action("ii.1.B").id == "II.1.b"


def test_an_unknown_action_suggests_close_ids():
    with pytest.raises(ZiError) as raised:
        _plan().action("I.1.d")
    assert "no action 'I.1.d' in kantor.yaml. Did you mean" in raised.value.message and "I.1.a" in raised.value.message


def test_an_action_nothing_like_any_id_says_how_to_see_them():
    with pytest.raises(ZiError) as raised:
        _plan().action("laporan")
    assert raised.value.message == "no action 'laporan' in kantor.yaml. Run 'zi list' to see every id."


def test_a_component_in_any_case():
    plan = _plan()
    assert plan.component(" ii ").id == "II" and plan.component("I").id == "I"
    with pytest.raises(ZiError, match="no component 'III'; the plan has I, II"):
        plan.component("III")


@pytest.mark.parametrize(("query", "team"), [("mp", "mp"), ("TL", "tl"), ("tim pengawasan", "pengawasan"), ("awas", "pengawasan"), (" Tata ", "tl")])
def test_a_team_by_id_name_or_a_piece_of_it(query, team):
    assert _plan().team(query).id == team


def test_a_piece_of_several_names_is_not_guessed():
    with pytest.raises(ZiError) as raised:
        _plan().team("Tim")
    message = raised.value.message
    assert message.startswith("'Tim' matches more than one team: Tim Manajemen Perubahan; Tim Penguatan Tata Laksana; Tim Pengawasan.")
    assert "Teams: Tim Manajemen Perubahan (mp);" in message


@pytest.mark.parametrize("query", ["keuangan", "", "  "])
def test_no_team_lists_the_teams(query):
    with pytest.raises(ZiError, match=r"no team matches .*Teams: Tim Manajemen Perubahan \(mp\)"):
        _plan().team(query)
