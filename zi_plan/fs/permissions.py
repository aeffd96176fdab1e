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


@functools.cache
def umask() -> int:
    """The process's umask (read once: it can only be read by setting it)."""
    current = os.umask(0o022)
    os.umask(current)
    return current


def new_file_mode() -> int:
    return 0o666 & ~umask()


def settle(fd: int, target: Path | None) -> None:
    """Give the open temporary file ``fd`` the mode (and group) it must have as ``target``
    (a new file when ``target`` is None or does not exist)."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes to keep
        return
    try:
        if target is None:
            raise FileNotFoundError
        existing = target.stat()
    except OSError:
        os.fchmod(fd, new_file_mode())
        return
    if hasattr(os, "fchown") and existing.st_gid != os.fstat(fd).st_gid:
        with contextlib.suppress(OSError):  # not a member of that group: the mode still holds
            os.fchown(fd, -1, existing.st_gid)
    os.fchmod(fd, stat.S_IMODE(existing.st_mode))
