"""An action's fields, said once: the schema's Action is the declaration, and
every other shape of an action must hold each of its fields.

Adding a field touches zi_plan/schema/plan.py, zi_plan/model/plan.py,
zi_plan/store/plan_entry.py (the cache's rows) and zi_plan/formats/writer.py
(then regenerate zi_plan/schema/core.py and schema/plan.schema.json); these
tests name the shape that still lacks it.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.conftest import REPO
from zi_plan.formats.writer import ActionOut, plan_out, plan_yaml
from zi_plan.importing.tree import RowAction
from zi_plan.model.plan import ActionView
from zi_plan.schema.plan import Action
from zi_plan.schema.validators import fields
from zi_plan.store.plan_entry import VIEW_FIELDS, CachedPlan
from zi_plan.store.plans import load_plan

DECLARED = list(Action.model_fields)
# What a shape holds in place of a declared field, and why.
WRITTEN_FROM_POSITION = {"id"}  # the writer writes ids from the action's place


def test_the_declaration_is_the_schema_models_own():
    assert DECLARED[:1] == ["id"] and {"indicator", "steps", "evidence", "months", "team", "teams"} <= set(DECLARED)


@pytest.mark.parametrize("name", DECLARED)
def test_the_view_holds_every_field(name):
    assert name in ActionView._fields, f"add '{name}' to zi_plan.model.plan.ActionView (and its _component)"


@pytest.mark.parametrize("name", DECLARED)
def test_the_writer_and_the_importer_hold_every_field(name):
    if name in WRITTEN_FROM_POSITION:
        return
    written = {f.name for f in dataclasses.fields(ActionOut)}
    assert name in written, f"add '{name}' to zi_plan.formats.writer.ActionOut (and to _action_lines)"
    assert issubclass(RowAction, ActionOut), "the importer's row is the writer's shape"


def test_the_stored_schema_and_the_json_schema_file_hold_every_field():
    assert fields("PLAN", "Action") == DECLARED, "run `python -m zi_plan.schema.validators`"
    published = json.loads((REPO / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
    assert list(published["$defs"]["Action"]["properties"]) == DECLARED, "run `zi schema > schema/plan.schema.json`"


EVERY_FIELD = """\
version: 2
institution: Kantor Contoh
title: Rencana Aksi Contoh
year: 2024
decree: {number: 1 Tahun 2024, date: 2024-01-15, place: Fef, signatory: Nama Ketua, position: Ketua}
lke: 2026
teams:
  - {id: mp, name: Tim Manajemen Perubahan}
  - {id: tl, name: Tim Penguatan Tata Laksana}
  - {id: sdm, name: Tim SDM}
components:
  - id: I
    title: Manajemen Perubahan
    team: mp
    items:
      - title: Tim Kerja
        actions:
          - id: I.1.a
            source_id: MP.1.1
            indicator: SK Tim Kerja terbit
            steps: [Menyusun SK]
            evidence: [SK Tim Kerja]
            months: [1, 4]
            team: tl
            lke: [P.1.i.a]
          - id: I.1.b
            draft: true
            indicator: Agen perubahan ditetapkan
            steps: []
            evidence: []
            months: []
            teams: [tl, sdm]
"""


def test_every_field_is_written_and_read_back(tmp_path: Path):
    """A field that a shape drops on the way (view -> writer -> YAML -> view) fails here."""
    source = tmp_path / "a" / "plan.yaml"
    source.parent.mkdir()
    source.write_text(EVERY_FIELD, encoding="utf-8")
    first = load_plan(source)
    again = tmp_path / "b" / "plan.yaml"
    again.parent.mkdir()
    again.write_text(plan_yaml(plan_out(first)), encoding="utf-8")
    second = load_plan(again)
    assert [a.to_json() for a in second.actions] == [a.to_json() for a in first.actions]
    [set_all, draft] = first.actions
    assert (set_all.source_id, set_all.team.id, set_all.lke, draft.draft, [t.id for t in draft.teams]) == ("MP.1.1", "tl", ("P.1.i.a",), True, ["tl", "sdm"])


def test_the_cache_entry_holds_every_field(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    assert ActionView._fields == VIEW_FIELDS, "keep the new field in zi_plan.store.plan_entry (segments' rows, CachedPlan._view, VIEW_FIELDS)"
    source = tmp_path / "plan.yaml"
    source.write_text(EVERY_FIELD, encoding="utf-8")
    with monkeypatch.context() as m:
        m.setenv("ZI_NO_CACHE", "1")
        parsed = load_plan(source)
    load_plan(source)
    cached = load_plan(source)
    assert isinstance(cached, CachedPlan) and cached.actions == parsed.actions


def test_the_views_json_has_every_field_once():
    view = load_plan(REPO / "plans" / "tambrauw-2023.yaml").actions[0]
    keys = list(view.to_json())
    assert keys == [k for name in ActionView._fields for k in (["team", "team_id"] if name == "team" else [name])]
