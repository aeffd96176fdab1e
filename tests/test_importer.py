"""importer.split_numbered: one cell of numbered steps or evidence becomes separate entries."""

from __future__ import annotations

import pytest

from zi_plan.importer import split_numbered


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("Menyusun SK", 1, ["Menyusun SK"]),
        ("1. Menyusun SK 2. Menetapkan SK", 1, ["Menyusun SK", "Menetapkan SK"]),
        ("1) satu 2) dua 3) tiga", 1, ["satu", "dua", "tiga"]),
        ("1 . spasi 2 . lagi", 1, ["spasi", "lagi"]),
        ("satu\ndua\n\n tiga ", 1, ["satu", "dua", "tiga"]),
        ("1. satu\n2. dua", 1, ["satu", "dua"]),
        # continued from an earlier cell: numbering picks up at ``start``
        ("3. tiga 4. empat", 3, ["tiga", "empat"]),
        # a new list starting again at 1 inside a continued cell
        ("1. baru 2. lagi", 3, ["baru", "lagi"]),
        # a number that is not the next in sequence stays in the text
        ("1. Rapat 2023 bulan 5. dan 2. laporan", 1, ["Rapat 2023 bulan 5. dan", "laporan"]),
        ("Tahun 2. bukan daftar", 1, ["Tahun 2. bukan daftar"]),
        ("", 1, []),
        ("1. ", 1, ["1."]),
    ],
)
def test_split_numbered(text, start, expected):
    assert split_numbered(text, start) == expected
