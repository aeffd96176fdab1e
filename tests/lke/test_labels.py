"""lke.labels: words for people in place of the worksheet's gate ids and answer types."""

from __future__ import annotations

import pytest

from zi_plan.lke.labels import answer_type_label, gate_label


@pytest.mark.parametrize(("gate", "en", "id_"), [
    ("area:2", "Area 2", "Area 2"),
    ("total", "Total score", "Nilai total"),
    ("pengungkit", "Pengungkit", "Pengungkit"),
    ("ipak", "IPAK", "IPAK"),
    ("something_new", "something_new", "something_new"),  # an id a newer data file adds: shown as it is
])  # fmt: skip
def test_gate_label(gate, en, id_, request):
    assert gate_label(gate) == en
    request.getfixturevalue("indonesian")
    assert gate_label(gate) == id_


@pytest.mark.parametrize(("kind", "en", "id_"), [
    ("ya_tidak", "Yes/No (Ya/Tidak)", "Ya/Tidak"),
    ("abcd", "A/B/C/D", "A/B/C/D"),
    ("persen", "Percentage", "Persentase"),
    ("jumlah", "Count", "Jumlah"),
    ("nilai_0_4", "Index 0–4", "Indeks 0–4"),
    ("skala", "skala", "skala"),
])  # fmt: skip
def test_answer_type_label(kind, en, id_, request):
    assert answer_type_label(kind) == en
    request.getfixturevalue("indonesian")
    assert answer_type_label(kind) == id_


def test_every_answer_type_of_the_worksheet_has_a_label():
    from zi_plan.lke.worksheet import load_worksheet

    kinds = {q.answer_type for q in load_worksheet().questions}
    assert all(answer_type_label(k) != k for k in kinds)
