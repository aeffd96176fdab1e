"""`zi validate` on good and broken plans (every problem, with its line), `zi list` and `zi schema`."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from tests.conftest import MINIMAL, PLAN, REPO
from zi_plan.schema.plan import json_schema


def test_bundled_plan_is_valid(zi):
    result = zi("validate", str(PLAN))
    assert result.code == 0, result.out
    assert "ok: 1 file valid" in result.out


def test_default_is_the_found_plan(zi, plan_copy):
    result = zi("validate")
    assert result.code == 0
    assert "ok" in result.out


def test_the_bundled_plan_is_validated_for_a_script_only_when_named(zi, monkeypatch):
    # No plans/ here: a script (a pipe, JSON) must not get the bundled plan's "valid" for its own.
    refused = zi("validate", "--format", "json")
    assert refused.code == 1 and "--plan bundled" in refused.err and refused.out == ""
    assert zi("validate").code == 1  # standard output is not a terminal here
    assert zi("validate", "--plan", "bundled", "--format", "json").code == 0
    monkeypatch.setattr("zi_plan.store.guards.to_terminal", lambda: True)
    assert zi("validate").code == 0  # a person at a terminal sees "(bundled with zi)" elsewhere


def test_minimal_plan_is_valid(zi, write_plan):
    assert zi("validate", str(write_plan())).code == 0


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[nth - 1]


# (name, how to break MINIMAL, the text on the line the error must name, words in the message)
BROKEN = [
    ("syntax error", lambda t: t.replace("  place: Fef", "  place: [Fef"), "place: [Fef", "syntax"),  # where the [ opened
    ("duplicate key", lambda t: t.replace("  place: Fef\n", "  place: Fef\n  place: Sorong\n"), "place: Sorong", "duplicate key 'place'"),
    ("unknown key", lambda t: t.replace("            months: [2]", "            months: [2]\n            indicatr: x"), "indicatr", "did you mean 'indicator'"),
    ("month 0", lambda t: t.replace("months: [2]", "months: [0]"), "months: [0]", "month 0 is out of range"),
    ("month 13", lambda t: t.replace("months: [3, 4, 5]", "months: [3, 13, 5]"), "months: [3, 13, 5]", "month 13 is out of range"),
    ("repeated month", lambda t: t.replace("months: [1, 4]", "months: [1, 4, 1]"), "months: [1, 4, 1]", "month 1 is listed twice"),
    ("unknown team", lambda t: t.replace("    team: tl", "    team: tata-laksana"), "team: tata-laksana", "team 'tata-laksana' is not defined"),
    ("python tag", lambda t: t.replace("title: Rencana Aksi Contoh", "title: !!python/object/apply:os.system ['echo pwned']"), "title:", "not allowed"),
    ("year and decree date", lambda t: t.replace("year: 2024", "year: 2025"), "date: 2024-01-15", "plan's year is 2025"),
    ("empty indicator", lambda t: t.replace("indicator: SOP disosialisasikan", "indicator: ''"), "indicator: ''", "'indicator' must not be empty"),
    ("empty steps", lambda t: t.replace("steps: [Menetapkan SK]", "steps: []"), "steps: []", "'steps' needs at least one entry"),
    ("missing evidence", lambda t: t.replace("            evidence: [SK Agen Perubahan]\n", ""), "indicator: Agen perubahan", "missing required key 'evidence'"),
    ("text for mapping", lambda t: t.replace("  - id: mp\n    name: Tim Manajemen Perubahan", "  - Tim Manajemen Perubahan"), "- Tim Manajemen", "must be a mapping"),
    ("mapping for list", lambda t: t.replace("steps: [Menyusun SK]", "steps: {a: b}"), "steps: {a: b}", "must be a list"),
    ("number for text", lambda t: t.replace("place: Fef", "place: 12"), "place: 12", "must be text"),
    ("no: is a boolean key", lambda t: t.replace("      - title: SOP", "      - no: 1\n        title: SOP"), "- no: 1", "put the key in quotes"),
]


@pytest.mark.parametrize(("name", "breaker", "line_text", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_plan(zi, write_plan, name, breaker, line_text, words):
    text = breaker(MINIMAL)
    assert text != MINIMAL, "the breaker must change the plan"
    path = write_plan(text)
    result = zi("validate", str(path))
    assert result.code == 1
    assert words in result.out
    line = _line_of(text, line_text)
    assert f"{path}:{line}:" in result.out, result.out
    assert "Traceback" not in result.out + result.err


def test_python_tag_runs_nothing(zi, write_plan, tmp_path):
    marker = tmp_path / "pwned"
    path = write_plan(MINIMAL.replace("title: Rencana Aksi Contoh", f"title: !!python/object/apply:os.system ['touch {marker}']"))
    assert zi("validate", str(path)).code == 1
    assert not marker.exists()


def test_unknown_key_points_at_the_key(zi, write_plan):
    text = MINIMAL.replace("  place: Fef", "  place: Fef\n  plase: Sorong")
    result = zi("validate", str(write_plan(text)))
    assert f":{_line_of(text, 'plase')}:3: unknown key 'plase' (did you mean 'place'?)" in result.out


def test_duplicate_key_names_both_lines(zi, write_plan):
    text = MINIMAL.replace("  place: Fef\n", "  place: Fef\n  place: Sorong\n")
    result = zi("validate", str(write_plan(text)))
    assert f"already set on line {_line_of(text, 'place: Fef')}" in result.out


def test_duplicate_id(zi, write_plan):
    text = MINIMAL.replace("          - indicator: Agen", "          - id: I.1.a\n            indicator: Agen").replace(
        "          - indicator: SK Tim", "          - id: I.1.a\n            indicator: SK Tim"
    )
    result = zi("validate", str(write_plan(text)))
    assert result.code == 1
    assert f":{_line_of(text, 'id: I.1.a', 2)}:" in result.out
    assert "duplicate id 'I.1.a'" in result.out


def test_letters_out_of_order(zi, write_plan):
    text = MINIMAL.replace("          - indicator: SK Tim", "          - id: I.1.b\n            indicator: SK Tim")
    result = zi("validate", str(write_plan(text)))
    assert result.code == 1
    assert f":{_line_of(text, 'id: I.1.b')}:" in result.out
    assert "action id 'I.1.b' is out of order: here the id must be 'I.1.a'" in result.out


def test_items_out_of_order(zi, write_plan):
    text = MINIMAL.replace("      - title: SOP", "      - number: 2\n        title: SOP")
    result = zi("validate", str(write_plan(text)))
    assert "item number 2 is out of order" in result.out


def test_components_out_of_order(zi, write_plan):
    text = MINIMAL.replace("  - id: II\n", "  - id: III\n")
    result = zi("validate", str(write_plan(text)))
    assert "component id 'III' is out of order" in result.out


def test_alias_bomb_is_refused_quickly(zi, write_plan):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]")
    path = write_plan("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = zi("validate", str(path))
    elapsed = time.perf_counter() - started
    assert result.code == 1
    assert f"{path}:2:" in result.out and "aliases" in result.out
    assert elapsed < 1.0  # a guard against expansion, not a speed target


def test_anchor_without_alias_is_only_a_schema_matter(zi, write_plan):
    text = MINIMAL.replace("place: Fef", "place: &p Fef")
    assert zi("validate", str(write_plan(text))).code == 0


def test_empty_file(zi, write_plan):
    path = write_plan("")
    result = zi("validate", str(path))
    assert result.code == 1
    assert f"{path}:1:1: the file is empty" in result.out


def test_comments_only_file_is_empty(zi, write_plan):
    assert "the file is empty" in zi("validate", str(write_plan("# nothing yet\n"))).out


def test_not_utf8(zi, tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(MINIMAL.replace("Kantor Contoh", "Kantor Contoh").encode() + "title2: Café\n".encode("latin-1"))
    result = zi("validate", str(path))
    assert result.code == 1
    assert f"{path}:{MINIMAL.count(chr(10)) + 1}:" in result.out
    assert "not UTF-8" in result.out


def test_missing_file(zi, tmp_path):
    result = zi("validate", str(tmp_path / "nope.yaml"))
    assert result.code == 1
    assert "nope.yaml: file not found" in result.out


def test_directory(zi, tmp_path):
    result = zi("validate", str(tmp_path))
    assert result.code == 1
    assert "is a directory" in result.out


def test_top_level_list(zi, write_plan):
    result = zi("validate", str(write_plan("- a\n- b\n")))
    assert result.code == 1
    assert "must be a mapping" in result.out


def test_all_problems_in_all_files(zi, write_plan):
    bad1 = write_plan(MINIMAL.replace("months: [2]", "months: [13]").replace("team: tl", "team: xx"), "bad1.yaml")
    good = write_plan(MINIMAL, "good.yaml")
    bad2 = write_plan("", "bad2.yaml")
    result = zi("validate", str(bad1), str(good), str(bad2))
    assert result.code == 1
    assert result.out.count("bad1.yaml:") == 2
    assert "bad2.yaml:1:1" in result.out
    assert "3 problems in 2 of 3 files" in result.out


def test_json_format(zi, write_plan):
    path = write_plan(MINIMAL.replace("months: [2]", "months: [13]"))
    result = zi("validate", "--format", "json", str(path))
    data = json.loads(result.out)
    assert data["valid"] is False
    (problem,) = data["files"][0]["problems"]
    assert problem["line"] == _line_of(MINIMAL, "months: [2]")
    assert "out of range" in problem["message"]


def test_github_format(zi, write_plan):
    path = write_plan(MINIMAL.replace("months: [2]", "months: [13]"))
    result = zi("validate", "--format", "github", str(path))
    line = _line_of(MINIMAL, "months: [2]")
    assert result.out.startswith(f"::error file={path},line={line},col=")
    assert "::I.1.b: month 13 is out of range" in result.out


def test_bad_format_is_a_usage_error(zi, write_plan):
    assert zi("validate", "--format", "xml", str(write_plan())).code == 2


def test_commands_refuse_an_invalid_plan_with_its_lines(zi, write_plan):
    path = write_plan(MINIMAL.replace("months: [2]", "months: [13]"))
    result = zi("list", "--plan", str(path))
    assert result.code == 1
    assert f"{path}:{_line_of(MINIMAL, 'months: [2]')}:" in result.err
    assert "Traceback" not in result.err

# ---------------------------------------------------------------- zi schema, zi list


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


def test_a_huge_list_is_cut_with_a_count(zi, write_plan):
    from tests.conftest import MINIMAL

    action = "          - indicator: SOP disosialisasikan\n            steps: [Sosialisasi SOP]\n            evidence: [Daftar hadir]\n            months: [4]\n"
    path = write_plan(MINIMAL.rstrip("\n") + "\n" + action * 250)
    result = zi("list", "--plan", str(path))
    assert result.code == 0
    assert "53 more not shown" in result.out and "253 actions" in result.out  # 200 rows shown
    assert len(json.loads(zi("list", "--json", "--plan", str(path)).out)) == 253


def test_list_unknown_team_lists_the_teams(zi):
    result = zi("list", "--team", "keuangan", "--plan", str(PLAN))
    assert result.code == 1
    assert "no team matches 'keuangan'" in result.err and "Tim Pengawasan" in result.err


def test_plan_lookup_order(zi, tmp_path, monkeypatch, write_plan):
    # bundled (nothing here; named, since JSON goes to a script) -> ./plans/tambrauw-2023.yaml -> $ZI_PLAN -> --plan
    assert zi("list", "--json").code == 1
    assert len(json.loads(zi("list", "--json", "--plan", "bundled").out)) == 68
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


def test_validate_in_an_office_checks_the_plan_and_its_journal(zi, plan_copy, monkeypatch):
    monkeypatch.chdir(plan_copy.parent.parent)
    journal = plan_copy.with_name("tambrauw-2023.progress.yaml")
    journal.write_text("journal: 3\nplan: tambrauw-2023.yaml\nrecords:\n- action: I.1.a\n  month: 13\n", encoding="utf-8")
    bad = zi("validate")
    assert bad.code == 1 and bad.out.startswith("plans/tambrauw-2023.progress.yaml:5:10: 'month' is not valid") and bad.out.endswith("4 problems in 1 of 2 files\n")
    journal.write_text("journal: 3\nplan: tambrauw-2023.yaml\nrecords: []\n", encoding="utf-8")
    assert zi("validate").out == "ok: 2 files valid\n"
    assert zi("--lang", "id", "validate", str(journal)).out == "ok: 1 berkas sah\n"
