"""progress.recording: what is due, done and undone, the month picked, the author named, and `zi show`'s data."""

from __future__ import annotations

import datetime as dt
import getpass
import subprocess

import pytest

from tests.journals import UNFINISHED, journal_of, plan_at, record
from zi_plan.errors import ZiError
from zi_plan.model import status
from zi_plan.progress import recording
from zi_plan.progress.due import due
from zi_plan.progress.recording import default_author, pick_month, record_done, show, undo
from zi_plan.store.journal import load_journal


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path, UNFINISHED)


@pytest.fixture
def clock(monkeypatch):
    def set_today(year: int, month: int, day: int = 15) -> None:
        monkeypatch.setattr(status, "today", lambda: dt.date(year, month, day))

    return set_today


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "foto rapat.jpg"
    path.write_bytes(b"\xff\xd8 foto")
    return path


# ---------------------------------------------------------------- due


def test_due_lists_the_months_work_then_what_is_still_open_from_before(plan):
    report = due(plan, journal_of(plan, record("I.1.a", 1), record("II.1.a", 4)), 4)
    assert [(d.action.id, d.month, d.status) for d in report.due] == [("I.1.a", 4, "open"), ("II.1.a", 4, "done")]
    assert [(d.action.id, d.month) for d in report.overdue] == [("I.1.b", 2), ("II.1.a", 3)]
    assert report.done == 1
    assert [a.id for a in report.unscheduled] == ["II.2.a"] and [a.id for a in report.drafts] == ["II.2.b"]


def test_due_for_one_team(plan):
    report = due(plan, journal_of(plan), 4, team="tata laksana")
    assert {d.action.id for d in report.due + report.overdue} == {"II.1.a"}
    assert [a.id for a in report.unscheduled] == ["II.2.a"]


def test_due_json(plan):
    data = due(plan, journal_of(plan, record("II.1.a", 4, by="Yulius")), 4).to_json(plan)
    assert (data["year"], data["month"], data["month_name"], data["summary"]) == (2024, 4, "April", {"due": 2, "done": 1, "overdue": 3})
    done = data["due"][1]
    assert (done["id"], done["status"], done["done_by"], done["done_at"]) == ("II.1.a", "done", "Yulius", "2024-04-20T09:30:00+00:00")
    assert done["evidence_expected"] == ["Daftar hadir", "Foto"] and done["lke"] == []
    assert "done_at" not in data["due"][0]
    assert data["drafts"] == [{"id": "II.2.b", "teams": ["Tim Penguatan Tata Laksana"], "indicator": "Masih draf"}]


def test_due_refuses_a_month_out_of_range(plan):
    with pytest.raises(ZiError) as caught:
        due(plan, journal_of(plan), 13)
    assert caught.value.exit_code == 2


# ---------------------------------------------------------------- pick_month


def test_pick_month_this_month_else_the_earliest_open_else_the_latest_done(plan):
    action = plan.action("II.1.a")  # March, April, May
    assert pick_month(action, journal_of(plan), 4) == 4
    assert pick_month(action, journal_of(plan, record("II.1.a", 4)), 4) == 3
    assert pick_month(action, journal_of(plan, record("II.1.a", 3), record("II.1.a", 4)), 4) == 4  # all done: "already done"
    assert pick_month(action, journal_of(plan), 12) == 3


def test_pick_month_before_anything_is_due_or_for_an_unscheduled_action(plan):
    with pytest.raises(ZiError) as caught:
        pick_month(plan.action("II.1.a"), journal_of(plan), 2)
    assert caught.value.message == "II.1.a has no open occurrence due by February; it is scheduled in: March, April, May. Name the month with --month"
    with pytest.raises(ZiError) as caught:
        pick_month(plan.action("II.2.a"), journal_of(plan), 2)
    assert "not scheduled yet (no months in the plan)" in caught.value.message


# ---------------------------------------------------------------- record_done


def test_record_done_stores_the_evidence_and_appends_the_record(plan, photo):
    result = record_done(plan, "i.1.A", month=1, evidence=[str(photo), "https://example.org/sk"], note="  rapat  ", by=" Ani ")
    assert (result.record.action, result.record.month, result.record.event, result.record.by, result.record.note) == ("I.1.a", 1, "done", "Ani", "rapat")
    stored, link = result.record.evidence
    assert stored.path == "I/I.1/I.1.a/2024-01/foto rapat.jpg" and (result.journal.evidence_dir / stored.path).read_bytes() == b"\xff\xd8 foto"
    assert link.url == "https://example.org/sk"
    assert result.record.fingerprint and result.record.indicator == "SK Tim Kerja terbit"
    assert load_journal(plan).is_done("I.1.a", 1)


def test_record_done_without_a_month_picks_one_by_today(plan, clock):
    clock(2024, 4)
    assert record_done(plan, "II.1.a", by="Ani").record.month == 4
    assert record_done(plan, "II.1.a", by="Ani").record.month == 3  # April is done: the earliest open before it


def test_a_month_not_scheduled_or_not_begun_is_refused(plan, clock):
    clock(2024, 2, 10)
    with pytest.raises(ZiError) as caught:
        record_done(plan, "II.1.a", month=2, by="Ani")
    assert caught.value.message == "II.1.a is not scheduled in February; its months are March (3), April (4), May (5)"
    with pytest.raises(ZiError) as caught:
        record_done(plan, "II.1.a", month=4, by="Ani")
    assert "April 2024 has not come yet (today is 2024-02-10)" in caught.value.message and "--force" in caught.value.message
    assert not load_journal(plan).records
    assert record_done(plan, "II.1.a", month=4, by="Ani", force=True).record.month == 4


def test_an_unscheduled_action_is_done_in_the_month_named(plan):
    assert record_done(plan, "II.2.a", month=7, by="Ani").record.month == 7


def test_done_twice_or_add_to_what_is_not_done(plan, photo):
    with pytest.raises(ZiError) as caught:
        record_done(plan, "I.1.a", month=1, evidence=[str(photo)], add=True, by="Ani")
    assert caught.value.message == "I.1.a January 2024 is not done yet: record it with 'zi done I.1.a --month 1' first"
    record_done(plan, "I.1.a", month=1, by="Ani")
    with pytest.raises(ZiError) as caught:
        record_done(plan, "I.1.a", month=1, by="Budi")
    assert caught.value.message.startswith("I.1.a January 2024 is already done (recorded ") and "by Ani); nothing recorded." in caught.value.message
    assert len(load_journal(plan).records) == 1


def test_add_needs_something_and_refuses_a_file_already_there(plan, photo):
    with pytest.raises(ZiError) as caught:
        record_done(plan, "I.1.a", month=1, add=True)
    assert caught.value.exit_code == 2
    record_done(plan, "I.1.a", month=1, evidence=[str(photo)], by="Ani")
    with pytest.raises(ZiError) as caught:
        record_done(plan, "I.1.a", month=1, evidence=[str(photo)], add=True, by="Ani")
    assert caught.value.message == "foto rapat.jpg is already stored for I.1.a January 2024; nothing recorded"
    assert record_done(plan, "I.1.a", month=1, note="notula menyusul", add=True, by="Ani").record.event == "evidence"


def test_after_an_undo_the_same_file_can_be_added_again(plan, photo):
    record_done(plan, "I.1.a", month=1, evidence=[str(photo)], by="Ani")
    undo(plan, "I.1.a", 1, by="Ani")
    record_done(plan, "I.1.a", month=1, by="Ani")
    assert record_done(plan, "I.1.a", month=1, evidence=[str(photo)], add=True, by="Ani").record.evidence[0].name == "foto rapat.jpg"


def test_a_missing_evidence_file_records_nothing(plan, tmp_path):
    with pytest.raises(ZiError):
        record_done(plan, "I.1.a", month=1, evidence=[str(tmp_path / "tidak-ada.pdf")], by="Ani")
    assert not load_journal(plan).path.exists()


def test_the_bundled_plan_nobody_chose_is_refused_before_the_id_is_looked_at(plan):
    plan.found_by = "bundled"
    with pytest.raises(ZiError) as caught:
        record_done(plan, "NO.SUCH.ID", month=1)
    assert "no plan found in this folder" in caught.value.message
    with pytest.raises(ZiError):
        undo(plan, "NO.SUCH.ID", 1)


# ---------------------------------------------------------------- undo


def test_undo_reopens_and_keeps_the_history(plan):
    record_done(plan, "I.1.a", month=1, by="Ani")
    result = undo(plan, "I.1.a", 1, note="salah bulan", by="Budi")
    assert (result.record.event, result.record.by, result.record.note) == ("undo", "Budi", "salah bulan")
    journal = load_journal(plan)
    assert not journal.is_done("I.1.a", 1) and [r.event for r in journal.records] == ["done", "undo"]


def test_undo_of_what_is_not_done_or_not_scheduled(plan):
    with pytest.raises(ZiError) as caught:
        undo(plan, "I.1.a", 1)
    assert caught.value.message == "I.1.a January 2024 is not done, so there is nothing to undo"
    with pytest.raises(ZiError) as caught:
        undo(plan, "I.1.a", 2)
    assert caught.value.message.startswith("I.1.a is not scheduled in February")


# ---------------------------------------------------------------- show


def test_show_gives_each_occurrence_its_history_and_evidence(plan, photo):
    record_done(plan, "I.1.a", month=1, evidence=[str(photo)], by="Ani")
    undo(plan, "I.1.a", 1, by="Ani", note="foto salah")
    record_done(plan, "I.1.a", month=1, evidence=["https://example.org/sk"], by="Ani")
    data = show(plan, load_journal(plan), "I.1.a")
    assert (data["id"], data["evidence_expected"], [o["month"] for o in data["occurrences"]]) == ("I.1.a", ["SK Tim Kerja"], [1, 4])
    january, april = data["occurrences"]
    assert (january["status"], january["late"], [h["event"] for h in january["history"]]) == ("done", True, ["done", "undo", "done"])
    assert (april["status"], april["done_at"], april["history"]) == ("open", None, [])
    assert [e.get("url") for e in data["evidence"]] == ["https://example.org/sk"]
    [withdrawn] = data["withdrawn_evidence"]
    assert withdrawn["stored_as"] == "I/I.1/I.1.a/2024-01/foto rapat.jpg" and withdrawn["name"] == "foto rapat.jpg"
    assert (withdrawn["withdrawn"]["event"], withdrawn["withdrawn"]["note"]) == ("undo", "foto salah")
    assert withdrawn["path"].endswith("plan.evidence/I/I.1/I.1.a/2024-01/foto rapat.jpg")


def test_show_of_an_unscheduled_action_gives_the_months_work_was_recorded_in(plan):
    assert show(plan, journal_of(plan), "II.2.a")["occurrences"] == []
    data = show(plan, journal_of(plan, record("II.2.a", 7)), "II.2.a")
    assert [o["month"] for o in data["occurrences"]] == [7]


# ---------------------------------------------------------------- the author


def test_default_author_is_gits_user_name_else_the_login(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "config", "user.name", "Yulius Tabate"], cwd=tmp_path, check=True)
    assert default_author(tmp_path) == "Yulius Tabate"
    monkeypatch.setattr(getpass, "getuser", lambda: "ani")
    assert default_author(tmp_path.parent) == "ani"  # no repository there, and no global git name in the tests


def test_default_author_without_git_or_a_known_user(tmp_path, monkeypatch):
    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    def no_user():
        raise KeyError("uid")

    monkeypatch.setattr(subprocess, "run", no_git)
    monkeypatch.setattr(getpass, "getuser", no_user)
    monkeypatch.setenv("USERNAME", "Budi")
    assert default_author(tmp_path) == "Budi"
    monkeypatch.delenv("USERNAME")
    assert default_author(tmp_path) == "unknown"


def test_author_named_with_by_wins(plan, monkeypatch):
    monkeypatch.setattr(recording, "default_author", lambda where: "from git")
    assert recording.author(plan, "  Ani ") == "Ani"
    assert recording.author(plan, "   ") == "from git" and recording.author(plan, None) == "from git"
