"""progress.corrections: replacing a wrong stored file and restoring a damaged one, each a record, nothing deleted."""

from __future__ import annotations

import hashlib

import pytest

from tests.journals import plan_at
from zi_plan.errors import ZiError
from zi_plan.lke.answers import AnswerRestore
from zi_plan.lke.worksheet import load_worksheet
from zi_plan.progress.answers import record_answers
from zi_plan.progress.corrections import replace, restore
from zi_plan.progress.recording import record_done
from zi_plan.store.journal import load_journal

STORED = "I/I.1/I.1.a/2024-01/sk.pdf"


@pytest.fixture
def plan(tmp_path):
    return plan_at(tmp_path)


@pytest.fixture
def files(tmp_path):
    """The file recorded, a corrected one, and a copy of the first kept by someone."""
    (tmp_path / "sk.pdf").write_bytes(b"%PDF salah")
    (tmp_path / "sk-benar.pdf").write_bytes(b"%PDF benar")
    (tmp_path / "salinan.pdf").write_bytes(b"%PDF salah")
    return tmp_path


@pytest.fixture
def done(plan, files):
    return record_done(plan, "I.1.a", month=1, evidence=[str(files / "sk.pdf")], by="Ani")


@pytest.mark.parametrize("old", ["sk.pdf", STORED, "plan.evidence/" + STORED])
def test_replace_withdraws_the_old_file_and_keeps_the_new(plan, files, done, old):
    result = replace(plan, "I.1.a", 1, old, str(files / "sk-benar.pdf"), note=" salah unggah ", by="Budi")
    assert (result.record.event, result.record.note, result.record.by) == ("replace", "salah unggah", "Budi")
    assert result.old.path == STORED and result.record.replaces == (result.old,)
    assert result.new.path == "I/I.1/I.1.a/2024-01/sk-benar.pdf" and result.record.evidence == (result.new,)
    assert (done.journal.evidence_dir / STORED).read_bytes() == b"%PDF salah"  # kept, for history
    occurrence = load_journal(plan).occurrence("I.1.a", 1)
    assert [e.path for _r, e in occurrence.evidence] == [result.new.path] and [w.entry.path for w in occurrence.withdrawn] == [STORED]


def test_replace_refuses_what_is_not_current_evidence(plan, files, done):
    with pytest.raises(ZiError) as caught:
        replace(plan, "I.1.a", 1, "foto.jpg", str(files / "sk-benar.pdf"))
    assert caught.value.message == f"I.1.a January 2024 has no evidence foto.jpg; its evidence now: {STORED} (as zi show I.1.a prints it)"
    replace(plan, "I.1.a", 1, "sk.pdf", str(files / "sk-benar.pdf"))
    with pytest.raises(ZiError) as caught:
        replace(plan, "I.1.a", 1, "sk.pdf", str(files / "salinan.pdf"))
    assert caught.value.message == "sk.pdf was already withdrawn from I.1.a January 2024; nothing recorded"
    with pytest.raises(ZiError) as caught:
        replace(plan, "I.1.a", 2, "sk.pdf", str(files / "sk-benar.pdf"))
    assert caught.value.message.startswith("I.1.a is not scheduled in February")


def test_replace_by_the_same_content_is_refused_or_pointed_at_restore(plan, files, done):
    with pytest.raises(ZiError) as caught:
        replace(plan, "I.1.a", 1, "sk.pdf", str(files / "salinan.pdf"))
    assert caught.value.message == f"{files / 'salinan.pdf'} has the same content as the stored {STORED}; nothing to replace"
    (done.journal.evidence_dir / STORED).write_bytes(b"rusak")
    with pytest.raises(ZiError) as caught:
        replace(plan, "I.1.a", 1, "sk.pdf", str(files / "salinan.pdf"))
    assert caught.value.message.endswith(f"put it back with zi evidence restore {STORED} {files / 'salinan.pdf'}")
    assert [r.event for r in load_journal(plan).records] == ["done"]


def test_restore_of_an_intact_file_records_nothing(plan, files, done):
    result = restore(plan, STORED, str(files / "salinan.pdf"))
    assert result.record is None and result.old.path == STORED
    assert [r.event for r in load_journal(plan).records] == ["done"]


def test_restore_puts_a_missing_file_back(plan, files, done):
    (done.journal.evidence_dir / STORED).unlink()
    result = restore(plan, STORED, str(files / "salinan.pdf"), note="dari arsip", by="Budi")
    assert (result.record.event, result.record.note, result.record.replaces) == ("restore", "dari arsip", ())
    assert (done.journal.evidence_dir / STORED).read_bytes() == b"%PDF salah"


def test_restore_sets_a_damaged_copy_aside_under_a_name_that_says_so(plan, files, done):
    full = done.journal.evidence_dir / STORED
    sha = hashlib.sha256(b"rusak").hexdigest()
    for suffix in ("", "-2"):  # damaged the same way twice: the second copy aside is numbered
        full.write_bytes(b"rusak")
        [aside] = restore(plan, STORED, str(files / "salinan.pdf")).record.replaces
        assert (aside.path, aside.sha256) == (f"{STORED}.damaged-{sha[:12]}{suffix}", sha)
        assert (done.journal.evidence_dir / aside.path).read_bytes() == b"rusak"
    assert full.read_bytes() == b"%PDF salah"


def test_restore_refuses_another_file_a_link_or_an_unknown_path(plan, files, done):
    (done.journal.evidence_dir / STORED).unlink()
    with pytest.raises(ZiError) as caught:
        restore(plan, STORED, str(files / "sk-benar.pdf"))
    assert "is not the recorded file: its sha256 is" in caught.value.message and caught.value.message.endswith("nothing restored")
    with pytest.raises(ZiError) as caught:
        restore(plan, STORED, "https://example.org/sk.pdf")
    assert caught.value.exit_code == 2 and "is a link" in caught.value.message
    with pytest.raises(ZiError) as caught:
        restore(plan, "I/lain.pdf", str(files / "salinan.pdf"))
    assert caught.value.message == "no record names a stored file I/lain.pdf; zi show ID lists an action's stored files"
    assert not (done.journal.evidence_dir / STORED).exists()


def test_restore_of_an_answers_file_is_recorded_for_its_question(plan, files):
    question = load_worksheet().question("P.1.i.a")
    [answer], journal = record_answers(plan, [(question, "Ya", None)], evidence=[str(files / "sk.pdf")], by="Ani")
    stored = answer.evidence[0].path
    (journal.evidence_dir / stored).unlink()
    result = restore(plan, stored, str(files / "salinan.pdf"), by="Budi")
    assert isinstance(result.record, AnswerRestore) and (result.record.code, result.record.by) == ("P.1.i.a", "Budi")
    assert (journal.evidence_dir / stored).read_bytes() == b"%PDF salah"
