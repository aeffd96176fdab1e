"""formats.decree_sheet: the Keputusan sheet `zi export` writes: the decree's details, then the teams' ids."""

from __future__ import annotations

from zi_plan.formats.decree_sheet import KEYS, TEAM_HEADER, details_rows

VALUES = {"institution": "KPU Kabupaten Tambrauw", "title": "Rencana Aksi 2023", "year": 2023, "number": "12/PP.09-Kpt/2023",
          "date": "2023-01-16", "place": "Fef", "signatory": "Yulius Tabate", "position": "Ketua", "lke": 2026}  # fmt: skip


def test_one_row_per_detail_in_the_decrees_words_then_the_teams():
    rows = details_rows(VALUES, [("mp", "Tim Manajemen Perubahan"), ("sdm", "Tim SDM")])
    assert rows[0] == ["DATA", "ISI"]
    assert rows[1 : 1 + len(KEYS)] == [[KEYS[k], str(VALUES[k])] for k in KEYS]
    assert rows[1 + len(KEYS) :] == [[], list(TEAM_HEADER), ["mp", "Tim Manajemen Perubahan"], ["sdm", "Tim SDM"]]


def test_every_cell_is_a_text_and_a_missing_value_an_empty_one():
    rows = details_rows({"institution": "KPU", "year": 2024, "lke": None}, [])
    assert all(isinstance(cell, str) for row in rows for cell in row)  # read back as the table's cells are: texts
    assert ["TAHUN", "2024"] in rows and ["LKE", ""] in rows and ["NOMOR KEPUTUSAN", ""] in rows
    assert rows[-1] == list(TEAM_HEADER)  # no team: the header alone


def test_the_labels_are_distinct_and_upper_case():
    labels = list(KEYS.values())
    assert len(set(labels)) == len(labels) and all(label == label.upper() for label in labels)
    assert set(TEAM_HEADER).isdisjoint(labels)  # the team header is never read as a detail
