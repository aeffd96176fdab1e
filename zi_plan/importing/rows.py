"""One data row of the table, read through the column mapping.

Reads the cells of each role, the months marked (a mark, a filled cell, or
a schedule written in one cell), and what the NO/KODE cell says: a Roman
numeral (component), a number (item), a letter (action label) or a dotted
code (SS.1.1, A.1.I.i). Cells that hold a merged cell's text in a row
below its first are "copied": they repeat, they do not open anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zi_plan.errors import Problem
from zi_plan.i18n import _
from zi_plan.importing.columns import Columns
from zi_plan.importing.grid import Grid
from zi_plan.importing.headers import norm, role_of
from zi_plan.importing.schedule import is_blank_mark, is_mark, parse_schedule

ROMAN = re.compile(r"^(XI{0,2}|IX|VI{0,3}|IV|I{1,3})(?:[.)]?\s+(.*)|[.)]?)$", re.DOTALL)
_ITEM_NO = re.compile(r"^(\d{1,3})\s*[.)]?$")
_LETTER = re.compile(r"^([a-z])\s*[.)]?$")
_CODE = re.compile(r"^([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+)\.?(?:\s+(.*))?$", re.DOTALL)


@dataclass
class RowData:
    r: int
    number: str = ""  # the NO/KODE cell, unless copied from a merged cell above
    component: str = ""
    component_copied: bool = False
    item: str = ""
    item_copied: bool = False
    indicator: str = ""
    indicator_copied: bool = False
    action: str = ""
    evidence: str = ""
    team: str = ""
    lke: str = ""
    months: list[int] = field(default_factory=list)
    title: str = ""  # a row whose one text spans the table, or two columns or more (a merged title row)
    outer: str = ""  # the outer level columns' texts (AREA over PILAR), when the table has them
    question: str = ""  # an LKE question's text
    row_id: str = ""  # zi's own action id (KODE of `zi export`)
    source: str = ""  # the source table's code beside it (KODE SUMBER of `zi export`)
    running: str = ""  # a running number beside the hierarchy
    lone: bool = False  # the row's only text is in its first text column: a heading, or a draft

    @property
    def content(self) -> bool:
        return bool(self.indicator or self.action or self.evidence)

    @property
    def title_like(self) -> bool:
        """One text at most (the title, in whichever column), no evidence, no month."""
        return not (self.evidence or self.months or (self.indicator and self.action))

    @property
    def heading_like(self) -> bool:
        """Only a title: no indicator, no evidence, no month (the title may sit in any text column)."""
        return not (self.indicator or self.evidence or self.months)

    def kind_of_number(self) -> tuple[str, str, str]:
        """('roman'|'item'|'letter'|'code'|'other'|'', key, rest of the text)."""
        text = self.number.strip()
        if not text:
            return "", "", ""
        roman = ROMAN.match(text)
        if roman:
            return "roman", roman.group(1), (roman.group(2) or "").strip()
        if _ITEM_NO.match(text):
            return "item", _ITEM_NO.match(text).group(1), ""  # type: ignore[union-attr]
        if _LETTER.match(text):
            return "letter", text[0], ""
        code = _CODE.match(text)
        if code:
            return "code", code.group(1), (code.group(2) or "").strip()
        return "other", text, ""


def skip_reason(grid: Grid, cols: Columns, r: int) -> str:
    """'' for a data row; 'empty', 'header' (repeated on a new page) or 'numbers' (a column-number row 1, 2, 3 ...)."""
    cells = [c.strip() for c in grid.rows[r]]
    filled = [c for c in cells if c]
    if not filled:
        return "empty"
    header_rows = range(cols.header, cols.last_header + 1)
    same = {c for c, text in enumerate(cells) if text and any(norm(text) == norm(grid.cell(h, c)) for h in header_rows)}
    if len(same) >= 2 and sum(1 for c in same if role_of(cells[c])) >= 1:
        return "header"
    numbered = [re.sub(r"^\((\d+)\)$", r"\1", c) for c in filled]
    if all(c.isdigit() for c in numbered):
        numbers = [int(c) for c in numbered]
        if numbers == list(range(numbers[0], numbers[0] + len(numbers))) and len(numbers) >= 3:
            return "numbers"
    return ""


def is_skipped(grid: Grid, cols: Columns, r: int) -> bool:
    return bool(skip_reason(grid, cols, r))


def title_of(grid: Grid, r: int) -> str:
    """The text of a merged title row (one text merged across two columns or more, or most of the width), else ''."""
    cells = [c for c in grid.rows[r] if c.strip()]
    if len(set(cells)) != 1 or len(cells) < 2:
        return ""
    across = any(grid.spread(r, c) for c in range(grid.width))
    if across or (len(cells) >= max(3, grid.width // 2) and any((r, c) in grid.copied for c in range(grid.width))):
        return cells[0]
    return ""


def read_row(grid: Grid, cols: Columns, r: int, quarters: str, problems: list[Problem]) -> RowData:
    roles = cols.roles

    def text(role: str) -> str:
        c = roles.get(role)
        return "" if c is None or grid.spread(r, c) else grid.cell(r, c).strip()

    def copied(role: str) -> bool:
        return role in roles and (r, roles[role]) in grid.copied

    row = RowData(r)
    row.title = title_of(grid, r)
    if row.title:
        return row
    row.number = "" if copied("number") else text("number")
    if cols.letters is not None and row.number and grid.cell(r, cols.letters).strip():
        row.number = f"{grid.cell(r, cols.letters).strip()}.{row.number}"  # SS | 1.1 -> SS.1.1
    _extras(grid, cols, r, row)
    row.component, row.component_copied = text("component"), copied("component")
    row.item, row.item_copied = text("item"), copied("item")
    row.indicator, row.indicator_copied = text("indicator"), copied("indicator")
    row.action, row.evidence, row.team, row.lke = text("action"), text("evidence"), text("team"), text("lke")
    row.months = _marked(grid, cols, r, problems)
    if "schedule" in roles and text("schedule"):
        months = parse_schedule(text("schedule"), quarters)
        if months is None:
            problems.append(grid.problem(r, roles["schedule"], _("cannot read the schedule '{text}': write months (Januari – Desember, April, Juli), quarters (TW II), semesters (Semester I) or 'Setiap bulan'").format(text=text("schedule"))))
        else:
            row.months = sorted(set(row.months) | set(months))
    return row


def _extras(grid: Grid, cols: Columns, r: int, row: RowData) -> None:
    """What the columns settled from the cells give: outer levels, question text, zi's id, a running number."""
    row.outer = " / ".join(t for c in cols.outer if (t := grid.cell(r, c).strip()))
    for attr, c in (("question", cols.lke_text), ("row_id", cols.ids), ("running", cols.running), ("source", cols.sources)):
        if c is not None:
            setattr(row, attr, grid.cell(r, c).strip())
    texts = [c for c in range(grid.width) if grid.cell(r, c).strip() and not grid.spread(r, c)]
    first = min((cols.roles[role] for role in ("indicator", "action") if role in cols.roles), default=None)
    row.lone = texts == [first] and first is not None and not any(role in cols.roles for role in ("item", "component"))


def _marked(grid: Grid, cols: Columns, r: int, problems: list[Problem]) -> list[int]:
    months: set[int] = set()
    for c, its_months in cols.months.items():
        value = grid.cell(r, c)
        if is_mark(value) or (not value.strip() and (r, c) in grid.filled):
            months.update(its_months)  # a mark merged over several months marks each
        elif (r, c) in grid.copied:
            continue  # a title or text merged across the schedule columns
        elif not is_blank_mark(value):
            problems.append(grid.problem(r, c, _("unknown mark '{mark}' in the schedule column {header}: mark a month with v, x, ✓, √, 1 or ya, or fill the cell").format(
                mark=value, header=cols.headers.get(c, c + 1))))  # fmt: skip
    marked_elsewhere = [c for c in range(grid.width) if c not in cols.months and c not in cols.roles.values() and is_mark(grid.cell(r, c)) and grid.cell(r, c).strip().lower() in ("v", "✓", "√", "✔")]
    if cols.months and marked_elsewhere:
        problems.append(grid.problem(r, marked_elsewhere[0], _("a month marked outside the schedule columns")))
    return sorted(months)
