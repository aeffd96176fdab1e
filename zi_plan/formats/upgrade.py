"""`zi upgrade`: a plan of format 1 or 2 rewritten as format 3, every line of it kept.

A plan of an older format is read as it is (every part of format 3 is
optional), so upgrading is never needed. It is offered so that a plan made
before format 3 gets what `zi init` now writes: ``version: 3``, and the
decree's body and the coordinator commented out under ``decree:``, ready to
fill in. Nothing else changes: the file's own lines and comments stay as
they are (the lines are inserted, the version line alone is rewritten), the
result is checked to hold the same plan before it is written, atomically,
and the old text is kept beside it as ``PLAN.bak``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.formats.decree_yaml import coordinator_lines, template_lines
from zi_plan.fs.files import atomic_write
from zi_plan.fs.fsguard import write_error
from zi_plan.i18n import _
from zi_plan.schema import yamlio
from zi_plan.store.plans import check_text

FORMAT = 3


class Upgraded(NamedTuple):
    old_version: int
    text: str


def _version(data: dict[str, Any]) -> int:
    version = data.get("version")
    return version if isinstance(version, int) else 1


def _end_line(node: Any) -> int:
    """The 0-based line after the last line ``node`` occupies."""
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


def _above_comments(lines: list[str], at: int) -> int:
    """``at``, moved up over the comment lines right above it (they belong to the key there)."""
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    return at


def upgraded_text(text: str, data: dict[str, Any]) -> Upgraded:
    """``text`` (the plan's, parsed as ``data``) as format 3."""

    root = yamlio.compose(text)
    assert root is not None  # a valid plan
    keys = {key.value: (key, value) for key, value in root.value}
    lines = text.splitlines()
    inserts: list[tuple[int, list[str]]] = []
    if "coordinator" not in keys:
        at = _above_comments(lines, keys["teams"][0].start_mark.line)
        inserts.append((at, [*coordinator_lines(None), ""]))
    decree = data["decree"]
    if set(decree) <= {"number", "date", "place", "signatory", "position"}:
        inserts.append((_end_line(keys["decree"][1].value[-1][1]), template_lines()))
    if "version" in keys:
        number = keys["version"][1].start_mark.line
        lines[number] = re.sub(r"^version:\s*\d+", f"version: {FORMAT}", lines[number])
    else:
        first = min(key.start_mark.line for key, _value in root.value)
        inserts.append((first, [f"version: {FORMAT}"]))
    for at, new in sorted(inserts, key=lambda entry: entry[0], reverse=True):
        lines[at:at] = new
    newline = "\r\n" if "\r\n" in text else "\n"  # a file saved on Windows stays so
    return Upgraded(_version(data), newline.join(lines) + newline)


def upgrade(path: Path, *, force: bool = False) -> Upgraded | None:
    """Rewrite the plan at ``path`` as format 3 (None: it is format 3 already); the old text goes to PATH.bak.

    A PATH.bak holding other text (the user's own copy, an earlier upgrade's)
    is not replaced without ``force``.
    """
    try:
        text = yamlio.read_text(path)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    data, problems = check_text(str(path), text)
    if problems:
        raise InvalidFile(problems)
    if _version(data) >= FORMAT:
        return None
    result = upgraded_text(text, data)
    again, problems = check_text(str(path), result.text)
    if problems or {**again, "version": None} != {**data, "version": None}:  # a bug in zi if so: write nothing
        raise ZiError(_("{path} could not be upgraded without changing the plan; nothing was written").format(path=path))
    backup = path.with_name(path.name + ".bak")
    _check_backup(backup, text, force)
    try:
        atomic_write(backup, text.encode("utf-8"))
        atomic_write(path, result.text.encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from None
    return result


def _check_backup(backup: Path, text: str, force: bool) -> None:
    try:
        kept = backup.read_bytes() if backup.exists() else None
    except OSError as exc:
        raise write_error(backup, exc) from None
    if kept is not None and kept != text.encode("utf-8") and not force:
        raise ZiError(_("{path} exists and holds another text; move it away, or add --force to replace it; nothing was written").format(path=backup))
