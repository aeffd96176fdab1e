"""`zi publish --decree` (issue 26): the whole Keputusan as a page, in the printed decree's order."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PLAN
from tests.schema.test_decree import BODY, V1, V2, with_body


@pytest.mark.parametrize("fixture", [V1, V2], ids=["format-1", "format-2"])
def test_an_older_plan_prints_as_a_decree_with_placeholders(zi, tmp_path, fixture):
    out = tmp_path / "keputusan.html"
    result = zi("publish", "--decree", "-o", str(out), "--plan", str(fixture))
    assert result.code == 0 and "holds only the decree's number" in result.err
    page = out.read_text(encoding="utf-8")
    assert page.count('class="placeholder"') >= 8 and "ttd." not in page and "Salinan" not in page



def test_the_decree_page_keeps_the_order_of_the_printed_decree(zi, tmp_path):
    out = tmp_path / "keputusan.html"
    result = zi("--lang", "id", "publish", "--decree", "-o", str(out), "--plan", str(PLAN))
    assert result.code == 0 and "peringatan" not in result.err
    page = re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))
    page = re.sub(r"\s+", " ", page)
    parts = ["KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW", "KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW", "NOMOR 439 TAHUN 2023",
             "TENTANG", "KETUA KOMISI PEMILIHAN UMUM KABUPATEN TAMBRAUW,", "Menimbang", "a. bahwa dalam rangka", "b. bahwa untuk",
             "Mengingat", "1. Undang-Undang Nomor 28", "11. Keputusan Komisi Pemilihan Umum Nomor 438", "MEMUTUSKAN:", "Menetapkan",
             "KESATU", "KEDUA", "KEEMPAT", "Ditetapkan di Fef", "Pada tanggal 15 April 2023", "ttd.", "ABRAHAM YOSIAS IMBIRI",
             "Salinan sesuai dengan aslinya", "Yulius Tabate", "LAMPIRAN I", "RENCANA AKSI PEMBANGUNAN ZONA INTEGRITAS DI LINGKUNGAN",
             "KOMPONEN", "PENANGGUNG JAWAB", "Tim Kerja", "Ditetapkan di Fef", "ABRAHAM YOSIAS IMBIRI"]  # fmt: skip
    at = 0
    for part in parts:
        found = page.find(part, at)
        assert found >= 0, f"{part!r} missing or out of order"
        at = found + len(part)
    assert "KETIGA" not in page and "NIP" not in page and "Tembusan" not in page and 'class="placeholder"' not in out.read_text(encoding="utf-8")


def test_the_decree_page_escapes_the_plans_text(zi, write_plan, tmp_path):
    path = write_plan(with_body().replace("bahwa perlu rencana aksi;", "'<script>alert(1)</script>'"))
    out = tmp_path / "k.html"
    assert zi("publish", "--decree", "-o", str(out), "--plan", str(path)).code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_an_electronic_signature_prints_its_verification_link(zi, write_plan, tmp_path):
    path = write_plan(with_body(BODY.replace("signature: wet", "signature: electronic\n  verification_url: https://tte.example.go.id/verify/abc")))
    out = tmp_path / "k.html"
    assert zi("publish", "--decree", "-o", str(out), "--plan", str(path)).code == 0
    page = out.read_text(encoding="utf-8")
    assert 'href="https://tte.example.go.id/verify/abc"' in page and "secara elektronik" in page


def test_the_decree_keeps_its_indonesian_words_in_an_english_session(zi, tmp_path):
    out = tmp_path / "k.html"
    assert zi("--lang", "en", "publish", "--decree", "-o", str(out), "--plan", str(PLAN)).code == 0
    page = out.read_text(encoding="utf-8")
    for words in ("Menimbang", "MEMUTUSKAN:", "Ditetapkan di Fef", "Pada tanggal 15 April 2023", "KOMPONEN", "LANGKAH AKSI", "PENANGGUNG JAWAB"):
        assert words in page
    assert ">COMPONENT<" not in page and ">ACTION STEPS<" not in page
    assert 'data-label="INDICATOR"' in page  # the phone cards' labels follow the reader's language
