"""Where a generated document goes: a file (written atomically) or stdout."""

from __future__ import annotations

import sys
from pathlib import Path

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.wording import os_reason
from zi_plan.yamlio import atomic_write


def target_path(target: str | Path | None, default_name: str) -> Path:
    """The file to write: ``target``, inside it if it is a folder, else ``default_name`` here."""
    path = Path(target or default_name)
    if path.is_dir():
        path = path / default_name
    if not path.parent.exists():
        raise ZiError(_("the folder {folder} does not exist").format(folder=path.parent))
    return path


def write_document(data: bytes, target: str | None, default_name: str) -> str | None:
    """Write ``data`` to ``target`` ('-' for stdout; default: ``default_name`` here).

    Returns the path written, or None for stdout.
    """
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return None
    path = target_path(target, default_name)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ZiError(_("cannot write {path}: {reason}").format(path=path, reason=os_reason(exc))) from None
    return str(path)
