"""Touching the file system without hanging, crashing or leaving half a file.

Two guards, each in one place:

- Only regular files are read. A FIFO blocks a reader for ever, a device
  such as ``/dev/zero`` never ends, a folder is not a document; each is
  refused after a non-blocking open and before a byte is read.
- An ``OSError`` while writing (disk full, permission denied, a name too
  long, a folder or a symbolic link in the way) becomes one translated line
  (a ``ZiError``), raised after the writer has removed its temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from zi_plan.errors import ZiError
from zi_plan.i18n import _

# Not on Windows, where a FIFO cannot be opened by name anyway.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class NotAFile(OSError):
    """A path that exists but is not a regular file (FIFO, device, socket, folder).

    An ``OSError``, so that every reader's existing handler reports it with
    ``exc.strerror``, which says what the path is.
    """


class FolderNotFile(NotAFile, IsADirectoryError):
    """A folder where a file was expected; also an IsADirectoryError."""


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISLNK(mode):
        return _("a symbolic link")
    return _("not a regular file")


def _not_a_file(path: Path, mode: int) -> NotAFile:
    why = _("it is {kind}, not a file").format(kind=kind_of(mode))
    if stat.S_ISDIR(mode):
        return FolderNotFile(errno.EISDIR, why, str(path))
    return NotAFile(errno.EINVAL, why, str(path))


def open_regular(path: Path, *, follow_symlinks: bool = True) -> int:
    """A file descriptor for reading ``path``, which must be a regular file.

    The open does not block (a FIFO would wait for a writer for ever) and the
    check is made on what was opened, so a file swapped in between cannot
    slip through. Without ``follow_symlinks`` a symbolic link is refused too.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        if _NONBLOCK:
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at ``path`` (``NotAFile`` for anything else)."""
    with os.fdopen(open_regular(path), "rb") as fh:
        return fh.read()


def require_regular(path: Path) -> None:
    """Refuse, before anything opens it, a path that is not a regular file."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise _not_a_file(path, mode)


_REASONS = {
    errno.ENOSPC: lambda: _("the disk is full"),
    errno.EDQUOT: lambda: _("the disk quota is used up"),
    errno.EACCES: lambda: _("permission denied"),
    errno.EPERM: lambda: _("permission denied"),
    errno.EROFS: lambda: _("the disk is read-only"),
    errno.ENAMETOOLONG: lambda: _("the name is too long"),
    errno.EISDIR: lambda: _("it is a folder"),
    errno.ELOOP: lambda: _("it is a symbolic link (or a loop of them)"),
    errno.ENOENT: lambda: _("it does not exist"),
    errno.ENOTDIR: lambda: _("part of the path is not a folder"),
    errno.EEXIST: lambda: _("it exists already"),
    errno.EIO: lambda: _("input/output error (a failing disk or a lost network drive)"),
    errno.EBUSY: lambda: _("it is in use by another program"),
}


def reason(exc: OSError) -> str:
    """Why an operation failed, in the user's language."""
    if isinstance(exc, NotAFile) and exc.strerror:
        return exc.strerror
    known = _REASONS.get(exc.errno) if exc.errno is not None else None
    if known is not None:
        return known()
    if exc.errno is not None:  # the OS's own words would be English: name the error instead
        return _("system error {code}").format(code=errno.errorcode.get(exc.errno, exc.errno))
    return exc.strerror or str(exc)


def write_error(path: Path | str, exc: OSError, consequence: str | None = None) -> ZiError:
    """The one line for a failed write; ``consequence`` says what was (not) changed."""
    message = _("cannot write {path}: {reason}").format(path=path, reason=reason(exc))
    if consequence is None:
        consequence = _("nothing was written")
    return ZiError(f"{message}; {consequence}")


def check_output_path(path: Path) -> None:
    """A file to be replaced must be a regular file or nothing yet.

    Writing is a rename over the target: over /dev/stdout or a FIFO that
    would replace the device or the pipe itself, not write into it.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        raise ZiError(_("{path} is {kind}, not a file: name a file to write (or - for standard output)").format(path=path, kind=kind_of(mode)))


def check_lock_path(path: Path) -> None:
    """A lock path must be a regular file or nothing: a folder, a link or a FIFO
    there would make the lock fail, or write through the link."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ZiError(_("cannot use the lock file {path}: {reason}").format(path=path, reason=reason(exc))) from None
    if not stat.S_ISREG(mode):
        raise ZiError(
            _("the lock file {path} is {kind}, not a file: remove it, then run the command again").format(path=path, kind=kind_of(mode))
        )
