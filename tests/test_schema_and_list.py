from __future__ import annotations

import json

import yaml

from tests.conftest import MINIMAL, PLAN, REPO
from zi_plan.model import json_schema


def test_committed_schema_is_current(zi):
    result = zi("schema")
    assert result.code == 0
    committed = (REPO / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.out) == json.loads(committed), "run: zi schema > schema/plan.schema.json"
    assert result.out == committed


def test_plan_points_editors_at_the_schema():
    first = PLAN.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/plan.schema.json"
    assert (PLAN.parent / "../schema/plan.schema.json").resolve().is_file()


def test_schema_forbids_unknown_keys_and_accepts_the_plan():
    schema = json_schema()
    assert schema["additionalProperties"] is False
    action = schema["$defs"]["Action"]
    assert action["additionalProperties"] is False
    # steps and evidence are required outside drafts by a rule; no months means not scheduled yet
    assert set(action["required"]) == {"indicator"}
    assert action["properties"]["months"]["items"] == {"maximum": 12, "minimum": 1, "type": "integer"}


def test_pre_commit_hook_runs_validate():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "zi-validate"
    assert hooks[0]["entry"] == "zi validate"


def test_list_json(zi):
    result = zi("list", "--json", "--plan", str(PLAN))
    assert result.code == 0
    rows = json.loads(result.out)
    assert len(rows) == 68
    first = rows[0]
    assert {"id", "component", "item", "team", "indicator", "steps", "evidence", "months"} <= set(first)
    assert first["id"] == "I.1.a" and first["team"] == "Tim Manajemen Perubahan" and first["months"] == [4]


def test_list_filters(zi):
    rows = json.loads(zi("list", "--json", "--team", "pengawasan", "--plan", str(PLAN)).out)
    assert len(rows) == 20 and {r["component"] for r in rows} == {"V"}
    rows = json.loads(zi("list", "--json", "--component", "ii", "--plan", str(PLAN)).out)
    assert [r["id"] for r in rows] == ["II.1.a", "II.2.a", "II.2.b", "II.2.c", "II.3.a", "II.3.b"]


def test_list_table(zi):
    result = zi("list", "--component", "VI", "--plan", str(PLAN))
    assert result.code == 0
    assert "VI.3.c" in result.out and "Nov, Dec" in result.out
    assert "\x1b[" not in result.out


def test_list_unknown_team_lists_the_teams(zi):
    result = zi("list", "--team", "keuangan", "--plan", str(PLAN))
    assert result.code == 1
    assert "no team matches 'keuangan'" in result.err and "Tim Pengawasan" in result.err


def test_plan_lookup_order(zi, tmp_path, monkeypatch, write_plan):
    # bundled (nothing here) -> ./plans/tambrauw-2023.yaml -> $ZI_PLAN -> --plan
    assert len(json.loads(zi("list", "--json").out)) == 68
    (tmp_path / "plans").mkdir()
    write_plan(name="plans/tambrauw-2023.yaml")
    assert len(json.loads(zi("list", "--json").out)) == 3
    other = write_plan(MINIMAL.replace("months: [1, 4]", "months: [7]"), "env.yaml")
    monkeypatch.setenv("ZI_PLAN", str(other))
    assert json.loads(zi("list", "--json").out)[0]["months"] == [7]
    assert zi("list", "--json", "--plan", str(PLAN)).out.count('"id"') == 68
    monkeypatch.setenv("ZI_PLAN", str(tmp_path / "missing.yaml"))
    result = zi("list")
    assert result.code == 1 and "missing.yaml: file not found" in result.err
