"""Plan format 3: written with `version: 3`; files of format 1 (no version key) and 2 load unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from zi_plan.store.plans import load_plan

# Written by the previous release's `zi init` (plan format 1: no version key).
V1 = Path(__file__).parent.parent / "fixtures" / "plan-v1.yaml"
# Written by the previous release's `zi init` (plan format 2).
V2 = Path(__file__).parent.parent / "fixtures" / "plan-v2.yaml"


def test_a_version_1_plan_loads_unchanged(zi):
    assert "\nversion:" not in V1.read_text(encoding="utf-8")
    plan = load_plan(V1)
    assert [a.id for a in plan.actions] == [f"{c}.1.a" for c in ("I", "II", "III", "IV", "V", "VI")]
    assert all(len(a.teams) == 1 and a.source_id is None and not a.draft and a.months for a in plan.actions)
    result = zi("validate", str(V1))
    # The only warnings: the decree details the previous release's `zi init` left as placeholders.
    warnings = [line for line in result.out.splitlines() if "warning" in line]
    assert result.code == 0 and all("placeholder zi init/import wrote" in line for line in warnings)


def test_a_version_2_plan_loads_unchanged(zi):
    assert "\nversion: 2\n" in V2.read_text(encoding="utf-8")
    plan = load_plan(V2)
    assert plan.evidence_store is None and len(plan.actions) == 6
    result = zi("validate", str(V2))
    warnings = [line for line in result.out.splitlines() if "warning" in line]
    assert result.code == 0 and all("placeholder zi init/import wrote" in line for line in warnings)


def test_init_writes_version_3(zi, tmp_path):
    path = tmp_path / "new.yaml"
    assert zi("init", str(path), "--institution", "X", "--year", "2024").code == 0
    assert "\nversion: 3\n" in path.read_text(encoding="utf-8")


def test_the_evidence_store_is_read_checked_and_carried_into_next_year(zi, write_plan, tmp_path):
    path = write_plan("version: 3\n" + MINIMAL + "evidence_store: sftp://arsip.kpu.example/srv/zi\n")
    assert load_plan(path).evidence_store == "sftp://arsip.kpu.example/srv/zi"
    assert zi("validate", str(path)).code == 0
    nxt = tmp_path / "next.yaml"
    assert zi("init", str(nxt), "--from", str(path), "--year", "2025").code == 0
    assert load_plan(nxt).evidence_store == "sftp://arsip.kpu.example/srv/zi"


@pytest.mark.parametrize(("address", "says"), [
    ("ftp://host/x", "not an evidence store"),
    ("sftp://ani:rahasia@host/x", "holds a password"),
    ("s3:///prefix", "names no bucket"),
    ("s3://bucket/p?token=abc", "unknown setting 'token'"),
])
def test_a_bad_evidence_store_is_refused_at_its_line(zi, write_plan, address, says):
    path = write_plan(MINIMAL + f"evidence_store: {address}\n")
    result = zi("validate", str(path))
    line = MINIMAL.count("\n") + 1
    assert result.code == 1 and f"{path}:{line}:17: " in result.out and says in result.out
    assert "rahasia" not in result.out  # a password is never echoed


def test_a_newer_version_is_refused_with_its_line(zi, write_plan):
    path = write_plan("version: 4\n" + MINIMAL)
    result = zi("validate", str(path))
    assert result.code == 1 and f"{path}:1:10: " in result.out and "update zi" in result.out


def test_team_and_teams_exclude_each_other(zi, write_plan):
    text = MINIMAL.replace("            months: [3, 4, 5]", "            months: [3, 4, 5]\n            team: tl\n            teams: [mp, tl]")
    result = zi("validate", str(write_plan(text)))
    assert result.code == 1 and "'team' or 'teams', not both" in result.out


def test_several_teams_count_for_each(zi, write_plan):
    text = MINIMAL.replace("            months: [3, 4, 5]", "            months: [3, 4, 5]\n            teams: [mp, tl]")
    path = write_plan(text)
    assert zi("validate", str(path)).code == 0
    mp = zi("team", "mp", "--json", "--plan", str(path))
    assert '"II.1.a"' in mp.out
    assert "II.1.a" in zi("list", "--team", "mp", "--plan", str(path)).out
    loads = zi("teams", "--json", "--plan", str(path)).out
    assert loads.count('"name"') == 2


def test_steps_may_be_empty_only_in_a_draft(zi, write_plan):
    text = MINIMAL.replace("steps: [Menetapkan SK]", "steps: []")
    assert zi("validate", str(write_plan(text))).code == 1
    assert zi("validate", str(write_plan(text.replace("steps: []", "steps: []\n            draft: true")))).code == 0


def test_a_shared_action_survives_export_and_import(zi, write_plan, tmp_path):
    source = write_plan(MINIMAL.replace("            months: [3, 4, 5]", "            months: [3, 4, 5]\n            teams: [tl, mp]"))
    for fmt in ("xlsx", "csv"):
        table = tmp_path / f"rencana.{fmt}"
        assert zi("export", "--format", fmt, "-m", "1", "-o", str(table), "--plan", str(source)).code == 0
        out = tmp_path / f"back-{fmt}.yaml"
        assert zi("import", str(table), "--institution", "Kantor Contoh", "--year", "2024", "-o", str(out)).code == 0
        assert [[t.name for t in a.teams] for a in load_plan(out).actions][-1] == ["Tim Penguatan Tata Laksana", "Tim Manajemen Perubahan"]


FORMAT_2 = MINIMAL.replace("            months: [2]", "            months: []\n            source_id: SS.1.2").replace(
    "            months: [3, 4, 5]", "            months: [3, 4, 5]\n            teams: [tl, mp]").replace(
    "          - indicator: Agen perubahan ditetapkan", "          - indicator: Survei internal\n            draft: true\n"
    "            steps: []\n            evidence: []\n            months: [6]\n          - indicator: Agen perubahan ditetapkan")  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [["validate"], ["list"], ["list", "--json"], ["due", "--month", "6"], ["due", "--month", "6", "--json"], ["show", "I.1.b"],
     ["show", "I.1.c", "--json"], ["teams"], ["team", "mp"], ["progress", "--month", "6"], ["report", "--month", "6", "-o", "r.html"],
     ["report", "--month", "6", "--format", "md", "-o", "r.md"], ["publish", "-o", "p.html"], ["export", "--format", "csv", "-o", "e.csv"],
     ["export", "--format", "xlsx", "-o", "e.xlsx"], ["export", "--format", "ics", "-o", "e.ics"], ["evidence", "pack", "-o", "e.zip"]],
    ids=" ".join,
)
def test_every_command_takes_drafts_unscheduled_and_shared_actions(zi, write_plan, command):
    path = write_plan(FORMAT_2)
    result = zi(*command, "--plan", str(path))
    assert result.code == 0, result.err


def test_done_on_an_unscheduled_action_needs_a_month(zi, write_plan):
    path = write_plan(FORMAT_2)
    assert zi("show", "I.1.c", "--json", "--plan", str(path)).out.count('"source_id": "SS.1.2"') == 1
    result = zi("done", "I.1.c", "--plan", str(path), "--by", "Ani")
    assert result.code == 1 and "not scheduled yet" in result.err and "--month" in result.err
    assert zi("done", "I.1.c", "--month", "5", "--plan", str(path), "--by", "Ani").code == 0
    verify = zi("verify", "--plan", str(path))
    assert verify.code == 0 and "set aside" not in verify.out + verify.err  # work on an unscheduled action is not stale
    shown = json.loads(zi("show", "I.1.c", "--json", "--plan", str(path)).out)
    assert [(o["month"], o["status"]) for o in shown["occurrences"]] == [(5, "done")]


def test_warnings_in_json_and_github_formats(zi, write_plan):
    path = write_plan(FORMAT_2)
    data = json.loads(zi("validate", str(path), "--format", "json").out)
    assert data["valid"] and [w["message"][:5] for w in data["files"][0]["warnings"]] == ["I.1.b", "I.1.c"]
    github = zi("validate", str(path), "--format", "github")
    assert github.code == 0 and github.out.count("::warning file=") == 2


def test_validate_parses_a_plan_once_for_its_problems_and_all_its_warnings(tmp_path, monkeypatch):
    """A large plan costs one parse in `zi validate`, not one per kind of warning (issue 16)."""
    from zi_plan.schema import yamlio
    from zi_plan.store.plans import check_file
    from zi_plan.store.workspace import journal_file_name

    text = MINIMAL.replace("  place: Fef", "  place: '...'").replace("            months: [2]\n", "            months: []\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    (tmp_path / journal_file_name(plan)).write_text("journal: 2\nplan: plan.yaml\nrecords: []\n", encoding="utf-8")
    parses = []
    real_parse = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda t: parses.append(1) or real_parse(t))
    checked = check_file(plan)
    assert checked.problems == [] and parses == [1]
    lines = [text[: text.index(mark)].count("\n") + 1 for mark in ("place: '...'", "months: []")]
    assert [p.line for p in checked.warnings] == lines  # in line order
    assert not any("written id" in p.message for p in checked.warnings)  # writing id: keeps nothing in place


# ---------------------------------------------------------------- the pydantic models themselves


def _model_errors(change) -> dict[tuple, str]:
    import yaml
    from pydantic import ValidationError

    from zi_plan.schema.plan import Plan

    data = yaml.safe_load(MINIMAL)
    change(data)
    with pytest.raises(ValidationError) as raised:
        Plan.model_validate(data)
    return {err["loc"]: err["type"] for err in raised.value.errors()}


def _action(data):
    return data["components"][0]["items"][0]["actions"][0]


def test_the_model_takes_a_valid_plan_and_strips_its_texts():
    import yaml

    from zi_plan.schema.plan import Plan

    data = yaml.safe_load(MINIMAL)
    data["title"] = "  Rencana Aksi Contoh  "
    plan = Plan.model_validate(data)
    assert plan.title == "Rencana Aksi Contoh" and plan.version is None and plan.teams[1].id == "tl"
    assert plan.components[0].items[0].actions[0].months == [1, 4] and plan.components[0].items[0].actions[0].draft is False


@pytest.mark.parametrize(
    ("change", "loc", "kind"),
    [
        (lambda d: d.update(version=4), ("version",), "literal_error"),
        (lambda d: d.update(year=1999), ("year",), "greater_than_equal"),
        (lambda d: d.update(year="2024"), ("year",), "int_type"),  # strict: text is not a year
        (lambda d: d.update(title="   "), ("title",), "string_too_short"),
        (lambda d: d.update(teams=[]), ("teams",), "too_short"),
        (lambda d: d["teams"][0].update(id="Tim MP"), ("teams", 0, "id"), "string_pattern_mismatch"),
        (lambda d: d["components"][0].update(id="1"), ("components", 0, "id"), "string_pattern_mismatch"),
        (lambda d: _action(d).update(months=[13]), ("components", 0, "items", 0, "actions", 0, "months", 0), "less_than_equal"),
        (lambda d: _action(d).update(months=["4"]), ("components", 0, "items", 0, "actions", 0, "months", 0), "int_type"),
        (lambda d: _action(d).update(months=[True]), ("components", 0, "items", 0, "actions", 0, "months", 0), "int_type"),
        (lambda d: _action(d).update(teams=[]), ("components", 0, "items", 0, "actions", 0, "teams"), "too_short"),
        (lambda d: _action(d).update(indikator="x"), ("components", 0, "items", 0, "actions", 0, "indikator"), "extra_forbidden"),
        (lambda d: d["decree"].pop("place"), ("decree", "place"), "missing"),
    ],
)  # fmt: skip
def test_the_model_refuses(change, loc, kind):
    assert _model_errors(change) == {loc: kind}


def test_the_json_schema_is_for_editors():
    from zi_plan.schema.plan import json_schema

    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"institution", "title", "year", "decree", "teams", "components"}
    assert schema["additionalProperties"] is False and "Action" in schema["$defs"]
