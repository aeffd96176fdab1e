"""The evidence store is a jail: a journal can only name files inside it.

A journal lives in a shared folder or a git repository, so anyone who can
write it could name ``../../etc/passwd`` or plant a symbolic link in the
store; ``zi verify`` would then print the hash of any file, and the pack
would hand it to the evaluators. Every path read from a journal goes
through here: ``path_problem`` refuses it at load (with its line), and
``open_stored`` opens it only when it resolves, after symbolic links,
inside ``<plan>.evidence/``, and never through a link.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO, Literal

from zi_plan.fs.fsguard import NotAFile, open_regular, reason
from zi_plan.i18n import _

_DRIVE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1 << 20
State = Literal["ok", "missing", "changed", "outside", "not-a-file"]


def path_problem(stored: str) -> str | None:
    """Why a journal's evidence path cannot name a file in the store (None when it can)."""
    pure = PurePosixPath(stored)
    if not stored.strip() or "\x00" in stored:
        return _("an evidence path must name a file in the evidence folder")
    if pure.is_absolute() or _DRIVE.match(stored) or stored.startswith(("\\", "~")):
        return _("evidence path '{path}' is absolute: it must be relative to the evidence folder").format(path=stored[:120])
    if ".." in pure.parts or ".." in stored.split("\\"):
        return _("evidence path '{path}' leads outside the evidence folder ('..' is not allowed)").format(path=stored[:120])
    return None


class Refused(Exception):
    """A stored path that is not opened: outside the store, or not a plain file."""

    def __init__(self, state: State, why: str) -> None:
        super().__init__(why)
        self.state = state
        self.why = why


def member_name(stored: str) -> str:
    """The stored path as a zip member: relative, normalised, inside the pack's folder."""
    if path_problem(stored):
        raise Refused("outside", path_problem(stored) or "")
    return PurePosixPath(stored).as_posix()


def locate(evidence_dir: Path, stored: str) -> Path:
    """The full path of a stored file, checked to be inside the store after links."""
    problem = path_problem(stored)
    if problem:
        raise Refused("outside", problem)
    full = evidence_dir / stored
    try:
        root = evidence_dir.resolve()
        real = full.resolve()
    except (OSError, RuntimeError):  # a loop of links
        raise Refused("outside", _("evidence path '{path}' is a loop of symbolic links").format(path=stored)) from None
    if real == root or root not in real.parents:
        raise Refused("outside", _("evidence path '{path}' leads outside the evidence folder (through a symbolic link)").format(path=stored))
    return full


def check_folder(evidence_dir: Path, folder: Path) -> None:
    """Refuse to store into a folder that a planted symbolic link leads out of the store."""
    try:
        root = evidence_dir.resolve()
        real = folder.resolve()
    except (OSError, RuntimeError):
        real = None
    if real is None or (real != root and root not in real.parents):
        raise Refused("outside", _("{folder} leads outside the evidence folder (through a symbolic link); remove the link").format(folder=folder))


def open_stored(evidence_dir: Path, stored: str) -> BinaryIO:
    """The stored file, open for reading; never through a symbolic link, never outside.

    Raises ``Refused`` or ``FileNotFoundError``.
    """
    full = locate(evidence_dir, stored)
    try:
        fd = open_regular(full, follow_symlinks=False)
    except NotAFile as exc:
        raise Refused("not-a-file", _("evidence path '{path}': {reason}").format(path=stored, reason=exc.strerror)) from None
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        if os.path.islink(full):
            raise Refused("not-a-file", _("evidence path '{path}' is a symbolic link, not a stored file").format(path=stored)) from None
        raise
    return os.fdopen(fd, "rb")


@dataclass(frozen=True)
class Checked:
    """A stored file hashed now: its state, the hash found, and why it was refused."""

    state: State
    sha256: str | None = None
    why: str | None = None


def check_stored(evidence_dir: Path, stored: str, expected: str | None) -> Checked:
    """Re-hash one stored file against its record; a refused path is never read."""
    try:
        with open_stored(evidence_dir, stored) as fh:
            digest = hashlib.sha256()
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except Refused as exc:
        return Checked(exc.state, None, exc.why)
    except (FileNotFoundError, NotADirectoryError):
        return Checked("missing")
    except OSError as exc:
        return Checked("missing", None, reason(exc))
    sha = digest.hexdigest()
    return Checked("ok" if sha == expected else "changed", sha)
