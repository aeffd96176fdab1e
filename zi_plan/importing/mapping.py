"""Decisions that last: the mapping an office settled on, saved and reused next year.

`zi import --save-mapping FILE` writes the columns the import read (by
their headers), --team, --component, --quarters, the sheet and every
team's spellings; `zi import --mapping FILE` reads the next table the same
way. Options given on the command line win over the file. The file is
small YAML, versioned (``version: 1``), and checked like a plan: every
mistake at its FILE:LINE:COL, all at once.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.formats.scalar import scalar
from zi_plan.fs.files import atomic_write
from zi_plan.fs.fsguard import write_error
from zi_plan.i18n import _
from zi_plan.importing.headers import ROLES
from zi_plan.schema import yamlio

VERSION = 1
KEYS = ("version", "sheet", "columns", "quarters", "team", "component", "teams")
QUARTERS = ("last", "spread")


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # role -> header
    sheet: str | None = None
    quarters: str | None = None
    team: str | None = None
    component: str | None = None
    teams: dict[str, list[str]] = field(default_factory=dict)  # team name -> other spellings read as it


def load_mapping(path: Path) -> Mapping:
    try:
        text = yamlio.read_text(path)
        data = yamlio.parse(text)
    except yamlio.YamlError as exc:
        raise InvalidFile([exc.problem(str(path))]) from None
    checker = _Checker(str(path), text)
    mapping = checker.read(data)
    if checker.problems:
        raise InvalidFile(sorted(checker.problems, key=lambda p: (p.line or 0, p.column or 0)))
    return mapping


class _Checker:
    def __init__(self, path: str, text: str) -> None:
        self.path, self.text = path, text
        self.problems: list[Problem] = []
        self._root: Any = None

    def at(self, loc: list[str | int], message: str, key: bool = False) -> None:
        if self._root is None:
            self._root = yamlio.compose(self.text)
        line, column = yamlio.locate(self._root, loc, key=key)
        self.problems.append(Problem(self.path, line, column, message))

    def text_value(self, data: dict[str, Any], key: str, loc: list[str | int]) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, (str, int)) or not str(value).strip():
            self.at([*loc, key], _("{key} must be a text").format(key=key))
            return None
        return str(value).strip()

    def read(self, data: Any) -> Mapping:
        mapping = Mapping()
        if not isinstance(data, dict):
            self.at([], _("a mapping file is a set of keys (version: 1, columns: ...), not {kind}").format(kind=type(data).__name__))
            return mapping
        for key in data:
            if key not in KEYS:
                close = difflib.get_close_matches(str(key), KEYS, n=1, cutoff=0.6)
                hint = _("; did you mean '{key}'?").format(key=close[0]) if close else _("; the keys: {keys}").format(keys=", ".join(KEYS))
                self.at([str(key)], _("unknown key '{key}'").format(key=key) + hint, key=True)
        if "version" not in data:
            self.at([], _("version is missing: write 'version: 1' at the top"))
        elif data["version"] != VERSION:
            self.at(["version"], _("version {value} is not one this zi reads: write 'version: 1'").format(value=data["version"]))
        mapping.sheet = self.text_value(data, "sheet", [])
        mapping.team = self.text_value(data, "team", [])
        mapping.component = self.text_value(data, "component", [])
        mapping.quarters = self.text_value(data, "quarters", [])
        if mapping.quarters is not None and mapping.quarters not in QUARTERS:
            self.at(["quarters"], _("quarters is 'last' or 'spread', not '{value}'").format(value=mapping.quarters))
        mapping.columns = self._columns(data.get("columns"))
        mapping.teams = self._teams(data.get("teams"))
        return mapping

    def _columns(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.at(["columns"], _("columns maps roles to headers, e.g. 'action: KEGIATAN'"))
            return {}
        out = {}
        for role, header in value.items():
            if role not in ROLES:
                self.at(["columns", str(role)], _("unknown role '{role}'; roles: {roles}").format(role=role, roles=", ".join(ROLES)), key=True)
            elif not isinstance(header, (str, int)) or not str(header).strip():
                self.at(["columns", str(role)], _("the header of {role} must be a text").format(role=role))
            else:
                out[str(role)] = str(header).strip()
        return out

    def _teams(self, value: Any) -> dict[str, list[str]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.at(["teams"], _("teams maps each team's name to its other spellings, e.g. 'Tim SDM: [Subbag SDM]'"))
            return {}
        out: dict[str, list[str]] = {}
        for name, spellings in value.items():
            items = [] if spellings is None else spellings if isinstance(spellings, list) else None
            if items is None or not all(isinstance(s, (str, int)) and str(s).strip() for s in items):
                self.at(["teams", str(name)], _("the spellings of team '{name}' must be a list of texts").format(name=name))
                continue
            out[str(name).strip()] = [str(s).strip() for s in items]
        return out


def mapping_text(mapping: Mapping) -> str:
    """The file --save-mapping writes."""
    lines = [
        "# " + _("How zi import reads this office's Rencana Aksi table (zi import TABLE --mapping THIS-FILE)."),
        "# " + _("Options on the command line win over it. Edit it freely: zi checks it when it is used."),
        f"version: {VERSION}",
    ]
    for key in ("sheet", "quarters", "team", "component"):
        value = getattr(mapping, key)
        if value:
            lines.append(f"{key}: {scalar(value)}")
    if mapping.columns:
        lines.append("columns:")
        lines += [f"  {role}: {scalar(header)}" for role, header in mapping.columns.items()]
    if mapping.teams:
        lines.append("# " + _("Each team's name, and the other spellings of the table read as it."))
        lines.append("teams:")
        for name, spellings in mapping.teams.items():
            lines.append(f"  {scalar(name)}:" + ("" if spellings else " []"))
            lines += [f"    - {scalar(s)}" for s in spellings]
    return "\n".join(lines) + "\n"


def check_target(path: Path, force: bool) -> None:
    """Refuse to overwrite a mapping without --force: checked before the plan is written, so that nothing is half done."""

    try:
        exists, folder = path.exists(), path.is_dir()
    except OSError as exc:
        raise write_error(path, exc) from None
    if folder:
        raise ZiError(_("{path} is a folder: name the mapping file to write, e.g. {example}").format(path=path, example=path / "mapping.yaml"))
    if exists and not force:
        raise ZiError(_("{path} exists already; choose another name, or add --force to replace it").format(path=path))


def save_mapping(mapping: Mapping, path: Path, force: bool) -> None:
    check_target(path, force)
    try:
        atomic_write(path, mapping_text(mapping).encode("utf-8"))
    except OSError as exc:
        raise write_error(path, exc) from None
