"""jail: a journal can only name files inside the evidence store, and never through a link."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from zi_plan.fs.jail import Checked, Refused, check_folder, check_stored, locate, open_stored, path_problem

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symbolic links as POSIX makes them")
STORED = "I/I.1/I.1.a/2024-01/foto.jpg"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    root = tmp_path / "plan.evidence"
    (root / STORED).parent.mkdir(parents=True)
    (root / STORED).write_bytes(b"foto")
    return root


@pytest.mark.parametrize("stored", [STORED, "foto.jpg", "I/./I.1//x.jpg", "a..b/c..d.jpg", "nama dengan spasi.pdf"])
def test_paths_in_the_store_are_fine(stored):
    assert path_problem(stored) is None


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        ("", "must name a file"), ("   ", "must name a file"), ("a\x00b", "must name a file"),
        ("/etc/passwd", "is absolute"), ("C:/Windows/x", "is absolute"), ("c:x", "is absolute"), ("\\\\server\\share", "is absolute"),
        ("~/x", "is absolute"), ("../x", "'..' is not allowed"), ("I/../../x", "'..' is not allowed"), ("I\\..\\..\\x", "'..' is not allowed"),
        ("I/..", "'..' is not allowed"),
    ],
)  # fmt: skip
def test_paths_out_of_the_store_are_refused_with_why(stored, words):
    assert words in (path_problem(stored) or "")


def test_a_long_path_is_quoted_short():
    problem = path_problem("/" + "x" * 500) or ""
    assert "x" * 119 in problem and "x" * 120 not in problem


def test_locate_gives_the_full_path_inside(store):
    assert locate(store, STORED) == store / STORED
    assert locate(store, "not/there/yet.pdf") == store / "not/there/yet.pdf"  # missing is not refused here


def test_locate_refuses_the_store_itself_and_anything_out_of_it(store):
    for stored in ("../x", "/etc/passwd"):
        with pytest.raises(Refused) as raised:
            locate(store, stored)
        assert raised.value.state == "outside" and raised.value.why == path_problem(stored)
    with pytest.raises(Refused):
        locate(store, ".")


@posix_only
def test_a_link_out_of_the_store_is_refused(store, tmp_path):
    (tmp_path / "secret.txt").write_text("rahasia", encoding="utf-8")
    (store / "I" / "out").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(Refused, match="through a symbolic link") as raised:
        locate(store, "I/out/secret.txt")
    assert raised.value.state == "outside"
    assert check_stored(store, "I/out/secret.txt", None).state == "outside"


@posix_only
def test_a_loop_of_links_is_refused(store):
    (store / "a").symlink_to(store / "b")
    (store / "b").symlink_to(store / "a")
    with pytest.raises(Refused) as raised:
        locate(store, "a/x.jpg")
    assert raised.value.state == "outside"


@posix_only
def test_a_link_inside_the_store_is_not_opened_either(store):
    (store / "alias.jpg").symlink_to(store / STORED)
    with pytest.raises(Refused, match="is a symbolic link, not a stored file") as raised:
        open_stored(store, "alias.jpg")
    assert raised.value.state == "not-a-file"


@posix_only
def test_a_fifo_in_the_store_is_never_read(store):
    os.mkfifo(store / "pipe")
    checked = check_stored(store, "pipe", "0" * 64)
    assert checked.state == "not-a-file" and "named pipe" in (checked.why or "")


def test_open_stored_reads_the_file(store):
    with open_stored(store, STORED) as fh:
        assert fh.read() == b"foto"
    with pytest.raises(FileNotFoundError):
        open_stored(store, "I/missing.jpg")


def test_check_stored_hashes_against_the_record(store):
    sha = hashlib.sha256(b"foto").hexdigest()
    assert check_stored(store, STORED, sha) == Checked("ok", sha)
    assert check_stored(store, STORED, "0" * 64) == Checked("changed", sha)
    assert check_stored(store, "I/missing.jpg", sha) == Checked("missing")
    assert check_stored(store, f"{STORED}/below-a-file.jpg", sha) == Checked("missing")  # a file where a folder should be
    assert check_stored(store, "../../etc/passwd", sha).state == "outside"


def test_check_folder(store, tmp_path):
    check_folder(store, store / "II" / "II.1")  # not made yet: still inside
    check_folder(store, store)
    with pytest.raises(Refused, match="leads outside the evidence folder"):
        check_folder(store, tmp_path / "elsewhere")


@posix_only
def test_check_folder_sees_through_a_planted_link(store, tmp_path):
    (store / "II").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(Refused, match="remove the link"):
        check_folder(store, store / "II" / "II.1")
