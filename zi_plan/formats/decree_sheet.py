"""The decree's details and the team ids, on a sheet of their own, so that `zi export` then `zi import` gives back the same plan.

The decree table itself has no place for the decree's number, date and
place, nor for the short ids a plan gives its teams. `zi export --format
xlsx` writes them on a sheet named Keputusan, one per row (the keys in the
decree's own language, like the table's headers), and `zi import` reads
them back from it; the command line still wins.
"""

from __future__ import annotations

from typing import Any

SHEET = "Keputusan"
KEYS = {
    "institution": "INSTANSI", "title": "JUDUL", "year": "TAHUN", "number": "NOMOR KEPUTUSAN", "date": "TANGGAL KEPUTUSAN",
    "place": "TEMPAT", "signatory": "PENANDATANGAN", "position": "JABATAN", "lke": "LKE",
}  # fmt: skip
TEAM_HEADER = ("ID TIM", "NAMA TIM")


def details_rows(values: dict[str, Any], teams: list[tuple[str, str]]) -> list[list[Any]]:
    """The Keputusan sheet: KEY | VALUE rows, then the teams' ids and names."""
    rows: list[list[Any]] = [["DATA", "ISI"]]
    rows += [[label, "" if values.get(key) is None else str(values[key])] for key, label in KEYS.items()]
    rows += [[], list(TEAM_HEADER), *([tid, name] for tid, name in teams)]
    return rows
