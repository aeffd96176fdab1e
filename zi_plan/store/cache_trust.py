"""Whether the parsed-data cache may be trusted: only a folder and key of one's own.

The cache's entries are signed with a key kept in the cache folder, and zi
shows what they hold as the plan. Anyone who can write that folder (or read
the key) could forge an entry: so the folder must belong to this account and
be writable by nobody else, and the key readable by nobody else (as 0700 and
0600 make them). Otherwise the cache is left alone, with a note saying why
and the command that fixes it; zi then reads the files themselves.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from zi_plan.i18n import _
from zi_plan.inert import visible

_noted: set[str] = set()


def untrusted(path: Path, *, secret: bool = False) -> str | None:
    """Why ``path`` (a cache folder, or the ``secret`` key) cannot be trusted; None when it can
    (or does not exist yet)."""
    if not hasattr(os, "geteuid"):  # Windows: the profile folder is the user's own
        return None
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return str(exc.strerror or exc)
    if stat.S_ISLNK(st.st_mode):
        return _("it is a symbolic link")
    if st.st_uid != os.geteuid():
        return _("it belongs to another account")
    if st.st_mode & (0o077 if secret else 0o022):
        return _("others can read or change it") if secret else _("others can change it")
    return None


def note(path: Path, why: str, fix: str) -> None:
    """Say once per command why the cache is not used."""
    if str(path) in _noted:
        return
    _noted.add(str(path))

    message = _("the cache {path} is not used: {why}; zi reads the plan itself (slower). To use it again: {fix}").format(
        path=path, why=why, fix=fix
    )
    sys.stderr.write("zi: " + _("note: {message}").format(message=visible(message)) + "\n")


def trusted(root: Path) -> bool:
    """Whether the cache at ``root`` (its folder, the one above it, and its key) may be used."""
    for folder in (root.parent, root):
        why = untrusted(folder)
        if why is not None:
            note(folder, why, f"rm -rf {folder}" if "account" in why or "link" in why else f"chmod 700 {folder}")
            return False
    key = root / "key"
    why = untrusted(key, secret=True)
    if why is not None:
        note(key, why, f"rm {key}")
        return False
    return True
