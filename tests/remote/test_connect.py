"""remote.connect: an address to a filesystem, and every backend's failure as the one line the user reads."""

from __future__ import annotations

import errno
import socket
import sys
from types import SimpleNamespace

import pytest

from tests.remote import servers
from zi_plan.errors import ZiError
from zi_plan.model.stores import parse_store
from zi_plan.remote.connect import connect, describe, failure

SFTP = parse_store("sftp://arsip.example/srv/zi")


def _named(name: str, base: type[BaseException] = Exception, **attributes: object) -> BaseException:
    """An exception of a backend's class name (zi matches them by name, so that it need not import the backends)."""
    exc = type(name, (base,), {})("raw text from the library")
    for key, value in attributes.items():
        setattr(exc, key, value)
    return exc


@pytest.mark.parametrize(("exc", "says"), [
    (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), "connection refused (is the server running, and the address right?)"),
    (socket.gaierror(-2, "Name or service not known"), "host not found"),
    (TimeoutError(), "no answer from the server (timed out)"),
    (_named("HostKeyNotVerifiable"), "the server's host key is not in ~/.ssh/known_hosts"),
    (_named("PermissionDenied"), "the server refused the login: set up your ssh key"),
    (BrokenPipeError(), "the connection to the server was lost"),
    (_named("NoCredentialsError"), "no S3 credentials: set AWS_ACCESS_KEY_ID"),
    (_named("HTTPError", response=SimpleNamespace(status_code=401)), "the server refused the login (HTTP 401): put the account in ~/.netrc"),
    (_named("HTTPError", response=SimpleNamespace(status_code=507)), "the server's disk is full (HTTP 507)"),
    (_named("HTTPError", response=SimpleNamespace(status_code=502)), "the server answered HTTP 502: an error on the server"),
    (_named("HTTPError", response=SimpleNamespace(status_code=404)), "the server answered HTTP 404"),
    (_named("SFTPFailure", reason="Failure"), "the server reported a failure, such as a full disk"),
    (_named("SFTPNoSuchFile", reason="No such file"), "the server refused: No such file"),
    (_named("ClientError", response={"Error": {"Code": "NoSuchBucket", "Message": "The bucket does not exist"}}), "the server refused: NoSuchBucket The bucket does not exist"),
])  # fmt: skip
def test_each_backends_error_in_the_users_words(exc, says):
    assert describe(exc).startswith(says)


def test_the_most_telling_error_of_the_chain():
    try:
        try:
            raise ConnectionRefusedError(errno.ECONNREFUSED, "refused")
        except OSError as inner:
            raise RuntimeError("wrapped by the library") from inner
    except RuntimeError as outer:
        assert describe(outer).startswith("connection refused")
    assert describe(ValueError("first line\nsecond line")) == "first line"
    assert describe(ValueError()) == "ValueError"
    assert describe(ValueError("x" * 500)) == "x" * 200


def test_a_failure_is_one_line_naming_the_store():
    assert failure(SFTP, TimeoutError(), "sending I/foto.jpg").message == (
        "evidence store sftp://arsip.example/srv/zi: sending I/foto.jpg: no answer from the server (timed out)")
    assert failure(SFTP, TimeoutError()).message == "evidence store sftp://arsip.example/srv/zi: no answer from the server (timed out)"


def test_nothing_listening_is_one_line():
    port = servers.free_port()
    with pytest.raises(ZiError) as caught:
        connect(parse_store(f"sftp://127.0.0.1:{port}/srv/zi"))
    assert str(caught.value).startswith(f"evidence store sftp://127.0.0.1:{port}/srv/zi: connection refused")


def test_a_missing_backend_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "webdav4", None)
    monkeypatch.setitem(sys.modules, "webdav4.fsspec", None)
    with pytest.raises(ZiError, match=r"needs the remote extra: pip install \"zi-plan\[remote\]\" \(webdav4"):
        connect(parse_store("webdav://nas.example/zi"))
