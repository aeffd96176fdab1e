"""zi's own words for what pydantic reports in English.

A pydantic error message ("Input should be greater than or equal to 1")
would otherwise reach a Bahasa Indonesia user in English inside zi's
message. ``pydantic_problem`` gives zi's wording, from the catalogue, for
the kinds zi meets, and a plain description for anything else. (OS errors:
``zi_plan.fs.fsguard.reason``.)
"""

from __future__ import annotations

from typing import Any

from zi_plan.i18n import _


def pydantic_problem(err: Any) -> str:
    """What is wrong with a value, from one pydantic error (``ValidationError.errors()`` item)."""
    kind: str = err.get("type", "")
    ctx: dict[str, Any] = err.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # zi's own validators raise messages from the catalogue
    if kind in ("greater_than_equal", "greater_than"):
        return _("must be at least {limit}").format(limit=ctx.get("ge", ctx.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return _("must be at most {limit}").format(limit=ctx.get("le", ctx.get("lt")))
    if kind == "literal_error":
        # pydantic lists them as "'a', 'b' or 'c'", in English: commas say it in any language.
        return _("must be one of {expected}").format(expected=str(ctx.get("expected", "")).replace(" or ", ", "))
    if kind == "string_pattern_mismatch":
        return _("does not have the expected form ({pattern})").format(pattern=ctx.get("pattern", ""))
    if kind.startswith(("datetime", "date", "time")):
        return _("must be a date and time with its time zone, e.g. 2023-04-12T09:30:00+09:00")
    if kind.startswith(("int", "float", "decimal")):
        return _("must be a number")
    if kind.startswith("string") or kind == "str_type":
        return _("must be text")
    if kind.startswith("bool"):
        return _("must be true or false")
    if kind in ("list_type", "tuple_type"):
        return _("must be a list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("must be a mapping")
    return _("has a value of the wrong kind ({kind})").format(kind=kind or "?")
