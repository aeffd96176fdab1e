"""progress.amend: `zi journal accept` and `zi journal move` as plain calls: new records, never rewritten ones."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL
from tests.journals import plan_at
from zi_plan.errors import ZiError
from zi_plan.model.fingerprint import fingerprint
from zi_plan.progress.amend import accept, move
from zi_plan.progress.recording import record_done, undo
from zi_plan.store.journal import load_journal


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


def test_accept_takes_the_records_of_an_older_text_for_the_text_now(plan, tmp_path):
    record_done(plan, "I.1.a", month=1, by="Ani")
    old = fingerprint(plan.action("I.1.a"))
    amended = plan_at(tmp_path, MINIMAL.replace("SK Tim Kerja terbit", "SK Tim Kerja ZI terbit"))
    assert [f.kind for f in load_journal(amended).findings] == ["changed"]
    records, journal = accept(amended, "i.1.a", by="Budi", note="SK perubahan 2024")
    [accepted] = records
    assert (accepted.event, accepted.month, accepted.accepted, accepted.by, accepted.note) == ("accept", 0, old, "Budi", "SK perubahan 2024")
    assert accepted.fingerprint == fingerprint(amended.action("I.1.a")) and accepted.indicator == "SK Tim Kerja ZI terbit"
    reloaded = load_journal(amended)
    assert reloaded.findings == [] and reloaded.is_done("I.1.a", 1)
    assert [r.event for r in reloaded.records] == ["done", "accept"]


def test_accept_when_every_record_is_for_the_present_text(plan):
    record_done(plan, "I.1.a", month=1, by="Ani")
    with pytest.raises(ZiError) as caught:
        accept(plan, "I.1.a")
    assert caught.value.message == "nothing to accept: every record of I.1.a was made for its present text"
    assert [r.event for r in load_journal(plan).records] == ["done"]


def test_move_hands_the_records_of_one_id_to_another(plan):
    record_done(plan, "I.1.a", month=1, by="Ani")
    undo(plan, "I.1.a", 1, by="Ani")
    record_done(plan, "I.1.a", month=1, by="Ani")
    record, count, journal = move(plan, "i.1.A", "I.1.b", by="Budi", note="aksi disisipkan")
    assert (record.event, record.action, record.moved_from, record.by, count) == ("move", "I.1.b", "I.1.a", "Budi", 3)
    reloaded = load_journal(plan)
    assert reloaded.is_done("I.1.b", 1) and not reloaded.is_done("I.1.a", 1)
    assert [r.event for r in reloaded.records] == ["done", "undo", "done", "move"]


def test_move_refuses_what_it_cannot_do(plan):
    with pytest.raises(ZiError) as caught:
        move(plan, "I.9.z", "I.1.b")
    assert caught.value.message == "the journal has no records for I.9.z; nothing to move"
    record_done(plan, "I.1.a", month=1, by="Ani")
    with pytest.raises(ZiError) as caught:
        move(plan, "I.1.a", "i.1.a")
    assert caught.value.exit_code == 2 and caught.value.message == "I.1.a and I.1.a are the same action; nothing to move"
    record_done(plan, "I.1.b", month=2, by="Ani")
    with pytest.raises(ZiError) as caught:
        move(plan, "I.1.a", "I.1.b")
    assert caught.value.message.startswith("I.1.b has records of its own; move those first (zi journal move I.1.b OTHER_ID)")
    with pytest.raises(ZiError):
        move(plan, "I.1.a", "I.9.z")  # the new id must be in the plan
    assert [r.event for r in load_journal(plan).records] == ["done", "done"]
