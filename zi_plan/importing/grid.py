"""The table as every reader hands it over: a grid of texts with source coordinates.

Readers (xlsx, csv, docx, pdf) differ in how they store a table; everything
after them sees one ``Grid``. Merged cells are already expanded to every
cell they cover (``copied`` remembers which cells got their text that way,
so that a NO merged down over an item's rows is not read as a new item on
each row), and each row knows where it came from, so that a problem is
reported as FILE[SHEET]:ROW:COL at the real row.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.inert import inert

# Limits: far above any real decree table (a few hundred rows, cells of a few
# hundred characters, files under a few MB), low enough that a hostile or
# broken file is refused in seconds rather than read for minutes.
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ROWS = 20_000
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # total of the parts inside an .xlsx/.docx
MAX_FILE_BYTES = 50 * 1024 * 1024  # a .csv or .pdf
MAX_PDF_PAGES = 300


@dataclass
class Grid:
    """One table: ``rows[r][c]`` texts, every row padded to the same width."""

    label: str  # "file.csv", "file.xlsx[Rekap]", "file.docx[table 2]": used in messages
    rows: list[list[str]]
    origins: list[tuple[str, int]] = field(default_factory=list)  # per row: (label, 1-based source row)
    copied: set[tuple[int, int]] = field(default_factory=set)  # cells filled from a merged cell's first cell
    filled: set[tuple[int, int]] = field(default_factory=set)  # cells with a background fill and no text
    titles: list[str] = field(default_factory=list)  # text above the header (set once the header is found)

    def __post_init__(self) -> None:
        width = max((len(r) for r in self.rows), default=0)
        self.rows = [r + [""] * (width - len(r)) for r in self.rows]
        if not self.origins:
            self.origins = [(self.label, n + 1) for n in range(len(self.rows))]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def cell(self, r: int, c: int | None) -> str:
        if c is None or r >= len(self.rows) or c >= len(self.rows[r]):
            return ""
        return self.rows[r][c]

    def spread(self, r: int, c: int) -> bool:
        """The cell holds the text of a cell merged across columns from its left (a title over the row)."""
        return (r, c) in self.copied and c > 0 and self.rows[r][c - 1] == self.rows[r][c]

    def problem(self, r: int, c: int | None, message: str) -> Problem:
        label, line = self.origins[r] if r < len(self.origins) else (self.label, r + 1)
        return Problem(label, line, (c or 0) + 1, message)


def check_limits(grid: Grid) -> None:
    """Refuse a table beyond the limits, naming the first cell or row that is."""
    if len(grid.rows) > MAX_ROWS:
        raise InvalidFile([grid.problem(MAX_ROWS, 0, _("the table has more than {n} rows; split it, or import only the plan's sheet with --sheet").format(n=MAX_ROWS))])
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if len(text) > MAX_CELL_CHARS:
                raise InvalidFile([grid.problem(r, c, _("a cell of {n} characters: cells are limited to {limit}; is this the plan's table?").format(n=len(text), limit=MAX_CELL_CHARS))])


def join(grids: list[Grid], label: str) -> Grid:
    """Tables split over pages (Word, PDF) as one grid, keeping each row's origin."""
    rows: list[list[str]] = []
    origins: list[tuple[str, int]] = []
    copied: set[tuple[int, int]] = set()
    filled: set[tuple[int, int]] = set()
    for grid in grids:
        base = len(rows)
        rows += grid.rows
        origins += grid.origins
        copied |= {(base + r, c) for r, c in grid.copied}
        filled |= {(base + r, c) for r, c in grid.filled}
    return Grid(label, rows, origins, copied, filled)


# ---------------------------------------------------------------- what every reader shares


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    # A table's text goes into the plan: escape sequences and control characters are dropped.
    return inert(str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()


def damaged(path: Path, what: str) -> InvalidFile:
    return InvalidFile([Problem(str(path), None, None, _("the file is damaged or is not {what}; open it and save it again, or save the table as .csv").format(what=what))])


def check_zip(path: Path, raw: bytes, what: str) -> None:
    """Refuse a zip (xlsx, docx) that is not one, or whose parts unpack beyond the limit."""
    import zipfile  # zipfile: only for .xlsx and .docx

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise damaged(path, what) from None
    if total > MAX_UNCOMPRESSED:
        raise InvalidFile([Problem(str(path), None, None, _("the file unpacks to {mb} MB: tables are limited to {limit} MB unpacked").format(
            mb=total // 2**20, limit=MAX_UNCOMPRESSED // 2**20))])  # fmt: skip
