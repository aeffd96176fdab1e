"""An office folder shared by several accounts, as git's ``core.sharedRepository=group``.

When the folder a file or folder goes into is group-shared (setgid, or
writable by its group), what zi creates there is group-writable whatever the
writer's umask: one colleague with the usual umask 022 must not lock the
others out of a journal's lock, an evidence folder, or a whole component. A
folder zi makes in a setgid folder keeps the setgid bit, so its files
belong to the office's group too.

When a colleague's file still blocks (made before, or by another program),
``blocked`` says whose it is, its mode, and the one command that fixes it.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from zi_plan.i18n import _

GROUP_RW = stat.S_IRGRP | stat.S_IWGRP
GROUP_RWX = GROUP_RW | stat.S_IXGRP


def group_shared(folder: Path) -> bool:
    """Whether ``folder`` is shared with its group: setgid, or group-writable."""
    try:
        mode = os.stat(folder).st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_ISGID | stat.S_IWGRP))


def file_mode(mode: int, folder: Path) -> int:
    """``mode`` for a file in ``folder``: group read and write added when the folder is shared."""
    return mode | GROUP_RW if group_shared(folder) else mode


def make_folders(folder: Path) -> None:
    """``mkdir -p folder``; each folder made inside a shared one is group-writable (and setgid when its parent is)."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "chmod") or os.name == "nt":
        return
    for made in reversed(missing):
        parent = made.parent
        with contextlib.suppress(OSError):  # made by another writer at the same moment: theirs to set
            parent_mode = os.stat(parent).st_mode
            if not parent_mode & (stat.S_ISGID | stat.S_IWGRP):
                continue
            mode = stat.S_IMODE(os.stat(made).st_mode) | GROUP_RWX | (parent_mode & stat.S_ISGID)
            os.chmod(made, mode)


def account_name(lookup: str, number: int) -> str:
    """The name of user or group ``number`` ("user" or "group"), else the number."""
    try:
        if lookup == "user":
            import pwd  # not on Windows: ImportError below

            return pwd.getpwuid(number).pw_name
        import grp  # not on Windows: ImportError below

        return grp.getgrgid(number).gr_name
    except (ImportError, KeyError):
        return str(number)


def _culprit(path: Path) -> Path | None:
    """The file, or the nearest existing folder above it, that this account cannot write."""
    current = path
    while True:
        if os.path.lexists(current):
            if not os.access(current, os.W_OK):
                return current
            if current != path:  # the folder is writable: then the file itself is not ours to open
                return None
        if current == current.parent:
            return None
        current = current.parent


def blocked(path: Path) -> str | None:
    """Why this account cannot write ``path``, whose it is, and the one command that fixes it (None when
    nothing in the way is another's)."""
    if not hasattr(os, "getuid"):
        return None
    culprit = _culprit(path)
    if culprit is None:
        return None
    try:
        st = os.stat(culprit)
    except OSError:
        return None
    owner, group = account_name("user", st.st_uid), account_name("group", st.st_gid)
    mine = st.st_gid in os.getgroups() or st.st_gid == os.getgid()
    fix = f"chmod -R g+rwX {culprit}" if mine else f"chgrp -R {_office_group(culprit)} {culprit} && chmod -R g+rwX {culprit}"
    return _("{path} belongs to {owner} (group {group}, mode {mode}) and this account cannot write it; {owner} or an administrator can fix it with: {command}").format(
        path=culprit, owner=owner, group=group, mode=stat.filemode(st.st_mode), command=fix
    )


def _office_group(path: Path) -> str:
    """The group of the shared folder above ``path`` (the office's), else this account's own."""
    for folder in path.parents:
        with contextlib.suppress(OSError):
            st = os.stat(folder)
            if st.st_mode & stat.S_ISGID:
                return account_name("group", st.st_gid)
    return account_name("group", os.getgid())
