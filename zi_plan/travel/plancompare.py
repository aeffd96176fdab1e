"""What differs between two versions of one plan, said per field and per action.

A parent refuses a unit's pack whose plan is not its copy: the records would
count against other actions. Comments and layout do not count; what a
command reads does.
"""

from __future__ import annotations

from zi_plan.i18n import _
from zi_plan.model.plan import ActionView, LoadedPlan


def _head(plan: LoadedPlan) -> dict[str, object]:
    return {"institution": plan.institution, "title": plan.title, "year": plan.year, "decree": tuple(plan.decree),
            "teams": tuple(plan.teams), "lke": plan.lke_year}  # fmt: skip


def _action(action: ActionView) -> dict[str, object]:
    data = action._asdict()
    data["team"] = action.team.id
    data["teams"] = tuple(t.id for t in action.teams)
    return data


def differences(ours: LoadedPlan, theirs: LoadedPlan) -> list[str]:
    """One line per difference: 'ours' is the parent's copy, 'theirs' the pack's."""
    lines = []
    mine, other = _head(ours), _head(theirs)
    for key in mine:
        if mine[key] != other[key]:
            lines.append(_("{field}: the parent's copy has {ours}, the pack's {theirs}").format(field=key, ours=_short(mine[key]), theirs=_short(other[key])))
    for action_id in [a for a in ours.by_id if a not in theirs.by_id]:
        lines.append(_("{id}: only in the parent's copy").format(id=action_id))
    for action_id in [a for a in theirs.by_id if a not in ours.by_id]:
        lines.append(_("{id}: only in the pack's plan").format(id=action_id))
    for action_id in [a for a in ours.by_id if a in theirs.by_id]:
        a, b = _action(ours.by_id[action_id]), _action(theirs.by_id[action_id])
        changed = [key for key in a if a[key] != b[key]]
        if changed:
            lines.append(_("{id}: {fields} differ").format(id=action_id, fields=", ".join(changed)))
    return lines


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."
