"""Reading schedules: month headers, quarter headers, marks, and schedules written in one cell.

Quarters and semesters have a documented reading: by default a quarter
means its last month (TW II -> June), the month whose report is due, and
with ``--quarters spread`` all its months (TW II -> April, May, June).
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    (
        "januari jan january",
        "februari feb february pebruari peb",
        "maret mar march",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "agustus agu agt ags aug august",
        "september sep sept",
        "oktober okt oct october",
        "november nov nopember nop",
        "desember des dec december",
    ),
    1,
):
    for _name in _names.split():
        MONTHS[_name] = _n

MARKS = {"v", "x", "✓", "✔", "√", "☑", "1", "ya", "y", "yes", "•", "●", "*"}
BLANKS = {"-", "–", "0", "tidak", "no"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"^(?:tw|trw|triwulan|kuartal|kw|q|quarter)\s*[-.]?\s*(iv|i{1,3}|[1-4])$")
_SEMESTER = re.compile(r"^(?:semester|smt|sem|s)\s*[-.]?\s*(i{1,2}|[12])$")
_CODE = re.compile(r"^b\s*-?\s*0?(\d{1,2})$")
_RANGE = re.compile(r"^(.+?)\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sd|sampai(?:\s+dengan)?|hingga|to|until)\s*(.+)$")
_EVERY_MONTH = ("setiap bulan", "tiap bulan", "per bulan", "bulanan", "every month", "monthly", "sepanjang tahun", "all year", "rutin")
_EVERY_QUARTER = ("setiap triwulan", "tiap triwulan", "per triwulan", "triwulanan", "quarterly", "every quarter")
_EVERY_SEMESTER = ("setiap semester", "tiap semester", "per semester", "semesteran", "every semester")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().strip(" .:;,()"))


def quarter_months(quarter: int, quarters: str) -> list[int]:
    last = quarter * 3
    return [last - 2, last - 1, last] if quarters == "spread" else [last]


def semester_months(semester: int, quarters: str) -> list[int]:
    last = semester * 6
    return list(range(last - 5, last + 1)) if quarters == "spread" else [last]


def period_months(text: str, quarters: str) -> list[int] | None:
    """One month, quarter, semester or month code ('Mei', 'TW II', 'Semester I', 'B03'); None if not one."""
    t = _norm(text)
    if t in MONTHS:
        return [MONTHS[t]]
    for pattern, to_months in ((_QUARTER, quarter_months), (_SEMESTER, semester_months)):
        match = pattern.match(t)
        if match:
            n = match.group(1)
            return to_months(_ROMAN[n] if n in _ROMAN else int(n), quarters)
    match = _CODE.match(t)
    if match and 1 <= int(match.group(1)) <= 12:
        return [int(match.group(1))]
    return None


def header_months(text: str, quarters: str) -> list[int] | None:
    """The months a schedule column's header stands for, or None when it names none."""
    t = _norm(text)
    if t.isdigit():
        return [int(t)] if 1 <= int(t) <= 12 else None
    return period_months(t, quarters)


def is_mark(text: str) -> bool:
    return _norm(text) in MARKS or text.strip() in MARKS


def is_blank_mark(text: str) -> bool:
    return not text.strip() or _norm(text) in BLANKS


def _point(text: str, quarters: str) -> tuple[int, int] | None:
    """A range end: (first month, last month) of a month, number, quarter or semester."""
    t = re.sub(r"\b(?:19|20)\d\d\b", "", _norm(text)).strip(" ,.")  # "Juni 2024": the year is the plan's
    t = re.sub(r"^(?:bulan|bln|month)\s+", "", t)
    if t.isdigit() and 1 <= int(t) <= 12:
        return int(t), int(t)
    months = period_months(t, "spread")
    if months is None:
        return None
    return months[0], months[-1]


def _part(text: str, quarters: str) -> list[int] | None:
    t = re.sub(r"\b(?:19|20)\d\d\b", "", _norm(text)).strip(" ,.")
    t = re.sub(r"^(?:bulan|bln|month|pada)\s+", "", t)
    if not t:
        return []
    single = period_months(t, quarters)
    if single is not None:
        return single
    if t.isdigit() and 1 <= int(t) <= 12:
        return [int(t)]
    match = _RANGE.match(t)
    if match:
        start, end = _point(match.group(1), quarters), _point(match.group(2), quarters)
        if start and end and start[0] <= end[1]:
            months = list(range(start[0], end[1] + 1))
            if quarters != "spread" and _QUARTER.match(_norm(match.group(1))):
                return [m for m in months if m % 3 == 0]
            return months
    return None


def parse_schedule(text: str, quarters: str = "last") -> list[int] | None:
    """The months of a schedule written in one cell; [] when empty, None when not understood.

    'Januari – Desember', 'Setiap bulan', 'April, Juli, Oktober', 'TW II',
    'Semester I', 'Maret s.d. Juni', 'Triwulan I dan III', '3, 6, 9, 12'.
    """
    t = _norm(text)
    if not t:
        return []
    if any(phrase in t for phrase in _EVERY_MONTH):
        return list(range(1, 13))
    if any(phrase in t for phrase in _EVERY_QUARTER):
        return list(range(1, 13)) if quarters == "spread" else [3, 6, 9, 12]
    if any(phrase in t for phrase in _EVERY_SEMESTER):
        return list(range(1, 13)) if quarters == "spread" else [6, 12]
    # "Triwulan I dan III": the word applies to every numeral after it.
    t = re.sub(r"\b(tw|triwulan|semester)\s+(i{1,3}|iv|[1-4])\s*(?:,|dan|and|&)\s*(i{1,3}|iv|[1-4])\b", r"\1 \2, \1 \3", t)
    months: set[int] = set()
    for part in re.split(r"\s*(?:,|;|\n|\bdan\b|\band\b|&|\+)\s*", t):
        found = _part(part, quarters)
        if found is None:
            return None
        months.update(found)
    return sorted(months)
