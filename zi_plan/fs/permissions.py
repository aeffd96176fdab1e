"""File modes for a folder shared by several accounts.

Files are written through a temporary file (``tempfile.mkstemp``), which is
created mode 0600 whatever the umask; renamed over the journal, that locked
colleagues on other accounts out of the journal and of every document. So a
new file gets the mode the user's umask gives (0666 filtered, as any program
creating a file would), and a file rewritten in place — the journal above
all — keeps the mode and group it had, so that an office that made it
group-writable keeps it so.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from pathlib import Path

from zi_plan.fs.sharing import file_mode


@functools.cache
def umask() -> int:
    """The process's umask (read once: it can only be read by setting it)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def new_file_mode() -> int:
    return 0o666 & ~umask()


def settle(fd: int, target: Path | None, folder: Path | None = None) -> None:
    """Give the open temporary file ``fd`` the mode (and group) it must have as ``target``
    (a new file when ``target`` is None or does not exist) in ``folder`` (default: the target's):
    group-writable too when that folder is group-shared (see zi_plan.fs.sharing)."""

    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes to keep
        return
    where = folder if folder is not None else (target.parent if target is not None else Path("."))
    try:
        if target is None:
            raise FileNotFoundError
        existing = target.stat()
    except OSError:
        os.fchmod(fd, file_mode(new_file_mode(), where))
        return
    if hasattr(os, "fchown") and existing.st_gid != os.fstat(fd).st_gid:
        with contextlib.suppress(OSError):  # not a member of that group: the mode still holds
            os.fchown(fd, -1, existing.st_gid)
    os.fchmod(fd, file_mode(stat.S_IMODE(existing.st_mode), where))
