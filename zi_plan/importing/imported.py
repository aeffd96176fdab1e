"""What `zi import` is asked (ImportOptions) and what it found and built (Imported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from zi_plan.errors import Problem
from zi_plan.formats.writer import ComponentOut
from zi_plan.importing.columns import Columns
from zi_plan.importing.decree_sheet import DecreeSheet
from zi_plan.importing.findings import Findings
from zi_plan.importing.grid import Grid
from zi_plan.lke.worksheet import default_year

if TYPE_CHECKING:
    from zi_plan.importing.hierarchy import Walk

QUARTERS = ("last", "spread")


@dataclass
class ImportOptions:
    sheet: str | None = None
    columns: str | None = None  # --columns "action=KEGIATAN,evidence=LUARAN"
    quarters: str | None = None  # a quarter is its last month (the default), or (spread) its three months
    team: str | None = None  # the team of actions whose table names none
    component: str | None = None  # the component's name when the table has no component level
    mapping: Path | None = None  # --mapping FILE: the settled reading of an earlier table
    teams: dict[str, list[str]] = field(default_factory=dict)  # team name -> spellings (from a mapping file)
    mapped_columns: dict[str, str] = field(default_factory=dict)  # role -> header (from a mapping file)


@dataclass
class Imported:
    """What the import found and built: for --dry-run, and for writing."""

    grid: Grid
    columns: Columns
    components: list[ComponentOut]
    teams: list[tuple[str, str]]
    findings: Findings = field(default_factory=Findings)
    text: str = ""
    problems: list[Problem] = field(default_factory=list)  # what stops the table from being a plan (then no components)
    state: Walk | None = None
    decree: DecreeSheet | None = None
    options: ImportOptions = field(default_factory=ImportOptions)


def lke_year(components: list[ComponentOut]) -> int | None:
    """The worksheet the codes were read against, named in the plan when any action got LKE codes, so they stay valid."""
    if not any(a.lke for c in components for i in c.items for a in i.actions):
        return None

    return default_year()
