"""importing/bounded: Word tables and PDF streams read within limits, the limit named when reached.

The limits are lowered with monkeypatch, so that a document beyond them is a
few lines of XML or a few megabytes of spaces, read in milliseconds.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from zi_plan.errors import InvalidFile
from zi_plan.importing import bounded
from zi_plan.importing.bounded import Budget, bounded_inflating, docx_grid, docx_grids

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC = Path("rencana.docx")


def _cell(*paragraphs: str, span: int | str | None = None, merge: str | None = None) -> str:
    props = (f'<w:gridSpan w:val="{span}"/>' if span is not None else "") + ({"": "<w:vMerge/>"}.get(merge, f'<w:vMerge w:val="{merge}"/>') if merge is not None else "")
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs) or "<w:p/>"
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def _row(*cells: str) -> str:
    return f"<w:tr>{''.join(cells)}</w:tr>"


def _table_xml(*rows: str, columns: int | None = 3) -> str:
    grid = "" if columns is None else f"<w:tblGrid>{'<w:gridCol/>' * columns}</w:tblGrid>"
    return f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"


def _xml(inner: str, tag: str = "body") -> Any:
    return etree.fromstring(f'<w:{tag} xmlns:w="{W_NS}">{inner}</w:{tag}>')


def _table(*rows: str, columns: int | None = 3) -> Any:
    return _xml(_table_xml(*rows, columns=columns))[0]


def _grid(*rows: str, columns: int | None = 3, cell_text: Any = str) -> Any:
    return docx_grid(DOC, 1, _table(*rows, columns=columns), Budget(DOC), cell_text)


def _word_table(texts: list[list[str]]) -> Any:
    """A python-docx table holding ``texts``."""
    import docx

    table = docx.Document().add_table(rows=len(texts), cols=len(texts[0]))
    for row, line in zip(table.rows, texts, strict=True):
        for cell, text in zip(row.cells, line, strict=True):
            cell.text = text
    return table


def _reloaded(table: Any) -> Any:
    """The document holding ``table`` saved and read again: its first table, as an import reads it."""
    import docx

    buffer = io.BytesIO()
    table.part.document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue())).tables[0]


def _refusal(caught: pytest.ExceptionInfo[InvalidFile]) -> str:
    [problem] = caught.value.problems
    return str(problem)


# ---------------------------------------------------------------- the grid


def test_a_plain_table_is_its_texts_row_by_row():
    grid = _grid(_row(_cell("NO"), _cell("Kegiatan"), _cell("Bukti")), _row(_cell("1"), _cell("Menyusun SK"), _cell("SK")))
    assert grid.label == "rencana.docx[table 1]"
    assert grid.rows == [["NO", "Kegiatan", "Bukti"], ["1", "Menyusun SK", "SK"]]
    assert grid.copied == set()


def test_a_cells_paragraphs_breaks_and_tabs_are_kept_as_python_docx_gives_them():
    cell = "<w:tc><w:p><w:r><w:t>Satu</w:t><w:br/><w:t>dua</w:t></w:r></w:p><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p><w:p/></w:tc>"
    assert _grid(_row(cell)).rows == [["Satu\ndua\na\tb\n"]]


def test_each_cells_text_goes_through_cell_text():
    assert _grid(_row(_cell("sk  tim"), _cell("x")), cell_text=lambda text: text.upper().split()[0]).rows == [["SK", "X"]]


def test_a_word_table_without_merges_has_no_copied_cells():
    # As read from a file: lxml makes each cell's Python object afresh and frees it after, so a
    # cell must not be known by its object's id (a freed cell's id is soon a new cell's).
    table = _reloaded(_word_table([[f"r{r}c{c}" for c in range(6)] for r in range(20)]))
    grid = docx_grid(DOC, 1, table._tbl, Budget(DOC), str)
    assert grid.rows == [[f"r{r}c{c}" for c in range(6)] for r in range(20)]
    assert grid.copied == set()


def test_a_span_repeats_the_text_over_its_columns_and_marks_them_copied():
    grid = _grid(_row(_cell("Manajemen Perubahan", span=2), _cell("Tim")), _row(_cell("a"), _cell("b"), _cell("c")))
    assert grid.rows == [["Manajemen Perubahan", "Manajemen Perubahan", "Tim"], ["a", "b", "c"]]
    assert grid.copied == {(0, 1)}


@pytest.mark.parametrize("span", [2_000_000_000, 4, 10**30])
def test_a_span_is_capped_at_the_tables_width(span):
    grid = _grid(_row(_cell("I"), _cell("Judul", span=span)))
    assert grid.rows == [["I", "Judul", "Judul"]]
    assert grid.copied == {(0, 2)}


@pytest.mark.parametrize("span", ["x", "", "0", "-5", "1.5"])
def test_a_span_that_is_not_a_positive_number_is_one_column(span):
    assert _grid(_row(_cell("a", span=span), _cell("b"), _cell("c"))).rows == [["a", "b", "c"]]


def test_cells_beyond_the_declared_width_are_left_out():
    assert _grid(_row(*(_cell(str(n)) for n in range(6))), columns=3).rows == [["0", "1", "2"]]


def test_without_a_declared_grid_the_width_is_capped_at_max_columns():
    grid = _grid(_row(_cell("a", span=10**9)), columns=None)
    assert len(grid.rows[0]) == bounded.MAX_COLUMNS
    assert len(_grid(_row(_cell("a")), columns=10 * bounded.MAX_COLUMNS).rows[0]) == 1  # the cells there, not the declared grid


def test_a_declared_grid_wider_than_max_columns_is_capped(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_COLUMNS", 4)
    assert _grid(_row(*(_cell(str(n)) for n in range(9))), columns=9).rows == [["0", "1", "2", "3"]]


def test_a_vertical_merge_carries_the_text_down_as_copied():
    grid = _grid(
        _row(_cell("I", merge="restart"), _cell("Tim Kerja"), _cell("x")),
        _row(_cell("", merge=""), _cell("Agen"), _cell("y")),
        _row(_cell("", merge="continue"), _cell("SOP"), _cell("z")),
        _row(_cell("II", merge="restart"), _cell("Lain"), _cell("w")),
    )  # fmt: skip
    assert [r[0] for r in grid.rows] == ["I", "I", "I", "II"]
    assert grid.copied == {(1, 0), (2, 0)}


def test_a_merge_continued_in_the_first_row_has_its_own_text():
    assert _grid(_row(_cell("awal", merge=""), _cell("b"), _cell("c"))).rows == [["awal", "b", "c"]]


def test_a_block_merged_across_and_down_is_copied_everywhere_but_its_first_cell():
    grid = _grid(_row(_cell("Blok", span=2, merge="restart"), _cell("x")), _row(_cell("", span=2, merge=""), _cell("y")))
    assert grid.rows == [["Blok", "Blok", "x"], ["Blok", "Blok", "y"]]
    assert grid.copied == {(0, 1), (1, 0), (1, 1)}


def test_the_grid_is_what_python_docx_gives_for_the_same_table():
    table = _word_table([[f"r{r}c{c}" for c in range(4)] for r in range(4)])
    table.cell(0, 0).merge(table.cell(0, 2))
    table.cell(1, 3).merge(table.cell(3, 3))
    table.cell(2, 0).merge(table.cell(3, 1))
    table.cell(1, 1).paragraphs[0].add_run().add_break()
    table.cell(1, 1).add_paragraph("kedua")
    table = _reloaded(table)
    cells = [list(row.cells) for row in table.rows]
    grid = docx_grid(DOC, 1, table._tbl, Budget(DOC), str)
    assert grid.rows == [[cell.text for cell in row] for row in cells]
    merged = {(r, c) for r, row in enumerate(cells) for c, cell in enumerate(row)
              if (c > 0 and row[c - 1]._tc is cell._tc) or (r > 0 and cells[r - 1][c]._tc is cell._tc)}  # fmt: skip
    assert grid.copied == merged == {(0, 1), (0, 2), (2, 3), (3, 3), (2, 1), (3, 0), (3, 1)}


# ---------------------------------------------------------------- the limits


def test_rows_beyond_the_limit_are_refused_at_the_row_naming_the_limit(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_ROWS", 3)
    rows = [_row(_cell(str(n))) for n in range(4)]
    assert len(_grid(*rows[:3]).rows) == 3
    with pytest.raises(InvalidFile) as caught:
        _grid(*rows)
    assert _refusal(caught) == "rencana.docx[table 1]:4:1: the table has more than 3 rows; split it, or import only the plan's sheet with --sheet"


def test_paragraphs_beyond_the_limit_are_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_PARAGRAPHS", 5)
    assert _grid(_row(_cell("a", "b", "c")), _row(_cell("d", "e"))).rows == [["a\nb\nc"], ["d\ne"]]
    with pytest.raises(InvalidFile) as caught:
        _grid(_row(_cell("a", "b", "c")), _row(_cell("d", "e", "f")))
    assert _refusal(caught) == ("rencana.docx: the document has more than 5 paragraphs: is this the plan's table? "
                                "Save the table alone as .xlsx or .csv")  # fmt: skip


def test_the_paragraph_count_is_for_the_whole_document(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_PARAGRAPHS", 5)
    title = "<w:p><w:r><w:t>LAMPIRAN</w:t></w:r></w:p>"
    one = _table_xml(_row(_cell("a"), _cell("b")))
    assert len(docx_grids(DOC, _xml(title + one + one), str)[0]) == 2  # a title and two tables of two cells: five
    with pytest.raises(InvalidFile, match="more than 5 paragraphs"):
        docx_grids(DOC, _xml(title + one + one + one), str)  # no table alone is over the limit
    with pytest.raises(InvalidFile, match="more than 5 paragraphs"):
        docx_grids(DOC, _xml(title * 6), str)  # the titles count too


def test_a_document_read_too_long_is_refused_naming_the_limit(monkeypatch):
    monkeypatch.setattr(bounded, "MAX_SECONDS", 2.0)
    budget = Budget(DOC)
    table = _table(_row(_cell("a")), _row(_cell("b")))
    assert docx_grid(DOC, 1, table, budget, str).rows == [["a"], ["b"]]  # within the time
    budget.deadline -= 10  # as if ten seconds had gone by
    with pytest.raises(InvalidFile) as caught:
        docx_grid(DOC, 1, table, budget, str)
    assert _refusal(caught) == "rencana.docx: reading the document's tables took longer than 2 seconds: save the table alone as .xlsx or .csv"


def test_a_limit_named_in_indonesian(monkeypatch, indonesian):
    monkeypatch.setattr(bounded, "MAX_ROWS", 1)
    with pytest.raises(InvalidFile) as caught:
        _grid(_row(_cell("a")), _row(_cell("b")))
    assert "lebih dari 1 baris" in _refusal(caught), _refusal(caught)


# ---------------------------------------------------------------- docx_grids


def test_every_table_is_numbered_and_the_paragraphs_above_the_first_are_its_titles():
    body = _xml(
        "<w:p><w:r><w:t>LAMPIRAN</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>RENCANA AKSI </w:t><w:t>2023</w:t></w:r></w:p>"
        + _table_xml(_row(_cell("a")))
        + "<w:p><w:r><w:t>between</w:t></w:r></w:p>"
        + _table_xml(_row(_cell("b")))
    )  # fmt: skip
    grids, titles = docx_grids(DOC, body, str)
    assert [g.label for g in grids] == ["rencana.docx[table 1]", "rencana.docx[table 2]"]
    assert [g.rows for g in grids] == [[["a"]], [["b"]]]
    assert titles == ["LAMPIRAN", "RENCANA AKSI 2023"]


def test_a_body_without_tables_has_no_grids():
    assert docx_grids(DOC, _xml("<w:p><w:r><w:t>Surat</w:t></w:r></w:p>"), str) == ([], ["Surat"])


# ---------------------------------------------------------------- PDF: inflating within a cap

MB = 2**20


@pytest.fixture
def cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(bounded, "MAX_INFLATED", 2 * MB)
    return 2 * MB


def _inflater(path: Path = Path("keputusan.pdf")) -> Any:
    from pdfminer import pdftypes

    with bounded_inflating(path):
        return pdftypes.zlib  # type: ignore[attr-defined]


def test_streams_within_the_cap_inflate_as_zlib_does(cap):
    inflater = _inflater()
    data = b"BT /F1 12 Tf (Rencana Aksi) Tj ET " * 1000
    assert inflater.decompress(zlib.compress(data)) == data
    assert inflater.decompress(zlib.compress(b" " * (cap - len(data)))) == b" " * (cap - len(data))  # exactly the cap, in all


def test_one_byte_past_the_cap_is_refused_naming_it(cap):
    inflater = _inflater()
    with pytest.raises(InvalidFile) as caught:
        inflater.decompress(zlib.compress(b" " * (cap + 1)))
    assert _refusal(caught) == ("keputusan.pdf: the PDF's compressed content inflates to more than 2 MB: is this the decree? "
                                "Print it to PDF again, or import the Word or Excel file")  # fmt: skip


def test_the_cap_is_for_the_whole_document(cap):
    inflater = _inflater()
    half = zlib.compress(b" " * (cap // 2 + 1))
    inflater.decompress(half)
    with pytest.raises(InvalidFile, match="more than 2 MB"):
        inflater.decompress(half)
    assert _inflater().decompress(half) == b" " * (cap // 2 + 1)  # another document starts afresh


def test_a_truncated_stream_is_zlibs_error_as_pdfminer_expects(cap):
    inflater = _inflater()
    with pytest.raises(zlib.error):
        inflater.decompress(zlib.compress(b"isi halaman " * 100)[:-8])
    with pytest.raises(inflater.error):
        inflater.decompress(b"not deflate at all")


def test_inflating_a_byte_at_a_time_counts_too(cap):
    inflater = _inflater()
    data = zlib.compress(b" " * (3 * MB))
    stream = inflater.decompressobj()
    out = 0
    with pytest.raises(InvalidFile, match="more than 2 MB"):
        for n in range(len(data)):
            out += len(stream.decompress(data[n : n + 1]))
    assert out <= cap
    small = inflater.__class__(Path("x.pdf")).decompressobj()
    assert small.decompress(zlib.compress(b"abc")) == b"abc" and small.eof  # what pdfminer reads of it passes through


def test_pdfminer_inflates_through_the_counter_only_inside(cap):
    from pdfminer import pdftypes
    from pdfminer.psparser import LIT

    original = pdftypes.zlib  # type: ignore[attr-defined]
    big = pdftypes.PDFStream({"Filter": LIT("FlateDecode")}, zlib.compress(b" " * (3 * MB)))
    with pytest.raises(InvalidFile, match="more than 2 MB"), bounded_inflating(Path("keputusan.pdf")):
        big.get_data()
    assert pdftypes.zlib is original  # type: ignore[attr-defined]  # put back, though the reading failed
    damaged = zlib.compress(b" " * (3 * MB))[:-4]  # the checksum cut off: pdfminer's byte-at-a-time fallback
    with pytest.raises(InvalidFile, match="more than 2 MB"), bounded_inflating(Path("keputusan.pdf")):
        pdftypes.PDFStream({"Filter": LIT("FlateDecode")}, damaged).get_data()
    assert len(pdftypes.PDFStream({"Filter": LIT("FlateDecode")}, zlib.compress(b" " * (3 * MB))).get_data()) == 3 * MB  # outside: no cap
