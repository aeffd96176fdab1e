"""writer: a loaded plan's tree is written back as the same plan (scalars: tests/formats/test_scalar.py)."""

from __future__ import annotations

import datetime as dt

import yaml

from tests.conftest import MINIMAL, PLAN
from zi_plan.formats.writer import plan_out, plan_yaml
from zi_plan.store.plans import load_plan


def test_plan_out_writes_the_same_plan(tmp_path):
    source = load_plan(PLAN)
    path = tmp_path / "again.yaml"
    path.write_text(plan_yaml(plan_out(source)), encoding="utf-8")
    again = load_plan(path)
    assert [a.to_json() for a in again.actions] == [a.to_json() for a in source.actions]
    assert again.decree == source.decree and again.teams == source.teams


def test_team_overrides_are_written_where_they_change(tmp_path):
    text = MINIMAL.replace("      - title: Tim Kerja\n", "      - title: Tim Kerja\n        team: tl\n")
    text = text.replace("            months: [2]\n", "            months: [2]\n            team: mp\n")
    source = tmp_path / "p.yaml"
    source.write_text(text, encoding="utf-8")
    plan = load_plan(source)
    written = plan_yaml(plan_out(plan))
    data = yaml.safe_load(written)
    item = data["components"][0]["items"][0]
    assert item["team"] == "tl"
    assert "team" not in item["actions"][0] and item["actions"][1]["team"] == "mp"
    assert "team" not in data["components"][1]["items"][0]
    assert data["decree"]["date"] == dt.date(2024, 1, 15)
    again = tmp_path / "again.yaml"
    again.write_text(written, encoding="utf-8")
    assert [(a.id, a.team.id) for a in load_plan(again).actions] == [("I.1.a", "tl"), ("I.1.b", "mp"), ("II.1.a", "tl")]
