"""Installed once for every account (docs/install-shared.md), and used by a second Unix account.

.ci/run installs zi as the document says (its lines, word for word, without
sudo); this test then runs that `zi`, found on the PATH, as real accounts
other than root (runuser), in a setgid office folder, one of them with the
usual umask 022. Under CI it must run: it fails rather than skips.
"""

from __future__ import annotations

import grp
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import PLAN, REPO
from tests.fs.test_permissions import _office, accounts  # noqa: F401 - the fixture, shared
from zi_plan import __version__

DOC = REPO / "docs" / "install-shared.en.md"
SHARED_ZI = Path("/usr/local/bin/zi")


def _doc_commands(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    block = re.search(r"## A virtual environment under /opt.*?```sh\n(.*?)```", text, re.DOTALL)
    assert block, "docs/install-shared.md lost its /opt install block"
    return [line.removeprefix("sudo ").strip() for line in block.group(1).splitlines() if line.strip()]


def test_ci_runs_the_documented_install_word_for_word():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = _doc_commands(DOC)
    assert len(commands) == 3
    for command in commands:
        assert command in ci, command
    indonesian = _doc_commands_id()
    assert indonesian == commands  # both languages give the same commands


def _doc_commands_id() -> list[str]:
    text = (REPO / "docs" / "install-shared.md").read_text(encoding="utf-8")
    block = re.search(r"## Lingkungan virtual di /opt.*?```sh\n(.*?)```", text, re.DOTALL)
    assert block
    return [line.removeprefix("sudo ").strip() for line in block.group(1).splitlines() if line.strip()]


def _why_not() -> str | None:
    if os.geteuid() != 0:
        return "needs root to run zi as other accounts"
    if not shutil.which("runuser"):
        return "runuser is not installed"
    if not (SHARED_ZI.exists() and os.path.realpath(SHARED_ZI).startswith("/opt/zi-plan/")):
        return f"{SHARED_ZI} is not the shared install of docs/install-shared.md (.ci/run makes it)"
    return None


def _as(user: str, command: str, cwd: Path, mask: str) -> subprocess.CompletedProcess[str]:
    """``command`` in a login-like shell of ``user``: their own umask, PATH as a fresh account has it."""
    script = f"umask {mask} && cd {cwd} && {command}"
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(cwd.parent / f"home-{user}"), "LANG": "C.UTF-8"}
    return subprocess.run(["runuser", "-u", user, "--", "env", "-i", *[f"{k}={v}" for k, v in env.items()], "sh", "-c", script],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip


def test_a_second_account_runs_the_shared_install(accounts):  # noqa: F811 - the fixture
    why = _why_not()
    if why and os.environ.get("CI"):
        pytest.fail(f"CI must test the shared install: {why}")
    if why:
        pytest.skip(why)
    user_a, user_b, group = accounts
    gid = grp.getgrnam(group).gr_gid
    shared = Path(tempfile.mkdtemp(prefix="zi-install-", dir="/tmp"))
    try:
        office, _homes = _office(shared, gid, [user_a, user_b])
        assert (office / "plans" / PLAN.name).exists()
        version = _as(user_b, "zi --version", office, "022")
        assert version.returncode == 0 and version.stdout.strip() == f"zi {__version__}", version.stderr
        (office / "bukti.pdf").write_bytes(b"%PDF")
        (office / "bukti.pdf").chmod(0o644)
        steps = [(user_a, "022", "zi done II.2.a -m 4 -e bukti.pdf"), (user_b, "022", "zi done II.2.b -m 4 -e bukti.pdf"),
                 (user_a, "022", "zi --lang id due -m 4 --json"), (user_b, "002", "zi report -m 4"), (user_a, "022", "zi verify"),
                 (user_b, "022", "zi doctor")]  # fmt: skip
        for user, mask, command in steps:
            result = _as(user, command, office, mask)
            assert result.returncode == 0, (user, command, result.stdout, result.stderr)
        journal = office / "plans" / "tambrauw-2023.progress.yaml"
        assert journal.read_text(encoding="utf-8").count("event: done") == 2
    finally:
        shutil.rmtree(shared, ignore_errors=True)
