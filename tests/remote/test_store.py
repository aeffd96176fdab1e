"""Faults on real servers: killed mid-upload, a full disk. Nothing is recorded as pushed that is
not there, every failure is one clear line, and a re-run completes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.remote import servers
from tests.remote.conftest import _need_sshd, credentials

ZI = [sys.executable, "-m", "zi_plan"]


def _big(unit: Path, zi, tmp_path: Path, mb: int) -> None:
    big = tmp_path / "rapat.mp4"
    with big.open("wb") as out:
        for _ in range(mb):
            out.write(os.urandom(1 << 20))
    assert zi("done", "I.4.a", "-m", "5", "-e", str(big), "--by", "Ani", "--force").code == 0


def _landed(fs_root: Path) -> set[str]:
    return {p.name for p in (fs_root / "sha256").rglob("*") if p.is_file()} if (fs_root / "sha256").exists() else set()


def _start(kind: str, folder: Path, root: Path, **options) -> servers.Server:
    if kind == "sftp":
        return servers.start_sshd(folder, **options)
    return servers.start_wsgidav(folder, root, **options)


@pytest.mark.parametrize("kind", ["sftp", "webdav"])
def test_the_server_killed_mid_upload(zi, unit, tmp_path, monkeypatch, kind):
    if kind == "sftp":
        _need_sshd()
    _big(unit, zi, tmp_path, 32)
    folder, root = tmp_path / "server", tmp_path / "server" / "root"
    root.mkdir(parents=True)
    server = _start(kind, folder, root)
    credentials(kind, server, monkeypatch)
    store_root = root / "store" if kind == "webdav" else folder / "store"
    address = f"sftp://127.0.0.1:{server.port}{store_root}" if kind == "sftp" else f"webdav://127.0.0.1:{server.port}/store"
    push = subprocess.Popen([*ZI, "evidence", "push", "--store", address, "--json", "--jobs", "1"], cwd=unit,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        part = None
        while time.monotonic() < deadline and part is None:  # the big file's upload has begun
            part = next((p for p in (store_root / "incoming").glob("*.part") if p.exists() and p.stat().st_size > (1 << 20)), None) if (store_root / "incoming").exists() else None
            time.sleep(0.005)
        assert part is not None, "the upload never began"
        server.kill()
        out, err = push.communicate(timeout=60)
    finally:
        if push.poll() is None:
            push.kill()
    assert push.returncode == 1
    report = json.loads(out)
    assert report["failure"].startswith(f"evidence store {address}: sending ") and "\n" not in report["failure"]
    uploaded = {f["sha256"] for f in report["files"] if f["result"] == "uploaded"}
    assert uploaded <= _landed(store_root)  # nothing said to be there that is not
    assert _landed(store_root) <= uploaded  # and only checked files under their names
    assert "Traceback" not in err, err
    server = _start(kind, folder, root, port=server.port)
    try:
        again = zi("evidence", "push", "--store", address)
        assert again.code == 0, again.out + again.err
        assert zi("verify", "--remote", "--store", address).code == 0
    finally:
        server.kill()


@pytest.mark.parametrize("kind", ["sftp", "webdav"])
def test_a_full_disk_on_the_server(zi, unit, tmp_path, monkeypatch, kind):
    """The server's own small tmpfs (a mount namespace of its own: unshare -m as root, as CI runs)."""
    if kind == "sftp":
        _need_sshd()
        if os.geteuid() != 0:
            pytest.skip("sshd in a mount namespace of its own needs root (CI runs as root)")
    folder, root = tmp_path / "server", tmp_path / "server" / "root"
    root.mkdir(parents=True)
    server = _start(kind, folder, root, tmpfs=root, size="2m")
    credentials(kind, server, monkeypatch)
    address = f"sftp://127.0.0.1:{server.port}{root}/store" if kind == "sftp" else f"webdav://127.0.0.1:{server.port}/store"
    try:
        result = zi("evidence", "push", "--store", address, "--jobs", "1")
    finally:
        server.kill()
    assert result.code == 1
    [line] = [line for line in result.out.splitlines() if "stopped" in line]
    assert line.startswith(f"evidence store {address}: sending I/I.3/I.3.a/2023-05/video.mp4: ") and "full disk" in line
    server = _start(kind, folder, root, tmpfs=root, size="16m", port=server.port)  # a bigger disk
    try:
        again = zi("evidence", "push", "--store", address)
        assert again.code == 0, again.out + again.err
        assert zi("verify", "--remote", "--store", address).code == 0
    finally:
        server.kill()
