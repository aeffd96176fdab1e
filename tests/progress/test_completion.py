"""progress.completion: team workload, a team's marks, completion per component; 100 % when nothing is due."""

from __future__ import annotations

import json

import pytest

from tests.conftest import MINIMAL
from tests.journals import journal_of, late, plan_at, record, rendered
from zi_plan.errors import ZiError
from zi_plan.progress.completion import completion, completion_json, percent, team_detail, team_loads
from zi_plan.render.completion_tables import percent_text, progress_table

# MINIMAL with a third team that has no action, and I.1.b shared by mp and tl.
SHARED = MINIMAL.replace(
    "    name: Tim Penguatan Tata Laksana\n", "    name: Tim Penguatan Tata Laksana\n  - id: pw\n    name: Tim Pengawasan\n"
).replace("            months: [2]\n", "            months: [2]\n            teams: [mp, tl]\n")
# MINIMAL with nothing before March: as of January or February nothing is due.
LATE_START = MINIMAL.replace("months: [1, 4]", "months: [4]").replace("months: [2]", "months: [6]")


def test_team_loads_count_each_teams_months_and_what_is_done(tmp_path):
    plan = plan_at(tmp_path, SHARED)
    mp, tl, pw = team_loads(plan, journal_of(plan, record("I.1.a", 4), record("I.1.b", 2)))
    assert [m for m, n in mp.scheduled.items() if n] == [1, 2, 4]
    assert (mp.total, mp.total_done) == (3, 2)
    # The shared action is work for each of its teams, done for each too.
    assert (tl.scheduled[2], tl.done[2]) == (1, 1)
    assert (tl.total, tl.total_done) == (4, 1)
    assert (pw.total, pw.total_done, pw.peak_month) == (0, 0, None)


def test_peak_month_is_the_busiest_and_the_first_on_a_tie(tmp_path):
    plan = plan_at(tmp_path, SHARED)
    mp, tl, _pw = team_loads(plan, journal_of(plan))
    assert mp.peak_month == 1  # January, February and April have one each
    assert tl.peak_month == 2  # February to May have one each


def test_team_load_json_keys_months_as_text(tmp_path):
    plan = plan_at(tmp_path)
    data = team_loads(plan, journal_of(plan, record("II.1.a", 3)))[1].to_json()
    assert data["id"] == "tl" and data["name"] == "Tim Penguatan Tata Laksana"
    assert data["months"]["3"] == 1 and data["done"]["3"] == 1 and data["done"]["4"] == 0
    assert (data["total"], data["total_done"], data["peak_month"]) == (3, 1, 3)
    assert json.loads(json.dumps(data)) == data


def test_team_detail_marks_each_occurrence_as_of_a_month(tmp_path):
    plan = plan_at(tmp_path)
    journal = journal_of(plan, record("I.1.a", 1, at=late(2024, 1)), record("I.1.b", 2))
    detail = team_detail(plan, journal, "mp", 3)
    assert [(r.action.id, r.marks) for r in detail.rows] == [
        ("I.1.a", {1: "done-late", 4: "open"}),
        ("I.1.b", {2: "done"}),
    ]
    assert detail.counts() == {"total": 3, "done": 2, "due_so_far": 2, "done_of_due": 2, "overdue": 0, "done_late": 1}
    assert team_detail(plan, journal, "mp", 5).counts()["overdue"] == 1  # April has passed, I.1.a of April is open


def test_team_detail_json_and_a_loose_team_name(tmp_path):
    plan = plan_at(tmp_path)
    data = team_detail(plan, journal_of(plan), "tata laksana", 4).to_json()
    assert (data["id"], data["as_of_month"], data["due_so_far"], data["done_of_due"]) == ("tl", 4, 2, 0)
    assert data["actions"] == [{"id": "II.1.a", "indicator": "SOP disosialisasikan", "months": {"3": "overdue", "4": "open", "5": "open"}}]


def test_team_detail_refuses_a_month_out_of_range(tmp_path):
    plan = plan_at(tmp_path)
    with pytest.raises(ZiError) as caught:
        team_detail(plan, journal_of(plan), "mp", 0)
    assert caught.value.exit_code == 2


def test_completion_per_component_and_overall(tmp_path):
    plan = plan_at(tmp_path)
    journal = journal_of(plan, record("I.1.a", 1), record("I.1.a", 4), record("II.1.a", 5))
    rows, overall = completion(plan, journal, 3)
    first, second = rows
    # I: January and February due by March, January done; April done ahead of time counts for the year.
    assert (first.key, first.due, first.done_of_due, first.total, first.done) == ("I", 2, 1, 3, 2)
    assert (second.key, second.due, second.done_of_due, second.total, second.done) == ("II", 1, 0, 3, 1)
    assert (overall.key, overall.title, overall.due, overall.done_of_due, overall.total, overall.done) == ("", "Total", 3, 1, 6, 3)
    assert first.team == "Tim Manajemen Perubahan"
    assert first.to_json()["percent_of_due"] == 50.0 and first.to_json()["percent_of_year"] == 66.7


def test_an_undone_occurrence_is_not_done(tmp_path):
    plan = plan_at(tmp_path)
    journal = journal_of(plan, record("I.1.a", 1), record("I.1.a", 1, "undo"))
    _rows, overall = completion(plan, journal, 12)
    assert (overall.done_of_due, overall.done) == (0, 0)


@pytest.mark.parametrize(("part", "whole", "expected"), [(1, 3, 33.3), (2, 3, 66.7), (3, 3, 100.0), (0, 5, 0.0), (0, 0, 100.0)])
def test_percent(part, whole, expected):
    assert percent(part, whole) == expected


def test_nothing_due_so_far_is_100_percent_in_the_json(tmp_path):
    """Nothing due is nothing behind: 100 %, not 0 % (and no division by zero)."""
    plan = plan_at(tmp_path, LATE_START)
    rows, overall = completion(plan, journal_of(plan), 2)
    assert [(r.key, r.due) for r in rows] == [("I", 0), ("II", 0)] and overall.due == 0
    data = completion_json(2, rows, overall)
    assert data["month"] == 2
    assert [c["percent_of_due"] for c in data["components"]] == [100.0, 100.0]
    assert data["overall"] == {"id": "", "title": "Total", "team": "", "due": 0, "done_of_due": 0, "total": 5, "done": 0,
                               "percent_of_due": 100.0, "percent_of_year": 0.0}  # fmt: skip


def test_nothing_due_so_far_is_a_full_bar_in_the_table(tmp_path):
    plan = plan_at(tmp_path, LATE_START)
    rows, overall = completion(plan, journal_of(plan), 2)
    assert percent_text(0, 0) == "100%"
    text = rendered(progress_table(rows, overall, 2, width=120))
    total = next(line for line in text.splitlines() if "Total" in line)
    assert "██████████ 100% 0/0" in total and "░░░░░░░░░░   0% 0/5" in total


def test_nothing_due_through_zi_progress(zi, write_plan):
    data = json.loads(zi("progress", "--month", "2", "--json", "--plan", str(write_plan(LATE_START))).out)
    assert data["overall"]["due"] == 0 and data["overall"]["percent_of_due"] == 100.0
