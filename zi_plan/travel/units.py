"""What travel needs of a parent's ``units.yaml`` (zi_plan.units.register): a unit's code, folder and evidence store.

A unit's store is its entry's ``evidence_store``, else the register's
parent-wide default::

    evidence_store: sftp://arsip.example.go.id/srv/zi   # optional: every unit's default
    units:
      - code: "9108"
        name: KPU Kabupaten Sorong
        evidence_store: s3://bukti/9108?endpoint=...   # optional: this unit's own
"""

from __future__ import annotations

from pathlib import Path

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.stores import StoreAddress, parse_store
from zi_plan.units.register import Register, Unit, default_folder, find_register, load_register


def unit_of_plan(plan_path: Path) -> tuple[Register, Unit] | None:
    """The unit whose folder holds this plan, in the nearest units.yaml above it; None when there is none."""
    found = find_register(plan_path.parent)
    if found is None:
        return None
    register = load_register(found)
    plan = plan_path.absolute()
    for unit in register.units:
        if register.folder_of(unit).absolute() in plan.parents:
            if unit.entry in register.problems:  # its entry is wrong: say so, rather than that it names nothing
                raise InvalidFile(register.problems[unit.entry])
            return register, unit
    return None


def unit_folder_of(code: str, here: Path) -> tuple[Path, Path | None]:
    """(the folder of unit ``code``, the units.yaml that lists it); without a units.yaml above ``here``: units/CODE here."""
    found = find_register(here)
    if found is None:
        return here.absolute().joinpath(*default_folder(code).split("/")), None
    register = load_register(found)
    for unit in register.units:
        if unit.code == code and unit.entry not in register.problems:
            return register.folder_of(unit), found
    raise ZiError(_("unit {code} is not in {path}; add it there first, then receive again").format(code=code, path=found))


def unit_code(plan: LoadedPlan, given: str | None) -> str:
    """The unit's code: units.yaml's for the folder that holds the plan, else ``--unit``; both must agree."""
    found = unit_of_plan(plan.path)
    if found is not None:
        code = found[1].code
        if given is not None and given.strip() != code:
            raise ZiError(_("{units} says this plan is unit {code}, not {given}").format(units=found[0].path, code=code, given=given))
        return code
    if given is None or not given.strip():
        raise ZiError(_("which unit is this? give its code with --unit CODE (no units.yaml above {folder} says)").format(folder=plan.path.parent), exit_code=2)
    return given.strip()


def store_for(plan: LoadedPlan, given: str | None = None) -> StoreAddress | None:
    """The evidence store: --store, else the plan's ``evidence_store``, else the unit's in units.yaml, else units.yaml's default."""
    text = given or plan.evidence_store
    if not text:
        found = unit_of_plan(plan.path) if not plan.bundled else None
        if found is not None:
            text = found[1].evidence_store or found[0].evidence_store
    if not text:
        return None
    try:
        return parse_store(text)
    except ValueError as exc:
        raise ZiError(str(exc), exit_code=2 if given else 1) from None


def need_store(plan: LoadedPlan, given: str | None) -> StoreAddress:
    address = store_for(plan, given)
    if address is None:
        raise ZiError(_("no evidence store is named: add evidence_store: sftp://host/path (or webdav://, webdavs://, s3://) to the plan or to units.yaml, or give --store"))
    return address
