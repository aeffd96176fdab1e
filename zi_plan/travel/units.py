"""The few fields of a parent's ``units.yaml`` that travel needs: a unit's code, folder and store.

Issue 23 defines ``units.yaml`` in full (names, parents, predicates, TPI
reviewers) and its own loader; until that lands, this reads only what packs
and stores need, tolerating every other key, so that it can be swapped for
that loader without changing its callers (``find``, ``load``, ``unit_of_plan``,
``store_for``)::

    evidence_store: sftp://arsip.example.go.id/srv/zi   # optional: every unit's default
    units:
      - code: "9108"
        folder: units/9108                            # optional: default units/CODE
        evidence_store: s3://bukti/9108?endpoint=...   # optional: this unit's own
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.i18n import _
from zi_plan.model.plan import LoadedPlan
from zi_plan.model.stores import StoreAddress, parse_store, store_problem

FILE_NAME = "units.yaml"


class Unit(NamedTuple):
    code: str
    folder: Path  # absolute: where the unit's plans/ is
    evidence_store: str | None = None


class Units(NamedTuple):
    path: Path
    evidence_store: str | None  # the parent-wide default
    units: dict[str, Unit]

    @property
    def root(self) -> Path:
        return self.path.parent


def find(start: Path) -> Path | None:
    """The nearest ``units.yaml`` in ``start`` or a folder above it."""
    here = start.absolute()
    for folder in (here, *here.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return candidate
    return None


def default_folder(root: Path, code: str) -> Path:
    return root / "units" / code


def load(path: Path) -> Units:
    """The codes, folders and stores of ``units.yaml``; InvalidFile with lines for what is wrong in them."""
    from zi_plan.schema import yamlio  # PyYAML: only commands that move units read units.yaml

    try:
        text = yamlio.read_text(path)
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    problems: list[tuple[tuple[Any, ...], str]] = []
    if not isinstance(data, dict):
        raise InvalidFile([Problem(str(path), 1, 1, _("units.yaml must be a mapping with 'units', a list of units each with a 'code'"))])
    default = _store(data, (), problems)
    units: dict[str, Unit] = {}
    entries = data.get("units") or []
    if not isinstance(entries, list):
        problems.append((("units",), _("'units' must be a list of units, each with a 'code'")))
        entries = []
    for index, entry in enumerate(entries):
        unit = _unit(path.parent, entry, ("units", index), problems)
        if unit is not None and unit.code in units:
            problems.append((("units", index, "code"), _("unit code '{code}' is listed twice").format(code=unit.code)))
        elif unit is not None:
            units[unit.code] = unit
    if problems:
        root = yamlio.compose(text)
        raise InvalidFile([Problem(str(path), *yamlio.locate(root, loc), message) for loc, message in problems])
    return Units(path, default, units)


def _unit(root: Path, entry: Any, loc: tuple[Any, ...], problems: list[tuple[tuple[Any, ...], str]]) -> Unit | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("code"), (str, int)) or isinstance(entry.get("code"), bool) or not str(entry["code"]).strip():
        problems.append((loc, _("a unit needs a 'code' (text, e.g. \"9108\")")))
        return None
    code = str(entry["code"]).strip()
    folder = entry.get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip() or Path(folder).is_absolute() or ".." in Path(folder).parts):
        problems.append(((*loc, "folder"), _("a unit's 'folder' is a path inside the parent's folder, e.g. units/{code}").format(code=code)))
        folder = None
    return Unit(code, (root / folder) if folder else default_folder(root, code), _store(entry, loc, problems))


def _store(data: dict[str, Any], loc: tuple[Any, ...], problems: list[tuple[tuple[Any, ...], str]]) -> str | None:
    value = data.get("evidence_store")
    if value is None:
        return None
    if not isinstance(value, str) or store_problem(value):
        problems.append(((*loc, "evidence_store"), store_problem(value) if isinstance(value, str) else _("'evidence_store' must be an address")))  # type: ignore[arg-type]
        return None
    return value.strip()


def unit_of_plan(plan_path: Path) -> tuple[Units, Unit] | None:
    """The unit whose folder holds this plan, in the nearest units.yaml above it; None when there is none."""
    found = find(plan_path.parent)
    if found is None:
        return None
    units = load(found)
    plan = plan_path.absolute()
    for unit in units.units.values():
        if unit.folder.absolute() in plan.parents:
            return units, unit
    return None


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
