"""fs/sharing: modes in a group-shared folder whatever the umask, and who blocks whom.

The tests run as root, for whom ``os.access`` grants everything: a file this
account "cannot write" is made so by denying it in ``os.access`` for the test,
and one test forks into the account ``nobody`` to see the real refusal.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from zi_plan.fs.sharing import account_name, blocked, file_mode, group_shared, make_folders


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _folder(parent: Path, name: str, mode: int) -> Path:
    folder = parent / name
    folder.mkdir()
    folder.chmod(mode)
    return folder



def _unused(lookup: str) -> int:
    """A user or group number with no name on this machine."""
    find = pwd.getpwuid if lookup == "user" else grp.getgrgid
    for number in range(54321, 60000):
        try:
            find(number)
        except KeyError:
            return number
    raise AssertionError("no free number")


# ---------------------------------------------------------------- group_shared and file_mode


@pytest.mark.parametrize(("mode", "shared"), [(0o755, False), (0o700, False), (0o757, False), (0o775, True), (0o2755, True), (0o2775, True), (0o2700, True)])
def test_a_folder_is_shared_when_setgid_or_group_writable(tmp_path, mode, shared):
    assert group_shared(_folder(tmp_path, "office", mode)) is shared


def test_a_missing_folder_is_not_shared(tmp_path):
    assert group_shared(tmp_path / "nowhere") is False


@pytest.mark.parametrize(("mode", "in_shared", "in_private"), [(0o644, 0o664, 0o644), (0o600, 0o660, 0o600), (0o640, 0o660, 0o640), (0o666, 0o666, 0o666)])
def test_a_file_in_a_shared_folder_gets_group_read_and_write(tmp_path, mode, in_shared, in_private):
    assert oct(file_mode(mode, _folder(tmp_path, "shared", 0o2755))) == oct(in_shared)
    assert oct(file_mode(mode, _folder(tmp_path, "private", 0o755))) == oct(in_private)
    assert oct(file_mode(mode, tmp_path / "missing")) == oct(in_private)


# ---------------------------------------------------------------- make_folders


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o2775), (0o077, 0o2770), (0o002, 0o2775), (0o027, 0o2770)])
def test_folders_made_in_a_setgid_folder_are_group_writable_and_setgid_whatever_the_umask(tmp_path, umask, mask, expected):
    office = _folder(tmp_path, "office", 0o2775)
    umask(mask)
    make_folders(office / "evidence" / "II" / "II.2")
    for made in (office / "evidence", office / "evidence" / "II", office / "evidence" / "II" / "II.2"):
        assert oct(_mode(made)) == oct(expected), made


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o775), (0o077, 0o770)])
def test_folders_made_in_a_group_writable_folder_are_group_writable_without_setgid(tmp_path, umask, mask, expected):
    office = _folder(tmp_path, "office", 0o775)
    umask(mask)
    make_folders(office / "a" / "b")
    assert (oct(_mode(office / "a")), oct(_mode(office / "a" / "b"))) == (oct(expected), oct(expected))


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o755), (0o077, 0o700)])
def test_folders_made_in_a_private_folder_follow_the_umask(tmp_path, umask, mask, expected):
    home = _folder(tmp_path, "home", 0o755)
    umask(mask)
    make_folders(home / "a" / "b")
    assert (oct(_mode(home / "a")), oct(_mode(home / "a" / "b"))) == (oct(expected), oct(expected))


def test_folders_that_exist_are_left_as_they_are(tmp_path, umask):
    office = _folder(tmp_path, "office", 0o2775)
    older = _folder(office, "evidence", 0o755)  # as an older zi left it: not zi's to change here
    umask(0o022)
    make_folders(older / "II")
    assert oct(_mode(older)) == oct(0o755)
    assert oct(_mode(older / "II")) == oct(0o755)  # made in a folder that is not shared: the umask's
    make_folders(older / "II")  # again: nothing to make, nothing fails
    assert (older / "II").is_dir()


# ---------------------------------------------------------------- account_name


def test_account_names_are_looked_up():
    assert account_name("user", 0) == "root"
    assert account_name("group", 0) == "root"
    assert account_name("user", os.getuid()) == pwd.getpwuid(os.getuid()).pw_name


def test_an_unknown_number_is_shown_as_the_number():
    user, group = _unused("user"), _unused("group")
    assert account_name("user", user) == str(user)
    assert account_name("group", group) == str(group)


def test_without_the_account_databases_the_number_is_shown(monkeypatch):
    monkeypatch.setitem(sys.modules, "pwd", None)  # as on Windows: importing them fails
    monkeypatch.setitem(sys.modules, "grp", None)
    assert account_name("user", 0) == "0"
    assert account_name("group", 0) == "0"


# ---------------------------------------------------------------- blocked


@pytest.fixture
def deny(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make this account unable to write the paths given (root otherwise may write anything)."""

    def deny_writing(*paths: Path) -> None:
        denied = {str(p) for p in paths}
        real = os.access

        def access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
            if mode & os.W_OK and str(path) in denied:
                return False
            return real(path, mode, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "access", access)

    return deny_writing


def test_nothing_in_the_way_is_none(tmp_path):
    (tmp_path / "journal.yaml").write_text("x", encoding="utf-8")
    assert blocked(tmp_path / "journal.yaml") is None
    assert blocked(tmp_path / "new" / "deeper" / "file.jpg") is None


def test_a_folder_of_anothers_in_the_shared_office_names_owner_mode_and_the_fix(tmp_path, deny):
    office = _folder(tmp_path, "office", 0o2775)
    os.chown(office, 0, grp.getgrnam("daemon").gr_gid)
    component = _folder(office, "II", 0o755)
    owner, group = _unused("user"), _unused("group")
    os.chown(component, owner, group)
    deny(component)
    message = blocked(component / "II.2" / "foto.jpg")
    assert message == (f"{component} belongs to {owner} (group {group}, mode drwxr-xr-x) and this account cannot write it; "
                       f"{owner} or an administrator can fix it with: chgrp -R daemon {component} && chmod -R g+rwX {component}")  # fmt: skip


def test_a_file_of_my_own_group_needs_only_chmod(tmp_path, deny):
    journal = tmp_path / "plan.progress.yaml"
    journal.write_text("records: []\n", encoding="utf-8")
    journal.chmod(0o644)
    os.chown(journal, 1, os.getgid())  # daemon's file, in this account's group
    deny(journal)
    message = blocked(journal)
    assert message is not None
    assert message.startswith(f"{journal} belongs to daemon (group {grp.getgrgid(os.getgid()).gr_name}, mode -rw-r--r--)")
    assert message.endswith(f"daemon or an administrator can fix it with: chmod -R g+rwX {journal}")


def test_the_culprit_is_the_nearest_existing_folder_above_a_missing_file(tmp_path, deny):
    evidence = _folder(tmp_path, "evidence", 0o755)
    os.chown(evidence, 1, _unused("group"))
    deny(evidence, tmp_path)  # the folder above is not writable either: the nearest one is named
    message = blocked(evidence / "II" / "II.2" / "foto.jpg")
    assert message is not None and message.startswith(f"{evidence} belongs to daemon ")


def test_without_a_setgid_folder_above_the_fix_names_this_accounts_group(tmp_path, deny):
    evidence = _folder(tmp_path, "evidence", 0o775)
    os.chown(evidence, 1, _unused("group"))
    deny(evidence)
    message = blocked(evidence / "foto.jpg")
    mine = grp.getgrgid(os.getgid()).gr_name
    assert message is not None and message.endswith(f"chgrp -R {mine} {evidence} && chmod -R g+rwX {evidence}")


def test_a_missing_file_in_a_folder_i_can_write_is_nobodys_fault(tmp_path, deny):
    evidence = _folder(tmp_path, "evidence", 0o755)
    deny(tmp_path)  # higher up, not in the way: the file goes into evidence/
    assert blocked(evidence / "foto.jpg") is None
    assert blocked(evidence / "II" / "foto.jpg") is None


def test_a_file_i_cannot_write_in_a_folder_i_can_is_the_file(tmp_path, deny):
    report = tmp_path / "report.html"
    report.write_text("x", encoding="utf-8")
    deny(report)
    message = blocked(report)
    assert message is not None and message.startswith(f"{report} belongs to root ")


def test_the_blocked_message_in_indonesian(tmp_path, deny, indonesian):
    folder = _folder(tmp_path, "II", 0o755)
    deny(folder)
    message = blocked(folder / "x.jpg")
    assert message is not None and message.startswith(f"{folder} milik root (grup root, mode drwxr-xr-x) dan akun ini tidak dapat menulisnya")


@pytest.mark.skipif(not hasattr(os, "fork") or os.geteuid() != 0, reason="forks into the account nobody: needs root")
def test_as_another_account_the_real_refusal_is_explained():
    top = Path(tempfile.mkdtemp(prefix="zi-sharing-", dir="/tmp"))  # pytest's own folder is closed to other accounts
    try:
        top.chmod(0o755)
        office = _folder(top, "office", 0o755)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            try:
                nobody = pwd.getpwnam("nobody")
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                os.write(write_fd, (blocked(office / "foto.jpg") or "None").encode())
            finally:
                os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            message = pipe.read().decode()
        os.waitpid(pid, 0)
        assert message.startswith(f"{office} belongs to root (group root, mode drwxr-xr-x) and this account cannot write it")
        theirs = account_name("group", pwd.getpwnam("nobody").pw_gid)
        assert message.endswith(f"chgrp -R {theirs} {office} && chmod -R g+rwX {office}")  # nobody is not in root's group
    finally:
        shutil.rmtree(top, ignore_errors=True)
