"""The roll-up dashboard: one static HTML page, and each unit's plan page beside it.

The page is what a coordinator opens or CI publishes: the ranking table, a
small picture of each unit's year (inline SVG bars, no script), its gates as
badges, and a link to the unit's plan page (what `zi publish` writes), which
is written beside the dashboard in ``<code>/``. It reads on a phone (the
table becomes one card per unit) and prints on A4 landscape. Like every page
zi makes it is one self-contained file (zi_plan.documents.pages: autoescaped, CSS
inline, nothing fetched).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_plan.documents import reports
from zi_plan.documents.pages import long_date, render_page
from zi_plan.fs.files import atomic_write
from zi_plan.i18n import _, month_name, month_short
from zi_plan.store import plans
from zi_plan.units.ranking import Rollup
from zi_plan.units.rollup import Month, UnitRow
from zi_plan.units.tables import decimal, gate_labels, quiet_text

BAR_WIDTH, BAR_GAP, CHART_HEIGHT = 7, 2, 28
QUIET_DAYS = 30  # a unit with no record for longer is marked as gone quiet


@dataclass(frozen=True)
class Bar:
    """One stacked segment of a month's bar: where, how tall, what it counts."""

    y: float
    height: float
    kind: str  # done, late, overdue, open (due, not done yet), later (months to come), none (nothing scheduled)


@dataclass(frozen=True)
class MonthBar:
    """A month's bar: its place, what it says in words (the tooltip), its segments."""

    x: int
    title: str
    segments: tuple[Bar, ...]


def bars(months: tuple[Month, ...], as_of: int) -> list[MonthBar]:
    """Each month as a bar as tall as its occurrences (the unit's busiest month full height),
    stacked from the bottom: done on time, done late, overdue, not yet done."""
    tallest = max((m.scheduled for m in months), default=0) or 1
    out: list[MonthBar] = []
    for index, m in enumerate(months):
        open_ = m.scheduled - m.done - m.late - m.overdue
        title = _("{month}: {done} of {scheduled} done on time, {late} late, {overdue} overdue").format(
            month=month_name(index + 1), done=m.done, scheduled=m.scheduled, late=m.late, overdue=m.overdue)  # fmt: skip
        bottom = float(CHART_HEIGHT)
        segments = []
        for kind, count in (("done", m.done), ("late", m.late), ("overdue", m.overdue), ("open" if index < as_of else "later", open_)):
            if count <= 0:
                continue
            height = CHART_HEIGHT * count / tallest
            bottom -= height
            segments.append(Bar(round(bottom, 2), round(height, 2), kind))
        if not m.scheduled:
            segments.append(Bar(CHART_HEIGHT - 1.0, 1.0, "none"))
        out.append(MonthBar(index * (BAR_WIDTH + BAR_GAP), title, tuple(segments)))
    return out


def _badges(row: UnitRow) -> list[tuple[str, str]]:
    """(css class, text) for the unit's gates."""
    n = row.numbers
    assert n is not None
    predicate = row.unit.predicate
    if n.gates_failed is None:
        return [("muted", _("no LKE answers yet"))]
    if not n.gates_failed:
        return [("ok", _("{predicate} gates met").format(predicate=predicate))]
    return [("bad", label) for label in gate_labels(n.gates_failed)]


def page_name(year: int) -> str:
    """The unit's plan page, as `zi publish` names it."""
    return _("action-plan-{year}.html").format(year=year)


def render(result: Rollup) -> str:
    rows = []
    for row in result.rows:
        n = row.numbers
        view: dict[str, Any] = {"row": row, "unit": row.unit, "problems": row.problems}
        if n is not None:
            quiet = row.days_quiet(result.today)
            view |= {"n": n, "bars": bars(n.months, n.as_of), "badges": _badges(row), "page": f"{row.unit.code}/{page_name(n.year)}",
                     "quiet": quiet_text(quiet), "is_quiet": quiet is None or quiet > QUIET_DAYS,
                     "ceiling_title": ", ".join(gate_labels(n.ceiling_failed))}  # fmt: skip
        rows.append(view)
    width = 12 * (BAR_WIDTH + BAR_GAP) - BAR_GAP
    return render_page(
        "rollup.html", result=result, rows=rows, overall=result.overall, groups=result.groups, decimal=decimal,
        chart={"width": width, "height": CHART_HEIGHT, "bar": BAR_WIDTH}, month_label=month_name(result.as_of), generated=long_date(result.today),
        months=[month_short(m) for m in range(1, 13)], quiet_days=QUIET_DAYS,
        title=_("Zona Integritas action plans: roll-up {year}").format(year=result.year),
    )  # fmt: skip


def write_pages(result: Rollup, folder: Path) -> int:
    """Each rolled-up unit's plan page in ``folder/<code>/``; a page whose text is unchanged is not written again."""

    written = 0
    for row in result.rows:
        if row.numbers is None:
            continue
        plan = plans.load_plan(result.register.root.joinpath(*row.numbers.plan.split("/")))
        target = folder / row.unit.code / page_name(plan.year)
        data = reports.plan_page(plan).encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, data)
        written += 1
    return written
