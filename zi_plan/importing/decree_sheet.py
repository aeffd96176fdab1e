"""The decree's details and the team ids, read back from the Keputusan sheet `zi export` writes (zi_plan.formats.decree_sheet)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zi_plan.formats.decree_sheet import KEYS, TEAM_HEADER
from zi_plan.importing.grid import Grid


@dataclass
class DecreeSheet:
    institution: str | None = None
    title: str | None = None
    year: int | None = None
    number: str | None = None
    date: dt.date | None = None
    place: str | None = None
    signatory: str | None = None
    position: str | None = None
    lke: int | None = None
    team_ids: dict[str, str] = field(default_factory=dict)  # team name -> id


def read_decree(grids: list[Grid]) -> DecreeSheet | None:
    """The decree's details from a Keputusan sheet written by `zi export`, if the file has one."""
    labels = {label: key for key, label in KEYS.items()}
    for grid in grids:
        found = {labels[row[0].strip().upper()]: row[1].strip() for row in grid.rows if len(row) >= 2 and row[0].strip().upper() in labels}
        if not {"institution", "number", "date"} <= set(found):
            continue
        sheet = DecreeSheet(found.get("institution") or None, found.get("title") or None, _int(found.get("year")), found.get("number") or None,
                            _date(found.get("date")), found.get("place") or None, found.get("signatory") or None, found.get("position") or None,
                            _int(found.get("lke")))  # fmt: skip
        in_teams = False
        for row in grid.rows:
            cells = [c.strip() for c in row[:2]] + [""] * (2 - len(row[:2]))
            if tuple(c.upper() for c in cells) == TEAM_HEADER:
                in_teams = True
            elif in_teams and cells[0] and cells[1]:
                sheet.team_ids[cells[1]] = cells[0]
        return sheet
    return None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "")[:10]) if text else None
    except ValueError:
        return None
