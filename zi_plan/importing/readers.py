"""Reading a table file into grids: Excel (.xlsx), CSV, Word (.docx) and PDF.

An .xlsx is read in full mode, never trusting the <dimension> it declares
(a wrong one made rows vanish), with merged cells expanded; the parts
inside an .xlsx or .docx are sized before anything is parsed, so a zip bomb
is refused at once. A damaged file is one line, never a traceback.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.fs.fsguard import read_regular, reason
from zi_plan.i18n import _
from zi_plan.importing.documents import read_docx, read_pdf
from zi_plan.importing.grid import MAX_FILE_BYTES, Grid, cell_text, check_limits, check_zip, damaged


def read_grids(path: Path, sheet: str | None = None) -> tuple[list[Grid], bool]:
    """The tables in the file, and whether they are parts of one table (pages) to join."""

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ZiError(_("{path} is {mb} MB: tables are limited to {limit} MB").format(path=path, mb=size // 2**20, limit=MAX_FILE_BYTES // 2**20))
        raw = read_regular(path)  # a FIFO, a device or a folder is refused, not waited on
    except FileNotFoundError:
        raise ZiError(_("file not found: {path}").format(path=path)) from None
    except OSError as exc:
        raise ZiError(_("cannot read {path}: {reason}").format(path=path, reason=reason(exc))) from None
    if not raw.strip():
        raise InvalidFile([Problem(str(path), None, None, _("the file is empty"))])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, raw, sheet), False
    if suffix in (".csv", ".tsv", ".txt"):
        return [read_csv(path, raw)], False
    if suffix == ".docx":
        return read_docx(path, raw), True
    if suffix == ".pdf":
        return read_pdf(path, raw), True
    raise ZiError(_("{path}: not a table zi can read; save it as .xlsx, .csv, .docx or .pdf").format(path=path))


def read_xlsx(path: Path, raw: bytes, sheet: str | None) -> list[Grid]:
    from openpyxl import load_workbook  # openpyxl: only for a .xlsx table

    check_zip(path, raw, _("an Excel workbook (.xlsx)"))
    try:
        # Full mode (not read_only): every cell is read whatever <dimension> says,
        # and merged ranges are known.
        book = load_workbook(io.BytesIO(raw), read_only=False, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl and its XML parser raise many kinds on a damaged file
        raise damaged(path, _("an Excel workbook (.xlsx)")) from None
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise ZiError(_("{path} has no sheet '{sheet}'; its sheets: {sheets}").format(path=path, sheet=sheet, sheets=", ".join(names)))
    grids = [_sheet_grid(path, book[name]) for name in ([sheet] if sheet else names)]
    book.close()
    return grids


# The file format writes a character it cannot hold as _xHHHH_, and a text
# that reads like one with its underscore escaped (_x005F_): Excel shows the
# character, openpyxl hands over the escape. zi export writes them so.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xlsx_text(value: Any) -> Any:
    """A cell's value as Excel shows it: '_x0041_' is 'A', '_x005F_x0041_' is '_x0041_'."""
    if isinstance(value, str) and "_x" in value:
        return _ESCAPED.sub(_unescaped, value)
    return value


def _unescaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group() if 0xD800 <= code <= 0xDFFF else chr(code)  # half a surrogate pair is no character: kept as written


def _is_filled(cell: Any) -> bool:
    fill = getattr(cell, "fill", None)
    if fill is None or fill.patternType in (None, "none"):
        return False
    colour = getattr(fill.fgColor, "rgb", None)
    return not (isinstance(colour, str) and colour.upper() in ("FFFFFFFF", "00FFFFFF", "00000000"))


def _sheet_grid(path: Path, ws: Any) -> Grid:
    rows: list[list[str]] = []
    filled: set[tuple[int, int]] = set()
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column)):
        texts = []
        for c, cell in enumerate(row):
            text = cell_text(xlsx_text(cell.value))
            texts.append(text)
            if not text and _is_filled(cell):
                filled.add((r, c))
        rows.append(texts)
    copied: set[tuple[int, int]] = set()
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows):
            continue
        text = rows[top][left] if left < len(rows[top]) else ""
        first_filled = (top, left) in filled or _is_filled(ws.cell(merged.min_row, merged.min_col))
        for r in range(top, min(merged.max_row, len(rows))):
            for c in range(left, min(merged.max_col, len(rows[r]))):
                if (r, c) == (top, left):
                    continue
                rows[r][c] = text
                copied.add((r, c))
                if first_filled and not text:
                    filled.add((r, c))
    grid = Grid(f"{path}[{ws.title}]", rows, copied=copied, filled=filled)
    check_limits(grid)
    return grid


def read_csv(path: Path, raw: bytes) -> Grid:
    if b"\x00" in raw:
        raise InvalidFile([Problem(str(path), None, None, _("not a text table (it has binary bytes); save it as .csv or .xlsx"))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    try:
        dialect: Any = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    previous = csv.field_size_limit(MAX_FILE_BYTES)  # a cell's own limit is checked below, with its place
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = [[_unneutralise(cell_text(c)) for c in row] for row in reader]
    except csv.Error as exc:  # at the line where it stopped
        raise InvalidFile([Problem(str(path), reader.line_num, 1, _("not a readable CSV table: {reason}").format(reason=exc))]) from None
    finally:
        csv.field_size_limit(previous)  # process-wide: other readers keep theirs
    grid = Grid(str(path), rows)
    check_limits(grid)
    return grid


def _unneutralise(text: str) -> str:
    # `zi export --format csv` writes '=... for a cell that starts with a
    # formula sign; read it back as it was.
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@") else text
