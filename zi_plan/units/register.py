"""units.yaml: the parent's register of its units, read and checked like a plan.

A problem with the file as a whole (YAML, not a mapping, an unknown
top-level key) stops every command, with its ``file:line:col``. A problem
with one unit's entry (a missing name, a duplicate code, a parent that is
not in the register, a parent cycle, a folder outside the parent's folder)
is that unit's: the roll-up gives it an error row and goes on with the
others, and `zi validate` lists it. A register checked before, with no
problem, comes from the parsed-data cache (zi_plan.store.cache) without parsing.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from zi_plan.errors import Found, InvalidFile, Problem, ZiError
from zi_plan.i18n import _
from zi_plan.model.stores import store_problem
from zi_plan.schema.checks import key_name, kind_of, located
from zi_plan.schema.wording import pydantic_problem
from zi_plan.store import cache
from zi_plan.store.plans import decode_text, read_bytes
from zi_plan.store.workspace import shown

REGISTER_NAME = "units.yaml"
VERSION = 1


class Unit(NamedTuple):
    """One unit as the register gives it (``entry``: the place of its entry in ``units``)."""

    entry: int
    code: str
    name: str
    parent: str | None
    folder: str  # relative to the register's folder, '/'-separated
    predicate: str
    reviewer: str | None
    evidence_store: str | None = None  # sftp://, webdav(s)://, s3:// (zi_plan.model.stores); None: the register's


@dataclass
class Register:
    path: Path
    organisation: str | None
    year: int | None
    units: list[Unit]
    evidence_store: str | None = None  # every unit's, unless its entry names its own
    # The problems of each unit's entry, by its index; a unit listed here gets an error row.
    problems: dict[int, list[Problem]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent

    def folder_of(self, unit: Unit) -> Path:
        return self.root.joinpath(*PurePosixPath(unit.folder).parts)

    def unit(self, code: str) -> Unit:
        """The unit with this code, or a ZiError naming the closest codes."""
        for unit in self.units:
            if unit.code == code and unit.entry not in self.problems:
                return unit
        close = difflib.get_close_matches(code, [u.code for u in self.units], n=3, cutoff=0.5)
        hint = _(" (did you mean {close}?)").format(close=", ".join(close)) if close else ""
        raise ZiError(_("no unit '{code}' in {path}{hint}").format(code=code, path=self.path, hint=hint), exit_code=2)


def default_folder(code: str) -> str:
    return f"units/{code}"


# ---------------------------------------------------------------- finding


def find_register(start: Path | None = None) -> Path | None:
    """The nearest units.yaml, from ``start`` (default: here) upwards."""
    here = (start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        candidate = folder / REGISTER_NAME
        if candidate.is_file():
            return candidate
    return None


def register_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """units.yaml named by --units (the file or its folder), else the nearest one."""
    if explicit is not None:
        path = Path(explicit)
        return path / REGISTER_NAME if path.is_dir() else path
    found = find_register()
    if found is None:
        raise ZiError(_("no {name} in this folder or above it: run 'zi units init' in the parent's folder, or name it with --units").format(name=REGISTER_NAME), exit_code=2)

    return shown(found)


# ---------------------------------------------------------------- loading


def load_register(path: Path) -> Register:
    """The register at ``path``; InvalidFile for a problem with the file as a whole."""

    raw = read_bytes(path)
    content = cache.sha256(raw)
    store = cache.open_store()
    entry = None
    if store is not None:
        entry = store.content_entry(path, content)
        found = _cached(store, entry, content, path)
        if found is not None:
            return found
    register, problems = check_text(path, decode_text(path, raw))
    if register is None:
        raise InvalidFile(problems)
    if store is not None and entry is not None and not register.problems:
        segment = store.segment(("units", store.context, content, register.organisation, register.year, [tuple(u) for u in register.units], register.evidence_store))
        if segment is not None:
            store.write(entry, [segment])
    return register


def _cached(store: cache.Store, entry: Path, content: str, path: Path) -> Register | None:
    payloads = store.read(entry)
    if len(payloads) != 1:
        return None
    try:
        kind, ctx, sha, organisation, year, units, evidence_store = payloads[0]
        if kind != "units" or ctx != store.context or sha != content:
            return None
        return Register(path, organisation, year, [Unit(*u) for u in units], evidence_store)
    except (ValueError, TypeError):
        return None


def check_text(path: Path, text: str) -> tuple[Register | None, list[Problem]]:
    """(the register, or None when the file as a whole is wrong; the problems of the file as a whole)."""
    from zi_plan.schema import yamlio  # PyYAML: only when units.yaml is parsed

    with cache.loading():
        try:
            data = yamlio.parse(text)
        except yamlio.YamlError as exc:
            return None, [exc.problem(str(path))]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return None, [Problem(str(path), 1, 1, _("units.yaml must be a mapping with 'units' (a list of units), not {kind}").format(kind=kind_of(data)))]
    top = list(_top_problems(data))
    if top:
        return None, _located(path, text, top)
    organisation = data.get("organisation")
    store = data.get("evidence_store")
    register = Register(path, organisation.strip() if isinstance(organisation, str) else None, data.get("year"), [], store.strip() if isinstance(store, str) else None)
    found: list[tuple[int, Found]] = []
    for index, entry in enumerate(data.get("units") or []):
        unit, problems = _unit(index, entry)
        register.units.append(unit)
        found.extend((index, f) for f in problems)
    found.extend(rule_problems(register))
    if found:
        located = _located(path, text, [f for _i, f in found])
        for (index, _f), problem in zip(found, located, strict=True):
            register.problems.setdefault(index, []).append(problem)
    return register, []


def _located(path: Path, text: str, found: list[Found]) -> list[Problem]:
    return located(str(path), text, found)


# ---------------------------------------------------------------- the schema


def _top_problems(data: dict[str, Any]) -> Iterator[Found]:
    from pydantic import ValidationError  # pydantic: only when units.yaml is checked in full (not from the cache)

    from zi_plan.units.model import TOP_KEYS, RegisterModel  # the register's pydantic models: built only when units.yaml is checked

    try:
        checked = RegisterModel.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            yield loc, schema_message(err, TOP_KEYS), err["type"] == "extra_forbidden"
        return
    if checked.evidence_store is not None and (problem := store_problem(checked.evidence_store)):
        yield ("evidence_store",), problem, False
    if checked.version != VERSION:
        yield ("version",), _("units.yaml format {found} is not known to this zi (it reads format {known}); upgrade zi").format(found=checked.version, known=VERSION), False


def _unit(index: int, entry: Any) -> tuple[Unit, list[Found]]:
    """The unit of one entry (its code and name as far as they can be read), and what is wrong with it."""
    from pydantic import ValidationError  # pydantic: only when units.yaml is checked in full (not from the cache)

    from zi_plan.units.model import UNIT_KEYS, UnitModel  # the register's pydantic models: built only when units.yaml is checked

    raw = entry if isinstance(entry, dict) else {}
    code = str(raw.get("code")) if isinstance(raw.get("code"), (str, int)) else f"#{index + 1}"
    name = str(raw["name"]).strip() if isinstance(raw.get("name"), str) else ""
    fallback = Unit(index, code, name, None, default_folder(code), "WBK", None)
    if not isinstance(entry, dict):
        return fallback, [(("units", index), _("a unit must be a mapping (code: ..., name: ...), not {kind}").format(kind=kind_of(entry)), False)]
    try:
        model = UnitModel.model_validate(entry)
    except ValidationError as exc:
        return fallback, [(("units", index, *err["loc"]), schema_message(err, UNIT_KEYS), err["type"] == "extra_forbidden") for err in exc.errors(include_url=False)]
    folder = model.folder.replace("\\", "/") if model.folder else default_folder(model.code)
    unit = Unit(index, model.code, model.name, model.parent, folder, model.predicate, model.reviewer, model.evidence_store)
    problems: list[Found] = [(("units", index, "folder"), problem, False)] if (problem := _folder_problem(folder)) else []
    if model.evidence_store is not None and (store_says := store_problem(model.evidence_store)):
        problems.append((("units", index, "evidence_store"), store_says, False))
    return unit, problems


def _folder_problem(folder: str) -> str | None:
    path = PurePosixPath(folder)
    if path.is_absolute() or ".." in path.parts or ":" in folder or not path.parts:
        return _("folder '{folder}' must be a path inside the parent's folder, relative to units.yaml, e.g. units/9105").format(folder=folder)
    return None


def schema_message(err: Any, keys: tuple[str, ...]) -> str:
    """A pydantic error on units.yaml as a message that says what to write instead."""

    kind, loc, value = err["type"], tuple(err["loc"]), err.get("input")
    name = key_name(loc)
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(name), keys, n=1, cutoff=0.6)
        if close:
            return _("unknown key '{key}' (did you mean '{close}'?)").format(key=name, close=close[0])
        return _("unknown key '{key}'; allowed keys here: {keys}").format(key=name, keys=", ".join(keys))
    if kind == "missing":
        return _("missing required key '{key}'").format(key=name)
    if name in ("code", "parent") and kind == "string_type" and isinstance(value, int):
        return _("a unit code is text: write it in quotes, e.g. {key}: \"{value}\" (YAML reads 0101 as a number)").format(key=name, value=value)
    if name in ("code", "parent") and kind == "string_pattern_mismatch":
        return _("unit code '{value}' may hold only letters, digits, '.', '-' and '_' (at most 40; it names the unit's folder)").format(value=value)
    if name == "predicate":
        return _("'predicate' must be WBK, WBBM or WBK-afirmasi, not {kind}").format(kind=kind_of(value))
    return _("'{key}' is not valid: {problem}").format(key=name, problem=pydantic_problem(err))


# ---------------------------------------------------------------- rules between units


def rule_problems(register: Register) -> Iterator[tuple[int, Found]]:
    """Duplicate codes and folders, unknown parents, parent cycles."""
    first: dict[str, Unit] = {}
    folders: dict[str, Unit] = {}
    for unit in register.units:
        if unit.code.startswith("#"):
            continue
        if unit.code in first:
            other = first[unit.code]
            yield unit.entry, (("units", unit.entry, "code"), _("duplicate unit code '{code}': unit {n} ({name}) has it already; give each unit its own code").format(
                code=unit.code, n=other.entry + 1, name=other.name), False)  # fmt: skip
            continue
        first[unit.code] = unit
        folder = str(PurePosixPath(unit.folder)).rstrip("/").lower()
        if folder in folders:
            yield unit.entry, (("units", unit.entry), _("folder '{folder}' is unit {code}'s too: give each unit its own folder").format(folder=unit.folder, code=folders[folder].code), False)
        folders.setdefault(folder, unit)
    for unit in register.units:
        if unit.parent is None or first.get(unit.code) is not unit:
            continue
        if unit.parent not in first:
            close = difflib.get_close_matches(unit.parent, list(first), n=1, cutoff=0.6)
            hint = _(" (did you mean {close}?)").format(close=close[0]) if close else ""
            yield unit.entry, (("units", unit.entry, "parent"), _("parent '{parent}' is not a unit of this register{hint}").format(parent=unit.parent, hint=hint), False)
        elif (cycle := _cycle(unit, first)) is not None:
            yield unit.entry, (("units", unit.entry, "parent"), _("parent cycle: {cycle}; a unit cannot be below itself").format(cycle=" → ".join(cycle)), False)


def _cycle(unit: Unit, by_code: dict[str, Unit]) -> list[str] | None:
    """The codes from ``unit`` round to itself through its parents, when they lead back to it."""
    chain = [unit.code]
    seen = {unit.code}
    current = unit
    while current.parent is not None and current.parent in by_code:
        if current.parent == unit.code:
            return [*chain, unit.code]
        if current.parent in seen:  # a cycle further up, not through this unit
            return None
        current = by_code[current.parent]
        chain.append(current.code)
        seen.add(current.code)
    return None


def children_of(register: Register) -> dict[str, list[str]]:
    """Parent code -> the codes of the units right below it."""
    children: dict[str, list[str]] = {}
    for unit in register.units:
        if unit.parent is not None:
            children.setdefault(unit.parent, []).append(unit.code)
    return children


def descendants(register: Register, code: str, children: dict[str, list[str]] | None = None) -> set[str]:
    """The codes of the units below ``code``, at any depth (not itself)."""
    children = children_of(register) if children is None else children
    found: set[str] = set()
    todo = [code]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found and child != code:
                found.add(child)
                todo.append(child)
    return found
