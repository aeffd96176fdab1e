"""One office folder, several accounts: modes follow the umask, the journal keeps its own."""

from __future__ import annotations

import grp
import io
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.cli import main
from zi_plan.fs import permissions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_new_files_follow_the_umask(zi, tmp_path, umask, mask):
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(b"jpeg")
    photo.chmod(0o600)  # a download, private: the stored copy still follows the umask
    umask(mask)
    assert zi("done", "II.2.a", "-m", "4", "-e", str(photo)).code == 0
    for args in (("report", "-m", "4"), ("publish",), ("export", "--format", "csv"), ("evidence", "pack")):
        assert zi(*args).code == 0, args
    expected = 0o666 & ~mask
    written = [
        tmp_path / "plans" / "tambrauw-2023.progress.yaml",
        tmp_path / "plans" / "tambrauw-2023.evidence" / "II/II.2/II.2.a/2023-04/foto.jpg",
        tmp_path / "monev-report-2023-04.html",
        tmp_path / "action-plan-2023.html",
        tmp_path / "action-plan-2023.csv",
        tmp_path / "evidence-2023.zip",
    ]
    assert {p.name: oct(_mode(p)) for p in written} == {p.name: oct(expected) for p in written}


def test_a_rewritten_journal_keeps_its_mode(zi, tmp_path, umask):
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml")
    journal = tmp_path / "plans" / "tambrauw-2023.progress.yaml"
    umask(0o022)
    assert zi("done", "II.2.a", "-m", "4").code == 0
    journal.chmod(0o660)  # the office made it group-writable
    assert zi("done", "II.2.a", "-m", "5").code == 0
    assert zi("undo", "II.2.a", "-m", "5").code == 0
    assert _mode(journal) == 0o660


# ---------------------------------------------------------------- two accounts


def _why_no_accounts() -> str | None:
    if not hasattr(os, "fork") or sys.platform == "win32":
        return "needs POSIX accounts and fork"
    if os.geteuid() != 0:
        return "needs root to create two accounts with useradd/groupadd (CI runs as root)"
    if not (shutil.which("useradd") and shutil.which("groupadd") and shutil.which("userdel")):
        return "useradd/groupadd/userdel are not installed"
    return None


@pytest.fixture
def accounts() -> Iterator[tuple[str, str, str]]:
    """Two fresh accounts, 'a' and 'b', in a fresh group: (user a, user b, group)."""
    reason = _why_no_accounts()
    if reason and os.environ.get("CI"):
        pytest.fail(f"CI runs as root and must run the two-account tests: {reason}")
    if reason:
        pytest.skip(reason)
    tag = f"{os.getpid() % 100000}"
    group, users = f"zi-office-{tag}", [f"zi-a-{tag}", f"zi-b-{tag}"]
    made: list[list[str]] = []
    try:
        for command in (["groupadd", group], *(["useradd", "-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", u] for u in users)):
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                (pytest.fail if os.environ.get("CI") else pytest.skip)(f"cannot create a test account ({' '.join(command)}): {result.stderr.strip()}")
            made.append(command)
        yield users[0], users[1], group
    finally:
        for command in reversed(made):
            undo = ["userdel", command[-1]] if command[0] == "useradd" else ["groupdel", group]
            subprocess.run(undo, capture_output=True, check=False)


def _run_as(user: str, args: list[str], cwd: Path, home: Path, mask: int = 0o002) -> tuple[int, str]:
    """Run zi's entry point in a forked child that has become ``user`` (umask ``mask``).

    A fork, not a new process: the interpreter may live where other accounts
    cannot read it (here under /root); every module zi needs is imported before.
    """
    entry = pwd.getpwnam(user)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        code = 99
        try:
            os.close(read_fd)
            os.setgroups([entry.pw_gid])
            os.setgid(entry.pw_gid)
            os.setuid(entry.pw_uid)
            os.umask(mask)
            permissions.umask.cache_clear()
            os.chdir(cwd)
            os.environ.update(HOME=str(home), USER=user, LOGNAME=user, XDG_CACHE_HOME=str(home / "cache"))
            out = io.StringIO()
            sys.stdout = sys.stderr = out
            try:
                code = main(args)
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                out.write(f"{type(exc).__name__}: {exc}")
            os.write(write_fd, out.getvalue().encode("utf-8", "replace"))
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        output = pipe.read().decode("utf-8")
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), output


def _warm_up(tmp_path: Path) -> None:
    # Import everything the commands import lazily, while root can still read it.
    scratch = tmp_path / "warm"
    (scratch / "plans").mkdir(parents=True)
    shutil.copy(PLAN, scratch / "plans" / "tambrauw-2023.yaml")
    cwd = Path.cwd()
    os.chdir(scratch)
    try:
        photo = scratch / "x.jpg"
        photo.write_bytes(b"x")
        for args in (["done", "II.2.a", "-m", "4", "-e", str(photo)], ["due", "-m", "4"], ["verify"],
                     ["report", "-m", "4"], ["export", "--format", "csv"], ["evidence", "pack"], ["teams"]):  # fmt: skip
            with open(os.devnull, "w") as sink:
                saved = sys.stdout, sys.stderr
                sys.stdout = sys.stderr = sink
                try:
                    main(args)
                finally:
                    sys.stdout, sys.stderr = saved
    finally:
        os.chdir(cwd)


def test_two_accounts_share_one_office_folder(accounts, tmp_path):
    user_a, user_b, group = accounts
    gid = grp.getgrnam(group).gr_gid
    _warm_up(tmp_path)
    # Outside pytest's private tmp folder, which other accounts cannot enter.
    shared = Path(tempfile.mkdtemp(prefix="zi-office-", dir="/tmp"))
    try:
        shared.chmod(0o755)
        office = shared / "kantor"
        (office / "plans").mkdir(parents=True)
        shutil.copy(PLAN, office / "plans" / "tambrauw-2023.yaml")
        for folder in (office, office / "plans"):
            os.chown(folder, 0, gid)
            folder.chmod(0o2775)  # setgid: new files belong to the office's group
        (office / "plans" / "tambrauw-2023.yaml").chmod(0o644)
        photo = office / "absen.jpg"
        photo.write_bytes(b"jpeg")
        homes = {}
        for user in (user_a, user_b):
            homes[user] = shared / f"home-{user}"
            homes[user].mkdir()
            os.chown(homes[user], pwd.getpwnam(user).pw_uid, gid)
        journal = office / "plans" / "tambrauw-2023.progress.yaml"

        code, out = _run_as(user_a, ["done", "II.2.a", "-m", "4", "-e", str(photo)], office, homes[user_a])
        assert code == 0, out
        code, out = _run_as(user_a, ["report", "-m", "4"], office, homes[user_a])
        assert code == 0, out
        code, out = _run_as(user_b, ["due", "-m", "4"], office, homes[user_b])
        assert code == 0 and "permission denied" not in out.lower(), out
        code, out = _run_as(user_b, ["done", "II.2.a", "-m", "5"], office, homes[user_b])
        assert code == 0, out
        daftar = office / "daftar-hadir.pdf"
        daftar.write_bytes(b"%PDF hadir")
        code, out = _run_as(user_b, ["done", "II.2.a", "-m", "4", "--add", "-e", str(daftar)], office, homes[user_b])
        assert code == 0, out  # into the evidence folder the first account made
        code, out = _run_as(user_b, ["verify"], office, homes[user_b])
        assert code == 0, out
        assert stat.S_IMODE(journal.stat().st_mode) == 0o664 and journal.stat().st_gid == gid
        report = office / "monev-report-2023-04.html"
        assert stat.S_IMODE(report.stat().st_mode) & 0o044 == 0o044  # readable by the group and others
        stored = office / "plans" / "tambrauw-2023.evidence" / "II/II.2/II.2.a/2023-04/absen.jpg"
        assert stat.S_IMODE(stored.stat().st_mode) == 0o664

        journal.chmod(0o660)  # the office closes it to others; the journal must stay so
        code, out = _run_as(user_a, ["done", "II.2.a", "-m", "6"], office, homes[user_a])
        assert code == 0, out
        assert stat.S_IMODE(journal.stat().st_mode) == 0o660 and journal.stat().st_gid == gid
        code, out = _run_as(user_b, ["undo", "II.2.a", "-m", "6"], office, homes[user_b])
        assert code == 0, out
        assert journal.read_text(encoding="utf-8").count("action: II.2.a") == 5
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def _office(shared: Path, gid: int, users: list[str]) -> tuple[Path, dict[str, Path]]:
    """A setgid office folder of the group, with the plan, and a home per account."""
    shared.chmod(0o755)
    office = shared / "kantor"
    (office / "plans").mkdir(parents=True)
    shutil.copy(PLAN, office / "plans" / "tambrauw-2023.yaml")
    for folder in (office, office / "plans"):
        os.chown(folder, 0, gid)
        folder.chmod(0o2775)
    (office / "plans" / "tambrauw-2023.yaml").chmod(0o644)
    homes = {}
    for user in users:
        homes[user] = shared / f"home-{user}"
        homes[user].mkdir()
        os.chown(homes[user], pwd.getpwnam(user).pw_uid, gid)
    return office, homes


def test_a_colleague_with_umask_022_locks_nobody_out(accounts, tmp_path):
    """Account a keeps the usual umask 022; b, in the same group, still records everywhere after a."""
    user_a, user_b, group = accounts
    gid = grp.getgrnam(group).gr_gid
    _warm_up(tmp_path)
    shared = Path(tempfile.mkdtemp(prefix="zi-office-", dir="/tmp"))
    try:
        office, homes = _office(shared, gid, [user_a, user_b])
        photo = office / "absen.jpg"
        photo.write_bytes(b"jpeg")
        photo.chmod(0o644)
        plans = office / "plans"
        # a, umask 022, is the first to write: journal, lock, evidence folders of component II, a report.
        for args in (["done", "II.2.a", "-m", "4", "-e", str(photo)], ["lke", "answer", "P.1.i.a", "Ya", "-e", str(photo)], ["report", "-m", "4"]):
            code, out = _run_as(user_a, args, office, homes[user_a], mask=0o022)
            assert code == 0, out
        made = [plans / "tambrauw-2023.progress.yaml", plans / ".tambrauw-2023.progress.yaml.lock", office / "monev-report-2023-04.html"]
        folders = [plans / "tambrauw-2023.evidence", plans / "tambrauw-2023.evidence/II", plans / "tambrauw-2023.evidence/II/II.2/II.2.a/2023-04",
                   plans / "tambrauw-2023.evidence/LKE/P.1.i.a"]  # fmt: skip
        for path in made:
            assert stat.S_IMODE(path.stat().st_mode) & 0o060 == 0o060, (path, oct(path.stat().st_mode))
            assert path.stat().st_gid == gid
        for folder in folders:
            assert stat.S_IMODE(folder.stat().st_mode) & 0o2070 == 0o2070, (folder, oct(folder.stat().st_mode))
        stored = plans / "tambrauw-2023.evidence/II/II.2/II.2.a/2023-04/absen.jpg"
        assert stat.S_IMODE(stored.stat().st_mode) == 0o664
        # b, umask 022 as well: the same component, another action, the same month's folder, the journal.
        daftar = office / "daftar.pdf"
        daftar.write_bytes(b"%PDF")
        daftar.chmod(0o644)
        for args in (["done", "II.2.b", "-m", "4", "-e", str(daftar)], ["done", "II.2.a", "-m", "4", "--add", "-e", str(daftar)],
                     ["undo", "II.2.a", "-m", "4"], ["report", "-m", "4", "--force"], ["verify"]):  # fmt: skip
            code, out = _run_as(user_b, args, office, homes[user_b], mask=0o022)
            assert code == 0 and "permission denied" not in out.lower(), (args, out)
        code, out = _run_as(user_a, ["doctor"], office, homes[user_a], mask=0o022)
        assert code == 0, out
    finally:
        shutil.rmtree(shared, ignore_errors=True)


def test_a_blocking_file_is_named_with_its_owner_and_the_fix(accounts, tmp_path):
    """A folder an older zi made 0755 for a: b is told whose it is and the one command that fixes it."""
    user_a, user_b, group = accounts
    gid = grp.getgrnam(group).gr_gid
    _warm_up(tmp_path)
    shared = Path(tempfile.mkdtemp(prefix="zi-office-", dir="/tmp"))
    try:
        office, homes = _office(shared, gid, [user_a, user_b])
        component = office / "plans" / "tambrauw-2023.evidence" / "II"
        component.mkdir(parents=True)
        for folder in (component.parent, component):
            os.chown(folder, pwd.getpwnam(user_a).pw_uid, gid)
            folder.chmod(0o755)  # as the previous release left it under umask 022
        photo = office / "foto.jpg"
        photo.write_bytes(b"jpeg")
        photo.chmod(0o644)
        for lang, words in (("en", "belongs to"), ("id", "milik")):
            code, out = _run_as(user_b, ["--lang", lang, "done", "II.2.a", "-m", "4", "-e", str(photo)], office, homes[user_b])
            assert code == 1, out
            where = "plans/tambrauw-2023.evidence/II"  # as zi prints paths below the current folder
            assert f"{where} " in out and user_a in out and "drwxr-xr-x" in out and words in out
            assert f"chmod -R g+rwX {where}\n" in out and "--plan" not in out  # never "copy the plan elsewhere"
        code, out = _run_as(user_b, ["doctor"], office, homes[user_b])
        assert code == 1 and "chmod -R g+rwX,g+s plans/tambrauw-2023.evidence/II\n" in out
        code, out = _run_as(user_a, ["--lang", "id", "doctor"], office, homes[user_a])
        assert code == 1 and "drwxr-xr-x" in out
        subprocess.run(["chmod", "-R", "g+rwX", str(component.parent)], check=True)  # the fix, as the owner would run it
        code, out = _run_as(user_b, ["done", "II.2.a", "-m", "4", "-e", str(photo)], office, homes[user_b])
        assert code == 0, out
    finally:
        shutil.rmtree(shared, ignore_errors=True)
