"""`zi validate` at a parent's root: units.yaml, and every unit's plans and journals.

In a folder holding units.yaml (and with neither --plan nor ZI_PLAN),
`zi validate` checks the register and then each unit: every plan in its
plans/ folder, in full, and each plan's journal against it. Paths given
name what changed (CI passes `git diff --name-only`): a path inside a unit's
folder checks that unit, units.yaml checks the register and every unit (an
entry may have moved a folder), and a path that is neither (a README, the
pipeline file) is not zi's and is left out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from zi_plan.errors import InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.store.plans import check_file
from zi_plan.store.validation import check_journal
from zi_plan.store.workspace import plans_in
from zi_plan.units.register import REGISTER_NAME, Register, Unit, load_register

Results = list[tuple[str, list[Problem]]]


def units_check(paths: Sequence[Path] | None, plan_option: Path | None) -> tuple[Results, Results] | None:
    """(problems per file, warnings per file) when this is a parent's root; None otherwise."""
    if plan_option is not None or os.environ.get("ZI_PLAN", "").strip():
        return None
    named = [p for p in paths or [] if p.name == REGISTER_NAME]
    register_file = named[0] if named else Path(REGISTER_NAME)
    if not register_file.is_file():
        return None
    return check(register_file, paths or None)


def check(register_file: Path, paths: Sequence[Path] | None) -> tuple[Results, Results]:
    """Check the register and the units that ``paths`` touch (every unit when None)."""

    try:
        register = load_register(register_file)
    except InvalidFile as exc:
        return [(str(register_file), exc.problems)], []
    results: Results = [(str(register_file), [p for index in sorted(register.problems) for p in register.problems[index]])]
    warnings: Results = []
    units = [u for u in register.units if u.entry not in register.problems]
    if paths is not None and not any(p.name == REGISTER_NAME for p in paths):  # a changed register: every unit (a folder may have moved)
        touched = _touched(register, paths)
        units = [u for u in units if u.code in touched]
    from zi_plan.units.runner import spread  # the roll-up's workers (and the LKE) only at a parent's root

    for found, warned in spread(_check_unit, register, units):
        results.extend(found)
        warnings.extend(warned)
    return results, warnings


def _touched(register: Register, paths: Sequence[Path]) -> set[str]:
    """The codes of the units whose folders hold one of ``paths`` (the deepest folder wins)."""
    root = register.root.absolute()
    folders = sorted(((PurePosixPath(u.folder).parts, u.code) for u in register.units), key=lambda f: -len(f[0]))
    touched = set()
    for path in paths:
        try:
            parts = Path(os.path.abspath(path)).relative_to(root).parts
        except ValueError:
            continue
        for folder, code in folders:
            if parts[: len(folder)] == folder:
                touched.add(code)
                break
    return touched


def _check_unit(register: Register, unit: Unit) -> tuple[Results, Results]:
    """A unit's plans (all years) and their journals; its folder and plans/ as problems or warnings."""

    folder = register.folder_of(unit)
    where = str(register.path)
    if not folder.is_dir():
        return [(where, [Problem(where, *entry_place(register, unit), _("unit {code}: folder {folder} does not exist").format(code=unit.code, folder=folder))])], []
    files = plans_in(folder / "plans")
    if not files:
        return [], [(where, [Problem(where, *entry_place(register, unit), _("unit {code}: no plan yet in {folder}").format(code=unit.code, folder=f"{folder / 'plans'}/"))])]
    results: Results = []
    warnings: Results = []
    years: dict[int, list[Path]] = {}
    for path in files:
        checked = check_file(path)
        results.append((checked.path, checked.problems))
        if checked.warnings:
            warnings.append((checked.path, checked.warnings))
        if checked.plan is not None:  # valid
            years.setdefault(checked.plan.year, []).append(path)
            journal = check_journal(checked.plan)
            if journal is not None:
                results.append(journal)
    for year, same in years.items():
        if len(same) > 1:
            message = _("two plans of {year} in one unit ({names}); keep one in plans/").format(year=year, names=", ".join(p.name for p in same))
            results.append((str(same[-1]), [Problem(str(same[-1]), None, None, message)]))
    return results, warnings


_composed: dict[str, object] = {}


def entry_place(register: Register, unit: Unit) -> tuple[int | None, int | None]:
    """The line and column of the unit's entry in units.yaml (the file is composed once per process, only for this)."""
    from zi_plan.schema import yamlio  # PyYAML: only when units.yaml is parsed

    key = str(register.path)
    if key not in _composed:
        try:
            _composed[key] = yamlio.compose(yamlio.read_text(register.path))
        except Exception:  # noqa: BLE001 - a place is a nicety: any trouble reading it again only loses the line
            _composed[key] = None
    return yamlio.locate(_composed[key], ("units", unit.entry))  # type: ignore[arg-type]
