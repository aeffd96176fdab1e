"""The evaluators' revisi requests as to-dos in `zi due`, for the teams whose actions serve the question.

Read only when the journal has a review record, so that `zi due` of an
office that has not started its round never loads the LKE.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from zi_plan.lke.coverage import served_by
from zi_plan.lke.rounds import read_rounds
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan, TeamView


class Revisi(NamedTuple):
    """A question the evaluators asked to change, until the unit answers it again."""

    code: str
    teams: tuple[TeamView, ...]  # the teams of the actions that serve it (none: no action does)
    actions: tuple[str, ...]
    note: Optional[str]
    round: int
    reviewer: str

    def to_json(self) -> dict[str, Any]:
        return {"lke": self.code, "teams": [t.name for t in self.teams], "actions": list(self.actions), "note_tpi": self.note,
                "round": self.round, "reviewer": self.reviewer}  # fmt: skip


def has_reviews(journal: Journal) -> bool:
    return any(row.get("event") == "review" for row in journal.answers)


def revisi_todos(plan: LoadedPlan, journal: Journal, team: Optional[TeamView] = None) -> list[Revisi]:
    """Every question in revisi, with its teams (only ``team``'s, when given)."""
    served = served_by(plan)
    out = []
    for state in read_rounds(journal).in_state("revisi"):
        assert state.review is not None
        parent = state.code.rsplit(".", 1)[0] if state.code.count(".") >= 4 else state.code  # a count input: its percentage question
        actions = tuple(served.get(parent, ()))
        teams = tuple(dict.fromkeys(t for a in actions for t in plan.by_id[a].teams))
        if team is not None and team not in teams:
            continue
        out.append(Revisi(state.code, teams, actions, state.review.note, state.review.round, state.review.by))
    return out
