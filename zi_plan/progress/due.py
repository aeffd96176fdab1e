"""`zi due`: the occurrences of a month, per team, and those still open from earlier months.

Counted over the plan's outline (zi_plan.model.plan.Outline) and the
months each action has done (zi_plan.store.journal_state), so that a plan of
100,000 actions costs a pass over a few lists of numbers; the rows
themselves (an action's view, its occurrence) are built only when read: a
terminal table shows a hundred of them, ``--json`` every one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from typing import Any, Literal, NamedTuple, Optional, TypeVar, overload

from zi_plan.i18n import month_name
from zi_plan.model.journal import Journal, Occurrence
from zi_plan.model.plan import ActionView, LoadedPlan, TeamView, bit_months
from zi_plan.model.status import check_month, done_late
from zi_plan.store.journal_state import JournalState

T = TypeVar("T")
K = TypeVar("K")


class Due(NamedTuple):  # NamedTuples: see zi_plan.model.plan's views
    action: ActionView
    month: int
    occurrence: Occurrence

    @property
    def status(self) -> Literal["open", "done"]:
        return self.occurrence.status

    def late(self, plan_year: int) -> bool:
        return done_late(self.occurrence, plan_year)


class Rows(Sequence[T]):
    """A report's rows, each made from its key when it is read."""

    def __init__(self, keys: Callable[[], Sequence[K]], count: int, make: Callable[[K], T]) -> None:
        self._keys, self._count, self._make = keys, count, make
        self._made: Sequence[Any] | None = None

    def _all_keys(self) -> Sequence[Any]:
        if self._made is None:
            self._made = self._keys()
        return self._made

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._make(k) for k in self._all_keys()[index]]
        return self._make(self._all_keys()[index])

    def __iter__(self) -> Iterator[T]:
        return (self._make(k) for k in self._all_keys())

    def __add__(self, other: Sequence[T]) -> list[T]:  # as the lists they were: `report.due + report.overdue`
        return [*self, *other]

    def __radd__(self, other: Sequence[T]) -> list[T]:
        return [*other, *self]

    def __repr__(self) -> str:
        return f"Rows({len(self)})"


def rows(keys: Sequence[K], make: Callable[[K], T]) -> Rows[T]:
    return Rows(lambda: keys, len(keys), make)


class TeamDue(NamedTuple):
    """One team's occurrences of the month (an action shared by teams is on each one's list)."""

    team: str  # its name
    entries: Sequence[Due]
    done: int


class DueReport(NamedTuple):
    month: int
    due: Sequence[Due]  # the month's occurrences, in plan order
    overdue: Sequence[Due]  # open from an earlier month, by action in plan order, then month
    unscheduled: Sequence[ActionView]  # no months yet: listed apart
    drafts: Sequence[ActionView]
    revisi: Sequence[Any]  # the evaluators' revisi requests (zi_plan.lke.todo.Revisi): listed apart
    teams: Sequence[TeamDue]  # ``due`` per team, teams in order of first appearance
    overdue_actions: Sequence[tuple[ActionView, tuple[int, ...]]]  # each action of ``overdue`` and its months
    done: int  # how many of the month's occurrences are done

    def to_json(self, plan: LoadedPlan) -> dict[str, Any]:
        def entry(d: Due) -> dict[str, Any]:
            out: dict[str, Any] = {
                "id": d.action.id,
                "month": d.month,
                "team": d.action.team.name,
                "status": d.status,
                "indicator": d.action.indicator,
                "evidence_expected": list(d.action.evidence),
                "lke": list(d.action.lke),
            }
            if d.occurrence.done is not None:
                out["done_at"] = d.occurrence.done.at.isoformat()
                out["done_by"] = d.occurrence.done.by
            return out

        return {
            "plan": str(plan.path),
            "year": plan.year,
            "month": self.month,
            "month_name": month_name(self.month),
            "summary": {"due": len(self.due), "done": self.done, "overdue": len(self.overdue)},
            "due": [entry(d) for d in self.due],
            "overdue": [entry(d) for d in self.overdue],
            "unscheduled": [{"id": a.id, "teams": [t.name for t in a.teams], "indicator": a.indicator} for a in self.unscheduled],
            "drafts": [{"id": a.id, "teams": [t.name for t in a.teams], "indicator": a.indicator} for a in self.drafts],
        } | ({"revisi": [r.to_json() for r in self.revisi]} if self.revisi else {})


def due(plan: LoadedPlan, journal: Journal, month: int, team: Optional[str] = None) -> DueReport:
    """The occurrences scheduled in ``month``, and the open ones from earlier months."""
    check_month(month)
    wanted = plan.team(team) if team else None
    outline, state = plan.outline, JournalState(journal)
    ids, months, team_of, drafts = outline.ids, outline.months, outline.team_of, outline.drafts
    chosen: Sequence[int] = range(len(ids))
    if wanted is not None:
        sets = {n for n, teams in enumerate(outline.team_sets) if wanted in teams}
        chosen = [p for p in chosen if team_of[p] in sets]
    bit = 1 << (month - 1)
    before = bit - 1
    done = state.done
    # The month's occurrences grouped by the actions' teams (team_sets), and how many of them are done.
    due_by_set: list[list[int]] = [[] for _set in outline.team_sets]
    done_by_set = [0] * len(due_by_set)
    overdue_at: list[int] = []
    overdue_bits: list[int] = []  # for each of overdue_at, the months before ``month`` still open
    unscheduled: list[int] = []
    overdue_count = 0
    for p in chosen:
        scheduled = months[p]
        if scheduled & (bit | before):
            closed = done.get(ids[p], 0) if done else 0
            if scheduled & bit:
                due_by_set[team_of[p]].append(p)
                if closed & bit:
                    done_by_set[team_of[p]] += 1
            still_open = scheduled & before & ~closed
            if still_open:
                overdue_at.append(p)
                overdue_bits.append(still_open)
                overdue_count += still_open.bit_count()
        elif not scheduled and p not in drafts:
            unscheduled.append(p)

    def make(p: int, m: int = month) -> Due:
        return Due(plan.action_at(p), m, state.occurrence(ids[p], m))

    return DueReport(
        month=month,
        due=_merged(due_by_set, make),
        overdue=Rows(lambda: [(p, m) for p, bits in zip(overdue_at, overdue_bits, strict=True) for m in bit_months(bits)], overdue_count, lambda key: make(*key)),
        unscheduled=rows(unscheduled, plan.action_at),
        drafts=rows([p for p in sorted(drafts) if wanted is None or wanted in outline.teams(p)], plan.action_at),
        revisi=_revisi(plan, journal, wanted, state.answers),
        teams=_teams(outline.team_sets, due_by_set, done_by_set, make),
        overdue_actions=rows(range(len(overdue_at)), lambda n: (plan.action_at(overdue_at[n]), bit_months(overdue_bits[n]))),
        done=sum(done_by_set),
    )


def _teams(sets: Sequence[tuple[TeamView, ...]], due_by_set: list[list[int]], done_by_set: list[int], make: Callable[[int], Due]) -> list[TeamDue]:
    """Each team's occurrences of the month; teams in the order they first appear in the month's rows."""
    first: dict[str, tuple[int, int]] = {}  # a team's first row: (position, place in the action's teams)
    lists: dict[str, list[list[int]]] = {}
    done_in: dict[str, int] = {}
    for n, at in enumerate(due_by_set):
        for place, team in enumerate(sets[n] if at else ()):
            key = (at[0], place)
            if team.name not in first or key < first[team.name]:
                first[team.name] = key
            lists.setdefault(team.name, []).append(at)
            done_in[team.name] = done_in.get(team.name, 0) + done_by_set[n]
    return [TeamDue(name, _merged(lists[name], make), done_in[name]) for name in sorted(first, key=first.__getitem__)]


def _merged(parts: list[list[int]], make: Callable[[int], Due]) -> Rows[Due]:
    """The rows of positions in several lists, in plan order (merged only when read)."""
    return Rows(lambda: sorted(chain.from_iterable(parts)), sum(map(len, parts)), make)


def _revisi(plan: LoadedPlan, journal: Journal, team: Optional[Any], answers: Sequence[dict[str, Any]]) -> list[Any]:
    """The evaluators' revisi requests, when the journal has reviews at all (``answers``: its LKE records)."""
    if not any(row.get("event") == "review" for row in answers):
        return []
    from zi_plan.lke.todo import revisi_todos  # the LKE is read only for a journal with reviews

    return revisi_todos(plan, journal, team)
