"""status: marks and lateness, the same for tables, documents and exports."""

from __future__ import annotations

import datetime as dt

import pytest

from zi_plan.errors import ZiError
from zi_plan.model.journal import Occurrence, Record, replay
from zi_plan.model.status import check_month, done_late, mark

WIB = dt.timezone(dt.timedelta(hours=9))


def _occurrence(month: int, done_on: dt.date | None):
    records = []
    if done_on is not None:
        at = dt.datetime(done_on.year, done_on.month, done_on.day, 10, tzinfo=WIB)
        records.append(Record(action="I.1.a", month=month, event="done", at=at, by="tes"))
    return replay(records).get(("I.1.a", month)) or Occurrence("I.1.a", month)


@pytest.mark.parametrize(
    ("month", "done_on", "as_of", "expected"),
    [
        (4, None, 4, "open"),
        (4, None, 5, "overdue"),
        (4, dt.date(2023, 4, 30), 12, "done"),
        (4, dt.date(2023, 5, 1), 5, "done-late"),
        (12, dt.date(2023, 12, 31), 12, "done"),
        (12, dt.date(2024, 1, 1), 12, "done-late"),
    ],
)
def test_mark(month, done_on, as_of, expected):
    occ = _occurrence(month, done_on)
    assert mark(occ, as_of, 2023) == expected
    assert done_late(occ, 2023) == (expected == "done-late")


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_out_of_range(month):
    with pytest.raises(ZiError) as caught:
        check_month(month)
    assert caught.value.exit_code == 2
