"""The store tests' servers (session-wide, started once: about a second for all three) and a unit folder."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import PLAN
from tests.remote import servers

pytest.importorskip("fsspec", reason="the remote extra: pip install -e '.[test]' installs it")


def _need_sshd() -> None:
    if not Path(servers.SSHD).exists():
        if os.environ.get("CI"):
            pytest.fail("sshd is missing: .ci/run installs openssh-server")
        pytest.skip("sshd is missing: apt-get install openssh-server")


@pytest.fixture(scope="session")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="session")
def sshd(server_home: Path) -> Iterator[servers.Server]:
    _need_sshd()
    with servers.running(servers.start_sshd(server_home / "ssh")) as server:
        yield server


@pytest.fixture(scope="session")
def wsgidav(server_home: Path) -> Iterator[servers.Server]:
    with servers.running(servers.start_wsgidav(server_home, server_home / "dav")) as server:
        yield server


@pytest.fixture(scope="session")
def moto(server_home: Path) -> Iterator[servers.Server]:
    with servers.running(servers.start_moto(server_home)) as server:
        servers.make_bucket(server, "zi-bukti")
        yield server


def address(kind: str, server: servers.Server, name: str) -> str:
    """A fresh store on SERVER for one test."""
    if kind == "sftp":
        return f"sftp://127.0.0.1:{server.port}{server.root}/stores/{name}"
    if kind == "webdav":
        return f"webdav://127.0.0.1:{server.port}/stores/{name}"
    return f"s3://zi-bukti/{name}?endpoint=http://127.0.0.1:{server.port}"


def credentials(kind: str, server: servers.Server, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where each backend looks for them, in this test's HOME (never in zi's files)."""
    home = Path(os.environ["HOME"])
    if kind == "sftp":
        servers.ssh_home(server, home)
    elif kind == "webdav":
        servers.dav_netrc(home)
    else:
        servers.s3_environment(monkeypatch, home)


@pytest.fixture(params=["sftp", "webdav", "s3"])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The address of a new, empty store on each kind of server, with the test's credentials in place."""
    kind = request.param
    server = request.getfixturevalue({"sftp": "sshd", "webdav": "wsgidav", "s3": "moto"}[kind])
    credentials(kind, server, monkeypatch)
    return address(kind, server, uuid.uuid4().hex[:12])


@pytest.fixture
def unit(tmp_path: Path, zi: Callable[..., object]) -> Path:
    """A unit's folder with the Tambrauw plan and three recorded files (one of 3 MB)."""
    folder = tmp_path / "unit"
    (folder / "plans").mkdir(parents=True)
    shutil.copy(PLAN, folder / "plans" / "tambrauw-2023.yaml")
    (tmp_path / "foto.jpg").write_bytes(b"\xff\xd8\xff foto kegiatan")
    (tmp_path / "sk.pdf").write_bytes(b"%PDF-1.4 SK Tim Kerja")
    (tmp_path / "video.mp4").write_bytes(os.urandom(3 << 20))
    os.chdir(folder)
    for action, month, file in (("I.1.a", "4", "foto.jpg"), ("I.2.a", "4", "sk.pdf"), ("I.3.a", "5", "video.mp4")):
        result = zi("done", action, "-m", month, "-e", str(tmp_path / file), "--by", "Ani")
        assert result.code == 0, result.err  # type: ignore[attr-defined]
    return folder
