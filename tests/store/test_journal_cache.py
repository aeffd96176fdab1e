"""journal_cache: a journal read through the cache, its records built only when asked for."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from zi_plan.model.journal import EvidenceEntry, Record
from zi_plan.model.plan import LoadedPlan
from zi_plan.store import journal_cache
from zi_plan.store.journal_cache import APPENDABLE, LoadedJournal, decode, encode, known_appendable, load_journal, record_at
from zi_plan.store.plans import load_plan

AT = "2024-01-20T10:00:00+09:00"
HEAD = "journal: 2\nplan: kantor.yaml\nrecords:\n"


def _text(action: str, month: int, event: str = "done") -> str:
    return f"- action: {action}\n  month: {month}\n  event: {event}\n  at: '{AT}'\n  by: Ani\n"


@pytest.fixture
def plan(tmp_path: Path) -> LoadedPlan:
    path = tmp_path / "kantor.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return load_plan(path)


def _load(plan: LoadedPlan, text: str) -> LoadedJournal:
    path = plan.path.with_name("kantor.progress.yaml")
    path.write_text(text, encoding="utf-8")
    journal = load_journal(plan, path, plan.path.with_name("kantor.evidence"))
    assert isinstance(journal, LoadedJournal)
    return journal


# ---------------------------------------------------------------- rows


def test_a_record_is_kept_as_a_tuple_and_built_back_the_same():
    data = {"action": "I.1.a", "month": 1, "event": "done", "at": dt.datetime.fromisoformat(AT), "by": "Ani", "note": "n",
            "evidence": [{"path": "a.jpg", "sha256": "a" * 64, "size": 1}, {"url": "https://x.id"}]}  # fmt: skip
    row = encode(data)
    assert isinstance(row, tuple) and len(row) == len(Record._fields) and row[Record._fields.index("at")] == AT
    assert decode(row) == Record.from_dict(data)
    assert decode(row).evidence == (EvidenceEntry(path="a.jpg", sha256="a" * 64, size=1), EvidenceEntry(url="https://x.id"))


def test_a_record_with_anything_else_is_kept_as_its_mapping():
    moved = {"action": "I.1.b", "event": "move", "from": "I.1.a", "at": AT, "by": "Ani"}  # 'from' is not a field name
    odd_evidence = {"action": "I.1.a", "month": 1, "event": "done", "at": AT, "by": "A", "evidence": [{"url": "https://x.id", "extra": 1}]}
    answer = {"event": "answer", "lke": "P.1.i.a", "value": "Ya", "at": AT, "by": "Ani"}
    assert encode(moved) is moved and encode(odd_evidence) is odd_evidence and encode(answer) is answer
    assert decode(moved).moved_from == "I.1.a"


@pytest.mark.parametrize(
    ("text", "appendable"),
    [
        (HEAD, True),
        (HEAD + _text("I.1.a", 1), True),
        (HEAD + _text("I.1.a", 1) + "# a comment\n\n", True),
        (HEAD.replace("records:", "records:  # the work"), True),
        ("journal: 2\nrecords:\n" + _text("I.1.a", 1) + "plan: kantor.yaml\n", False),  # records: is not last
        ("journal: 2\nplan: kantor.yaml\nrecords: []\n", False),
    ],
)
def test_appendable_texts(text, appendable):
    assert (APPENDABLE.search(text) is not None) == appendable


# ---------------------------------------------------------------- loading


def test_the_first_load_fills_the_cache_and_the_next_reads_it(plan, monkeypatch):
    text = HEAD + _text("I.1.a", 1) + _text("II.1.a", 3)
    first = _load(plan, text)
    assert [r.action for r in first.records] == ["I.1.a", "II.1.a"] and first.source.segments == 1 and first.source.appendable

    def no_parse(*args, **kwargs):
        raise AssertionError("the journal was parsed again")

    monkeypatch.setattr(journal_cache, "_full", no_parse)
    again = _load(plan, text)
    assert again.rows == first.rows and again.source.segments == 1


def test_only_an_appended_tail_is_read(plan, monkeypatch):
    text = HEAD + _text("I.1.a", 1)
    _load(plan, text)
    monkeypatch.setattr(journal_cache, "_full", lambda *a: pytest.fail("the whole journal was parsed"))
    grown = _load(plan, text + _text("I.1.b", 2))
    assert [r.action for r in grown.records] == ["I.1.a", "I.1.b"] and grown.source.segments == 2


def test_an_edit_in_the_middle_is_read_in_full(plan):
    text = HEAD + _text("I.1.a", 1) + _text("I.1.b", 2)
    _load(plan, text)
    edited = _load(plan, text.replace("by: Ani", "by: Budi", 1))
    assert [r.by for r in edited.records] == ["Budi", "Ani"]


def test_a_tail_with_a_bad_record_goes_the_full_way_and_is_reported(plan):
    from zi_plan.errors import InvalidFile

    text = HEAD + _text("I.1.a", 1)
    _load(plan, text)
    with pytest.raises(InvalidFile) as raised:
        _load(plan, text + _text("I.1.b", 13))
    assert [p.line for p in raised.value.problems] == [10]  # its line in the whole file


def test_without_the_plans_content_there_is_no_cache(plan):
    plan.fingerprint = ""
    journal = _load(plan, HEAD + _text("I.1.a", 1))
    assert journal.source.entry is None and [r.action for r in journal.records] == ["I.1.a"]


# ---------------------------------------------------------------- the lazy journal


def test_a_question_about_one_action_builds_only_its_records(plan, monkeypatch):
    journal = _load(plan, HEAD + _text("I.1.a", 1) + _text("I.1.b", 2) + _text("I.1.a", 1, "undo"))
    built: list[str] = []
    real = journal_cache.decode
    monkeypatch.setattr(journal_cache, "decode", lambda row: built.append(row[0]) or real(row))
    assert not journal.is_done("I.1.a", 1) and len(journal.occurrence("I.1.a", 1).history) == 2
    assert built == ["I.1.a", "I.1.a"]  # I.1.b's record never built
    assert journal.is_done("I.1.a", 1) is False and built == ["I.1.a", "I.1.a"]  # asked again: kept


def test_a_move_makes_every_question_replay_the_whole_journal(plan):
    moved = "- action: I.1.b\n  event: move\n  from: I.1.a\n  at: '2024-01-21T10:00:00+09:00'\n  by: Ani\n"
    journal = _load(plan, HEAD + _text("I.1.a", 1) + moved)
    journal.has_moves = True  # as zi_plan.store.amendments marks it
    assert journal.is_done("I.1.b", 1) and not journal.is_done("I.1.a", 1)


def test_extend_keeps_rows_records_and_state_together(plan):
    journal = _load(plan, HEAD + _text("I.1.a", 1))
    assert journal.is_done("I.1.a", 1)
    journal.occurrences  # noqa: B018 (built now, so that extend must move it on)
    undo = Record("I.1.a", 1, "undo", dt.datetime.fromisoformat(AT), "Budi")
    journal.extend([undo])
    assert len(journal.rows) == 2 and journal.records[-1] == undo and not journal.is_done("I.1.a", 1)
    assert record_at(journal, 1) == undo


def test_answers_come_from_the_rows_and_cannot_be_set(plan):
    answer = "- lke: P.1.i.a\n  value: Ya\n  event: answer\n  at: '2024-01-20T10:00:00+09:00'\n  by: Ani\n"
    journal = _load(plan, HEAD + answer + _text("I.1.a", 1))
    assert [a["lke"] for a in journal.answers] == ["P.1.i.a"] and [r.action for r in journal.records] == ["I.1.a"]
    assert record_at(journal, 1).action == "I.1.a"  # an index among the rows, answers included
    with pytest.raises(AttributeError):
        journal.answers = []


def test_known_appendable_only_for_the_text_it_was_loaded_from(plan):
    text = HEAD + _text("I.1.a", 1)
    journal = _load(plan, text)
    assert known_appendable(journal, text.encode()) is True
    assert known_appendable(journal, (text + "# x\n").encode()) is None
