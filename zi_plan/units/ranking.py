"""The roll-up as a whole: which units, their order, the totals per parent and overall.

The ranking (``--sort rank``, the default) puts first the unit with the
most of its due occurrences done on time; ties go to the higher
self-assessment score (a unit without answers after those with), then to
fewer overdue occurrences, fewer evidence gaps, and the code. Units that
could not be rolled up come last, unranked. The other orders sort by one
column: code and name A to Z; on-time, score and ceiling highest first;
overdue, gaps and quiet (days since the last record) largest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.i18n import _, month_name
from zi_plan.model import status
from zi_plan.units.register import Register, Unit, children_of, descendants
from zi_plan.units.rollup import Totals, UnitRow
from zi_plan.units.runner import unit_rows

SORTS = ("rank", "code", "name", "on-time", "overdue", "score", "ceiling", "gaps", "quiet")


@dataclass
class Rollup:
    register: Register
    year: int
    as_of: int
    today: dt.date
    parent: Unit | None  # --parent: only this unit and those below it
    sort: str
    rows: list[UnitRow]  # in the order asked for
    groups: list[tuple[Unit, Totals]]  # per parent: itself and every unit below it
    overall: Totals

    @property
    def failed(self) -> list[UnitRow]:
        return [row for row in self.rows if row.failed]

    def to_json(self) -> dict[str, Any]:
        return {
            "register": str(self.register.path), "organisation": self.register.organisation, "year": self.year,
            "month": self.as_of, "month_name": month_name(self.as_of), "today": self.today.isoformat(),
            "parent": self.parent.code if self.parent else None, "order": self.sort,
            "units": [row_json(row, self.today) for row in self.rows],
            "parents": [{"code": u.code, "name": u.name, "totals": t.to_json()} for u, t in self.groups],
            "overall": self.overall.to_json(), "failed": len(self.failed),
        }  # fmt: skip


def rollup(register: Register, year: int | None = None, month: int | None = None, *, parent: str | None = None, sort: str = "rank",
           today: dt.date | None = None, workers: int | None = None) -> Rollup:  # fmt: skip
    """Every unit of the register (or of one parent), rolled up as of ``month`` of ``year``."""

    if sort not in SORTS:
        raise ZiError(_("unknown order '{sort}': use one of {sorts}").format(sort=sort, sorts=", ".join(SORTS)), exit_code=2)
    today = today or status.today()
    year = year or register.year or today.year
    as_of = status.check_month(month) if month is not None else status.as_of_month(year, today)
    top = register.unit(parent) if parent is not None else None
    chosen = register.units
    if top is not None:
        below = descendants(register, top.code)
        chosen = [u for u in register.units if u == top or (u.code in below and u.entry not in register.problems)]
    rows = unit_rows(register, chosen, year, as_of, workers)
    ranked = sorted((r for r in rows if not r.failed), key=_rank_key)
    for n, row in enumerate(ranked, start=1):
        row.rank = n
    ordered = ranked if sort == "rank" else sorted((r for r in rows if not r.failed), key=_sort_key(sort, today))
    ordered += [r for r in rows if r.failed]
    return Rollup(register, year, as_of, today, top, sort, ordered, _groups(register, rows), _totals(rows))


def _rank_key(row: UnitRow) -> tuple[Any, ...]:
    n = row.numbers
    assert n is not None
    return (-n.percent_on_time, n.score is None, -(n.score or 0.0), n.overdue, row.gaps, row.unit.code)


def _sort_key(sort: str, today: dt.date) -> Callable[[UnitRow], tuple[Any, ...]]:
    def key(row: UnitRow) -> tuple[Any, ...]:
        n = row.numbers
        assert n is not None
        quiet = row.days_quiet(today)
        value: Any = {
            "code": row.unit.code, "name": row.unit.name.casefold(), "on-time": -n.percent_on_time, "overdue": -n.overdue,
            "score": (n.score is None, -(n.score or 0.0)), "ceiling": -n.ceiling, "gaps": -row.gaps,
            "quiet": (quiet is not None, -(quiet or 0)),  # no record at all: the quietest
        }[sort]  # fmt: skip
        return (value, *_rank_key(row))

    return key


def _totals(rows: list[UnitRow]) -> Totals:
    totals = Totals()
    for row in rows:
        totals.add(row)
    return totals


def _groups(register: Register, rows: list[UnitRow]) -> list[tuple[Unit, Totals]]:
    """Totals for each unit that has units below it among the rows (in the register's order)."""
    by_code = {row.unit.code: row for row in rows if row.unit.entry not in register.problems}
    children = children_of(register)
    groups = []
    for unit in register.units:
        row = by_code.get(unit.code)
        if row is None or row.unit != unit or unit.code not in children:  # (rows from worker processes hold copies)
            continue
        below = [by_code[c] for c in sorted(descendants(register, unit.code, children)) if c in by_code]
        if below:
            groups.append((unit, _totals([row, *below])))
    return groups


def row_json(row: UnitRow, today: dt.date) -> dict[str, Any]:
    u, n = row.unit, row.numbers
    out: dict[str, Any] = {"rank": row.rank, "code": u.code, "name": u.name, "parent": u.parent, "predicate": u.predicate,
                           "reviewer": u.reviewer, "folder": u.folder, "status": "error" if n is None else "ok",
                           "problems": list(row.problems)}  # fmt: skip
    if n is None:
        return out
    out |= {
        "plan": n.plan, "institution": n.institution, "actions": n.actions, "due": n.due, "done": n.done, "done_late": n.done_late,
        "on_time": n.on_time, "overdue": n.overdue, "percent_on_time": n.percent_on_time, "year_total": n.year_total,
        "months": [{"month": m, **month._asdict()} for m, month in enumerate(n.months, start=1)],
        "components": [dict(zip(("id", "title", "due", "done_of_due", "total", "done"), c, strict=True)) for c in n.components],
        "overdue_actions": [{"id": a, "indicator": i, "months": list(ms)} for a, i, ms in n.overdue_actions],
        # The TPI's own score: filled once the evaluators' round is recorded; until then null, never a guess.
        "lke": {"worksheet": n.lke_year, "ceiling": n.ceiling, "ceiling_failed": list(n.ceiling_failed), "answered": n.answered,
                "score": n.score, "gates_failed": None if n.gates_failed is None else list(n.gates_failed), "tpi_score": None},
        "evidence": {"done_without_evidence": n.done_without_evidence, "files_missing": list(row.files_missing),
                     "files_changed": list(row.files_changed), "gaps": row.gaps},
        "last_record": n.last_record, "days_quiet": row.days_quiet(today), "journal_findings": n.findings,
    }  # fmt: skip
    return out
