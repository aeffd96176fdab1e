"""Decree details still holding what `zi init` and `zi import` wrote in their place.

Both write (zi_plan.formats.newplan.decree_defaults and the calls around it) a number
``... Tahun YEAR``, ``...`` for the place, the signatory and the position,
and 1 January of the plan's year for the date, each with a "fill in" comment.
A plan published with them says nothing about the decree, so `zi validate`
warns at each one's line and `zi publish`/`zi report` warn on stderr (the
documents are still written: a draft page is useful to look at).

1 January is a public holiday in Indonesia, so a decree is not set on it; a
date there is taken for the placeholder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from zi_plan.errors import Problem
from zi_plan.i18n import _

MARK = "..."  # what init/import write where a detail is not known
FIELDS = ("number", "date", "place", "signatory", "position")


def is_placeholder(key: str, value: Any, year: Any) -> bool:
    """Whether the decree's ``key`` still holds what init/import wrote there."""
    if key == "date":
        return isinstance(value, dt.date) and isinstance(year, int) and (value.year, value.month, value.day) == (year, 1, 1)
    if key == "number":  # "... Tahun 2024"
        return isinstance(value, str) and value.strip().startswith(MARK)
    return value == MARK


def labels() -> dict[str, str]:
    return {"number": _("number"), "date": _("date"), "place": _("place"), "signatory": _("signatory"), "position": _("position")}


def unfilled(decree: dict[str, Any], year: Any) -> list[str]:
    """The decree's keys still holding a placeholder, in the file's order."""
    return [key for key in FIELDS if is_placeholder(key, decree.get(key), year)]


def warnings(path: Path, text: str, data: Any) -> list[Problem]:
    """`zi validate`: a warning, with its line, for each placeholder of a valid plan (its text and parsed data)."""
    from zi_plan.schema import yamlio  # PyYAML: a warm command never parses YAML

    decree = data.get("decree") if isinstance(data, dict) else None
    keys = unfilled(decree, data.get("year")) if isinstance(decree, dict) else []
    if not keys:
        return []
    assert isinstance(decree, dict)  # keys come from it
    root = yamlio.compose(text)
    out = []
    for key in keys:
        line, col = yamlio.locate(root, ("decree", key))
        message = _("the decree's {field} is still the placeholder zi init/import wrote ({value}): fill it in from the decree").format(
            field=labels()[key], value=f"'{decree[key]}'"
        )
        out.append(Problem(str(path), line, col, message))
    return out


def publish_warning(plan: Any) -> str | None:
    """`zi publish`/`zi report`: one line naming the unfilled details, or None."""
    decree = plan.decree
    keys = unfilled({key: getattr(decree, key) for key in FIELDS}, plan.year)
    if not keys:
        return None
    return _("the decree's {fields} still hold the placeholders zi init/import wrote: the document shows them as they are; fill them in (zi validate shows where)").format(
        fields=", ".join(labels()[k] for k in keys)
    )
