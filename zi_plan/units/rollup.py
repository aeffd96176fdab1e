"""The numbers of the roll-up: one row per unit, totals per parent, the ranking.

A unit's numbers come from the same core as its own commands: the status
vocabulary of zi_plan.model.status (done, done late, overdue), completion per
component (zi_plan.progress.completion), the evidence that counts now
(zi_plan.model.journal's occurrences), and the LKE ceiling, self-assessment and
gates (zi_plan.lke). They are plain values (numbers, text, tuples), so that
zi_plan.units.rowcache can keep them and worker processes can send them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from zi_plan.lke import answers, coverage, score
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.status import mark
from zi_plan.progress.completion import completion, percent
from zi_plan.units.register import Unit

# The LKE data has no thresholds of its own for WBK afirmasi (units in
# frontier regions): those units are held against the WBK gates.
GATES_OF = {"WBK": "WBK", "WBBM": "WBBM", "WBK-afirmasi": "WBK"}


class Month(NamedTuple):
    """One month of a unit's year: occurrences scheduled, done on time, done late, overdue."""

    scheduled: int
    done: int
    late: int
    overdue: int


class Numbers(NamedTuple):
    """What a unit's plan and journal say, as of a month."""

    institution: str
    plan: str  # the plan file, relative to the register's folder
    year: int
    as_of: int
    actions: int
    due: int  # occurrences scheduled up to the month
    done: int  # of those, done (on time or late)
    done_late: int  # of those, done after their month ended
    overdue: int  # of those, not done, their month over
    year_total: int  # occurrences in the whole year
    months: tuple[Month, ...]  # January .. December
    components: tuple[tuple[str, str, int, int, int, int], ...]  # id, title, due, done of due, year, done
    overdue_actions: tuple[tuple[str, str, tuple[int, ...]], ...]  # id, indicator, months overdue
    lke_year: int
    ceiling: float  # pengungkit if every served question scored full marks (of 60)
    ceiling_failed: tuple[str, ...]  # the predicate's gates out of reach even then
    answered: int  # LKE questions answered in the journal
    score: float | None  # the self-assessment's total (of 100), answered reading; None before any answer
    gates_failed: tuple[str, ...] | None  # the predicate's gates the self-assessment fails; None before any answer
    done_without_evidence: int
    last_record: str | None  # ISO time of the journal's latest record
    findings: int  # journal records the plan no longer matches (zi_plan.store.amendments)

    @property
    def on_time(self) -> int:
        return self.done - self.done_late

    @property
    def percent_on_time(self) -> float:
        """Done on time, of the occurrences due so far (100 when nothing is due yet)."""
        return percent(self.on_time, self.due)


def unit_numbers(plan: LoadedPlan, journal: Journal, as_of: int, predicate: str, plan_name: str) -> tuple[Numbers, tuple[tuple[str, str], ...]]:
    """A unit's numbers as of ``as_of``, and the stored evidence files that count now (path, sha256)."""

    months = [[0, 0, 0, 0] for _m in range(12)]
    overdue_actions = []
    without_evidence = 0
    files: dict[tuple[str, str], None] = {}
    for action in plan.actions:
        late_months = []
        for m in action.months:
            occ = journal.occurrence(action.id, m)
            state = mark(occ, as_of, plan.year)
            counts = months[m - 1]
            counts[0] += 1
            counts[1] += state == "done"
            counts[2] += state == "done-late"
            if state == "overdue":
                counts[3] += 1
                late_months.append(m)
            if occ.status == "done":
                evidence = occ.evidence
                without_evidence += not evidence
                files.update(((e.path, e.sha256), None) for _r, e in evidence if e.path and e.sha256)
        if late_months:
            overdue_actions.append((action.id, action.indicator, tuple(late_months)))
    latest = answers.current(journal)  # an answer's files count while it is the one in force
    files.update(((e.path, e.sha256), None) for a in latest.values() for e in a.evidence if e.path and e.sha256)
    rows, _overall = completion(plan, journal, as_of)
    sheet = coverage.worksheet_for(plan)
    gates = GATES_OF[predicate]
    ceiling = coverage.coverage(sheet, plan)
    values = answers.answer_values(journal)
    assessed = score.score(sheet, values) if values else None
    due = [Month(*c) for c in months[:as_of]]
    numbers = Numbers(
        institution=plan.institution, plan=plan_name, year=plan.year, as_of=as_of, actions=len(plan.actions),
        due=sum(c.scheduled for c in due), done=sum(c.done + c.late for c in due), done_late=sum(c.late for c in due),
        overdue=sum(c.overdue for c in due), year_total=sum(c[0] for c in months), months=tuple(Month(*c) for c in months),
        components=tuple((c.key, c.title, c.due, c.done_of_due, c.total, c.done) for c in rows),
        overdue_actions=tuple(overdue_actions), lke_year=sheet.year,
        ceiling=round(ceiling.ceiling.pengungkit, 4), ceiling_failed=tuple(ceiling.gates[gates].failed) if gates in ceiling.gates else (),
        answered=len(values), score=None if assessed is None else round(assessed.answered.total, 4),
        gates_failed=None if assessed is None else tuple(assessed.gates[gates].failed) if gates in assessed.gates else (),
        done_without_evidence=without_evidence, last_record=_last_record(journal), findings=len(journal.findings),
    )  # fmt: skip
    return numbers, tuple(files)


def _last_record(journal: Journal) -> str | None:
    times = [r.at for r in journal.records]
    for answer in journal.answers:
        at = answer.get("at")
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
        if isinstance(at, dt.datetime):
            times.append(at)
    return max(times, key=_comparable).isoformat() if times else None


def _comparable(at: dt.datetime) -> dt.datetime:
    # A hand-written record may lack a zone; it then counts as UTC, so that times compare.
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------- rows


@dataclass
class UnitRow:
    """One unit in the roll-up: its numbers, or what is wrong with it."""

    unit: Unit
    numbers: Numbers | None = None
    files_missing: tuple[str, ...] = ()  # stored evidence files not there (or not a regular file in the store)
    files_changed: tuple[str, ...] = ()  # stored evidence files whose sha256 is not the recorded one
    problems: tuple[str, ...] = ()  # 'file:line:col: message' when the unit could not be rolled up
    rank: int | None = None

    @property
    def failed(self) -> bool:
        return self.numbers is None

    @property
    def gaps(self) -> int:
        """Evidence gaps: done without evidence, files missing or changed."""
        n = self.numbers
        return (n.done_without_evidence if n else 0) + len(self.files_missing) + len(self.files_changed)

    def days_quiet(self, today: dt.date) -> int | None:
        """Days since the journal's latest record (None: no record yet)."""
        if self.numbers is None or self.numbers.last_record is None:
            return None
        return (today - dt.datetime.fromisoformat(self.numbers.last_record).date()).days


@dataclass
class Totals:
    """Sums over a group of units that rolled up (failed units are counted apart)."""

    units: int = 0
    failed: int = 0
    actions: int = 0
    due: int = 0
    done: int = 0
    done_late: int = 0
    overdue: int = 0
    gaps: int = 0
    scores: list[float] = field(default_factory=list)
    ceilings: list[float] = field(default_factory=list)
    months: list[list[int]] = field(default_factory=lambda: [[0, 0, 0, 0] for _m in range(12)])

    def add(self, row: UnitRow) -> None:
        n = row.numbers
        if n is None:
            self.failed += 1
            return
        self.units += 1
        self.actions += n.actions
        self.due, self.done, self.done_late, self.overdue = self.due + n.due, self.done + n.done, self.done_late + n.done_late, self.overdue + n.overdue
        self.gaps += row.gaps
        self.ceilings.append(n.ceiling)
        if n.score is not None:
            self.scores.append(n.score)
        for total, month in zip(self.months, n.months, strict=True):
            for i in range(4):
                total[i] += month[i]

    @property
    def percent_on_time(self) -> float:
        return percent(self.done - self.done_late, self.due)

    @property
    def mean_score(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 2) if self.scores else None

    @property
    def mean_ceiling(self) -> float | None:
        return round(sum(self.ceilings) / len(self.ceilings), 2) if self.ceilings else None

    def to_json(self) -> dict[str, Any]:
        return {"units": self.units, "failed": self.failed, "actions": self.actions, "due": self.due, "done": self.done,
                "done_late": self.done_late, "overdue": self.overdue, "percent_on_time": self.percent_on_time,
                "evidence_gaps": self.gaps, "mean_score": self.mean_score, "mean_ceiling": self.mean_ceiling,
                "scored_units": len(self.scores)}  # fmt: skip
