"""store.journal_state: the months each action has done, read off the cached rows, as the full replay says."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from zi_plan.model.journal import Journal, replay
from zi_plan.store import journal_cache
from zi_plan.store.journal import load_journal
from zi_plan.store.journal_state import JournalState
from zi_plan.store.plans import load_plan


def _record(action: str, month: int, event: str = "done", day: int = 20) -> str:
    return f"- action: {action}\n  month: {month}\n  event: {event}\n  at: '2024-{month:02d}-{day:02d}T10:00:00+09:00'\n  by: Ani\n"


RECORDS = "".join([
    _record("I.1.a", 1), _record("I.1.a", 4), _record("I.1.a", 4, "undo", 21), _record("I.1.b", 2, "evidence"),
    _record("II.1.a", 3), _record("II.1.a", 3, "undo", 21), _record("II.1.a", 3, day=22), _record("II.1.a", 5, "evidence"),
    "- lke: P.1.i.a\n  value: Ya\n  event: answer\n  at: '2024-01-20T10:00:00+09:00'\n  by: Yulius\n",
    _record("IX.9.z", 4), _record("I.1.b", 9),  # an id and a month the plan does not have
])  # fmt: skip
MOVE = "- action: I.1.b\n  event: move\n  from: I.1.a\n  at: '2024-03-21T10:00:00+09:00'\n  by: Ani\n"


def _journal(tmp_path: Path, records: str) -> Journal:
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(MINIMAL, encoding="utf-8")
    plan_path.with_name("plan.progress.yaml").write_text(f"journal: 3\nplan: plan.yaml\nrecords:\n{records}", encoding="utf-8")
    load_journal(load_plan(plan_path))
    return load_journal(load_plan(plan_path))


def _expected(journal: Journal) -> dict[str, int]:
    done: dict[str, int] = {}
    for (action, month), occ in replay(journal.records).items():
        if occ.status == "done" and 1 <= month <= 12:
            done[action] = done.get(action, 0) | 1 << (month - 1)
    return done


def test_the_rows_say_what_the_replay_says(tmp_path: Path):
    journal = _journal(tmp_path, RECORDS)
    assert isinstance(journal, journal_cache.LoadedJournal)
    state = JournalState(journal)
    assert state._rows is not None  # read off the rows, no Record built for it
    assert state.done == _expected(journal) == {"I.1.a": 0b1, "II.1.a": 0b100, "IX.9.z": 0b1000, "I.1.b": 1 << 8}
    assert state.is_done("II.1.a", 3) and not state.is_done("I.1.a", 4) and not state.is_done("X", 1)
    for key, occ in replay(journal.records).items():
        assert state.occurrence(*key) == occ
    assert state.occurrence("I.1.a", 7) == journal.occurrence("I.1.a", 7)  # nothing recorded: an open occurrence
    assert state.answers == journal.answers and [a["lke"] for a in state.answers] == ["P.1.i.a"]


def test_a_record_kept_as_its_mapping_counts_too(tmp_path: Path):
    journal = _journal(tmp_path, RECORDS)
    assert isinstance(journal, journal_cache.LoadedJournal)
    row = journal.rows[0]
    mapping = {"action": row[0], "month": row[1], "event": "done", "at": row[3], "by": row[4]}
    loaded = journal_cache.LoadedJournal(journal.path, journal.evidence_dir, [mapping, *journal.rows[1:]], journal.source)
    state = JournalState(loaded)
    assert state._rows is not None and state.done == _expected(loaded)
    assert state.occurrence("I.1.a", 1) == loaded.occurrence("I.1.a", 1)


@pytest.mark.parametrize("has_moves", [True, False], ids=["known from the findings", "found in the rows"])
def test_a_move_is_left_to_the_full_replay(tmp_path: Path, has_moves: bool):
    journal = _journal(tmp_path, _record("I.1.a", 1) + _record("I.1.a", 4) + MOVE + _record("II.1.a", 3))
    if not has_moves:
        del journal.has_moves  # type: ignore[attr-defined]
    state = JournalState(journal)
    assert state._rows is None
    assert state.done == {"I.1.b": 0b1001, "II.1.a": 0b100} == _expected(journal)
    assert state.occurrence("I.1.b", 4) == journal.occurrence("I.1.b", 4) and state.occurrence("I.1.b", 4).status == "done"
    assert state.answers == journal.answers == []


def test_a_journal_not_from_the_cache_is_read_through_its_occurrences(tmp_path: Path):
    from tests.journals import journal_of, plan_at, record

    plan = plan_at(tmp_path)
    journal = journal_of(plan, record("I.1.a", 1), record("II.1.a", 4), record("II.1.a", 4, "undo"))
    state = JournalState(journal)
    assert state.done == {"I.1.a": 1}
    assert state.occurrence("II.1.a", 4) is journal.occurrences[("II.1.a", 4)]
