"""Nothing half-done survives: a killed copy, a stored file whose record
could not be written."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile import record

FOLDER = "I/I.1/I.1.a/2024-01"


def _partial(office, name: str = ".incoming.abc123", age: float = 60) -> Path:
    path = office.store / FOLDER / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"half a file")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_verify_never_suggests_recording_a_partial_copy(zi, office):
    partial = _partial(office)
    result = zi("verify", "--plan", str(office.plan))
    assert "record it with" not in result.out
    assert str(partial) in result.out and "partial copy" in result.out
    data = json.loads(zi("verify", "--json", "--plan", str(office.plan)).out)
    assert data["unrecorded"] == [] and data["partial"] == [str(partial)]


@pytest.mark.parametrize("args", [("done", "II.1.a", "-m", "3"), ("undo", "I.1.a", "-m", "1")], ids=lambda a: a[0])
def test_the_next_writer_removes_partial_copies(zi, office, args):
    office.write_journal(record())
    partials = [_partial(office), _partial(office, ".incoming.other")]
    keep = office.store / FOLDER / "foto.jpg"
    keep.write_bytes(b"kept")
    assert zi(*args, "--plan", str(office.plan)).code == 0
    assert not any(p.exists() for p in partials)
    assert keep.exists()  # an unrecorded file is the user's to decide about, not ours


def test_a_partial_copy_newer_than_the_lock_is_left_alone(office):
    from zi_plan.store.evidence import clean_partials
    from zi_plan.store.journal import load_journal
    from zi_plan.store.plans import load_plan

    fresh = _partial(office, age=-30)  # made after we took the lock: another writer's, not ours to remove
    journal = load_journal(load_plan(office.plan))
    assert clean_partials(journal, time.time()) == 0 and fresh.exists()


def test_a_killed_done_leaves_no_partial_file_after_the_next_done(zi, office, tmp_path):
    big = tmp_path / "big.bin"
    with big.open("wb") as fh:
        fh.truncate(400 << 20)  # sparse: big to copy, cheap to make
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZI_")} | {"ZI_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "zi_plan", "done", "I.1.a", "-m", "1", "-e", str(big), "--plan", str(office.plan)],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.time() + 20
    while time.time() < deadline and not list(office.store.rglob(".incoming.*")):
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = list(office.store.rglob(".incoming.*"))
    if not left:
        pytest.skip("the copy finished before it could be killed")
    assert zi("done", "II.1.a", "-m", "3", "--plan", str(office.plan)).code == 0
    assert not list(office.store.rglob(".incoming.*"))
    assert zi("verify", "--plan", str(office.plan)).code == 0


def test_a_stored_file_whose_record_cannot_be_written_is_removed(zi, office, tmp_path, monkeypatch):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"foto")
    real = os.fsync
    calls = []

    def full_on_journal(fd: int) -> None:
        calls.append(fd)
        if len(calls) >= 2:  # the evidence copy syncs first, then the journal's temp file
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", full_on_journal)
    result = zi("done", "I.1.a", "-m", "1", "-e", str(photo), "--plan", str(office.plan))
    assert result.code == 1 and "disk is full" in result.err and "nothing was recorded" in result.err
    assert not office.journal.exists()
    assert [p for p in office.store.rglob("*") if p.is_file()] == []  # no orphan, no temp file
    monkeypatch.setattr(os, "fsync", real)
    verify = json.loads(zi("verify", "--json", "--plan", str(office.plan)).out)
    assert verify["unrecorded"] == [] and verify["partial"] == []


def test_the_same_content_already_stored_is_not_removed_on_failure(zi, office, tmp_path, monkeypatch):
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"foto")
    assert zi("done", "I.1.a", "-m", "1", "-e", str(photo), "--plan", str(office.plan)).code == 0
    # Reopened and done again with the same file (an --add of it is refused before any write).
    assert zi("undo", "I.1.a", "-m", "1", "--plan", str(office.plan)).code == 0
    stored = office.store / FOLDER / "foto.jpg"
    journal = office.journal.read_bytes()
    real = os.replace

    def fail_journal(src: object, dst: object) -> None:
        if str(dst).endswith(".progress.yaml"):
            raise OSError(errno.ENOSPC, "No space left on device")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail_journal)
    result = zi("done", "I.1.a", "-m", "1", "-e", str(photo), "--plan", str(office.plan))
    assert result.code == 1 and "disk is full" in result.err
    assert stored.exists() and office.journal.read_bytes() == journal  # the earlier record's file stays


def test_a_half_written_journal_left_by_a_killed_writer_is_removed(zi, office):
    office.write_journal(record())
    stale = office.root / ".plan.progress.yaml.x1y2z3.tmp"
    stale.write_text("journal: 1\nrecords:\n- act", encoding="utf-8")
    then = time.time() - 60
    os.utime(stale, (then, then))
    assert zi("done", "II.1.a", "-m", "3", "--plan", str(office.plan)).code == 0
    assert not stale.exists()
