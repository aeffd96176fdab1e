"""Writing units.yaml: `zi units init` and `zi units add`.

The register is the coordinator's file, with their comments: a unit is
added by appending its entry to the ``units:`` list that ends the file
(as zi init writes it), never by writing the file again in another
layout. The new text is checked whole before it replaces the old one,
atomically, under a lock (two coordinators adding at once both land).
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.fs.files import atomic_write
from zi_plan.fs.fsguard import check_lock_path, write_error
from zi_plan.fs.permissions import new_file_mode
from zi_plan.i18n import _
from zi_plan.model import status
from zi_plan.store.plans import decode_text, read_bytes
from zi_plan.units.register import REGISTER_NAME, VERSION, Register, Unit, check_text, default_folder

_HEADER = """\
{comment}version: {version}
organisation: {organisation_value}
year: {year}
units:
"""


def _comment(text: str) -> str:
    """``text`` as comment lines; any line break in it (a name typed with one) is a space, never a line of YAML."""
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, 76, break_long_words=False, break_on_hyphens=False))


# After the last top-level `units:` key only list entries, their indented lines and comments follow.
_APPENDABLE = re.compile(r"^units:[ \t]*(#.*)?\n(?:(?:[-# \t].*)?\n)*\Z", re.MULTILINE)
_ENTRY = re.compile(r"^([ \t]*)- ", re.MULTILINE)


def _scalar(text: str) -> str:
    """Any text as a YAML scalar (a JSON string is one), whatever it holds."""
    return json.dumps(text, ensure_ascii=False)


def init_register(folder: Path, organisation: str | None, year: int | None, force: bool) -> Path:
    """Write a new units.yaml in ``folder``; never over an existing one without ``force``."""

    path = folder / REGISTER_NAME
    if path.exists() and not force:
        raise ZiError(_("{path} exists already; add units with zi units add, or --force to start it again").format(path=path))
    name = (organisation or "").strip()
    # In the interface's language, as zi writes a plan's comments (zi_plan.formats.writer).
    comment = _comment(_(
        "The units of {organisation}: their codes, names, the unit above each (a province over its kabupaten), "
        "the folder holding each unit's plans/ (default units/<code>), the predicate it goes for (WBK, WBBM, "
        "WBK-afirmasi) and its TPI reviewer. Written by `zi units init` and `zi units add`; read by `zi rollup` "
        "and `zi validate`. Keep `units:` last: zi units add appends to it. Codes are text: keep them in quotes."
    ).format(organisation=name or _("the parent organisation")))
    text = _HEADER.format(comment=comment, organisation_value=_scalar(name) if name else "null", version=VERSION, year=year or status.today().year)
    ignore = folder / ".gitignore"
    try:
        atomic_write(path, text.encode("utf-8"))
        if not ignore.exists():
            # The lock files zi leaves beside units.yaml and each journal are not the parent's records.
            atomic_write(ignore, (_comment(_("Written by zi units init: the lock files zi leaves beside units.yaml and each progress journal serialise writers on this machine; they are not records.")) + ".*.lock\n").encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from None
    return path


def entry_text(unit: Unit, indent: str) -> str:
    lines = [f"{indent}- code: {_scalar(unit.code)}", f"{indent}  name: {_scalar(unit.name)}"]
    if unit.parent:
        lines.append(f"{indent}  parent: {_scalar(unit.parent)}")
    if unit.folder != default_folder(unit.code):
        lines.append(f"{indent}  folder: {_scalar(unit.folder)}")
    lines.append(f"{indent}  predicate: {unit.predicate}")
    if unit.reviewer:
        lines.append(f"{indent}  reviewer: {_scalar(unit.reviewer)}")
    return "\n".join(lines) + "\n"


def add_unit(path: Path, code: str, name: str, parent: str | None, folder: str | None, predicate: str,
             reviewer: str | None) -> tuple[Unit, bool]:  # fmt: skip
    """Append a unit to the register at ``path`` and make its folder: (the unit, whether the folder was made)."""
    from filelock import FileLock  # filelock: for writers only


    lock = path.with_name(f".{path.name}.lock")
    check_lock_path(lock)
    try:
        with FileLock(str(lock), timeout=60, mode=new_file_mode()):
            unit = _append(path, code, name, parent, folder, predicate, reviewer)
    except OSError as exc:
        raise write_error(path, exc, _("the unit was not added")) from None
    target = path.parent.joinpath(*unit.folder.split("/"))
    made = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(target, exc) from None
    return unit, made


def _append(path: Path, code: str, name: str, parent: str | None, folder: str | None, predicate: str, reviewer: str | None) -> Unit:
    text = decode_text(path, read_bytes(path))
    before, problems = check_text(path, text)
    if before is None:
        raise InvalidFile(problems)
    _refuse_clash(before, code, parent)
    if not _APPENDABLE.search(text if text.endswith("\n") else text + "\n"):
        raise ZiError(_("{path} does not end with its 'units:' list, so zi cannot add to it without rewriting your text: move 'units:' and its entries to the end of the file, then run this again").format(path=path))
    unit = Unit(len(before.units), code.strip(), name.strip(), parent.strip() if parent else None,
                (folder or default_folder(code.strip())).strip().replace("\\", "/").rstrip("/"), predicate, reviewer.strip() if reviewer else None)  # fmt: skip
    found = _ENTRY.search(text, text.rfind("\nunits:") + 1)
    new_text = (text if text.endswith("\n") else text + "\n") + entry_text(unit, found.group(1) if found else "  ")
    after, problems = check_text(path, new_text)
    new_problems = [] if after is None else after.problems.get(unit.entry, [])
    if after is None or new_problems:
        messages = "; ".join(p.message for p in (problems or new_problems))
        raise ZiError(_("the unit was not added: {problems}").format(problems=messages), exit_code=2)
    atomic_write(path, new_text.encode("utf-8"))
    return after.units[unit.entry]


def _refuse_clash(register: Register, code: str, parent: str | None) -> None:
    for unit in register.units:
        if unit.code == code.strip():
            raise ZiError(_("unit {code} is in {path} already ({name}); change it there, or choose another code").format(
                code=unit.code, path=register.path, name=unit.name), exit_code=2)  # fmt: skip
    if parent is not None:
        register.unit(parent.strip())  # says which codes come close
