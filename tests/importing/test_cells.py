"""importing.cells.split_list: one cell of steps or evidence becomes separate entries."""

from __future__ import annotations

import pytest

from zi_plan.importing.cells import split_list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Menyusun SK", ["Menyusun SK"]),
        ("1. Menyusun SK 2. Menetapkan SK", ["Menyusun SK", "Menetapkan SK"]),
        ("1) satu 2) dua 3) tiga", ["satu", "dua", "tiga"]),
        ("1 . spasi 2 . lagi", ["spasi", "lagi"]),
        ("satu\ndua\n\n tiga ", ["satu", "dua", "tiga"]),
        ("1. satu\n2. dua", ["satu", "dua"]),
        # continued from an earlier cell: the numbering goes on from there
        ("3. tiga 4. empat", ["tiga", "empat"]),
        ("1. baru 2. lagi", ["baru", "lagi"]),
        # a number that is not the next in sequence stays in the text
        ("1. Rapat 2023 bulan 5. dan 2. laporan", ["Rapat 2023 bulan 5. dan", "laporan"]),
        ("Tahun 2. bukan daftar", ["Tahun 2. bukan daftar"]),
        ("", []),
        ("1. ", ["1."]),
    ],
)
def test_split_list(text, expected):
    assert split_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a. satu\nb. dua", ["satu", "dua"]),
        ("i. satu\nii. dua", ["satu", "dua"]),
        ("- satu\n- dua", ["satu", "dua"]),
        ("• satu • dua", ["satu", "dua"]),
        # an unmarked (wrapped or indented) line stays with the entry above
        ("1. Menyusun\n   rancangan SK\n2. Menetapkan", ["Menyusun rancangan SK", "Menetapkan"]),
        ("SK\n- salinan\n- arsip", ["SK", "salinan", "arsip"]),
    ],
)
def test_other_list_markers(text, expected):
    assert split_list(text) == expected
