"""fsguard: only regular files are read; a failed write is one translated line."""

from __future__ import annotations

import errno
import os
import socket
import stat
from pathlib import Path

import pytest

from zi_plan import i18n
from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import (
    FolderNotFile,
    NotAFile,
    check_lock_path,
    check_output_path,
    kind_of,
    open_regular,
    read_regular,
    reason,
    require_regular,
    write_error,
)

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and symbolic links as POSIX makes them")


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        (stat.S_IFDIR, "a folder"),
        (stat.S_IFIFO, "a named pipe (FIFO)"),
        (stat.S_IFCHR, "a device"),
        (stat.S_IFBLK, "a device"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFLNK, "a symbolic link"),
        (0, "not a regular file"),
    ],
)
def test_kind_of(mode, words):
    assert kind_of(mode | 0o644) == words


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "sk.pdf"
    path.write_bytes(b"%PDF-1.7 \x00\xff")
    assert read_regular(path) == b"%PDF-1.7 \x00\xff"
    require_regular(path)
    fd = open_regular(path)
    try:
        assert os.get_blocking(fd)  # made blocking again once known to be a file
    finally:
        os.close(fd)


def test_a_folder_is_refused_as_a_folder(tmp_path):
    with pytest.raises(FolderNotFile) as raised:
        read_regular(tmp_path)
    assert isinstance(raised.value, IsADirectoryError) and raised.value.errno == errno.EISDIR
    assert raised.value.strerror == "it is a folder, not a file" and raised.value.filename == str(tmp_path)
    with pytest.raises(IsADirectoryError):
        require_regular(tmp_path)


@posix_only
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile) as raised:
        read_regular(fifo)  # a blocking open would hang here for ever
    assert not isinstance(raised.value, IsADirectoryError) and raised.value.errno == errno.EINVAL
    assert reason(raised.value) == "it is a named pipe (FIFO), not a file"
    with pytest.raises(NotAFile):
        require_regular(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_before_a_byte_is_read():
    with pytest.raises(NotAFile, match="a device"):
        read_regular(Path("/dev/zero"))


@posix_only
def test_a_symbolic_link_is_followed_only_when_asked(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("isi", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    os.close(open_regular(link))
    with pytest.raises(OSError) as raised:
        os.close(open_regular(link, follow_symlinks=False))
    assert raised.value.errno == errno.ELOOP


def test_a_missing_file_is_the_usual_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing.pdf")


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "permission denied"), (errno.EPERM, "permission denied"),
     (errno.EROFS, "the disk is read-only"), (errno.ENAMETOOLONG, "the name is too long"), (errno.ENOENT, "it does not exist")],
)  # fmt: skip
def test_reason_in_zi_words(code, words):
    assert reason(OSError(code, os.strerror(code))) == words


def test_reason_names_an_error_it_has_no_words_for():
    assert reason(OSError(errno.ECHILD, "No child processes")) == "system error ECHILD"
    assert reason(OSError(99999, "Something")) == "system error 99999"


def test_reason_without_an_errno_keeps_what_there_is():
    assert reason(OSError("disk on fire")) == "disk on fire"
    assert reason(OSError(None, "only a strerror")) == "only a strerror"


def test_reason_in_indonesian():
    try:
        i18n.set_language("id")
        full = reason(OSError(errno.ENOSPC, "No space left on device"))
    finally:
        i18n.set_language("en")
    assert full and full != "the disk is full" and "No space" not in full


def test_write_error_is_one_line_that_says_what_happened_to_the_data(tmp_path):
    error = write_error(tmp_path / "laporan.html", OSError(errno.ENOSPC, "No space"))
    assert isinstance(error, ZiError) and error.exit_code == 1
    assert error.message == f"cannot write {tmp_path / 'laporan.html'}: the disk is full; nothing was written"
    assert write_error("j.yaml", OSError(errno.EACCES, "x"), "nothing was recorded").message.endswith("; nothing was recorded")


def test_an_output_path_is_a_file_or_nothing_yet(tmp_path):
    check_output_path(tmp_path / "new.html")
    (tmp_path / "old.html").write_text("x", encoding="utf-8")
    check_output_path(tmp_path / "old.html")
    with pytest.raises(ZiError, match="is a folder, not a file: name a file to write"):
        check_output_path(tmp_path)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null here")
def test_an_output_path_is_never_a_device():
    with pytest.raises(ZiError, match="/dev/null is a device, not a file"):
        check_output_path(Path("/dev/null"))


@posix_only
def test_a_lock_path_is_a_file_or_nothing_never_a_link(tmp_path):
    lock = tmp_path / ".j.yaml.lock"
    check_lock_path(lock)
    lock.write_text("", encoding="utf-8")
    check_lock_path(lock)
    link = tmp_path / ".k.yaml.lock"
    link.symlink_to(tmp_path / "elsewhere")  # dangling: stat would say "missing", lstat sees the link
    with pytest.raises(ZiError, match="is a symbolic link, not a file: remove it"):
        check_lock_path(link)
    (tmp_path / ".f.lock").mkdir()
    with pytest.raises(ZiError, match="is a folder, not a file"):
        check_lock_path(tmp_path / ".f.lock")


def test_a_lock_path_that_cannot_be_looked_at_says_why(tmp_path):
    (tmp_path / "plan.yaml").write_text("", encoding="utf-8")
    with pytest.raises(ZiError, match="cannot use the lock file .*: part of the path is not a folder"):
        check_lock_path(tmp_path / "plan.yaml" / ".lock")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as sock:
        try:
            sock.bind(str(path))
        except OSError:  # a path too long for a socket on this system
            pytest.skip("cannot bind a Unix socket here")
        with pytest.raises(NotAFile, match="a socket"):
            require_regular(path)
