"""An evidence store's address: ``sftp://``, ``webdav://``/``webdavs://`` or ``s3://``.

Named in a plan (``evidence_store:``) or in a parent's ``units.yaml``; read
here without any network library, so that the plan's check and the commands
that never reach a store stay light (zi_plan.remote does the talking).

An address never holds a password: the plan, the journal and ``units.yaml``
travel by git and by packs, and each backend finds its own credentials (ssh
agent and keys, netrc, the AWS environment and config files).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from zi_plan.i18n import _

SCHEMES = ("sftp", "webdav", "webdavs", "s3")
# Query keys an address may carry: an S3-compatible server's own endpoint
# (MinIO, Ceph), and an AWS profile's name (its keys stay in ~/.aws).
S3_KEYS = ("endpoint", "profile", "region")
_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")


class StoreAddress(NamedTuple):
    """A checked address, in parts."""

    url: str  # as written
    scheme: str
    host: str  # for s3: the bucket
    port: int | None
    user: str | None
    path: str  # the folder (prefix) in the store, without a trailing '/'
    options: tuple[tuple[str, str], ...] = ()

    def option(self, key: str) -> str | None:
        return dict(self.options).get(key)

    @property
    def shown(self) -> str:
        """The address as zi prints it (it never holds a secret)."""
        return self.url


def store_problem(url: str) -> str | None:
    """Why ``url`` cannot name an evidence store (None when it can)."""
    try:
        parse_store(url)
    except ValueError as exc:
        return str(exc)
    return None


def parse_store(url: str) -> StoreAddress:
    """The parts of a store's address; ValueError with a message for the user."""
    text = url.strip()
    if _CONTROL.search(text):
        raise ValueError(_("the evidence store's address '{url}' holds spaces or control characters").format(url=text[:80]))
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise ValueError(_("'{url}' is not an evidence store: use sftp://host/path, webdav://host/path, webdavs://host/path or s3://bucket/prefix").format(url=text[:80]))
    if parts.password is not None:
        raise ValueError(_("the evidence store's address holds a password; remove it: zi finds credentials where each backend keeps them (ssh keys, ~/.netrc, ~/.aws)"))
    try:
        port = parts.port
    except ValueError:
        raise ValueError(_("the evidence store's address '{url}' has a port that is not a number").format(url=text[:80])) from None
    host = parts.hostname or ""
    if not host:
        if scheme == "s3":
            raise ValueError(_("the evidence store's address '{url}' names no bucket: s3://bucket/prefix").format(url=text[:80]))
        raise ValueError(_("the evidence store's address '{url}' names no host: {scheme}://host/path").format(url=text[:80], scheme=scheme))
    options = tuple(parse_qsl(parts.query, keep_blank_values=True))
    allowed = S3_KEYS if scheme == "s3" else ()
    for key, _value in options:
        if key not in allowed:
            raise ValueError(_("the evidence store's address '{url}' has an unknown setting '{key}' (known: {known})").format(
                url=text[:80], key=key, known=", ".join(allowed) or _("none")))  # fmt: skip
    path = unquote(parts.path).rstrip("/")
    if ".." in path.split("/"):
        raise ValueError(_("the evidence store's address '{url}' climbs out of its folder ('..')").format(url=text[:80]))
    return StoreAddress(text, scheme, host, port, unquote(parts.username) if parts.username else None, path, options)
