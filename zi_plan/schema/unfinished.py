"""Unfinished actions: drafts (an indicator, steps or evidence still missing) and
actions not scheduled yet (no months). Both are allowed in a plan (format
2), so that an office can import the table it has; `zi validate` warns
about them and `zi due` lists them apart, so that they are not forgotten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zi_plan.errors import Problem
from zi_plan.i18n import _
from zi_plan.model.ids import letter, roman
from zi_plan.model.plan import ActionView, LoadedPlan


def unscheduled(plan: LoadedPlan, actions: list[ActionView] | None = None) -> list[ActionView]:
    return [a for a in (plan.actions if actions is None else actions) if not a.months and not a.draft]


def drafts(plan: LoadedPlan, actions: list[ActionView] | None = None) -> list[ActionView]:
    return [a for a in (plan.actions if actions is None else actions) if a.draft]


def warnings(path: Path, text: str, data: Any) -> list[Problem]:
    """A warning, with its line, for each draft and each unscheduled action of a valid plan (its text and parsed data)."""
    from zi_plan.schema import yamlio  # PyYAML: a warm command never parses YAML

    found: list[tuple[tuple[Any, ...], str]] = []
    for c_index, comp in enumerate(data["components"]):
        cid = comp.get("id") or roman(c_index + 1)
        for i_index, item in enumerate(comp["items"]):
            for a_index, act in enumerate(item["actions"]):
                aid = f"{cid}.{i_index + 1}.{letter(a_index)}"
                loc = ("components", c_index, "items", i_index, "actions", a_index)
                if act.get("draft"):
                    found.append(((*loc, "draft"), _draft_warning(act).format(id=aid)))
                if not act.get("months"):  # a draft too: each condition is its own thing to fix, at its own line
                    found.append(((*loc, "months"), _("{id} is not scheduled yet: give it its months").format(id=aid)))
    if not found:
        return []
    root = yamlio.compose(text)
    out = []
    for loc, message in found:
        line, col = yamlio.locate(root, loc)
        out.append(Problem(str(path), line, col, message))
    return out


def _draft_warning(act: dict[str, Any]) -> str:
    """What the draft still lacks, named: its steps, its evidence, or both."""
    if not act.get("steps") and not act.get("evidence"):
        return _("{id} is a draft: add its steps and evidence, then remove 'draft: true'")
    if not act.get("evidence"):
        return _("{id} is a draft: add its evidence, then remove 'draft: true'")
    if not act.get("steps"):
        return _("{id} is a draft: add its steps, then remove 'draft: true'")
    return _("{id} is marked as a draft: remove 'draft: true' once it is final")
