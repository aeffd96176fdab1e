"""Checking plans and journals with pydantic-core, without building pydantic models.

The schemas are pydantic models (``zi_plan.schema.plan``, ``zi_plan.schema.journal``):
they are the source of truth and give ``zi schema`` its JSON Schema. But
importing pydantic and building those models costs more than everything
else a first ``zi due`` does (about 0.15 s of a 0.4 s start). What pydantic
compiles the models to is a pydantic-core schema, which is plain data; it
is stored in ``zi_plan/schema/core.py``, and pydantic-core validates with
it directly: the same checks, in the same order, with the same errors.

``tests/test_validators.py`` fails when the stored schemas differ from what
the models compile to; ``python -m zi_plan.schema.validators`` writes them again.
The schema format belongs to a pydantic-core version: with any other
installed, zi validates with the models themselves (a slower start, the
same checks).
In the stored data a model class is ``{"$class": NAME}`` (validation makes
a plain object of a class of that name) and a function, such as a rule of
``zi_plan.schema.journal_rules``, is ``{"$function": "MODULE:NAME"}``.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

CLASS, FUNCTION = "$class", "$function"


# ---------------------------------------------------------------- at run time


# RECORD: a journal's records are checked one at a time as they are read (zi_plan.schema.journal_checks).
MODELS = {"PLAN": ("zi_plan.schema.plan", "Plan"), "JOURNAL": ("zi_plan.schema.journal", "JournalFile"), "RECORD": ("zi_plan.schema.journal", "RecordModel")}


@functools.cache
def _validator(name: str) -> Any:
    import pydantic_core  # pydantic-core: only when a file is validated, not when its data comes from the cache

    from zi_plan.schema import core  # the stored schemas are large: read only when a file is validated

    if pydantic_core.__version__ != core.PYDANTIC_CORE:
        return _model(name).__pydantic_validator__
    classes: dict[str, type] = {}
    return pydantic_core.SchemaValidator(_resolved(getattr(core, name), classes))


def _model(name: str) -> Any:
    module, model = MODELS[name]
    return getattr(importlib.import_module(module), model)


def _resolved(node: Any, classes: dict[str, type]) -> Any:
    if isinstance(node, list):
        return [_resolved(value, classes) for value in node]
    if not isinstance(node, dict):
        return node
    if CLASS in node:
        name = node[CLASS]
        if name not in classes:
            # What validation builds: an object with the fields as attributes.
            classes[name] = type(name, (), {"__doc__": f"A validated {name} (see zi_plan.schema.validators)."})
        return classes[name]
    if FUNCTION in node:
        module, _, qualname = node[FUNCTION].partition(":")
        found: Any = importlib.import_module(module)
        for part in qualname.split("."):
            found = getattr(found, part)
        return found
    return {key: _resolved(value, classes) for key, value in node.items()}


def validate(name: str, data: Any) -> tuple[Any, list[Any]]:
    """(the validated object or None, pydantic's error list) for ``data``
    against the stored schema ``name`` ('PLAN', 'JOURNAL' or 'RECORD')."""
    from pydantic_core import ValidationError  # pydantic-core, as above

    try:
        return _validator(name).validate_python(data), []
    except ValidationError as exc:
        return None, exc.errors(include_url=False)


def fields(name: str, model: str) -> list[str]:
    """The keys a model of the stored schema ``name`` allows, in order (as written in the file: 'from', not 'moved_from')."""
    from zi_plan.schema import core  # the stored schemas are large: read only when a file is validated

    def walk(node: Any) -> list[str] | None:
        if isinstance(node, dict):
            if node.get("type") == "model-fields" and node.get("model_name") == model:
                return [field["validation_alias"] if isinstance(field.get("validation_alias"), str) else key for key, field in node["fields"].items()]
            nodes: Any = node.values()
        elif isinstance(node, list):
            nodes = node
        else:
            return None
        for child in nodes:
            if (found := walk(child)) is not None:
                return found
        return None

    return walk(getattr(core, name)) or []


# ---------------------------------------------------------------- writing the stored schemas


def stored_form(node: Any) -> Any:
    """A compiled pydantic-core schema as plain data: JSON Schema notes dropped,
    classes and functions named, and definition refs made stable."""
    if isinstance(node, list):
        return [stored_form(value) for value in node]
    if isinstance(node, type) and node is not list:
        return {CLASS: node.__name__}
    if callable(node):
        if getattr(node, "__self__", None) is not None:
            raise ValueError(f"{node!r}: a bound method cannot be stored; use a plain function (see zi_plan.schema.journal_rules)")
        return {FUNCTION: f"{node.__module__}:{node.__qualname__}"}
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "metadata":
            continue  # descriptions and JSON Schema hooks: not used to validate
        if key in ("ref", "schema_ref"):
            value = value.split(":")[0]  # pydantic appends the class's id()
        out[key] = stored_form(value)
    return out


def source() -> str:
    """The text of ``zi_plan/schema/core.py``, from the models as they are now."""
    import pprint  # pprint: only to write core.py

    import pydantic_core  # pydantic-core: only when a file is validated, not when its data comes from the cache

    parts = ['"""Generated by `python -m zi_plan.schema.validators` from zi_plan.schema.plan and\n'
             'zi_plan.schema.journal: pydantic-core schemas, used by zi_plan.schema.validators.\n'
             'Do not edit; change the models and generate it again."""\n',
             f"PYDANTIC_CORE = {pydantic_core.__version__!r}  # the version whose schema format this is\n"]  # fmt: skip
    for name in MODELS:
        text = pprint.pformat(stored_form(_model(name).__pydantic_core_schema__), width=200, sort_dicts=False)
        parts.append(f"{name} = {text}\n")
    return "\n".join(parts)


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("core.py").write_text(source(), encoding="utf-8")
