"""The official worksheet as an Excel workbook with its formulas (`zi lke sheet --format xlsx`).

Sheet ``Jawaban`` follows Lampiran III of PermenPANRB 90/2021: the hierarchy
rows (components, parts, areas, sub-areas) with their weights and subtotals,
each question with its criteria (Penjelasan) and Pilihan Jawaban, the unit's
Jawaban, Nilai and % (columns K-M, as in the regulation's form), its note and
its evidence as links; then the evaluator's (TPI) Jawaban, Nilai, %, note and
verdict, left empty for the evaluator. Rows are those of the 2026 official
answer sheet (zi_plan.lke.layout). Every Nilai, subtotal and gate is an Excel
formula, so a changed answer recomputes: the formulas are the official ones
(AVERAGE of a sub-area's answered questions × its weight), written so that an
unanswered question and a percentage with a denominator of 0 are left out
(where the official sheet shows #DIV/0!), as zi scores them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional

from zi_plan.i18n import _
from zi_plan.lke.layout import Layout, LayoutRow, layout
from zi_plan.lke.worksheet import Question, Worksheet

SHEET = "Jawaban"  # the official answer sheet's name, in both languages (the import looks for it)
LEVELS = "BCDEF"  # the columns of the hierarchy's numbers
NO_VALUE = "—"  # a percentage whose denominator is 0 (the official sheet's #DIV/0!)


@dataclass(frozen=True)
class Side:
    """The unit's columns or the evaluator's: answer, Nilai, %, note."""

    answer: str
    value: str
    pct: str
    note: str


UNIT = Side("K", "L", "M", "N")
TPI = Side("P", "Q", "R", "S")
CODE, TEXT, WEIGHT, CRITERIA, CHOICES, EVIDENCE, STATUS, SOAL_ID = "A", "G", "H", "I", "J", "O", "T", "U"


def headers() -> dict[str, str]:
    """Row 1, in the interface language (the import reads columns by their letter)."""
    return {
        CODE: _("Code"), "B": _("Assessment"), WEIGHT: _("Weight"), CRITERIA: _("Criteria (Penjelasan)"), CHOICES: _("Answer choices (Pilihan Jawaban)"),
        UNIT.answer: _("Answer"), UNIT.value: _("Value (Nilai)"), UNIT.pct: "%", UNIT.note: _("Note"), EVIDENCE: _("Evidence (bukti dukung)"),
        TPI.answer: _("TPI answer"), TPI.value: _("TPI value"), TPI.pct: _("TPI %"), TPI.note: _("TPI note"),
        STATUS: _("TPI verdict (accepted/revisi)"), SOAL_ID: "soal_id",
    }  # fmt: skip


def choices_text(q: Question) -> str:
    """The Pilihan Jawaban cell, as the official sheet writes it."""
    if q.options:
        return "/".join(o.key for o in q.options)
    return {"persen": "%", "jumlah": "Jumlah", "nilai_0_4": "Nilai (0-4)"}.get(q.answer_type, q.answer_type)


def _n(x: float) -> str:
    return f"{x:g}"


# ---------------------------------------------------------------- formulas


def value_formula(q: Question, row: int, side: Side, sheet: Worksheet) -> Optional[str]:
    """The Nilai of one question: its option's value (× its weight in the hasil part), a survey index ÷ 4 × weight."""
    cell = f"{side.answer}{row}"
    hasil = sheet.sub_areas[q.sub_area].method == "sum"
    scale = f"*{WEIGHT}{row}" if hasil else ""
    if q.options:
        chain = '"?"'
        for option in reversed(q.options):
            chain = f'IF({cell}="{option.key}",{_n(option.value)}{scale},{chain})'
        return f'=IF({cell}="","",{chain})'
    if q.answer_type == "nilai_0_4":
        return f'=IF(ISNUMBER({cell}),{cell}/{_n(sheet.scale_0_4)}{scale},"")'
    if q.computed:
        return f'=IF(ISNUMBER({cell}),{cell}{scale},"")'
    return None  # a count input has no value of its own


def percentage_formula(q: Question, side: Side, rows: dict[str, LayoutRow]) -> str:
    """A percentage question's answer, computed from its inputs as the official sheet does."""
    cells = {code: f"{side.answer}{rows[code].row}" for code in q.inputs}
    blank = "OR(" + ",".join(f'{c}=""' for c in cells.values()) + ")"
    formula = q.formula or {}
    if formula.get("type") == "reduction":
        before, after = cells[formula["before"]], cells[formula["after"]]
        zero = _n(float(formula["both_zero"])) if "both_zero" in formula else f'"{NO_VALUE}"'
        body = f'IF({before}=0,IF({after}=0,{zero},"{NO_VALUE}"),MAX(0,({before}-{after})/{before}))'
    else:
        numerator = "+".join(cells[c] for c in formula["numerator"])
        denominator = "+".join(cells[c] for c in formula["denominator"])
        ratio = f"({numerator})/({denominator})"
        capped = f"MIN({ratio},{_n(float(formula['cap']))})" if "cap" in formula else ratio
        body = f'IF(({denominator})=0,"{NO_VALUE}",{capped})'
    return f'=IF({blank},"",{body})'


def subtotal_formula(row: LayoutRow, side: Side) -> Optional[str]:
    """A hierarchy row's Nilai: AVERAGE × weight for a sub-area (the hasil part: a sum), a sum above."""
    v = side.value
    if row.kind == "sub_area":
        assert row.sub_area is not None
        span = f"{v}{row.first}:{v}{row.last}"
        if row.sub_area.method == "sum":
            return f"=SUM({span})"
        return f'=IF(COUNT({span})=0,"",AVERAGE({span})*{WEIGHT}{row.row})'
    if row.members:
        return "=SUM(" + ",".join(f"{v}{m}" for m in row.members) + ")"
    return None


def _totals(lay: Layout, side: Side) -> dict[int, str]:
    v, named = side.value, lay.named
    return {
        named["total_pengungkit"].row: f"={v}{named['pengungkit'].row}",
        named["total_hasil"].row: f"={v}{named['hasil'].row}",
        named["total"].row: f"={v}{named['total_pengungkit'].row}+{v}{named['total_hasil'].row}",
    }


# ---------------------------------------------------------------- cells


@dataclass
class SheetData:
    """What goes in the unit's and the evaluator's cells, by question code."""

    unit: dict[str, tuple[Any, Optional[str], list[tuple[str, Optional[str]]]]]  # answer, note, evidence (text, link)
    tpi: dict[str, tuple[Any, Optional[str], Optional[str]]]  # answer, note, verdict word


def fill(ws: Any, sheet: Worksheet, data: SheetData) -> Layout:
    """Write the answer sheet into ``ws`` (openpyxl), with its formulas."""
    lay = layout(sheet)
    for column, text in headers().items():
        ws[f"{column}1"] = text
    for row in lay.rows:
        _row(ws, sheet, lay, row, data)
    for side in (UNIT, TPI):
        for r, formula in _totals(lay, side).items():
            ws[f"{side.value}{r}"] = formula
    return lay


def _row(ws: Any, sheet: Worksheet, lay: Layout, row: LayoutRow, data: SheetData) -> None:
    r = row.row
    if row.kind == "blank":
        return
    q = row.question
    number_col = LEVELS[row.level] if row.number else "B"
    ws[f"{number_col}{r}"] = row.number or None
    label_col = chr(ord(number_col) + 1) if row.number else "B"
    ws[f"{label_col}{r}"] = row.label
    if q is not None:
        ws[f"{CODE}{r}"] = q.code
    elif row.sub_area is not None:
        ws[f"{CODE}{r}"] = row.sub_area.code
    if row.weight is not None:
        ws[f"{WEIGHT}{r}"] = row.weight
    for side in (UNIT, TPI):
        _side_cells(ws, sheet, lay, row, side)
    if q is not None and row.kind in ("question", "input"):
        ws[f"{CRITERIA}{r}"] = q.criteria
        ws[f"{CHOICES}{r}"] = choices_text(q)
        ws[f"{SOAL_ID}{r}"] = q.soal_id
        _answers(ws, r, q, data)


def _side_cells(ws: Any, sheet: Worksheet, lay: Layout, row: LayoutRow, side: Side) -> None:
    r, q = row.row, row.question
    if q is not None and row.kind == "question":
        if q.computed:
            ws[f"{side.answer}{r}"] = percentage_formula(q, side, lay.by_code)
        ws[f"{side.value}{r}"] = value_formula(q, r, side, sheet)
    elif row.kind == "sum":
        cells = [f"{side.answer}{m}" for m in row.members]
        ws[f"{side.answer}{r}"] = "=IF(OR(" + ",".join(f'{c}=""' for c in cells) + '),"",' + "+".join(cells) + ")"
    else:
        formula = subtotal_formula(row, side)
        if formula is not None:
            ws[f"{side.value}{r}"] = formula
    if row.kind in ("component", "half", "area", "sub_area"):
        ws[f"{side.pct}{r}"] = f'=IF(ISNUMBER({side.value}{r}),{side.value}{r}/{WEIGHT}{r},"")'


def _answers(ws: Any, r: int, q: Question, data: SheetData) -> None:
    if q.computed:
        return
    unit = data.unit.get(q.code)
    if unit is not None:
        _put(ws, f"{UNIT.answer}{r}", unit[0])
        _put(ws, f"{UNIT.note}{r}", unit[1])
        links = unit[2]
        if links:
            cell = _put(ws, f"{EVIDENCE}{r}", "\n".join(text for text, _link in links))
            first = next((link for _text, link in links if link), None)
            if first:
                cell.hyperlink = first
                cell.style = "Hyperlink"
    tpi = data.tpi.get(q.code)
    if tpi is not None:
        for column, value in zip((TPI.answer, TPI.note, STATUS), tpi, strict=True):
            _put(ws, f"{column}{r}", value)


def _put(ws: Any, ref: str, value: Any) -> Any:
    """People's words into a cell: text stays text (a note that begins with '=' is never a formula)."""
    cell = ws[ref]
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def style(ws: Any, lay: Layout, sheet: Worksheet, choice: Callable[[Question], Optional[str]]) -> None:
    """Widths, wrapping, bold hierarchy rows, number formats, drop-down lists for the answers."""
    from openpyxl.styles import Alignment, Font, PatternFill  # openpyxl: only when a workbook is written
    from openpyxl.worksheet.datavalidation import DataValidation

    widths = {CODE: 11, "B": 4, "C": 4, "D": 4, "E": 4, "F": 4, TEXT: 50, WEIGHT: 7, CRITERIA: 45, CHOICES: 11, UNIT.answer: 9, UNIT.value: 8,
              UNIT.pct: 7, UNIT.note: 28, EVIDENCE: 34, TPI.answer: 9, TPI.value: 8, TPI.pct: 7, TPI.note: 28, STATUS: 12, SOAL_ID: 8}  # fmt: skip
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    head, tpi_fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for cell in ws[1]:
        cell.font, cell.alignment = head, Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("B1:G1")  # 'Penilaian' over the hierarchy's numbers and texts, as the official sheet
    ws.row_dimensions[1].height = 45
    top = Alignment(vertical="top")
    ws.freeze_panes = "B2"
    # Printed on A4 landscape, every column on one page wide, the header row on every page.
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    for row in lay.rows:
        r = row.row
        for cell in ws[r][:SOAL_ID_INDEX]:
            cell.alignment = top
        ws[f"{WEIGHT}{r}"].number_format = "0.0###"
        lines = 1
        for column in (TEXT, CRITERIA, UNIT.note, EVIDENCE, TPI.note):
            cell = ws[f"{column}{r}"]
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(lines, _lines(cell.value, widths[column]))
        # Rows as tall as their wrapped text: not every program measures them when it opens the file.
        ws.row_dimensions[r].height = min(15 * lines, 400)
        if row.kind in ("component", "half", "area", "sub_area", "total"):
            for cell in ws[r][:SOAL_ID_INDEX]:
                cell.font = head
        for side in (UNIT, TPI):
            ws[f"{side.value}{r}"].number_format = "0.00"
            ws[f"{side.pct}{r}"].number_format = "0.0%"
        for column in (TPI.answer, TPI.value, TPI.pct, TPI.note, STATUS):
            ws[f"{column}{r}"].fill = tpi_fill
    _choice_lists(ws, lay, choice)
    verdicts = DataValidation(type="list", formula1=f'"{_("accepted")},revisi"', allow_blank=True)
    ws.add_data_validation(verdicts)
    verdicts.add(f"{STATUS}2:{STATUS}{lay.rows[-1].row}")


SOAL_ID_INDEX = ord(SOAL_ID) - ord("A") + 1


def _choice_lists(ws: Any, lay: Layout, choice: Callable[[Question], Optional[str]]) -> None:
    """Each answer cell, the unit's and the TPI's, offers its question's options as a drop-down list."""
    from openpyxl.worksheet.datavalidation import DataValidation  # openpyxl: only when a workbook is written

    lists: dict[str, Any] = {}
    for row in lay.rows:
        q = row.question
        allowed = choice(q) if q is not None and row.kind in ("question", "input") and not q.computed else None
        if not allowed:
            continue
        if allowed not in lists:
            lists[allowed] = DataValidation(type="list", formula1=f'"{allowed}"', allow_blank=True)
            ws.add_data_validation(lists[allowed])
        lists[allowed].add(f"{UNIT.answer}{row.row}")
        lists[allowed].add(f"{TPI.answer}{row.row}")


def _lines(value: Any, width: float) -> int:
    """About how many lines a text takes in a column ``width`` characters wide, wrapped."""
    if not isinstance(value, str) or value.startswith("=") and not value.startswith("=="):
        return 1
    return sum(max(1, -(-len(part) // max(1, int(width * 1.1)))) for part in value.splitlines() or [""])
