"""The status vocabulary: what state an occurrence is in, and what clock says so.

Pure functions, used alike by the terminal tables, the documents and the
exports, so that "overdue" or "done late" means the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from zi_plan.errors import ZiError
from zi_plan.i18n import _

if TYPE_CHECKING:
    from zi_plan.model.journal import Occurrence

Mark = Literal["done", "done-late", "overdue", "open"]

# One symbol per mark, for grids (terminal, report, page); tables colour them.
SYMBOLS: dict[str, str] = {"open": "○", "done": "✓", "overdue": "✗", "done-late": "◑"}


def today() -> dt.date:
    """Today's date; one place, so tests can set the clock."""
    return dt.date.today()


def as_of_month(plan_year: int, on: dt.date | None = None) -> int:
    """The month a plan is seen as of when none is named.

    A past year is over: as of December, so that every occurrence but
    December's counts as overdue. A year to come has not begun: as of January.
    This year: today's month.
    """
    on = on or today()
    if plan_year < on.year:
        return 12
    if plan_year > on.year:
        return 1
    return on.month


def now() -> dt.datetime:
    """This moment, to the second, with the local UTC offset (as records keep it)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise ZiError(_("month {month} is out of range: use 1 (January) to 12 (December)").format(month=month), exit_code=2)
    return month


def done_late(occ: Occurrence, plan_year: int) -> bool:
    """Done after its month ended (in the plan's year)."""
    if occ.done is None:
        return False
    end = dt.date(plan_year + (occ.month == 12), occ.month % 12 + 1, 1)
    return occ.done.at.date() >= end


def mark(occ: Occurrence, as_of: int, plan_year: int) -> Mark:
    """An occurrence's state as of month ``as_of``: overdue once its month has passed."""
    if occ.status == "done":
        return "done-late" if done_late(occ, plan_year) else "done"
    return "overdue" if occ.month < as_of else "open"
