"""importing.headers: the words offices head their columns with, per role, ranked by how surely each names it."""

from __future__ import annotations

from collections import Counter

import pytest

from zi_plan.importing.headers import FALLBACK, ROLES, WORDS, match, norm, role_of


def test_every_role_has_its_words_and_no_word_names_two_roles():
    assert tuple(WORDS) == ROLES
    counts = Counter(word for words in WORDS.values() for word in words)
    assert [word for word, n in counts.items() if n > 1] == []
    assert all({norm(word) for word in words} <= set(words) for words in WORDS.values())  # each is found by a header's norm
    assert all(min(words.values()) == 1 for words in WORDS.values())  # each role has a word naming it surely


@pytest.mark.parametrize(("text", "found"), [
    ("Bukti Pendukung", ("evidence", 1)), ("DATA DUKUNG", ("evidence", 2)), ("Luaran", ("evidence", 3)), ("TARGET", ("evidence", 4)),
    ("Rencana Kinerja", ("indicator", 2)), ("PIC", ("team", 2)), ("Tim Kerja Terkait", ("team", 1)),
    ("OUTPUT (Dokumen)", ("evidence", 3)),  # the words in brackets left aside
    ("TARGET / BUKTI", ("evidence", 1)), ("PJ / TIM KERJA", ("team", 1)), ("Penanggung jawab dan pelaksana", ("team", 1)),  # the surest part
    ("Keterangan", None), ("", None), ("   ", None),
])  # fmt: skip
def test_match_gives_the_role_and_its_rank(text, found):
    assert match(text) == found


@pytest.mark.parametrize(("text", "found"), [
    ("Indikator Keberhasilan Program", ("indicator", 1)), ("KEGIATAN UTAMA PROGRAM", ("item", 1)),  # the longest known start
    ("Produk Akhir", ("evidence", 3)), ("DATA DUKUNG LAIN", ("evidence", 2)),
    ("HASIL PEMERIKSAAN", None),  # HASIL is too common a first word to name the evidence by
    ("TIM PELAKSANA KEGIATAN", None),  # TIM is too short a start to trust
    ("AKSI NYATA", None), ("HASILNYA", None),  # a word, not a start: no match inside a word
    ("UNIT KERJA PELAKSANA KEGIATAN DI LAPANGAN", None),  # a sentence, not a header
])  # fmt: skip
def test_a_header_starting_with_a_known_word(text, found):
    assert match(text) == found
    assert match(text, strict=True) is None  # strict: whole headers only, for a row that may be data


def test_strict_still_takes_whole_headers_and_their_parts():
    assert match("BUKTI DUKUNG & DATA DUKUNG", strict=True) == ("evidence", 1)
    assert match("Waktu Pelaksanaan", strict=True) == ("schedule", 1)


def test_role_of_is_the_role_alone():
    assert (role_of("Penanggung\nJawab"), role_of("Kode LKE"), role_of("Catatan")) == ("team", "lke", None)


@pytest.mark.parametrize(("text", "normalised"), [("Bukti  Fisik /Bukti Dukung", "BUKTI FISIK/BUKTI DUKUNG"), ("No.", "NO"), ("*PJ:", "PJ"), ("a\nb", "A B")])
def test_norm(text, normalised):
    assert norm(text) == normalised


def test_only_the_evidence_and_the_steps_fall_back_to_the_indicator():
    assert FALLBACK == {"evidence": "indicator", "action": "indicator"}
    assert all(role in ROLES and spare in ROLES for role, spare in FALLBACK.items())
