"""Finding the header and each column's role, by meaning rather than exact name.

A header cell is compared, case- and space-insensitively, with the words
offices use for each role (``headers``); ``--columns role=HEADER,...``
overrides or completes the mapping. When two columns could take one role
the better-named wins and the import says which it chose, why, and how to
choose the other. Schedule columns are found under the header: twelve
months (numbered or named), quarters, semesters or month codes. The header
row is the one naming the most roles among the first rows, titles above it
allowed; a row below it counts as a second header row only when every cell
of it is itself a header word, a period or a column number, so that the
first data row is never taken for one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zi_plan.errors import InvalidFile, ZiError
from zi_plan.i18n import _
from zi_plan.importing.findings import Finding
from zi_plan.importing.grid import Grid
from zi_plan.importing.headers import FALLBACK, ROLES, match, norm, role_of
from zi_plan.importing.periods import group_quarters
from zi_plan.importing.schedule import header_months

__all__ = ["ROLES", "Candidate", "Columns", "find_columns", "norm", "parse_columns_option", "role_of"]

_HEADER_SCAN = 40  # rows looked at for the header: titles above it are a few lines
_LEVELS = ("component", "item")  # roles settled from the cells (see levels): a column each, outer ones kept too


@dataclass
class Candidate:
    column: int
    role: str
    rank: int
    header: str
    forced: bool = False  # named by --columns or a mapping file


@dataclass
class Columns:
    header: int  # index of the (first) header row
    last_header: int  # index of the last row belonging to the header (month numbers below it)
    roles: dict[str, int]
    months: dict[int, list[int]]  # schedule column -> its months
    headers: dict[int, str] = field(default_factory=dict)  # column -> header text, for messages and --dry-run
    schedule_kind: str = ""  # "months", "quarters", "semesters", "one cell" or "" (none)
    candidates: list[Candidate] = field(default_factory=list)
    forced: dict[str, str] = field(default_factory=dict)  # role -> header, from --columns or a mapping file
    findings: list[Finding] = field(default_factory=list)  # what was chosen over what, and why
    dropped: dict[int, str] = field(default_factory=dict)  # column -> why it got no role
    lost: dict[int, Finding] = field(default_factory=dict)  # column -> the finding that told it lost its role (taken back if the cells say otherwise)
    outer: list[int] = field(default_factory=list)  # level columns above the component (AREA over PILAR)
    lke_text: int | None = None  # a column of LKE question texts rather than codes
    letters: int | None = None  # a column of level letters (SS, K, IO) beside the code column
    running: int | None = None  # a running number beside the real hierarchy
    ids: int | None = None  # zi's own action ids (KODE of `zi export`)
    sources: int | None = None  # the source table's codes beside them (KODE SUMBER of `zi export`)
    titles: set[int] = field(default_factory=set)  # columns with no role whose text gave headings their titles

    def role_at(self, c: int) -> str | None:
        return next((role for role, col in self.roles.items() if col == c), None)

    def used(self, c: int) -> bool:
        return c in self.roles.values() or c in self.months or c in self.outer or c in self.titles or c in (self.lke_text, self.letters, self.running, self.ids, self.sources)

    def label(self, c: int) -> str:
        """A column as messages name it: its header, else its number."""
        return " ".join(self.headers.get(c, "").split()) or _("column {n}").format(n=c + 1)


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


def _header_like(grid: Grid, r: int) -> bool:
    """Every text of the row is a header word, a period or a column number: a second header row, not data."""
    if r >= len(grid.rows):
        return False
    texts = [grid.cell(r, c) for c in range(grid.width) if grid.cell(r, c).strip() and (r, c) not in grid.copied]
    return bool(texts) and all(match(t, strict=True) or header_months(t, "last") or re.fullmatch(r"\(?\d{1,2}\)?", t.strip()) for t in texts)


def _header_text(grid: Grid, r: int, c: int) -> str:
    """A column's header: the row's own cell, or the more specific one below a group header."""
    top = "" if grid.spread(r, c) else grid.cell(r, c)
    below = grid.cell(r + 1, c) if (r + 1, c) not in grid.copied and _header_like(grid, r + 1) else ""
    top_role = role_of(top)
    if below and role_of(below) and (not top_role or top_role == "schedule"):
        return below
    return top or below


def _candidates(grid: Grid, r: int, wanted: dict[str, str]) -> tuple[list[Candidate], dict[int, str]]:
    cands: list[Candidate] = []
    headers: dict[int, str] = {}
    for c in range(grid.width):
        text = _header_text(grid, r, c)
        headers[c] = text
        names = {norm(text), norm(grid.cell(r, c)), norm(grid.cell(r + 1, c))} - {""}
        forced = next((role for role, name in wanted.items() if name in names), None)
        found = match(text)
        if forced:
            cands.append(Candidate(c, forced, 0, text, forced=True))
        elif found:
            cands.append(Candidate(c, found[0], found[1], text))
    return cands, headers


def _reads_as_data(grid: Grid, r: int) -> bool:
    """A row with a month mark or a long sentence in it is data, whatever words it holds."""
    cells = [t.strip() for c, t in enumerate(grid.rows[r]) if t.strip() and (r, c) not in grid.copied]
    return any(len(t) > 80 or t.lower() in ("v", "✓", "√", "x") for t in cells)


def _score(cands: list[Candidate]) -> int:
    roles = {c.role for c in cands}
    return 2 * len(roles) + 3 * sum(c.forced for c in cands) - sum(c.rank > 2 for c in cands)


def _find_header(grid: Grid, wanted: dict[str, str]) -> tuple[int, list[Candidate], dict[int, str]] | None:
    best: tuple[int, int, list[Candidate], dict[int, str]] | None = None
    for r in range(min(len(grid.rows), _HEADER_SCAN)):
        if _reads_as_data(grid, r) or not any(match(t) or norm(t) in wanted.values() for t in grid.rows[r]):
            continue  # a header row names columns itself (the row above one, taking its words from below, is not one)
        cands, headers = _candidates(grid, r, wanted)
        roles = {c.role for c in cands}
        if not (roles & {"action", "indicator", "evidence"}) or len(roles) < 2:
            continue
        spare = any(sum(c.role == role for c in cands) >= 2 for role in FALLBACK)  # TARGET beside BUKTI: one is the indicator
        if roles & {"action", "indicator"} or spare:
            score = _score(cands)
            if best is None or score > best[1]:
                best = (r, score, cands, headers)
    return (best[0], best[2], best[3]) if best else None


def _no_header(grid: Grid, wanted: dict[str, str]) -> InvalidFile:
    looked = min(len(grid.rows), _HEADER_SCAN)
    best: tuple[int, list[str]] | None = None
    for r in range(looked):
        if not any(match(t) or norm(t) in wanted.values() for t in grid.rows[r]):
            continue
        cands, headers = _candidates(grid, r, wanted)
        if cands and (best is None or len(cands) > len(best[1])):
            best = (r, [headers[c.column] for c in cands])
    if wanted:
        r = best[0] if best else 0
        return _missing(grid, r, list(wanted), wanted)
    if best is not None:
        r, found = best
        return InvalidFile([grid.problem(r, 0, _("row {row} looks like the header ({found}) but has no action or indicator column; name it with --columns, e.g. --columns \"action=URAIAN\"").format(
            row=grid.origins[r][1], found=", ".join(found)))])  # fmt: skip
    return InvalidFile([grid.problem(0, 0, _("no header row found in the first {n} rows: zi looks for headers such as NO, KOMPONEN, INDIKATOR, KEGIATAN, BUKTI FISIK, PENANGGUNG JAWAB; name yours with --columns, e.g. --columns \"action=URAIAN,evidence=HASIL\"").format(n=looked))])


def _missing(grid: Grid, r: int, missing: list[str], wanted: dict[str, str]) -> InvalidFile:
    """--columns (or a mapping) names a header the table does not have: say so, and list the headers it has."""
    seen = "; ".join(dict.fromkeys(" ".join(t.split()) for t in grid.rows[r] if t.strip()))
    return InvalidFile([grid.problem(r, 0, _("--columns: no column headed {names} in this table; the headers of row {row}: {seen}").format(
        names=", ".join(wanted[m] for m in missing), row=grid.origins[r][1], seen=seen or "-"))])  # fmt: skip


def find_columns(grid: Grid, quarters: str, wanted: dict[str, str]) -> Columns:
    found = _find_header(grid, wanted)
    if found is None:
        raise _no_header(grid, wanted)
    r, cands, headers = found
    missing = [role for role in wanted if not any(c.forced and c.role == role for c in cands)]
    if missing:
        raise _missing(grid, r, missing, wanted)
    cols = Columns(r, r, {}, {}, headers, candidates=cands, forced=dict(wanted))
    settle_roles(cols)
    months, last, kind = _schedule_columns(grid, r, cols.roles, quarters)
    cols.months, cols.last_header, cols.schedule_kind = months, last, kind
    if any(text and text == grid.cell(r + 1, c) != grid.cell(r, c) for c, text in headers.items()):
        cols.last_header = max(cols.last_header, r + 1)  # a second header row (KEGIATAN | OUTPUT under RENCANA AKSI)
    if months and "schedule" in cols.roles and cols.roles["schedule"] in months and "schedule" not in wanted:
        del cols.roles["schedule"]  # "PELAKSANAAN (BULAN)" over the month columns
    if not kind and "schedule" in cols.roles:
        cols.schedule_kind = "one cell"
    return cols


def settle_roles(cols: Columns) -> None:
    """Each role to one column: the one named by --columns, else the best-named (leftmost on a tie).

    NO/KODE and the level columns (AREA, PILAR, SUB PILAR ...) are settled
    later from their cells; a column that loses a role may be the indicator
    (``FALLBACK``), else it is listed as ignored with the reason.
    """
    by_role: dict[str, list[Candidate]] = {}
    for cand in cols.candidates:
        by_role.setdefault(cand.role, []).append(cand)
    taken: set[int] = set()
    for role in ROLES:
        cands = sorted((c for c in by_role.get(role, []) if c.column not in taken), key=lambda c: (not c.forced, c.rank, c.column))
        if not cands:
            continue
        if role in _LEVELS and not cands[0].forced:
            continue  # see levels.settle_levels
        cols.roles[role] = cands[0].column
        taken.add(cands[0].column)
        for other in cands[1:]:
            if role != "number":
                tell_lost(cols, role, cands[0], other)
        if len(cands) == 1 and _WEAK.get(role, 99) <= cands[0].rank:
            cols.findings.append(Finding(_("{header} read as the {what}, no column being headed more surely for it; if that is wrong: --columns \"{role}=HEADER\"").format(
                header=cols.label(cands[0].column), what=role_name(role), role=role), [cols.header]))  # fmt: skip


# A lone column read for a role by a word that names it only loosely: said, so that a wrong guess is seen.
_WEAK = {"evidence": 3, "team": 2, "action": 3}


def role_name(role: str) -> str:
    """A role as messages name it, in the interface language (the --columns key stays English)."""
    names = {
        "number": _("number (NO/KODE)"), "component": _("component"), "item": _("item"),
        "indicator": _("indicator"), "action": _("action (steps)"), "evidence": _("evidence"),
        "team": _("team"), "schedule": _("schedule (one cell)"), "lke": _("LKE codes"),
    }  # fmt: skip
    return names.get(role, role)


def tell_lost(cols: Columns, role: str, winner: Candidate, loser: Candidate) -> None:
    """``loser`` could hold ``role`` too: it becomes the indicator (``FALLBACK``), else it is dropped; either way said."""
    spare = FALLBACK.get(role)
    name, other = cols.label(winner.column), cols.label(loser.column)
    if spare and spare not in cols.roles and spare not in cols.forced:
        cols.roles[spare] = loser.column
        cols.findings.append(Finding(_("{other} (column {n}) read as the indicator, since {name} (column {m}) holds the {what}; to read them the other way: --columns \"{role}={other},{spare}={name}\"").format(
            other=other, n=loser.column + 1, name=name, m=winner.column + 1, what=role_name(role), role=role, spare=spare), [cols.header]))  # fmt: skip
        return
    why = _("as --columns says") if winner.forced else _("its header names it more surely")
    cols.dropped[loser.column] = _("the {what} is {name} (column {n})").format(what=role_name(role), name=name, n=winner.column + 1)
    cols.lost[loser.column] = Finding(_("two columns could hold the {what}: {name} (column {n}) chosen over {other} (column {m}), {why}; to take {other}: --columns \"{role}={other}\"").format(
        what=role_name(role), name=name, n=winner.column + 1, other=other, m=loser.column + 1, why=why, role=role), [cols.header])  # fmt: skip
    cols.findings.append(cols.lost[loser.column])


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
        grouped = group_quarters(grid, row, cells, quarters)
        if grouped:
            return grouped, row, "quarters"
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
