"""Real servers for the evidence-store tests, on 127.0.0.1, started here.

- SFTP: OpenSSH's own sshd (Debian's openssh-server; .ci/run installs it),
  on a free high port, with its own host key, an authorised test key and
  ``internal-sftp``, all in a temporary folder (``sshd -D -f CONFIG -e``).
- WebDAV: WsgiDAV (PyPI) on cheroot, with a user and password that the
  client finds in ``~/.netrc``, as Nextcloud's would be.
- S3: moto's server mode (``moto_server``). No real S3-compatible server
  installs from Debian or PyPI (MinIO is not packaged; Debian's radosgw
  needs a whole Ceph cluster), so moto stands in, and the README says so.

Each server is a process of its own, so that a test can kill it mid-upload;
``unshare -m`` gives a server a small tmpfs of its own for the full-disk
tests (root, as CI runs; ``unshare -Urm`` for WebDAV otherwise).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
DAV_USER, DAV_PASSWORD = "zi-unit", "rahasia-dav-9108"  # noqa: S105 - a test server's own
S3_KEY, S3_SECRET = "zi-test-key", "zi-test-secret-9108"  # noqa: S105


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test server exited with {process.returncode}: {process.args}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"the test server did not listen on {port} within {seconds} s")


def children_of(pid: int) -> list[int]:
    """The processes a server started (sshd's per-connection children), found by their parent id."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                if int(stat.rpartition(")")[2].split()[1]) == pid:
                    found.append(int(entry.name))
    return found


@dataclass
class Server:
    """A running server: its process, port and the folder it serves."""

    kind: str
    port: int
    root: Path
    process: subprocess.Popen[bytes]
    extra: dict[str, str] = field(default_factory=dict)

    def kill(self) -> None:
        """Kill it at once, with whatever it had started (sshd forks a child per connection)."""
        if self.process.poll() is None:
            for child in children_of(self.process.pid):
                for grandchild in children_of(child):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(grandchild, signal.SIGKILL)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(child, signal.SIGKILL)
            self.process.kill()
        self.process.wait(10)


def _namespaced(command: list[str], tmpfs: Path | None, size: str) -> list[str]:
    """COMMAND, or COMMAND in a mount namespace of its own with a small tmpfs on TMPFS."""
    if tmpfs is None:
        return command
    flags = "-m" if os.geteuid() == 0 else "-Urm"
    mount = f"mount -t tmpfs -o size={size} zi-full {tmpfs} && exec \"$@\""
    return ["unshare", flags, "sh", "-c", mount, "sh", *command]


# ---------------------------------------------------------------- sshd


def ssh_keys(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    keys = {}
    for name in ("host", "client"):
        key = folder / f"{name}_ed25519"
        if not key.exists():
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"zi-test-{name}", "-f", str(key)], check=True)
        keys[name] = key
    return keys


def start_sshd(folder: Path, tmpfs: Path | None = None, size: str = "2m", port: int | None = None) -> Server:
    """OpenSSH's sshd on a free port of 127.0.0.1 (or PORT), serving SFTP to this account's test key."""
    keys = ssh_keys(folder / "keys")
    (folder / "authorized_keys").write_text(keys["client"].with_suffix(".pub").read_text())
    port = port or free_port()
    config = folder / f"sshd-{port}.conf"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys['host']}\nPidFile {folder}/sshd-{port}.pid\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nAllowUsers {getpass.getuser()}\n"
        "StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n"
        "PermitRootLogin prohibit-password\nSubsystem sftp internal-sftp\nLogLevel ERROR\nMaxStartups 50\nMaxSessions 50\n"
    )
    if os.geteuid() == 0:  # sshd as root separates privileges into this folder (the service would make it)
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    command = _namespaced([SSHD, "-D", "-e", "-f", str(config)], tmpfs, size)
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    host_key = keys["host"].with_suffix(".pub").read_text().split()
    return Server("sftp", port, folder, process, {"known_host": f"[127.0.0.1]:{port} {host_key[0]} {host_key[1]}\n",
                                                  "client_key": str(keys["client"])})  # fmt: skip


def ssh_home(server: Server, home: Path) -> None:
    """The client side of a user's ~/.ssh: the key the server accepts, and the server's host key known."""
    ssh = home / ".ssh"
    ssh.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Path(server.extra["client_key"])
    shutil.copy(key, ssh / "id_ed25519")
    shutil.copy(key.with_suffix(".pub"), ssh / "id_ed25519.pub")
    os.chmod(ssh / "id_ed25519", 0o600)
    with (ssh / "known_hosts").open("a") as known:
        known.write(server.extra["known_host"])


# ---------------------------------------------------------------- WsgiDAV


def start_wsgidav(folder: Path, root: Path, tmpfs: Path | None = None, size: str = "2m", port: int | None = None) -> Server:
    root.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    config = folder / f"wsgidav-{port}.yaml"
    config.write_text(
        f"host: 127.0.0.1\nport: {port}\nserver: cheroot\nverbose: 0\nlogging:\n  enable: false\n"
        f"provider_mapping:\n  '/': '{root}'\n"
        f"simple_dc:\n  user_mapping:\n    '*':\n      '{DAV_USER}':\n        password: '{DAV_PASSWORD}'\n"
        "http_authenticator:\n  accept_basic: true\n  accept_digest: false\n  default_to_digest: false\n"
        "  trusted_auth_header: null\n"
    )
    wsgidav = Path(sys.executable).with_name("wsgidav")
    command = _namespaced([str(wsgidav), "-c", str(config)], tmpfs, size)
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_port(port, process)
    return Server("webdav", port, root, process)


def dav_netrc(home: Path) -> None:
    """The WebDAV password where the client looks for it: ~/.netrc (never in zi's files)."""
    home.mkdir(parents=True, exist_ok=True)
    netrc = home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1\nlogin {DAV_USER}\npassword {DAV_PASSWORD}\n")
    netrc.chmod(0o600)


# ---------------------------------------------------------------- moto (S3)


def start_moto(folder: Path) -> Server:
    port = free_port()
    moto = Path(sys.executable).with_name("moto_server")
    process = subprocess.Popen([str(moto), "-H", "127.0.0.1", "-p", str(port)], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    wait_for_port(port, process)
    return Server("s3", port, folder, process)


def s3_environment(monkeypatch: object, home: Path) -> None:
    """AWS credentials where botocore looks: the environment (a profile in ~/.aws works alike)."""
    setenv = monkeypatch.setenv  # type: ignore[attr-defined]
    setenv("AWS_ACCESS_KEY_ID", S3_KEY)
    setenv("AWS_SECRET_ACCESS_KEY", S3_SECRET)
    setenv("AWS_DEFAULT_REGION", "us-east-1")
    setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))


def make_bucket(server: Server, bucket: str) -> None:
    import boto3

    client = boto3.client("s3", endpoint_url=f"http://127.0.0.1:{server.port}", aws_access_key_id=S3_KEY,
                          aws_secret_access_key=S3_SECRET, region_name="us-east-1")  # fmt: skip
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(Bucket=bucket)


@contextlib.contextmanager
def running(server: Server) -> Iterator[Server]:
    try:
        yield server
    finally:
        server.kill()
