"""files: atomic writes leave the old file or the new one, never half; CSV cells never run as formulas."""

from __future__ import annotations

import csv
import errno
import io
import sys
from pathlib import Path

import pytest

from zi_plan.errors import ZiError
from zi_plan.fs.files import atomic_target, atomic_write, csv_bytes, neutralise, write_document_with


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")
    atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_failed_block_keeps_the_old_file(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_target(path) as staged:
        staged.tmp.write_bytes(b"half")
        raise RuntimeError("stopped")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.zip"]


def test_target_chosen_inside_the_block_or_none(tmp_path):
    with atomic_target(None, tmp_path) as staged:
        staged.tmp.write_bytes(b"x")
        staged.target = tmp_path / "chosen.bin"
    assert (tmp_path / "chosen.bin").read_bytes() == b"x"
    with atomic_target(None, tmp_path) as staged:
        staged.tmp.write_bytes(b"y")
        staged.target = None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chosen.bin"]


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_csv_bytes():
    data = csv_bytes([["A", "B"], ["=HYPERLINK()", 3], ["ok", "a\nb"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["A", "B"], ["'=HYPERLINK()", "3"], ["ok", "a\nb"]]
    assert b"\r\n" in data


def test_a_document_written_to_its_file_replaces_the_target_only_when_whole(tmp_path):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")

    def half(path: Path) -> None:
        path.write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ZiError, match="cannot write .*plan.xlsx: .*nothing was written"):
        write_document_with(half, str(target), "x.xlsx", force=True)
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]
    with pytest.raises(ZiError, match="exists; add --force"):
        write_document_with(lambda path: path.write_bytes(b"new"), str(target), "x.xlsx")
    assert write_document_with(lambda path: path.write_bytes(b"new"), str(target), "x.xlsx", force=True) == str(target)
    assert target.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["plan.xlsx"]


def test_a_document_written_to_its_file_goes_to_stdout_whole(monkeypatch):
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out))
    made: list[Path] = []

    def write(path: Path) -> None:
        made.append(path)
        path.write_bytes(b"PK" + bytes(200_000))

    assert write_document_with(write, "-", "x.xlsx") is None
    assert out.getvalue() == b"PK" + bytes(200_000) and made[0].name == "x.xlsx" and not made[0].exists()
