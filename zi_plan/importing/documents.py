"""Word (.docx) and PDF tables as grids.

A decree's draft is a Word document and the signed decree a PDF; their
tables run over pages (several tables in the file, the header repeated),
which the importer joins. python-docx repeats a merged cell's text over every
grid cell it spans, which is the expansion wanted; pdfplumber leaves the
cells a merged cell covers empty, so they are filled here from the cell
whose box covers them. Both libraries are imported only here.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem, ZiError
from zi_plan.i18n import _
from zi_plan.importing.bounded import bounded_inflating, docx_grids
from zi_plan.importing.grid import MAX_PDF_PAGES, Grid, cell_text, check_limits, check_zip, damaged


def read_docx(path: Path, raw: bytes) -> list[Grid]:
    check_zip(path, raw, _("a Word document (.docx)"))
    try:
        import docx  # python-docx: only for a .docx table
    except ImportError:  # pragma: no cover - a dependency of zi-plan
        raise ZiError(_("reading .docx needs the python-docx package: pip install python-docx")) from None

    try:
        document = docx.Document(io.BytesIO(raw))
        # Read from the XML within limits (spans, rows, paragraphs, time): see zi_plan.importing.bounded.
        grids, titles = docx_grids(path, document.element.body, cell_text)
        if grids:
            grids[0].titles = titles
    except InvalidFile:
        raise
    except Exception:  # noqa: BLE001 - python-docx and lxml raise many kinds on a damaged file
        raise damaged(path, _("a Word document (.docx)")) from None
    if not grids:
        raise InvalidFile([Problem(str(path), None, None, _("the document has no table; the plan must be a table in it"))])
    for grid in grids:
        check_limits(grid)
    return grids


def read_pdf(path: Path, raw: bytes) -> list[Grid]:
    try:
        import pdfplumber  # pdfplumber: only for a .pdf table
    except ImportError:  # pragma: no cover - a dependency of zi-plan
        raise ZiError(_("reading .pdf needs the pdfplumber package: pip install pdfplumber")) from None

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font warnings are not the user's concern
    with bounded_inflating(path):  # a stream that inflates beyond the limit is refused, naming it
        return _read_pdf(path, raw, pdfplumber)


def _read_pdf(path: Path, raw: bytes, pdfplumber: Any) -> list[Grid]:
    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise _limit_or_damaged(path, exc) from None
    with pdf:
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise ZiError(_("{path} has {n} pages: PDF tables are limited to {limit} pages").format(path=path, n=len(pdf.pages), limit=MAX_PDF_PAGES))
        grids: list[Grid] = []
        has_text = False
        try:
            for page_no, page in enumerate(pdf.pages, 1):
                has_text = has_text or bool(page.chars)
                for table in page.find_tables():
                    grids.append(_pdf_grid(path, page_no, len(grids) + 1, table))
        except Exception as exc:  # noqa: BLE001 - see above
            raise _limit_or_damaged(path, exc) from None
    if not has_text:
        raise InvalidFile([Problem(str(path), None, None, _("the PDF has no text layer (a scan?): zi reads only PDFs with text; import the Word or Excel file, or type the table into a spreadsheet"))])
    if not grids:
        raise InvalidFile([Problem(str(path), None, None, _("no ruled table found in the PDF: zi reads tables drawn with lines; import the Word or Excel file instead"))])
    for grid in grids:
        check_limits(grid)
    return grids


def _limit_or_damaged(path: Path, exc: Exception) -> InvalidFile:
    """A limit reached while pdfminer read (pdfplumber wraps it in its own exception), else a damaged file."""
    for inner in (exc, *exc.args, exc.__cause__, exc.__context__):
        if isinstance(inner, InvalidFile):
            return inner
    return damaged(path, _("a PDF document"))


_LIST_START = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[a-z]\s*[.)]|[-•▪·*])\s")


def _unwrap(text: str | None) -> str:
    """A PDF cell's lines are where the text wrapped, not where it broke: join
    them, except where a line starts a list entry."""
    lines = [line.strip() for line in cell_text(text).split("\n") if line.strip()]
    out: list[str] = []
    for line in lines:
        if out and not _LIST_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)


def _pdf_grid(path: Path, page_no: int, number: int, table: Any) -> Grid:
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    xs = sorted({round(box[0], 1) for row in boxes for box in row if box is not None})
    tops = [next((box[1] for box in row if box is not None), 0.0) for row in boxes]
    real = [(box, texts[r][c] or "") for r, row in enumerate(boxes) for c, box in enumerate(row) if box is not None]
    rows: list[list[str]] = []
    copied: set[tuple[int, int]] = set()
    for r, row in enumerate(boxes):
        out = []
        for c, box in enumerate(row):
            if box is not None:
                out.append(_unwrap(texts[r][c]))
                continue
            # A cell covered by a merged one: take the text of the box that covers it.
            x = (xs[c] if c < len(xs) else 0.0) + 1
            y = tops[r] + 1
            cover = next((text for (x0, top, x1, bottom), text in real if x0 <= x < x1 and top <= y < bottom), "")
            out.append(_unwrap(cover))
            copied.add((r, c))
        rows.append(out)
    where = _("page {n}").format(n=page_no)
    label = f"{path}[{where}]"
    return Grid(label, rows, [(label, r + 1) for r in range(len(rows))], copied)
