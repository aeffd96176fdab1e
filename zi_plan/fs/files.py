"""Writing files so that nothing is ever half-written, and where documents go.

Every file zi writes goes through here: a temp file beside the target,
fsynced, then renamed over it (``atomic_write``, or ``atomic_target`` for
writers that need a path: the zip of the evidence pack, a copied evidence
file). A reader, or a crash, sees the old file or the new one, never half.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.fs.fsguard import check_output_path, reason, write_error
from zi_plan.fs.permissions import settle
from zi_plan.fs.sharing import blocked, make_folders
from zi_plan.i18n import _
from zi_plan.inert import inert

# ---------------------------------------------------------------- atomic writes


@dataclass
class Staged:
    """A temp file being written; it becomes ``target`` when the block succeeds.

    Setting ``target`` to None inside the block keeps nothing (e.g. the same
    content is stored already).
    """

    tmp: Path
    target: Path | None


@contextlib.contextmanager
def atomic_target(target: Path | None, folder: Path | None = None) -> Iterator[Staged]:
    """A temp file in ``folder`` (default: beside ``target``) to write to; fsynced and
    renamed onto ``staged.target`` when the block ends normally, removed otherwise."""
    directory = folder if folder is not None else (target.parent if target is not None else Path("."))
    prefix = f".{target.name}." if target is not None else ".incoming."
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
    try:
        # mkstemp makes 0600, which locks colleagues on other accounts out:
        # the umask's mode for a new file, the old file's mode and group otherwise.
        settle(fd, target, Path(directory))
    finally:
        os.close(fd)
    staged = Staged(Path(name), target)
    try:
        yield staged
        if staged.target is None:
            staged.tmp.unlink()
            return
        _fsync_file(staged.tmp)
        os.replace(staged.tmp, staged.target)
    except BaseException:
        staged.tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(staged.target.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: temp file, fsync, rename."""
    with atomic_target(path) as staged:
        staged.tmp.write_bytes(data)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every OS, hence best effort.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------- documents


def target_path(target: str | Path | None, default_name: str, *, force: bool = True) -> Path:
    """The file to write: ``target``, inside it if it is a folder, else ``default_name`` here.

    Without ``force``, an existing file is refused rather than replaced: it
    may be the user's own minutes, or a colleague's edits of an export.
    """
    path = Path(target or default_name)
    try:
        if path.is_dir():
            path = path / default_name
        if not path.parent.exists():
            raise ZiError(_("the folder {folder} does not exist").format(folder=path.parent))
        check_output_path(path)
        exists = path.exists()
    except OSError as exc:  # a name too long ...
        raise write_error(path, exc) from None
    if exists and not force:
        raise ZiError(_("{path} exists; add --force to replace it, or name another file with -o").format(path=path))
    return path


def write_document(data: bytes, target: str | None, default_name: str, *, force: bool = False) -> str | None:
    """Write ``data`` to ``target`` ('-' for stdout; default: ``default_name`` here).

    Without ``force``, an existing file is refused rather than replaced (see
    ``target_path``). Returns the path written, or None for stdout.
    """
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    path = target_path(target, default_name, force=force)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise write_error(path, exc) from None
    return str(path)


def write_document_with(write: Callable[[Path], None], target: str | None, default_name: str, *, force: bool = False) -> str | None:
    """write_document for a document written to a file as it is made (a large workbook): ``write(path)`` fills
    a temp file, which becomes ``target`` only once whole ('-': it is copied to stdout, then removed)."""
    if target == "-":
        import shutil  # only for a document sent to stdout

        with tempfile.TemporaryDirectory(prefix="zi-") as folder:
            made = Path(folder) / default_name
            try:
                write(made)
            except OSError as exc:
                raise write_error(Path(folder), exc) from None
            with made.open("rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.flush()
        return None
    path = target_path(target, default_name, force=force)
    try:
        with atomic_target(path) as staged:
            write(staged.tmp)
    except OSError as exc:
        raise write_error(path, exc) from None
    return str(path)


# ---------------------------------------------------------------- CSV

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A CSV cell that a spreadsheet would run as a formula is prefixed with '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[Any]], delimiter: str = ",") -> bytes:
    """Rows as CSV for spreadsheets: formulas neutralised, CRLF, UTF-8 with BOM
    (so that Excel on Windows opens it with the right letters); ';' for
    Indonesian Excel (see export.csv_delimiter)."""
    import csv  # not on the start-up path of `zi due` (journal writes through this module)

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")

    for row in rows:  # no control characters or escape sequences: the file may be printed in a terminal
        writer.writerow([neutralise(inert(v) if isinstance(v, str) else v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def ensure_writable(directory: Path) -> None:
    """Fail early, before anything is copied, when the folder cannot be written."""

    try:
        make_folders(directory)
    except OSError as exc:
        raise ZiError(_("cannot create {folder}: {reason}").format(folder=directory, reason=reason(exc)) + (f"; {blocked(directory)}" if blocked(directory) else "")) from None
    try:
        # A probe of our own: other writers may be probing the same folder.
        fd, probe = tempfile.mkstemp(prefix=".zi-write-test.", dir=directory)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        # Never "copy the plan elsewhere": a second copy would split the journal.
        why = blocked(directory / ".zi-write-test")
        raise ZiError(
            _("cannot write in {folder} ({reason})").format(folder=directory, reason=reason(exc))
            + "; " + (why or _("ask whoever looks after the folder for write access to it"))
        ) from None
