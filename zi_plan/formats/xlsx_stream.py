"""A workbook written row by row (openpyxl's write-only mode), for `zi export --format xlsx`.

openpyxl's ordinary workbook keeps a cell object per value and styles each
one again when saved: about 1.8 ms per action for a plan's export. In
write-only mode each row goes to the file as it is appended. The workbook is
the same to a reader as the one zi_plan.formats.export.workbook_bytes makes:
the same sheets, values, widths, header row bold and frozen, every cell of
each row's full width wrapped and top-aligned.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from zi_plan.inert import inert

Highlight = Callable[[list[Any]], bool]  # whether a row is shaded (a component row)


class StreamBook:
    """A write-only workbook: add sheets in order, then ``bytes()``."""

    def __init__(self) -> None:
        from openpyxl import Workbook  # openpyxl: only when a workbook is written
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # openpyxl: only when a workbook is written
        from openpyxl.styles import Alignment, Font, PatternFill  # openpyxl: only when a workbook is written

        self.book = Workbook(write_only=True)
        self._illegal = ILLEGAL_CHARACTERS_RE
        self._bold = Font(bold=True)
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._fill = PatternFill("solid", fgColor="EEF2F6")

    def sheet(self, title: str, rows: Iterable[list[Any]], widths: dict[str, float], highlight: Highlight | None = None) -> None:
        """A sheet of ``rows``; every row padded to the widest, as the ordinary workbook's rectangle."""
        from openpyxl.cell import WriteOnlyCell  # openpyxl: only when a workbook is written

        rows = list(rows)
        width = max((len(r) for r in rows), default=0)
        ws = self.book.create_sheet(title)
        ws.freeze_panes = "A2"
        for column, size in widths.items():
            ws.column_dimensions[column].width = size
        for number, row in enumerate(rows, start=1):
            shaded = number > 1 and highlight is not None and highlight(row)
            cells = []
            for value in [*row, *[None] * (width - len(row))]:
                if isinstance(value, str):
                    # A control character (from a pasted note) is not allowed in the file format.
                    value = self._illegal.sub("\uFFFD", inert(value))
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, never a formula: the plan's words are data
                cell.alignment = self._wrap
                if number == 1 or shaded:
                    cell.font = self._bold
                if shaded:
                    cell.fill = self._fill
                cells.append(cell)
            ws.append(cells)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
