"""The decree's details and the team ids, on a sheet of their own, so that `zi export` then `zi import` gives back the same plan.

The decree table itself has no place for the decree's number, date and
place, nor for the short ids a plan gives its teams. `zi export --format
xlsx` writes them on a sheet named Keputusan, one per row (the keys in the
decree's own language, like the table's headers), and `zi import` reads
them back from it; the command line still wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zi_plan.importing.grid import Grid

SHEET = "Keputusan"
KEYS = {
    "institution": "INSTANSI", "title": "JUDUL", "year": "TAHUN", "number": "NOMOR KEPUTUSAN", "date": "TANGGAL KEPUTUSAN",
    "place": "TEMPAT", "signatory": "PENANDATANGAN", "position": "JABATAN", "lke": "LKE",
}  # fmt: skip
TEAM_HEADER = ("ID TIM", "NAMA TIM")


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


def decree_rows(values: dict[str, Any], teams: list[tuple[str, str]]) -> list[list[Any]]:
    """The Keputusan sheet: KEY | VALUE rows, then the teams' ids and names."""
    rows: list[list[Any]] = [["DATA", "ISI"]]
    rows += [[label, "" if values.get(key) is None else str(values[key])] for key, label in KEYS.items()]
    rows += [[], list(TEAM_HEADER), *([tid, name] for tid, name in teams)]
    return rows


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
