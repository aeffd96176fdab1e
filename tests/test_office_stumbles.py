"""What a tester using zi as a new office stumbled on (round fixmisc)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with no plans/ anywhere above it."""
    folder = tmp_path / "Downloads"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


# ---------------------------------------------------------------- 1. refusal first


@pytest.mark.parametrize(
    "args",
    [
        ("done", "I.2.a", "--month", "6"),  # not scheduled in June in the bundled plan
        ("done", "XX.9", "--month", "4"),  # no such action in the bundled plan
        ("done", "I.1.a"),
        ("undo", "XX.9", "--month", "4"),
        ("undo", "I.2.a", "--month", "6"),
        ("journal", "accept", "XX.9"),
        ("journal", "move", "XX.9", "YY.1"),
        ("lke", "answer", "NO.SUCH.CODE", "Ya"),
    ],
)
def test_writing_outside_an_office_refuses_before_checking_id_or_month(zi, elsewhere, args):
    result = zi(*args)
    assert result.code == 1
    assert result.err.count("no plan found") == 1 and "--plan bundled" in result.err
    assert "not scheduled" not in result.err and "no action" not in result.err


# ---------------------------------------------------------------- 3. as of which month


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    import datetime as dt

    from zi_plan import status

    def set_today(year: int, month: int, day: int = 15) -> None:
        monkeypatch.setattr(status, "today", lambda: dt.date(year, month, day))

    return set_today


@pytest.mark.parametrize(("today", "expected"), [((2025, 11), 12), ((2024, 11), 11), ((2024, 3), 3), ((2023, 11), 1)])
def test_as_of_month_follows_the_plans_year(today, expected):
    import datetime as dt

    from zi_plan.status import as_of_month

    assert as_of_month(2024, dt.date(*today, 15)) == expected


def test_a_past_years_plan_is_seen_as_of_december(zi, clock, write_plan):
    # II.1.a in March and November of 2024; seen in November 2025, November is long overdue.
    plan = str(write_plan(MINIMAL.replace("months: [3, 4, 5]", "months: [3, 11]")))
    clock(2025, 11)
    due = json.loads(zi("due", "--json", "--plan", plan).out)
    assert due["month"] == 12
    assert [(d["id"], d["month"]) for d in due["overdue"] if d["id"] == "II.1.a"] == [("II.1.a", 3), ("II.1.a", 11)]
    assert json.loads(zi("progress", "--json", "--plan", plan).out)["month"] == 12
    assert json.loads(zi("team", "tl", "--json", "--plan", plan).out)["as_of_month"] == 12
    rows = zi("export", "--format", "csv", "--plan", plan, "-o", "-").out.splitlines()
    assert '"3, 11"' in next(r for r in rows if "II.1.a" in r)
    report = zi("report", "--plan", plan, "--format", "md", "-o", "-")
    assert report.code == 0 and "December 2024" in report.out


def test_a_future_years_plan_is_seen_as_of_january(zi, clock, write_plan):
    clock(2023, 11)
    due = json.loads(zi("due", "--json", "--plan", str(write_plan())).out)
    assert due["month"] == 1 and due["overdue"] == []


def test_done_picks_the_earliest_overdue_of_a_past_year(zi, clock, write_plan):
    plan = str(write_plan(MINIMAL.replace("months: [1, 4]", "months: [1, 12]")))
    clock(2025, 11)
    # I.1.a in January and December of 2024: seen in November 2025, both are due by now.
    assert zi("done", "I.1.a", "--plan", plan).code == 0
    assert zi("done", "I.1.a", "--plan", plan).code == 0
    data = json.loads(zi("show", "I.1.a", "--json", "--plan", plan).out)
    assert [o["status"] for o in data["occurrences"]] == ["done", "done"]
