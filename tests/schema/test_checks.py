"""checks: the ids a plan's positions give, and the plan's rules on raw data."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from tests.conftest import MINIMAL
from zi_plan.model.ids import letter, roman
from zi_plan.schema.checks import rule_problems


def test_roman():
    assert [roman(n) for n in (1, 4, 6, 9, 14, 40, 90, 400, 1999)] == ["I", "IV", "VI", "IX", "XIV", "XL", "XC", "CD", "MCMXCIX"]


def test_letter():
    assert [letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"]


def test_rules_on_a_valid_plan_find_nothing():
    assert list(rule_problems(yaml.safe_load(MINIMAL))) == []


def test_rules_skip_what_has_the_wrong_shape():
    data = {"teams": "none", "components": [None, {"id": 5, "items": "x"}], "decree": [], "year": "2024"}
    assert list(rule_problems(data)) == []


def test_rules_point_at_each_problem():
    data = yaml.safe_load(MINIMAL)
    data["decree"]["date"] = dt.date(2023, 1, 1)
    data["components"][0]["items"][0]["actions"][1]["months"] = [2, 2]
    data["components"][1]["team"] = "tll"
    found = {loc: message for loc, message, _at_key in rule_problems(data)}
    assert "2023-01-01" in found[("decree", "date")]
    assert "listed twice" in found[("components", 0, "items", 0, "actions", 1, "months", 1)]
    assert "did you mean 'tl'" in found[("components", 1, "team")]


def test_a_second_team_with_the_same_id_is_an_error_at_its_id():
    from zi_plan.schema.checks import plan_problems

    text = MINIMAL.replace("  - id: tl\n    name: Tim Penguatan Tata Laksana", "  - id: mp\n    name: Tim Penguatan Tata Laksana")
    text = text.replace("    team: tl\n", "    team: mp\n")  # every reference still resolves: the duplicate is the only problem
    line = text.splitlines().index("  - id: mp", 11) + 1  # the second one
    data, problems = plan_problems("plan.yaml", text)
    assert [(p.line, p.column) for p in problems] == [(line, 9)]
    assert "duplicate team id 'mp'" in problems[0].message and str(problems[0]).startswith(f"plan.yaml:{line}:9: ")
    assert data["teams"][0]["id"] == data["teams"][1]["id"] == "mp"


def test_each_repeat_of_a_team_id_is_named_once_the_first_never():
    data = {"teams": [{"id": "mp"}, {"id": "tl"}, {"id": "mp"}, {"id": "mp"}, "not a team", {"id": 5}]}
    found = [(loc, message) for loc, message, _at_key in rule_problems(data)]
    assert found == [(("teams", 2, "id"), "duplicate team id 'mp'"), (("teams", 3, "id"), "duplicate team id 'mp'")]


# ---------------------------------------------------------------- a plan's text, checked whole


def _messages(text: str) -> list[str]:
    from zi_plan.schema.checks import plan_problems

    return [f"{p.line}: {p.message}" for p in plan_problems("plan.yaml", text)[1]]


def _line(text: str, piece: str, after: int = 0) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if n > after and piece in line)


def test_a_text_that_is_not_a_plan():
    assert _messages("") == ["1: the file is empty: a plan needs institution, year, decree, teams and components"]
    assert _messages("- a\n- b\n") == ["1: a plan must be a mapping (key: value) at the top, not a list"]
    assert _messages("year: [2024\n")[0].startswith("1: YAML syntax error")


def test_problems_come_in_line_order_each_with_what_to_write():
    text = MINIMAL.replace("year: 2024", "year: dua ribu").replace("  - id: II\n", "  - id: 2\n").replace("months: [2]", "months: [2, 13]")
    text = text.replace("title: SOP", "title: SOP\n        number: 3")
    assert _messages(text) == [
        f"{_line(text, 'year:')}: 'year' must be a whole number, not text ('dua ribu')",
        f"{_line(text, 'months: [2, 13]')}: I.1.b: month 13 is out of range: months are 1 (January) to 12 (December)",
        f"{_line(text, 'id: 2')}: component II: 'id' must be text, not a number (2)",
        f"{_line(text, 'number: 3')}: item number 3 is out of order: item 1 of component II must be numbered 1",
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - id: II\n", "  - id: III\n", "component id 'III' is out of order: component 2 must be 'II'"),
        ("  - id: II\n", "  - id: I\n", "duplicate component id 'I'"),
        ("  - id: II\n", "  - id: ii\n", "component ii: component id 'ii' must be a Roman numeral (I, II, III, ...)"),
        ("  - id: tl\n", "  - id: Tata Laksana\n", "teams[2]: team id 'Tata Laksana' must be lower-case letters, digits and '-', e.g. 'pengawasan'"),
        ("    team: tl\n", "    team: keuangan\n", "component II: team 'keuangan' is not defined under 'teams'; teams defined: mp, tl"),
        ("institution: Kantor Contoh\n", "institution: Kantor Contoh\ninstitusi: x\n", "unknown key 'institusi' (did you mean 'institution'?)"),
        ("institution: Kantor Contoh\n", "institution: Kantor Contoh\nzzz: x\n", "unknown key 'zzz'; allowed keys here: version, institution, title, year, decree, lke, coordinator, evidence_store, teams, components"),
        ("institution: Kantor Contoh\n", "", "missing required key 'institution'"),
        ("  date: 2024-01-15\n", "  date: 15 Januari 2024\n", "'date' must be a date written YYYY-MM-DD (e.g. 2023-04-15), not text ('15 Januari 2024')"),
        ("year: 2024", "year: 1990", "'year' 1990 is out of range (must be at least 2000)"),
        ("teams:\n", "teams: []\ntim:\n", "'teams' needs at least one entry"),
        ("      - title: SOP\n", "      - title: ''\n", "II.1: 'title' must not be empty"),
        ("            months: [2]\n", "            months: 2\n", "I.1.b: 'months' must be a list (lines starting with '- '), not a number (2)"),
        ("            months: [2]\n", "            months: [Februari]\n", "I.1.b: a month must be a whole number from 1 to 12, not text ('Februari')"),
        ("decree:\n", "decree: x\ndekrit:\n", "'decree' must be a mapping (key: value lines), not text ('x')"),
        ("          - indicator: Agen perubahan ditetapkan\n", "          - id: I.1.c\n            indicator: Agen perubahan ditetapkan\n",
         "action id 'I.1.c' is out of order: here the id must be 'I.1.b' (actions are lettered a, b, c ... in order)"),
        ("          - indicator: Agen perubahan ditetapkan\n", "          - id: 7\n            indicator: Agen perubahan ditetapkan\n",
         "I.1.b: 'id' must be text like 'I.1.b'"),
        ("            steps: [Menetapkan SK]\n", "", "I.1.b: missing required key 'steps'"),
        ("            steps: [Menetapkan SK]\n", "            steps: []\n", "I.1.b: 'steps' needs at least one entry"),
        ("            steps: [Menetapkan SK]\n", "            steps: [Menetapkan SK]\n            team: mp\n            teams: [tl]\n", "I.1.b: give 'team' or 'teams', not both"),
        ("            steps: [Menetapkan SK]\n", "            steps: [Menetapkan SK]\n            teams: [tl, mq]\n", "I.1.b: team 'mq' is not defined under 'teams' (did you mean 'mp'?)"),
    ],
)  # fmt: skip
def test_each_rule_and_schema_message(old, new, message):
    assert old in MINIMAL
    found = [m.split(": ", 1)[1] for m in _messages(MINIMAL.replace(old, new, 1))]
    assert message in found, found


def test_a_duplicate_written_action_id_names_the_first():
    text = MINIMAL.replace("          - indicator: SOP disosialisasikan\n", "          - id: II.1.a\n            indicator: SOP disosialisasikan\n")
    text = text.replace("          - indicator: Agen perubahan ditetapkan\n", "          - id: II.1.a\n            indicator: Agen perubahan ditetapkan\n")
    found = _messages(text)
    assert f"{_line(text, 'id: II.1.a')}: action id 'II.1.a' is out of order: here the id must be 'I.1.b' (actions are lettered a, b, c ... in order)" in found
    assert f"{_line(text, 'id: II.1.a', _line(text, 'id: II.1.a'))}: duplicate id 'II.1.a' (the first is action 2 of item 1 of component 1)" in found


def test_steps_may_be_left_out_in_a_draft():
    assert _messages(MINIMAL.replace("            steps: [Menetapkan SK]\n            evidence: [SK Agen Perubahan]\n", "            draft: true\n")) == []
