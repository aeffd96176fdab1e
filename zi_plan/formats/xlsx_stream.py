"""A workbook written row by row to its file (XlsxWriter's constant-memory mode), for `zi export --format xlsx`.

openpyxl builds a styled cell object per value, even in its write-only
mode: about 0.8 ms per action of a plan, and 0.2 s just to import it.
XlsxWriter keeps one row in memory and writes the rest to temporary files
(in a folder of its own under the system's temp folder, removed at the
end), so memory stays flat however large the plan; it costs about a third
of openpyxl's time (docs/performance.md, "Issue 27").

The workbook is the same to a reader as the one
zi_plan.formats.export.workbook_bytes makes: the same sheets, values and
types (text stays text, even when it starts with '='), widths, the header
row bold and frozen, component rows shaded. Its cells are wrapped and
top-aligned as before; the empty ones through their column's format (an
empty cell takes its column's when typed in), so that they are not
written one by one. Component rows and headers are written whole.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from zi_plan.errors import ZiError
from zi_plan.i18n import _
from zi_plan.inert import inert

Highlight = Callable[[Sequence[Any]], bool]  # whether a row is shaded (a component row)
MAX_ROWS = 1_048_576  # Excel's own limit on a sheet's rows
DIGIT_PIXELS = 7  # a width counts characters of Calibri 11's widest digit, 7 pixels on screen


class StreamBook:
    """A workbook being written to ``path``: add sheets in order; ``stream_book`` closes it."""

    def __init__(self, path: Path, tmpdir: Path) -> None:
        import xlsxwriter  # XlsxWriter: only when a workbook is written

        # Plain strings stay strings: never a formula, a link or a number.
        options = {"constant_memory": True, "tmpdir": str(tmpdir), "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        self.book = xlsxwriter.Workbook(str(path), options)
        self._wrap = self.book.add_format({"text_wrap": True, "valign": "top"})
        self._bold = self.book.add_format({"text_wrap": True, "valign": "top", "bold": True})
        self._shaded = self.book.add_format({"text_wrap": True, "valign": "top", "bold": True, "pattern": 1, "bg_color": "#EEF2F6"})

    def sheet(self, title: str, rows: Iterable[Sequence[Any]], widths: dict[str, float], highlight: Highlight | None = None) -> None:
        """A sheet of ``rows`` (read once, as they come), the first its header: as wide as any row."""
        from xlsxwriter.utility import xl_cell_to_rowcol  # XlsxWriter: only when a workbook is written

        ws = self.book.add_worksheet(title)
        ws.freeze_panes(1, 0)
        rows = iter(rows)
        header = next(rows, None)
        if header is None:
            return
        sizes = {xl_cell_to_rowcol(f"{letter}1")[1]: size for letter, size in widths.items()}
        for column in range(len(header)):
            size = sizes.get(column)
            ws.set_column_pixels(column, column, None if size is None else size * DIGIT_PIXELS, self._wrap)
        self._whole(ws, 0, header, len(header), self._bold)
        write, wrap = ws.write_string, self._wrap
        for number, row in enumerate(rows, start=1):
            if number == MAX_ROWS:
                raise ZiError(_("sheet {sheet} would have more rows than Excel allows ({n}): export one team (--team) or as CSV").format(sheet=title, n=MAX_ROWS))
            if highlight is not None and highlight(row):
                self._whole(ws, number, row, len(header), self._shaded)
                continue
            # The inner loop of a large export: an empty cell is left out (its column wraps it).
            for column, value in enumerate(row):
                if value.__class__ is str:
                    if value:
                        write(number, column, inert(value), wrap)
                elif value is not None:
                    ws.write(number, column, value, wrap)

    def _whole(self, ws: Any, number: int, row: Sequence[Any], width: int, style: Any) -> None:
        """Every cell of a row, empty ones too, padded to ``width``: a header or a shaded row."""
        for column, value in enumerate([*row, *[None] * (width - len(row))]):
            if isinstance(value, str) and value:
                ws.write_string(number, column, inert(value), style)
            elif value is None or value == "":
                ws.write_blank(number, column, None, style)
            else:
                ws.write(number, column, value, style)


@contextlib.contextmanager
def stream_book(path: Path) -> Iterator[StreamBook]:
    """A workbook written to ``path`` as the block adds its sheets, and finished when it ends.

    An OSError (a full disk, a folder not writable) comes out as itself, for
    the caller's one-line message; on any error the temporary files go.
    """
    from xlsxwriter.exceptions import FileCreateError  # XlsxWriter: only when a workbook is written

    with tempfile.TemporaryDirectory(prefix="zi-xlsx-", ignore_cleanup_errors=True) as tmpdir:
        book = StreamBook(path, Path(tmpdir))
        yield book
        try:
            book.book.close()
        except FileCreateError as exc:  # XlsxWriter wraps the OSError of writing the file
            raise exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError(str(exc)) from None
