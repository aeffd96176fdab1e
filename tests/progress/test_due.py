"""progress.due: `zi due` counted over the plan's outline, row for row what a walk through every view and occurrence gives.

The oracle below is that walk (how `zi due` was computed before the outline):
the report must equal it for a plan from the cache and a plan parsed, with
journals that undo, add evidence, are late, name actions or months the plan
no longer has, hold LKE answers, or move records from one id to another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, PLAN
from tests.journals import UNFINISHED
from zi_plan.model.journal import Journal
from zi_plan.model.plan import LoadedPlan
from zi_plan.progress.due import Rows, due, rows
from zi_plan.store.journal import load_journal
from zi_plan.store.plan_entry import CachedPlan
from zi_plan.store.plans import load_plan

# Shared actions (two teams, in either order), an item with a team of its own, drafts and unscheduled actions.
SHARED = UNFINISHED + """\
  - id: III
    title: Bersama
    team: mp
    items:
      - title: Dua tim
        team: tl
        actions:
          - indicator: Dikerjakan dua tim
            steps: [Rapat]
            evidence: [Notulen]
            teams: [tl, mp]
            months: [2, 4, 6]
          - indicator: Dikerjakan tim butir
            steps: [Rapat]
            evidence: [Notulen]
            months: [1, 2, 3, 4]
          - indicator: Dua tim lagi
            steps: [Rapat]
            evidence: [Notulen]
            teams: [mp, tl]
            months: [4]
"""


def _record(action: str, month: int, event: str = "done", day: str = "20", month_of_at: int | None = None, year: int = 2024) -> str:
    at = f"{year}-{month_of_at or month:02d}-{day}T10:00:00+09:00"
    return f"- action: {action}\n  month: {month}\n  event: {event}\n  at: '{at}'\n  by: Ani\n"


ANSWER = "- lke: P.1.i.a\n  value: Ya\n  event: answer\n  at: '2024-01-20T10:00:00+09:00'\n  by: Yulius\n"
MOVE = "- action: I.1.b\n  event: move\n  from: I.1.a\n  at: '2024-03-21T10:00:00+09:00'\n  by: Ani\n"

JOURNALS = {
    "none": None,
    "empty": "",
    "mixed": "".join([
        _record("I.1.a", 1), _record("I.1.b", 2), _record("I.1.b", 2, "undo", day="22"),
        _record("II.1.a", 3, "evidence"), _record("II.1.a", 4, month_of_at=5, day="03"), _record("III.1.a", 2),
        _record("III.1.b", 1), _record("III.1.b", 3), _record("III.1.b", 3, "undo", day="25"), _record("III.1.b", 3, day="27"),
        ANSWER, _record("I.1.a", 7), _record("IX.9.z", 4),  # a month the action does not have, an id the plan does not have
    ]),  # fmt: skip
    "moved": _record("I.1.a", 1) + _record("I.1.a", 4) + MOVE + _record("II.1.a", 3),
}


def _oracle(plan: LoadedPlan, journal: Journal, month: int, team: str | None = None) -> dict[str, Any]:
    """Every view and every occurrence up to ``month``, walked one by one."""
    wanted = plan.team(team) if team else None
    actions = [a for a in plan.actions if wanted is None or wanted in a.teams]
    due_now, overdue = [], []
    for action in actions:
        for m in action.months:
            if m > month:
                break
            occ = journal.occurrence(action.id, m)
            if m == month:
                due_now.append((action, m, occ))
            elif occ.status == "open":
                overdue.append((action, m, occ))
    teams: dict[str, list[tuple[str, int]]] = {}
    done: dict[str, int] = {}
    for action, m, occ in due_now:
        for t in action.teams:
            teams.setdefault(t.name, []).append((action.id, m))
            done[t.name] = done.get(t.name, 0) + (occ.status == "done")
    grouped: dict[str, list[int]] = {}
    for action, m, _occ in overdue:
        grouped.setdefault(action.id, []).append(m)
    return {
        "due": due_now, "overdue": overdue, "done": sum(occ.status == "done" for _a, _m, occ in due_now),
        "teams": [(name, entries, done[name]) for name, entries in teams.items()],
        "overdue_actions": [(aid, tuple(ms)) for aid, ms in grouped.items()],
        "unscheduled": [a for a in actions if not a.months and not a.draft], "drafts": [a for a in actions if a.draft],
    }  # fmt: skip


def _seen(plan: LoadedPlan, journal: Journal, month: int, team: str | None = None) -> dict[str, Any]:
    report = due(plan, journal, month, team)
    return {
        "due": [(d.action, d.month, d.occurrence) for d in report.due],
        "overdue": [(d.action, d.month, d.occurrence) for d in report.overdue], "done": report.done,
        "teams": [(t.team, [(d.action.id, d.month) for d in t.entries], t.done) for t in report.teams],
        "overdue_actions": [(a.id, months) for a, months in report.overdue_actions],
        "unscheduled": list(report.unscheduled), "drafts": list(report.drafts),
    }  # fmt: skip


def _workspace(tmp_path: Path, text: str, journal: str | None) -> Path:
    path = tmp_path / "plans" / "plan.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if journal is not None:
        head = f"journal: 3\nplan: {path.name}\nrecords:\n"
        path.with_name("plan.progress.yaml").write_text(head + journal, encoding="utf-8")
    return path


@pytest.mark.parametrize("cached", [True, False], ids=["from the cache", "parsed"])
@pytest.mark.parametrize("name", list(JOURNALS))
def test_due_is_the_walk_through_every_occurrence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, cached: bool):
    path = _workspace(tmp_path, SHARED, JOURNALS[name])
    if not cached:
        monkeypatch.setenv("ZI_NO_CACHE", "1")
    load_journal(load_plan(path))  # fills the cache
    plan = load_plan(path)
    assert isinstance(plan, CachedPlan) == cached
    journal = load_journal(plan)
    for month in range(1, 13):
        for team in (None, "mp", "tata laksana"):
            assert _seen(plan, journal, month, team) == _oracle(plan, journal, month, team), (month, team)


def test_due_on_the_bundled_plan_with_a_journal(tmp_path: Path):
    records = "".join(_record(a, m, year=2023) for a, m in [("I.1.a", 4), ("II.2.a", 4), ("II.2.a", 5), ("I.4.a", 6)])
    path = _workspace(tmp_path, PLAN.read_text(encoding="utf-8"), records + _record("II.2.a", 5, "undo", day="21", year=2023))
    load_journal(load_plan(path))
    plan = load_plan(path)
    journal = load_journal(plan)
    for month in range(1, 13):
        assert _seen(plan, journal, month) == _oracle(plan, journal, month), month


def test_a_journal_in_memory_counts_as_its_occurrences(tmp_path: Path):
    from tests.journals import journal_of, plan_at, record

    plan = plan_at(tmp_path, MINIMAL)
    journal = journal_of(plan, record("I.1.a", 1), record("II.1.a", 4), record("II.1.a", 4, "undo"))
    assert _seen(plan, journal, 4) == _oracle(plan, journal, 4)


def test_rows_are_made_only_when_read():
    made: list[int] = []
    seen = rows([3, 1, 2], lambda k: made.append(k) or k * 10)
    assert len(seen) == 3 and made == []
    assert seen[1] == 10 and made == [1]
    assert seen[:2] == [30, 10] and list(seen) == [30, 10, 20]
    assert seen + [7] == [30, 10, 20, 7] and [7] + seen == [7, 30, 10, 20]
    keys: list[str] = []
    lazy = Rows(lambda: keys.append("listed") or [5], 1, lambda k: k)
    assert len(lazy) == 1 and keys == []  # counted without listing the keys
    assert lazy[0] == 5 and keys == ["listed"]
    assert not rows([], str) and repr(lazy) == "Rows(1)"
