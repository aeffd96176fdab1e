"""Reaching a store: the fsspec filesystem for an address, and what went wrong in one line.

Credentials are never zi's: each backend looks where it always does.
SFTP (asyncssh, through sshfs): the ssh agent, ``~/.ssh/id_*``,
``~/.ssh/config``, and the server's key checked against
``~/.ssh/known_hosts``. WebDAV (webdav4, through httpx): ``~/.netrc`` (or
``$NETRC``). S3 (s3fs, through botocore): the AWS environment variables and
``~/.aws/config`` and ``credentials``; an S3-compatible server's endpoint
may be named in the address (``?endpoint=``) or in those files.
"""

from __future__ import annotations

import errno
import logging
import os
import warnings
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import reason
from zi_plan.i18n import _
from zi_plan.model.stores import StoreAddress

CONNECT_TIMEOUT = 20.0  # seconds to wait for a server before saying it does not answer
S3_PART = 8 << 20  # bytes of a file an S3 upload holds in memory at once (one multipart part)


class Connection(NamedTuple):
    """A filesystem and the folder of the store in it."""

    fs: Any  # an fsspec AbstractFileSystem
    root: str


def connect(address: StoreAddress) -> Connection:
    """The filesystem of ``address``; a ZiError in one line when the backend is missing or the server cannot be reached."""
    try:
        if address.scheme == "sftp":
            return _sftp(address)
        if address.scheme in ("webdav", "webdavs"):
            return _webdav(address)
        return _s3(address)
    except ImportError as exc:
        raise ZiError(_("the evidence store {store} needs the remote extra: pip install \"zi-plan[remote]\" ({missing} is missing)").format(
            store=address.shown, missing=exc.name or exc)) from None  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - every backend's own error becomes one line
        raise failure(address, exc) from None


def _quiet() -> None:
    # The libraries' own log lines and deprecation notices would bury zi's one line.
    for name in ("asyncio", "asyncssh", "botocore", "aiobotocore", "s3fs", "httpx", "webdav4", "fsspec"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", module=r"asyncssh(\.|$)")
    warnings.filterwarnings("ignore", message=".*DSA.*")


def _sftp(address: StoreAddress) -> Connection:
    _quiet()
    import sshfs  # fsspec's SFTP backend (asyncssh): the remote extra, only for an sftp:// store

    options: dict[str, Any] = {"port": address.port or 22, "connect_timeout": CONNECT_TIMEOUT,
                               "known_hosts": (), "skip_instance_cache": True}  # fmt: skip
    # known_hosts=(): asyncssh's own default (~/.ssh/known_hosts); sshfs would otherwise check no host key.
    if address.user:
        options["username"] = address.user
    fs = sshfs.SSHFileSystem(address.host, **options)
    path = address.path
    # sftp://host/~/zi is zi under the login's home folder; sftp://host/srv/zi is /srv/zi.
    root = path[3:] if path.startswith("/~/") else (path or "/")
    return Connection(fs, root)


def _webdav(address: StoreAddress) -> Connection:
    _quiet()
    import httpx  # webdav4's HTTP client: the remote extra
    from webdav4.fsspec import WebdavFileSystem  # fsspec's WebDAV backend: the remote extra, only for a webdav(s):// store

    scheme = "https" if address.scheme == "webdavs" else "http"
    port = f":{address.port}" if address.port else ""
    user = f"{address.user}@" if address.user else ""
    netrc = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    auth = httpx.NetRCAuth(str(netrc)) if netrc.is_file() else None
    timeout = httpx.Timeout(120.0, connect=CONNECT_TIMEOUT)
    host = f"{scheme}://{user}{address.host}{port}"
    fs = WebdavFileSystem(f"{host}{address.path}/", auth=auth, timeout=timeout, retry=False)
    try:
        fs.info("")
    except FileNotFoundError:
        # The store's folder itself: made from the server's top, as a new folder on Nextcloud would be.
        WebdavFileSystem(f"{host}/", auth=auth, timeout=timeout, retry=False).makedirs(address.path.strip("/"), exist_ok=True)
    return Connection(fs, "")


def _s3(address: StoreAddress) -> Connection:
    _quiet()
    import s3fs  # fsspec's S3 backend (aiobotocore): the remote extra, only for an s3:// store

    client: dict[str, Any] = {}
    if address.option("endpoint"):
        client["endpoint_url"] = address.option("endpoint")
    if address.option("region"):
        client["region_name"] = address.option("region")
    # A slow server may take minutes to join a big upload's parts: wait for it rather than retry a half-done request.
    config = {"connect_timeout": CONNECT_TIMEOUT, "read_timeout": 600, "retries": {"max_attempts": 2}}
    fs = s3fs.S3FileSystem(profile=address.option("profile"), client_kwargs=client, config_kwargs=config, skip_instance_cache=True)
    root = f"{address.host}{address.path}"
    fs.info(address.host)  # the bucket: a wrong name or a missing credential is said now, not mid-upload
    return Connection(fs, root)


# ---------------------------------------------------------------- one line per failure


def failure(address: StoreAddress, exc: BaseException, doing: str | None = None) -> ZiError:
    """A backend's exception as the one line the user reads."""
    why = describe(exc)
    if doing:
        return ZiError(_("evidence store {store}: {doing}: {why}").format(store=address.shown, doing=doing, why=why))
    return ZiError(_("evidence store {store}: {why}").format(store=address.shown, why=why))


def _chain(exc: BaseException) -> list[BaseException]:
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found and len(found) < 10:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def describe(exc: BaseException) -> str:
    """Why, in the user's words, from the most telling exception of the chain."""
    for item in _chain(exc):
        text = _known(item)
        if text:
            return text
    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return first[:200]


def _known(exc: BaseException) -> str | None:  # noqa: C901 - one table of the backends' errors
    name = type(exc).__name__
    if isinstance(exc, ConnectionRefusedError) or getattr(exc, "errno", None) == errno.ECONNREFUSED:
        return _("connection refused (is the server running, and the address right?)")
    if name == "gaierror":
        return _("host not found")
    if isinstance(exc, TimeoutError) or name in ("ConnectTimeout", "ReadTimeout", "WriteTimeout", "ConnectTimeoutError", "ReadTimeoutError"):
        return _("no answer from the server (timed out)")
    if name == "HostKeyNotVerifiable":
        return _("the server's host key is not in ~/.ssh/known_hosts: connect once with ssh to check and accept it")
    if name == "PermissionDenied":
        return _("the server refused the login: set up your ssh key (or agent) for it")
    if name in ("ConnectionLost", "ConnectionResetError", "BrokenPipeError", "RemoteProtocolError", "ReadError", "WriteError",
                "ChannelOpenError", "DisconnectError", "IncompleteReadError") or isinstance(exc, (ConnectionResetError, BrokenPipeError)):
        return _("the connection to the server was lost")
    if name == "NoCredentialsError":
        return _("no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials")
    if name in ("EndpointConnectionError", "ConnectError"):
        return _("cannot connect to the server")
    status = getattr(getattr(exc, "response", None), "status_code", None)
    if name == "HTTPError" and isinstance(status, int):
        return _http(status)
    if name == "SFTPFailure" and str(getattr(exc, "reason", "")).strip() in ("", "Failure"):
        return _("the server reported a failure, such as a full disk")  # OpenSSH's sftp-server says no more (SSH_FX_FAILURE)
    if name.startswith("SFTP"):
        return _("the server refused: {reason}").format(reason=getattr(exc, "reason", "") or name)
    if name == "ClientError":
        error = getattr(exc, "response", {}).get("Error", {})
        return _("the server refused: {reason}").format(reason=f"{error.get('Code', '')} {error.get('Message', '')}".strip() or name)
    if isinstance(exc, OSError) and exc.errno is not None:
        return reason(exc)
    return None


def _http(status: int) -> str:
    if status in (401, 403):
        return _("the server refused the login (HTTP {status}): put the account in ~/.netrc").format(status=status)
    if status == 507:
        return _("the server's disk is full (HTTP 507)")
    if status >= 500:
        return _("the server answered HTTP {status}: an error on the server, such as a full disk").format(status=status)
    return _("the server answered HTTP {status}").format(status=status)
