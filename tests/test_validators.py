"""zi_plan.schema.validators: the models' checks, run by pydantic-core from stored schemas."""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic_core
import pytest
import yaml
from pydantic import ValidationError

from tests.conftest import PLAN, REPO
from zi_plan.schema import core, validators
from zi_plan.schema.journal import JournalFile
from zi_plan.schema.plan import Plan

REGENERATE = "the models changed: run `python -m zi_plan.schema.validators` and commit zi_plan/schema/core.py"


def _models_and_keys(node: Any) -> list[tuple[str, list[str]]]:
    """Every model of a stored schema with its keys: what a change to the models changes, in any pydantic version."""
    if isinstance(node, list):
        return [found for value in node for found in _models_and_keys(value)]
    if not isinstance(node, dict):
        return []
    here = [(node["model_name"], list(node["fields"]))] if node.get("type") == "model-fields" else []
    return here + [found for value in node.values() for found in _models_and_keys(value)]


def test_the_stored_schemas_have_the_models_and_keys_of_the_models():
    for name in validators.MODELS:
        compiled = validators.stored_form(validators._model(name).__pydantic_core_schema__)
        assert _models_and_keys(getattr(core, name)) == _models_and_keys(compiled), REGENERATE


@pytest.mark.skipif(pydantic_core.__version__ != core.PYDANTIC_CORE, reason="another pydantic-core writes its schemas otherwise")
def test_the_stored_schemas_are_what_the_models_compile_to():
    stored = (REPO / "zi_plan" / "schema" / "core.py").read_text(encoding="utf-8")
    assert stored == validators.source(), REGENERATE


def test_with_another_pydantic_core_the_models_validate(monkeypatch):
    monkeypatch.setattr(core, "PYDANTIC_CORE", "0.0.0")
    validators._validator.cache_clear()
    try:
        checked, errors = validators.validate("PLAN", _plan())
        assert errors == [] and isinstance(checked, Plan)
        data = _broken_plans()[8]
        assert _comparable(validators.validate("PLAN", data)[1]) == _pydantic_errors(Plan, data) != []
    finally:
        validators._validator.cache_clear()


def _comparable(errors: list[Any]) -> list[Any]:
    """Errors with their context as text: a ValueError equals only itself."""
    return [{**err, "ctx": {k: repr(v) for k, v in err.get("ctx", {}).items()}} for err in errors]


def _pydantic_errors(model: Any, data: Any) -> list[Any]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return _comparable(exc.errors(include_url=False))
    return []


def _plan() -> dict[str, Any]:
    return yaml.safe_load(PLAN.read_text(encoding="utf-8"))


def _broken_plans() -> list[Any]:
    cases: list[Any] = [None, [], "plan", 5, {}, {"components": "x"}]
    for path, value in [
        (("institution",), 5), (("year",), "2023"), (("year",), 1999), (("lke",), True), (("version",), 4),
        (("decree", "date"), "2023-13-01"), (("decree", "sign"), "typo"), (("teams", 0, "id"), "Tim A"),
        (("teams", 0, "name"), "  "), (("components", 0, "id"), "1"), (("components", 0, "items"), []),
        (("components", 0, "items", 0, "actions", 0, "months"), [0, 13, "4", 4.0]),
        (("components", 0, "items", 0, "actions", 0, "steps"), "one step"),
        (("components", 0, "items", 0, "actions", 0, "teams"), []),
        (("components", 0, "items", 0, "actions", 0, "lke"), [""]),
        (("components", 0, "items", 0, "actions", 0, "bukti"), ["x"]),
        (("components", 1, "items", 0), "an item"),
    ]:  # fmt: skip
        data = _plan()
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        cases.append(data)
    return cases


@pytest.mark.parametrize("data", _broken_plans())
def test_a_plan_gets_the_same_errors_as_from_the_model(data):
    errors = _comparable(validators.validate("PLAN", copy.deepcopy(data))[1])
    assert errors and errors == _pydantic_errors(Plan, data)


def test_a_valid_plan_validates_to_an_object_with_its_fields():
    checked, errors = validators.validate("PLAN", _plan())
    assert errors == []
    assert type(checked).__name__ == "Plan" and checked.year == 2023
    action = checked.components[0].items[0].actions[0]
    assert action.indicator == _plan()["components"][0]["items"][0]["actions"][0]["indicator"].strip() and action.months


def _record(**fields: Any) -> dict[str, Any]:
    return {"event": "done", "action": "I.1.a", "month": 4, "at": "2023-04-12T09:30:00+09:00", "by": "Ani", **fields}


EVIDENCE = {"path": "I.1.a/04/sk.pdf", "sha256": "a" * 64, "size": 10}


@pytest.mark.parametrize("records", [
    [_record(at=1681266600)], [_record(at="2023-04-12T09:30:00")], [_record(at=dt.date(2023, 4, 12))],
    [_record(month=13)], [_record(event="finished")], [_record(by="")], [_record(action=None)],
    [_record(event="answer")], [_record(event="answer", action=None, month=None, lke="P.1.i.a", value=[1])],
    [_record(event="move")], [_record(event="accept")], [_record(event="replace", evidence=[EVIDENCE])],
    [_record(event="restore")], [_record(replaces=[EVIDENCE])], [_record(evidence=[{"url": "https://x", "path": "a"}])],
    [_record(evidence=[{"path": "a"}])], [_record(evidence=[{"sha256": "xyz", "path": "a", "size": -1}])],
    [_record(colour="red")], [_record(), "record"], "records",
])  # fmt: skip
def test_a_journal_gets_the_same_errors_as_from_the_model(records):
    data = {"journal": 2, "plan": "tambrauw-2023.yaml", "records": records}
    errors = _comparable(validators.validate("JOURNAL", copy.deepcopy(data))[1])
    assert errors and errors == _pydantic_errors(JournalFile, data)


def test_a_valid_journal_validates_to_objects_the_journal_reads():
    records = [_record(evidence=[EVIDENCE]), _record(event="move", month=None, **{"from": "I.1.b"}),
               _record(event="answer", action=None, month=None, lke="P.1.i.a", value=0.5)]  # fmt: skip
    checked, errors = validators.validate("JOURNAL", {"journal": 2, "plan": "p.yaml", "records": records})
    assert errors == []
    assert checked.records[0].evidence[0].sha256 == "a" * 64 and checked.records[0].at.tzinfo is not None
    assert checked.records[1].moved_from == "I.1.b" and checked.records[2].value == 0.5


def test_the_keys_of_each_model_come_from_the_stored_schema():
    assert validators.fields("PLAN", "Action") == list(Plan.model_fields["components"].annotation.__args__[0].model_fields["items"].annotation.__args__[0].model_fields["actions"].annotation.__args__[0].model_fields)
    assert validators.fields("PLAN", "Decree") == ["number", "date", "place", "signatory", "position"]
    assert validators.fields("PLAN", "Nothing") == []


def test_a_bound_method_cannot_be_stored():
    with pytest.raises(ValueError, match="bound method"):
        validators.stored_form({"function": Plan.model_validate})


def test_a_first_load_imports_pydantic_core_but_not_pydantic(tmp_path: Path):
    """What makes a cold `zi due` cheap: no pydantic models are built to check the plan."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
    code = ("import sys; from pathlib import Path; from zi_plan.store import plans, journal\n"
            f"p = plans.load_plan(Path({str(plan)!r})); j = journal.load_journal(p)\n"
            "print(len(j.records), 'pydantic' in sys.modules, 'pydantic_core' in sys.modules)")  # fmt: skip
    journal_path = subprocess.run([sys.executable, "-c", code.replace("print(len", "print(j.path, len")], capture_output=True, text=True, cwd=tmp_path, check=True,
                                  env={**os.environ, "ZI_NO_CACHE": "1"}).stdout.split()[0]  # fmt: skip
    Path(journal_path).write_text("journal: 2\nplan: plan.yaml\nrecords:\n- {event: done, action: I.1.a, month: 4, at: '2023-04-12T09:30:00+09:00', by: Ani}\n", encoding="utf-8")
    env = {**os.environ, "ZI_NO_CACHE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=True).stdout
    assert out.split() == ["1", "False", "True"]
