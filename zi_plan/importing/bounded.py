"""Word tables and PDF streams read within limits, so a hostile file costs seconds.

- **Word.** python-docx expands a cell's ``gridSpan`` as written: a span of
  2,000,000,000 took 73 s and 3.4 GiB; and its ``row.cells`` walks the whole
  table for every row (a legal 50,000-row document took two minutes). The
  tables are read here from the XML: a span is capped at the table's width,
  and rows, paragraphs and time are counted as they are read, so that a
  document beyond a limit is refused at once, naming it.
- **PDF.** pdfminer inflates a compressed stream whole: a 1 MB file that
  inflates to 1 GiB took 32 s and 2.1 GiB. While zi reads a PDF, inflating
  goes through a counter that stops at ``MAX_INFLATED`` for the document.
"""

from __future__ import annotations

import contextlib
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zi_plan.errors import InvalidFile, Problem
from zi_plan.i18n import _
from zi_plan.importing.grid import MAX_ROWS, Grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_COLUMNS = 200  # a decree's table has about twenty
MAX_PARAGRAPHS = 1_000_000  # in the whole document: 20,000 rows of twenty one-paragraph cells are 400,000
MAX_SECONDS = 30.0  # reading the tables; far above a real decree's fraction of a second
MAX_INFLATED = 256 * 1024 * 1024  # a PDF's compressed streams, inflated, in all


class Budget:
    """What a document has used so far of the limits: paragraphs and time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.paragraphs = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def refuse(self, message: str) -> InvalidFile:
        return InvalidFile([Problem(str(self.path), None, None, message)])

    def paragraph(self, count: int = 1) -> None:
        self.paragraphs += count
        if self.paragraphs > MAX_PARAGRAPHS:
            raise self.refuse(_("the document has more than {n} paragraphs: is this the plan's table? Save the table alone as .xlsx or .csv").format(n=MAX_PARAGRAPHS))

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.refuse(_("reading the document's tables took longer than {n} seconds: save the table alone as .xlsx or .csv").format(n=int(MAX_SECONDS)))


def _val(element: Any, tag: str) -> str | None:
    found = element.find(f"{W}tcPr/{W}{tag}")
    if found is None:
        return None
    return found.get(f"{W}val", "")


def _span(tc: Any, room: int) -> int:
    """The columns a cell spans, never past the table's right edge."""
    try:
        span = int(_val(tc, "gridSpan") or 1)
    except ValueError:
        span = 1
    return max(1, min(span, room))


_BREAKS = {f"{W}br": "\n", f"{W}cr": "\n", f"{W}tab": "\t"}


def _paragraph_text(p: Any) -> str:
    """A paragraph's text as python-docx gives it: runs' text, a line break as a new line."""
    return "".join(node.text or "" if node.tag == f"{W}t" else _BREAKS[node.tag] for node in p.iter(f"{W}t", *_BREAKS))


def _cell_text(tc: Any, budget: Budget) -> str:
    lines = []
    for p in tc.iterchildren(f"{W}p"):
        budget.paragraph()
        lines.append(_paragraph_text(p))
    return "\n".join(lines)


def docx_grid(path: Path, number: int, tbl: Any, budget: Budget, cell_text: Any) -> Grid:
    """One ``w:tbl`` element as a grid: spans repeated over the columns they cover, vertical
    merges carried down, as python-docx's ``row.cells`` gives them, within the limits."""
    declared = len(tbl.findall(f"{W}tblGrid/{W}gridCol"))
    width = min(declared or MAX_COLUMNS, MAX_COLUMNS)
    where = _("table {n}").format(n=number)
    label = f"{path}[{where}]"
    rows: list[list[str]] = []
    copied: set[tuple[int, int]] = set()
    above: list[Any] = []  # per column: the cell (kept, not its id: lxml frees and reuses its objects) that gave its text, in the row above
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        if r >= MAX_ROWS:
            raise InvalidFile([Problem(label, r + 1, 1, _("the table has more than {n} rows; split it, or import only the plan's sheet with --sheet").format(n=MAX_ROWS))])
        budget.tick()
        texts: list[str] = []
        owners: list[Any] = []
        for tc in tr.iterchildren(f"{W}tc"):
            room = width - len(texts)
            if room <= 0:
                break
            span = _span(tc, room)
            merge = _val(tc, "vMerge")
            c = len(texts)
            if merge is not None and merge != "restart" and c < len(above) and rows:
                owner, text = above[c], rows[-1][c]  # continued from the cell above
            else:
                owner, text = tc, cell_text(_cell_text(tc, budget))
            for k in range(span):
                if k > 0 or (c + k < len(above) and above[c + k] is owner):
                    copied.add((r, c + k))
                texts.append(text)
                owners.append(owner)
        rows.append(texts)
        above = owners
    return Grid(label, rows, copied=copied)


def docx_grids(path: Path, body: Any, cell_text: Any) -> tuple[list[Grid], list[str]]:
    """Every table of a document's body, and the paragraphs above the first (its titles)."""
    budget = Budget(path)
    grids: list[Grid] = []
    titles: list[str] = []
    for child in body.iterchildren():
        if child.tag == f"{W}tbl":
            grids.append(docx_grid(path, len(grids) + 1, child, budget, cell_text))
        elif not grids and child.tag == f"{W}p":
            budget.paragraph()
            text = "".join(node.text or "" for node in child.iter(f"{W}t")).strip()
            if text:
                titles.append(text)
    return grids, titles


# ---------------------------------------------------------------- PDF


class _Inflater:
    """pdfminer's ``zlib``, with ``decompress`` counting what it inflates for one document."""

    error = zlib.error

    def __init__(self, path: Path) -> None:
        self.path = path
        self.used = 0

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        return _Counted(self, zlib.decompressobj(*args, **kwargs))

    def count(self, size: int) -> None:
        self.used += size
        if self.used > MAX_INFLATED:
            raise self.too_much()

    def too_much(self) -> InvalidFile:
        return InvalidFile([Problem(str(self.path), None, None, _(
            "the PDF's compressed content inflates to more than {mb} MB: is this the decree? Print it to PDF again, or import the Word or Excel file"
        ).format(mb=MAX_INFLATED // 2**20))])  # fmt: skip

    def decompress(self, data: bytes, *args: Any, **kwargs: Any) -> bytes:
        inflater = zlib.decompressobj()
        room = MAX_INFLATED - self.used
        out = inflater.decompress(data, room + 1)
        if len(out) > room:
            raise self.too_much()
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says it
        self.count(len(out))
        return out


class _Counted:
    """A decompressobj whose output counts against the document's limit (pdfminer's
    fallback for a damaged stream inflates through one, a byte at a time)."""

    def __init__(self, owner: _Inflater, inner: Any) -> None:
        self.owner = owner
        self.inner = inner

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_INFLATED - self.owner.used
        out = self.inner.decompress(data, min(max_length, room + 1) if max_length else room + 1)
        self.owner.count(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@contextlib.contextmanager
def bounded_inflating(path: Path) -> Iterator[None]:
    """While a PDF is read: pdfminer inflates through ``_Inflater``."""
    from pdfminer import pdftypes  # pdfminer: only while a PDF is read

    original = pdftypes.zlib  # type: ignore[attr-defined]
    pdftypes.zlib = _Inflater(path)  # type: ignore[attr-defined,assignment]
    try:
        yield
    finally:
        pdftypes.zlib = original  # type: ignore[attr-defined]
