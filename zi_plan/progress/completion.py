"""Team workload and progress: the numbers behind `zi teams`, `zi team`, `zi progress`.

One pass over the actions and their months; the journal is looked up by
(action, month), never scanned per action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zi_plan.i18n import _
from zi_plan.model.journal import Journal
from zi_plan.model.plan import ActionView, LoadedPlan, TeamView
from zi_plan.model.status import Mark, check_month, mark


@dataclass
class TeamLoad:
    team: TeamView
    scheduled: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 13), 0))
    done: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 13), 0))

    @property
    def total(self) -> int:
        return sum(self.scheduled.values())

    @property
    def total_done(self) -> int:
        return sum(self.done.values())

    @property
    def peak_month(self) -> int | None:
        """The busiest month (the first, on a tie); None for a team with nothing."""
        if not self.total:
            return None
        return max(range(1, 13), key=lambda m: (self.scheduled[m], -m))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.team.name,
            "id": self.team.id,
            "months": {str(m): n for m, n in self.scheduled.items()},
            "done": {str(m): n for m, n in self.done.items()},
            "total": self.total,
            "total_done": self.total_done,
            "peak_month": self.peak_month,
        }


def team_loads(plan: LoadedPlan, journal: Journal) -> list[TeamLoad]:
    """Occurrences scheduled (and done) per team per month, in the plan's team order."""
    loads = {t.id: TeamLoad(t) for t in plan.teams}
    for action in plan.actions:
        for team in action.teams:  # a shared action is work for each of its teams
            load = loads[team.id]
            for m in action.months:
                load.scheduled[m] += 1
                if journal.is_done(action.id, m):
                    load.done[m] += 1
    return list(loads.values())


@dataclass(frozen=True)
class ActionRow:
    action: ActionView
    marks: dict[int, Mark]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.action.id,
            "indicator": self.action.indicator,
            "months": {str(m): v for m, v in self.marks.items()},
        }


@dataclass(frozen=True)
class TeamDetail:
    team: TeamView
    as_of: int
    rows: list[ActionRow]

    def counts(self) -> dict[str, int]:
        marks = [v for row in self.rows for v in row.marks.values()]
        due = [v for row in self.rows for m, v in row.marks.items() if m <= self.as_of]
        return {
            "total": len(marks),
            "done": sum(v in ("done", "done-late") for v in marks),
            "due_so_far": len(due),
            "done_of_due": sum(v in ("done", "done-late") for v in due),
            "overdue": sum(v == "overdue" for v in marks),
            "done_late": sum(v == "done-late" for v in marks),
        }

    def to_json(self) -> dict[str, Any]:
        return {"name": self.team.name, "id": self.team.id, "as_of_month": self.as_of, **self.counts(),
                "actions": [r.to_json() for r in self.rows]}  # fmt: skip


def team_detail(plan: LoadedPlan, journal: Journal, query: str, as_of: int) -> TeamDetail:
    check_month(as_of)
    team = plan.team(query)
    rows = [
        ActionRow(a, {m: mark(journal.occurrence(a.id, m), as_of, plan.year) for m in a.months})
        for a in plan.actions
        if team in a.teams
    ]
    return TeamDetail(team, as_of, rows)


@dataclass(frozen=True)
class Completion:
    key: str
    title: str
    team: str
    due: int  # occurrences scheduled up to the month
    done_of_due: int
    total: int  # occurrences in the year
    done: int  # done so far, of the whole year

    def to_json(self) -> dict[str, Any]:
        return {"id": self.key, "title": self.title, "team": self.team, "due": self.due,
                "done_of_due": self.done_of_due, "total": self.total, "done": self.done,
                "percent_of_due": percent(self.done_of_due, self.due),
                "percent_of_year": percent(self.done, self.total)}  # fmt: skip


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def completion(plan: LoadedPlan, journal: Journal, as_of: int) -> tuple[list[Completion], Completion]:
    """Per component and overall: done of those due up to ``as_of``, and of the year."""
    check_month(as_of)
    counts: dict[str, list[int]] = {c.id: [0, 0, 0, 0] for c in plan.components}
    teams: dict[str, set[str]] = {c.id: set() for c in plan.components}
    for action in plan.actions:
        c = counts[action.component]
        teams[action.component].add(action.team.name)
        for m in action.months:
            is_done = journal.is_done(action.id, m)
            c[2] += 1
            c[3] += is_done
            if m <= as_of:
                c[0] += 1
                c[1] += is_done
    rows = [Completion(c.id, c.title, ", ".join(sorted(teams[c.id])), *counts[c.id]) for c in plan.components]
    overall = Completion("", _("Total"), "", *(sum(c[i] for c in counts.values()) for i in range(4)))
    return rows, overall


def completion_json(as_of: int, rows: list[Completion], overall: Completion) -> dict[str, Any]:
    """`zi progress --json`."""
    return {"month": as_of, "components": [r.to_json() for r in rows], "overall": overall.to_json()}
