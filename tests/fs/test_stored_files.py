"""fs.stored_files: stored files opened folder by folder; what it cannot vouch for is left to the jail."""

from __future__ import annotations

import os
import sys

import pytest

from zi_plan.fs import stored_files
from zi_plan.fs.jail import Refused, open_stored
from zi_plan.fs.stored_files import StoredFiles, plain_parts

pytestmark = pytest.mark.skipif(not stored_files.WALKS, reason="no openat here: every file goes to the jail")


@pytest.mark.parametrize("stored", ["I/I.1/I.1.a/2024-01/sk.pdf", "sk.pdf", "a b/c d.pdf", "I/x..y.pdf"])
def test_plain_parts_of_a_plain_path(stored):
    assert plain_parts(stored) == stored.split("/")


@pytest.mark.parametrize("stored", ["", "  ", "/etc/passwd", "~/x", "C:x", "a\\b", "a//b", "./a", "a/../b", "a/.", "a/", "..", "a\x00b"])
def test_plain_parts_leaves_anything_else_to_the_jail(stored):
    assert plain_parts(stored) is None


@pytest.fixture
def store(tmp_path):
    """A store with a file of each kind the jail tells apart, and a file outside it."""
    root = tmp_path / "plan.evidence"
    (root / "I" / "I.1").mkdir(parents=True)
    (root / "I" / "I.1" / "sk.pdf").write_bytes(b"%PDF sk")
    (root / "I" / "I.1" / "foto.jpg").write_bytes(b"foto")
    (root / "II").mkdir()
    (root / "II" / "notulen.pdf").write_bytes(b"notulen")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    (root / "I" / "inside-link.pdf").symlink_to(root / "I" / "I.1" / "sk.pdf")
    (root / "I" / "outside-link.pdf").symlink_to(tmp_path / "secret.txt")
    (root / "linked-folder").symlink_to(root / "I" / "I.1")
    (root / "out-folder").symlink_to(tmp_path)
    (root / "a-folder.pdf").mkdir()
    os.mkfifo(root / "fifo.pdf")
    return root


PATHS = ["I/I.1/sk.pdf", "I/I.1/foto.jpg", "II/notulen.pdf", "I/I.1/missing.pdf", "III/missing.pdf", "I/inside-link.pdf",
         "I/outside-link.pdf", "linked-folder/sk.pdf", "out-folder/secret.txt", "a-folder.pdf", "fifo.pdf", "I/I.1/sk.pdf/x",
         "../secret.txt", "I/../II/notulen.pdf", "/etc/passwd"]  # fmt: skip


def read(opened) -> bytes:
    fd, st = opened
    try:
        assert st.st_size == os.fstat(fd).st_size
        return os.read(fd, 1 << 16)
    finally:
        os.close(fd)


def test_plain_files_open_and_everything_else_goes_to_the_jail(store):
    with StoredFiles(store) as files:
        opened = {path: files.open(path) for path in PATHS}
    assert {p for p, o in opened.items() if o is not None} == {"I/I.1/sk.pdf", "I/I.1/foto.jpg", "II/notulen.pdf"}
    assert read(opened["I/I.1/sk.pdf"]) == b"%PDF sk"
    assert read(opened["II/notulen.pdf"]) == b"notulen"
    read(opened["I/I.1/foto.jpg"])


@pytest.mark.parametrize("path", PATHS)
def test_what_it_opens_the_jail_opens_too_and_the_same_file(store, path):
    with StoredFiles(store) as files:
        opened = files.open(path)
    if opened is None:
        return
    fd, st = opened
    os.close(fd)
    try:
        with open_stored(store, path) as fh:
            jailed = os.fstat(fh.fileno())
    except (Refused, FileNotFoundError) as exc:
        pytest.fail(f"{path}: opened here, refused by the jail ({exc})")
    assert (jailed.st_dev, jailed.st_ino) == (st.st_dev, st.st_ino)


def test_a_missing_store_leaves_every_file_to_the_jail(tmp_path):
    with StoredFiles(tmp_path / "none.evidence") as files:
        assert files.open("I/sk.pdf") is None


def test_a_folder_swapped_for_a_link_is_not_followed(store, tmp_path):
    with StoredFiles(store) as files:
        read(files.open("II/notulen.pdf"))
        os.rename(store / "II", tmp_path / "II-moved")
        (store / "II").symlink_to(tmp_path / "II-moved")
        files.open("I/I.1/sk.pdf")  # another folder in between: II's is closed
        assert files.open("II/notulen.pdf") is None


def test_without_openat_every_file_goes_to_the_jail(store, monkeypatch):
    monkeypatch.setattr(stored_files, "WALKS", False)
    with StoredFiles(store) as files:
        assert files.open("I/I.1/sk.pdf") is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_it_closes_every_folder(store):
    before = len(os.listdir("/proc/self/fd"))
    with StoredFiles(store) as files:
        for path in PATHS:
            opened = files.open(path)
            if opened is not None:
                os.close(opened[0])
    assert len(os.listdir("/proc/self/fd")) == before
