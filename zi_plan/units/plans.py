"""Which plan of a unit the roll-up reads: the one of its year in the unit's plans/ folder.

A unit's plans/ may hold plans of several years (next year's is made from
this year's beside it); the roll-up reads the plan of its year. No folder,
no plan, only plans of other years, or two plans of the year are each a
clear error for that unit, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.workspace import plans_in, shown
from zi_plan.units.register import Register, Unit

_YEAR = re.compile(rb"^year:[ \t]*(\d{4})[ \t]*(?:#.*)?$", re.MULTILINE)


class UnitError(ZiError):
    """What keeps one unit out of the roll-up (its row says it; the others go on)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def plan_files(register: Register, unit: Unit) -> list[Path]:
    """The plan files in the unit's plans/ folder; UnitError when there is no folder or no plan."""
    folder = register.folder_of(unit)
    if not folder.is_dir():
        raise UnitError([_("folder {folder} does not exist: create it and put the unit's plan in {folder}/plans/ (zi init or zi import there), or correct the unit's 'folder' in {register}").format(
            folder=shown(folder), register=shown(register.path))])  # fmt: skip
    found = plans_in(folder / "plans")
    if not found:
        raise UnitError([_("no plan in {folder}: write one there with zi init or zi import").format(folder=f"{shown(folder / 'plans')}/")])
    return found


def choose(files: list[Path], year: int, year_of: Callable[[Path], int | None]) -> Path:
    """The one file whose plan is of ``year``; ``year_of`` gives a file's year (None: unknown, a broken plan)."""
    years = {path: year_of(path) for path in files}
    matching = [path for path, y in years.items() if y == year]
    if len(matching) > 1:
        names = ", ".join(p.name for p in matching)
        raise UnitError([_("two plans of {year} in {folder}: {names}; keep one there (move the other out of plans/)").format(
            year=year, folder=f"{shown(matching[0].parent)}/", names=names)])  # fmt: skip
    if not matching:
        others = ", ".join(f"{p.name} ({y})" for p, y in years.items() if y is not None)
        raise UnitError([_("no plan of {year} in {folder}; it holds {others}: add the plan of {year} (zi init --from the last one)").format(
            year=year, folder=f"{shown(files[0].parent)}/", others=others)])  # fmt: skip
    return matching[0]


def year_of_file(path: Path, load: Callable[[Path], LoadedPlan]) -> int | None:
    """A plan file's year: loaded (through the cache), or for a broken plan read from its 'year:' line.

    A broken plan of another year is not this roll-up's concern (zi validate
    reports it); a broken plan of this year, or of no readable year, is.
    """
    try:
        return load(path).year
    except ZiError as exc:  # InvalidFile too
        try:
            found = _YEAR.search(path.read_bytes())
        except OSError:
            found = None
        if found is None:
            raise UnitError(problem_lines(exc)) from None
        return int(found.group(1))


def problem_lines(exc: ZiError) -> list[str]:
    if isinstance(exc, InvalidFile):
        return [str(p) for p in exc.problems]
    return [exc.message]
