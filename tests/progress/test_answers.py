"""progress.answers: the office's LKE answers recorded in the journal, with their evidence, all or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.journals import plan_at
from zi_plan.errors import ZiError
from zi_plan.lke import answers
from zi_plan.lke.worksheet import load_worksheet
from zi_plan.progress.answers import evidence_folder, record_answers
from zi_plan.store.journal import load_journal


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


def test_evidence_folder_is_per_question():
    assert evidence_folder("P.1.i.a") == Path("LKE", "P.1.i.a")


def test_answers_are_recorded_together_each_with_the_evidence(plan, tmp_path):
    (tmp_path / "sk.pdf").write_bytes(b"%PDF sk")
    sheet = load_worksheet()
    entries = [(sheet.question("P.1.i.a"), "Ya", "  SK 2024 "), (sheet.question("P.1.i.b"), "B", "   ")]
    recorded, journal = record_answers(plan, entries, evidence=[str(tmp_path / "sk.pdf"), "https://example.org/sk"], by="Ani")
    assert [(a.code, a.value, a.by, a.note) for a in recorded] == [("P.1.i.a", "Ya", "Ani", "SK 2024"), ("P.1.i.b", "B", "Ani", None)]
    assert recorded[0].at == recorded[1].at
    assert [e.path or e.url for e in recorded[0].evidence] == ["LKE/P.1.i.a/sk.pdf", "https://example.org/sk"]
    assert [e.path or e.url for e in recorded[1].evidence] == ["LKE/P.1.i.b/sk.pdf", "https://example.org/sk"]
    assert (journal.evidence_dir / "LKE/P.1.i.b/sk.pdf").read_bytes() == b"%PDF sk"
    assert {code: a.value for code, a in answers.current(load_journal(plan)).items()} == {"P.1.i.a": "Ya", "P.1.i.b": "B"}


def test_a_missing_file_records_no_answer(plan, tmp_path):
    entries = [(load_worksheet().question("P.1.i.a"), "Ya", None)]
    with pytest.raises(ZiError):
        record_answers(plan, entries, evidence=[str(tmp_path / "tidak-ada.pdf")], by="Ani")
    assert not load_journal(plan).path.exists() and not (tmp_path / "plan.evidence").exists()


def test_nothing_stays_in_the_store_when_the_journal_cannot_be_written(plan, tmp_path, monkeypatch):
    (tmp_path / "sk.pdf").write_bytes(b"%PDF sk")

    def full_disk(*args, **kwargs):
        raise ZiError("disk full")

    monkeypatch.setattr("zi_plan.progress.answers.append_records", full_disk)
    with pytest.raises(ZiError):
        record_answers(plan, [(load_worksheet().question("P.1.i.a"), "Ya", None)], evidence=[str(tmp_path / "sk.pdf")], by="Ani")
    assert not (tmp_path / "plan.evidence" / "LKE" / "P.1.i.a" / "sk.pdf").exists()
