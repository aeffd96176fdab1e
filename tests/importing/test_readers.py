"""importing.readers: a table file read into grids (xlsx, csv), with merged cells expanded, or one clear message."""

from __future__ import annotations

import pytest

from tests import tables
from zi_plan.errors import InvalidFile, ZiError
from zi_plan.importing import readers
from zi_plan.importing.readers import read_grids


def test_csv_with_semicolons_in_excels_windows_encoding(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("NO;KEGIATAN;BUKTI\r\n1;Rapat koordinasi;Notula – foto\r\n".encode("cp1252"))  # – is byte 0x96
    [grid], joinable = read_grids(path)
    assert not joinable
    assert grid.rows == [["NO", "KEGIATAN", "BUKTI"], ["1", "Rapat koordinasi", "Notula – foto"]]
    assert grid.label == str(path)


def test_csv_with_a_bom_and_what_zi_export_neutralised(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeffNO,KEGIATAN,CATATAN\n1,'=SUM(A1),'-hadir\n".encode())
    [grid], _joinable = read_grids(path)
    assert grid.rows[0][0] == "NO" and grid.rows[1] == ["1", "=SUM(A1)", "-hadir"]


def test_xlsx_merged_cells_are_expanded_and_remembered(tmp_path):
    path = tables.merged_teams_xlsx(tmp_path / "m.xlsx")
    [grid], joinable = read_grids(path)
    assert not joinable and grid.label == f"{path}[Lampiran]"
    assert grid.cell(3, 0) == "1" and (3, 0) in grid.copied and (2, 0) not in grid.copied
    assert [grid.cell(3, c) for c in range(8, 17)] == ["v"] * 9  # a v merged over April..December
    assert (5, 7) in grid.filled and grid.cell(5, 7) == ""


def test_xlsx_sheet_by_name(tmp_path):
    path = tables.write_xlsx(tmp_path / "s.xlsx", [["NO", "KEGIATAN"]], title="Rekap")
    [grid], _joinable = read_grids(path, "Rekap")
    assert grid.label.endswith("[Rekap]")
    with pytest.raises(ZiError) as caught:
        read_grids(path, "Lampiran")
    assert caught.value.message == f"{path} has no sheet 'Lampiran'; its sheets: Rekap"


@pytest.mark.parametrize(("name", "data", "words"), [
    ("t.csv", b"  \n ", "the file is empty"),
    ("t.csv", b"NO,A\x00B\n", "not a text table (it has binary bytes)"),
    ("t.xlsx", b"PK\x03\x04 broken", "the file is damaged or is not an Excel workbook (.xlsx)"),
    ("t.ods", b"x", "not a table zi can read; save it as .xlsx, .csv, .docx or .pdf"),
])  # fmt: skip
def test_a_file_that_is_no_table_is_one_message(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ZiError) as caught:
        read_grids(path)
    assert words in str(caught.value) and "Traceback" not in str(caught.value)
    if isinstance(caught.value, InvalidFile):
        assert caught.value.problems[0].path == str(path)


def test_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(ZiError) as caught:
        read_grids(tmp_path / "tidak-ada.csv")
    assert caught.value.message == f"file not found: {tmp_path / 'tidak-ada.csv'}"
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ZiError) as caught:
        read_grids(tmp_path / "folder.csv")
    assert caught.value.message.startswith(f"cannot read {tmp_path / 'folder.csv'}: ")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    path.write_bytes(b"NO,KEGIATAN\n" + b"1,x\n" * (2**20 // 4))
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2**20)
    monkeypatch.setattr(readers, "read_regular", lambda p: pytest.fail("read a file over the limit"))
    with pytest.raises(ZiError) as caught:
        read_grids(path)
    assert caught.value.message == f"{path} is 1 MB: tables are limited to 1 MB"


@pytest.mark.parametrize(("value", "text"), [("scan_x0041_.pdf", "scanA.pdf"), ("scan_x005F_x0041_.pdf", "scan_x0041_.pdf"),
                                             ("a_x000D_\nb", "a\r\nb"), ("x_1234_y", "x_1234_y"), ("_xD800_", "_xD800_"), (7, 7), (None, None)])  # fmt: skip
def test_xlsx_text_is_what_excel_shows(value, text):
    assert readers.xlsx_text(value) == text
