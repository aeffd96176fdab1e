"""Answers suggested by the progress journal: shown beside the recorded ones, never recorded.

A question's serving actions (the plan's ``lke:`` codes) tell how far the
work it asks about has gone: every occurrence due so far done with evidence
suggests the best option, none suggests the worst, and in between a middle
option by the share. P.1.iii.a ("seluruh kegiatan pembangunan sudah
dilaksanakan sesuai dengan rencana") is read off the whole plan: the share of
occurrences due so far that were done in their month.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.i18n import _
from zi_plan.lke.coverage import served_by
from zi_plan.lke.worksheet import Question, Worksheet
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import done_late, today

# Questions about the plan as a whole being carried out on schedule.
ON_SCHEDULE = ("P.1.iii.a",)


@dataclass(frozen=True)
class Suggestion:
    code: str
    suggested: Optional[str]  # an option key; None when the journal does not decide it
    share: float
    done: int
    due: int
    basis: str  # why, in the user's language

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "suggested": self.suggested, "share": round(self.share, 4),
                "done": self.done, "due": self.due, "basis": self.basis}  # fmt: skip


def as_of_month(plan: LoadedPlan) -> int:
    """Occurrences due so far: up to this month in the plan's year, all of a past year's, none of a future one."""

    now = today()
    if now.year > plan.year:
        return 12
    return now.month if now.year == plan.year else 0


def option_for(q: Question, share: float) -> Optional[str]:
    """The best option when all is done, the worst when nothing is, a middle one by the share."""
    ranked = sorted(q.options, key=lambda o: -o.value)
    if share >= 1:
        return ranked[0].key
    if share <= 0:
        return ranked[-1].key
    middle = ranked[1:-1]
    if not middle:
        return None  # Ya/Tidak: half done is neither
    return middle[min(len(middle) - 1, math.floor((1 - share) * len(middle)))].key


def suggestions(plan: LoadedPlan, journal: Journal, sheet: Worksheet, as_of: Optional[int] = None) -> list[Suggestion]:
    """A suggestion for every option question the journal can speak to, in worksheet order."""

    month = as_of_month(plan) if as_of is None else as_of
    served = served_by(plan)
    out = []
    for q in sheet.scored:
        if not q.options or q.part == "hasil":
            continue
        if q.code in ON_SCHEDULE:
            due = [(a.id, m) for a in plan.actions for m in a.months if m <= month]
            done = sum(journal.is_done(i, m) and not done_late(journal.occurrence(i, m), plan.year) for i, m in due)
            basis = _("{done} of {due} occurrences of the whole plan due so far done in their month")
        elif q.code in served:
            due = [(i, m) for i in served[q.code] for m in plan.by_id[i].months if m <= month]
            done = sum(journal.is_done(i, m) and bool(journal.occurrence(i, m).evidence) for i, m in due)
            basis = _("{done} of {due} occurrences of {actions} due so far done with evidence").replace("{actions}", ", ".join(served[q.code]))
        else:
            continue
        if not due:
            continue
        share = done / len(due)
        out.append(Suggestion(q.code, option_for(q, share), share, done, len(due), basis.format(done=done, due=len(due))))
    return out
