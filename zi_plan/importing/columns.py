"""Finding the header and each column's role, by meaning rather than exact name.

A header cell is compared, case- and space-insensitively, with the words
offices use for each role; ``--columns role=HEADER,...`` overrides or
completes the mapping. Schedule columns are found under the header: twelve
months (numbered or named), quarters, semesters or month codes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _
from zi_plan.importing.grid import Grid
from zi_plan.importing.schedule import header_months

ROLES = ("number", "component", "item", "indicator", "action", "evidence", "team", "schedule", "lke")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("NO", "NO.", "NOMOR", "NO URUT", "KODE", "KD", "NOMOR/KODE"),
    "component": ("AREA", "AREA PERUBAHAN", "PILAR", "KOMPONEN PENGUNGKIT", "AREA PENGUNGKIT", "AREA ZI"),
    "item": ("KOMPONEN", "SUB AREA", "SUB KOMPONEN", "KEGIATAN UTAMA", "ASPEK", "SUB ASPEK", "PROGRAM", "SUB AREA PERUBAHAN", "COMPONENT"),
    "indicator": ("INDIKATOR", "RENCANA KINERJA", "SASARAN", "TARGET KINERJA", "INDIKATOR KINERJA", "INDIKATOR KEBERHASILAN", "INDICATOR"),
    "action": ("LANGKAH AKSI", "RENCANA AKSI", "KEGIATAN", "RINCIAN KEGIATAN", "URAIAN", "AKSI", "URAIAN KEGIATAN",
               "LANGKAH-LANGKAH", "LANGKAH KEGIATAN", "TAHAPAN", "ACTION", "ACTIONS", "ACTION STEPS"),
    "evidence": ("BUKTI FISIK", "BUKTI DUKUNG", "DATA DUKUNG", "DOKUMEN", "OUTPUT", "KELUARAN", "TARGET", "LUARAN",
                 "BUKTI", "DOKUMEN PENDUKUNG", "HASIL", "EVIDENCE"),
    "team": ("PENANGGUNG JAWAB", "PENANGGUNGJAWAB", "PJ", "PIC", "TIM", "TIM KERJA", "POKJA", "PELAKSANA",
             "KOORDINATOR", "UNIT", "UNIT KERJA", "TEAM", "RESPONSIBLE"),
    "schedule": ("WAKTU", "JADWAL", "WAKTU PELAKSANAAN", "JADWAL PELAKSANAAN", "TARGET WAKTU", "PERIODE",
                 "TENGGAT", "BATAS WAKTU", "PELAKSANAAN", "TIMELINE", "SCHEDULE"),
    # The LKE questions an action serves (some offices number their plan by them).
    "lke": ("LKE", "KODE LKE", "PERTANYAAN LKE", "BUTIR LKE"),
}
_LOOKUP = {word: role for role, words in SYNONYMS.items() for word in words}
_HEADER_SCAN = 40  # rows looked at for the header: titles above it are a few lines


def norm(text: str) -> str:
    """Header text compared case- and space-insensitively: ' Bukti  Fisik/ Bukti Dukung ' -> 'BUKTI FISIK/BUKTI DUKUNG'."""
    t = re.sub(r"\s+", " ", text.replace("\n", " ").strip().upper())
    return re.sub(r"\s*/\s*", "/", t).strip(" .:*")


def role_of(text: str) -> str | None:
    t = norm(text)
    if not t:
        return None
    candidates = [t, re.sub(r"\s*\(.*?\)\s*", " ", t).strip(), *re.split(r"/|&|,| DAN ", t)]
    for candidate in candidates:
        if candidate.strip() in _LOOKUP:
            return _LOOKUP[candidate.strip()]
    for word in sorted(_LOOKUP, key=len, reverse=True):  # "INDIKATOR KEBERHASILAN PROGRAM"
        if len(word) >= 5 and len(t) <= 40 and t.startswith(word + " "):
            return _LOOKUP[word]
    return None


@dataclass
class Columns:
    header: int  # index of the (first) header row
    last_header: int  # index of the last row belonging to the header (month numbers below it)
    roles: dict[str, int]
    months: dict[int, list[int]]  # schedule column -> its months
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text, for messages and --dry-run
    schedule_kind: str = ""  # "months", "quarters", "semesters", "one cell" or "" (none)

    def role_at(self, c: int) -> str | None:
        return next((role for role, col in self.roles.items() if col == c), None)


def parse_columns_option(text: str | None) -> dict[str, str]:
    """'action=KEGIATAN, evidence=LUARAN' -> {'action': 'KEGIATAN', 'evidence': 'LUARAN'}."""
    out: dict[str, str] = {}
    if not text:
        return out
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        role, sep, header = part.partition("=")
        role = role.strip().lower()
        if not sep or not header.strip():
            raise ZiError(_("--columns takes role=HEADER pairs separated by commas, e.g. action=KEGIATAN,evidence=LUARAN; not '{part}'").format(part=part), exit_code=2)
        if role not in ROLES:
            raise ZiError(_("--columns: unknown role '{role}'; roles: {roles}").format(role=role, roles=", ".join(ROLES)), exit_code=2)
        if role in out:
            raise ZiError(_("--columns names the role '{role}' twice: a role is given to one column only").format(role=role), exit_code=2)
        out[role] = norm(header)
    return out


def _header_text(grid: Grid, r: int, c: int) -> str:
    """A column's header: the row's own cell, or the more specific one below a group header."""
    top = "" if (r, c) in grid.copied and c > 0 and grid.cell(r, c - 1) == grid.cell(r, c) else grid.cell(r, c)
    below = grid.cell(r + 1, c) if (r + 1, c) not in grid.copied else ""
    top_role = role_of(top)
    if below and role_of(below) and (not top_role or top_role == "schedule"):
        return below
    return top or below


def _roles_in(grid: Grid, r: int, wanted: dict[str, str]) -> tuple[dict[str, int], dict[int, str]]:
    roles: dict[str, int] = {}
    headers: dict[int, str] = {}
    for c in range(grid.width):
        text = _header_text(grid, r, c)
        headers[c] = text
        forced = next((role for role, name in wanted.items() if name in (norm(text), norm(grid.cell(r, c)), norm(grid.cell(r + 1, c)))), None)
        role = forced or role_of(text)
        if role and forced is None and role in wanted:
            continue  # that role is given to another column by --columns
        if role and (role not in roles or forced):
            roles[role] = c
    for role in wanted:  # a column named for a role keeps only that role
        if role in roles:
            for other in [o for o, col in roles.items() if col == roles[role] and o != role]:
                del roles[other]
    return roles, headers


def _names_columns(grid: Grid, r: int, wanted: dict[str, str]) -> bool:
    """A header row names columns itself (the row above a header, taking its words from below, is not one)."""
    return any(role_of(text) or norm(text) in wanted.values() for text in grid.rows[r])


def _partial_header(grid: Grid, looked: int, wanted: dict[str, str]) -> tuple[int, list[str]] | None:
    """The row with the most recognised headers (none of them an action or indicator), if any."""
    best: tuple[int, list[str]] | None = None
    for r in range(looked):
        roles, headers = _roles_in(grid, r, wanted) if _names_columns(grid, r, wanted) else ({}, {})
        if roles and (best is None or len(roles) > len(best[1])):
            best = (r, [headers[c] for c in sorted(roles.values())])
    return best


def _settle_levels(roles: dict[str, int], headers: dict[int, str], wanted: dict[str, str]) -> None:
    """Two item-like columns (KOMPONEN, SUB KOMPONEN) and no component column: the left one is the component."""
    if "component" in roles or "item" not in roles or "component" in wanted:
        return
    item_col = roles["item"]
    others = [c for c, text in headers.items() if c != item_col and role_of(text) == "item" and c not in roles.values()]
    if others and min(others) > item_col:
        roles["component"], roles["item"] = item_col, min(others)


def find_columns(grid: Grid, quarters: str, wanted: dict[str, str]) -> Columns:
    best: tuple[int, int] | None = None
    for r in range(min(len(grid.rows), _HEADER_SCAN)):
        if not _names_columns(grid, r, wanted):
            continue
        roles, _headers = _roles_in(grid, r, wanted)
        score = len(roles) + 2 * len([w for w in wanted if w in roles])
        if ("action" in roles or "indicator" in roles) and len(roles) >= 2 and (best is None or score > best[1]):
            best = (r, score)
    if best is None:
        looked = min(len(grid.rows), _HEADER_SCAN)
        partial = _partial_header(grid, looked, wanted)
        if partial is not None:
            r, found = partial
            raise InvalidFile([grid.problem(r, 0, _("row {row} looks like the header ({found}) but has no action or indicator column; name it with --columns, e.g. --columns \"action=URAIAN\"").format(
                row=grid.origins[r][1], found=", ".join(found)))])  # fmt: skip
        raise InvalidFile([grid.problem(0, 0, _("no header row found in the first {n} rows: zi looks for headers such as NO, KOMPONEN, INDIKATOR, KEGIATAN, BUKTI FISIK, PENANGGUNG JAWAB; name yours with --columns, e.g. --columns \"action=URAIAN,evidence=HASIL\"").format(n=looked))])
    r = best[0]
    roles, headers = _roles_in(grid, r, wanted)
    _settle_levels(roles, headers, wanted)
    missing = [role for role in wanted if role not in roles]
    if missing:
        seen = "; ".join(h for h in headers.values() if h)
        raise InvalidFile([grid.problem(r, 0, _("--columns: no column headed {names} in this header row; its headers: {seen}").format(
            names=", ".join(wanted[m] for m in missing), seen=seen))])  # fmt: skip
    months, last, kind = _schedule_columns(grid, r, roles, quarters)
    if any(text and text == grid.cell(r + 1, c) != grid.cell(r, c) for c, text in headers.items()):
        last = max(last, r + 1)  # a second header row (KEGIATAN | OUTPUT under RENCANA AKSI)
    if months and "schedule" in roles and roles["schedule"] in months and "schedule" not in wanted:
        del roles["schedule"]  # "PELAKSANAAN (BULAN)" over the month columns
    if not kind and "schedule" in roles:
        kind = "one cell"
    return Columns(r, last, roles, months, headers, kind)


def _schedule_columns(grid: Grid, r: int, roles: dict[str, int], quarters: str) -> tuple[dict[int, list[int]], int, str]:
    """Month, quarter or semester columns in the header row or the one or two rows below it."""
    text_cols = {c for role, c in roles.items() if role != "schedule"}
    for row in (r, r + 1, r + 2):
        if row >= len(grid.rows):
            break
        cells = {c: grid.cell(row, c) for c in range(grid.width) if c not in text_cols and (row, c) not in grid.copied}
        found = {c: header_months(text, quarters) for c, text in cells.items() if text and not text.strip().isdigit()}
        named = {c: m for c, m in found.items() if m}
        if len(named) >= 2:
            kinds = {len(m) for m in named.values()}
            kind = "months" if len(named) >= 6 and kinds == {1} and not any(_is_period(cells[c]) for c in named) else "quarters"
            if any(re.match(r"(?i)^\s*(s|sem|smt|semester)\b", cells[c]) for c in named):
                kind = "semesters"
            return named, row, kind
        numbered = _numbered_run(cells)
        if numbered:
            return numbered, row, "months"
        _check_near_run(grid, row, cells)
    return {}, r, ""


def _is_period(text: str) -> bool:
    return bool(re.match(r"(?i)^\s*(tw|trw|triwulan|kuartal|kw|q|quarter|s|sem|smt|semester)\b", text))


def _numbered_run(cells: dict[int, str]) -> dict[int, list[int]]:
    """Twelve adjacent columns numbered 1..12, and not part of a longer run (the column-number row 1..18)."""
    digits = {c: int(t) for c, t in cells.items() if t.strip().isdigit()}
    for start, value in digits.items():
        if value != 1 or digits.get(start - 1) is not None:
            continue
        run = {}
        c, n = start, 1
        while digits.get(c) == n:
            run[c] = [n]
            c, n = c + 1, n + 1
        if len(run) == 12 and digits.get(c) is None:
            return run
    return {}


def _check_near_run(grid: Grid, row: int, cells: dict[int, str]) -> None:
    """Month columns numbered 1, 2, ... that go wrong (a 13, a repeat): say where, rather than read no schedule."""
    digits = {c: int(t) for c, t in cells.items() if t.strip().isdigit()}
    for start, value in digits.items():
        if value != 1 or digits.get(start - 1) is not None:
            continue
        c, n = start, 1
        while digits.get(c) == n:
            c, n = c + 1, n + 1
        if 6 <= n - 1 < 12 and c in digits:
            raise InvalidFile([grid.problem(row, c, _("column header {value} is not a month: the month columns must be numbered 1 to 12, once each").format(value=digits[c]))])
