"""The bundled plan against the decree (Lampiran I of KPU Tambrauw 439/2023)."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.conftest import PLAN
from zi_plan.store.plans import load_plan
from zi_plan.store.workspace import bundled_plan_path


@pytest.fixture(scope="module")
def plan():
    return load_plan(PLAN)


def test_counts(plan):
    assert [c.id for c in plan.components] == ["I", "II", "III", "IV", "V", "VI"]
    assert len(plan.teams) == 6
    assert len({a.item for a in plan.actions}) == 23
    assert len(plan.actions) == 68
    per_component = Counter(a.component for a in plan.actions)
    assert per_component == {"I": 5, "II": 6, "III": 16, "IV": 10, "V": 20, "VI": 11}
    per_team = Counter(a.team.name for a in plan.actions)
    assert per_team == {
        "Tim Manajemen Perubahan": 5,
        "Tim Penguatan Tata Laksana": 6,
        "Tim Sistem Manajemen Sumber Daya Manusia": 16,
        "Tim Penguatan Akuntabilitas": 10,
        "Tim Pengawasan": 20,
        "Tim Peningkatan Kualitas Pelayanan Publik": 11,
    }
    items_per_component = Counter(item.split(".")[0] for item in {a.item for a in plan.actions})
    assert items_per_component == {"I": 4, "II": 3, "III": 6, "IV": 2, "V": 5, "VI": 3}


def test_metadata(plan):
    assert plan.institution == "Komisi Pemilihan Umum Kabupaten Tambrauw"
    assert plan.year == 2023
    assert plan.decree.number == "439 Tahun 2023"
    assert str(plan.decree.date) == "2023-04-15"
    assert plan.decree.place == "Fef"
    assert plan.decree.signatory == "Abraham Yosias Imbiri"


def test_every_action_is_complete(plan):
    for a in plan.actions:
        assert a.indicator and a.steps and a.evidence and a.months, a.id
        assert all(1 <= m <= 12 for m in a.months)


# (id, start of indicator, steps, start of first evidence, months), read off the decree.
DECREE_ROWS = [
    ("I.1.a", "Menerbitkan SK Tim Kerja", 1, "SK Tim Kerja ZI tahun 2023/ Kelompok Kerja yang ditandatangani", [4]),
    ("I.3.a", "Timeline pemantauan dan evaluasi pembangunan", 1, "Undangan rapat, daftar hadir", [5, 7, 9, 11]),
    ("I.4.a", "Para Pimpinan berperan sebagai role model", 1, "Daftar hadir, Banner Budaya Kerja", list(range(4, 13))),
    ("II.1.a", "SOP telah mengacu pada proses bisnis instansi dan dipahami seluruh pegawai SOP telah dievaluasi", 3, "Sosialisasi SOP Alur Kerja", [4, 5]),
    ("II.2.a", "Operasionalisasi manajemen SDM sudah menggunakan teknologi informasi", 1, "Aplikasi presensi berbasis aplikasi", list(range(4, 13))),
    ("II.3.a", "Kebijakan informasi publik telah sesuai", 2, "Dokumen-dokumen kepemiluan", list(range(4, 13))),
    ("II.3.b", "Monitoring dan evaluasi pelaksanaan kebijakan keterbukaan", 1, "Laporan Monev terkait keterbukaan informasi", [11, 12]),
    ("III.3.a", "Unit kerja melakukan training need analysis", 1, "Usulan diklat/ bimtek", [1, 4, 6, 12]),
    ("III.3.d", "pegawai di unit kerja telah memperoleh kesempatan", 1, "Rekapitulasi pegawai yang mengikuti diklat dan diklat", [4]),
    ("III.3.f", "Pelaksanaan pengembangan kompetensi pegawai", 1, "Formulir monitoring efektifitas", [12]),
    ("III.5.a", "Aturan kode etik dan aturan perilaku pegawai", 1, "Laporan pelaksanaan sosialisasi kode etik", list(range(1, 13))),
    ("IV.1.c", "Pimpinan memantau pencapaian kinerja secara berkala", 1, "Renstra, Rencana Kerja Tahunan", [1]),
    ("IV.1.d", "Pimpinan memantau pencapaian kinerja secara berkala", 1, "Laporan rapat evaluasi capaian kinerja", list(range(4, 13))),
    ("IV.2.e", "pelaporan kinerja telah memberikan informasi", 1, "Lakip KPU Kabupaten Tambrauw tahun 2022", [1]),
    ("V.1.b", "Public Campaign tentang pengendalian gratifikasi", 1, "spanduk, roll banner dan upload konten medsos", [4, 5, 6]),
    ("V.1.c", "Pengendalian Gratifikasi telah diimplementasikan", 1, "SK Unit Pengendalian Gratifikasi", [4, 5, 6]),
    ("V.2.b", "Telah dilakukan kegiatan penilaian resiko", 1, "Penilaian resiko atas pelaksanaan kebijakan", [1]),
    ("V.2.c", "Telah dilakukan kegiatan pengendalian", 1, "Dokumen Rencana Tindak Pengendalian", [1, 12]),
    ("V.2.d", "SPIP telah diinformasikan", 2, "Dokumentasi Rapat, Undangan", [3, 4]),
    ("V.5.c", "Penanganan benturan kepentingan telah diimplementasikan", 1, "Surat Pernyataan Bebas Benturan", [1, 4]),
    ("VI.1.a", "Terdapat kebijakan standar pelayanan", 1, "Standar layanan PPID dan RPP", [5]),
    ("VI.2.c", "Telah terdapat sistem punishment", 1, "Laporan pembinaan pegawai dan SOP", [6, 9, 12]),
    ("VI.3.c", "Dilakukan tindak lanjut atas hasil survey", 1, "Analisis survei kepuasan masyarakat", [11, 12]),
]


@pytest.mark.parametrize(("action_id", "indicator", "n_steps", "evidence", "months"), DECREE_ROWS)
def test_actions_match_the_decree(plan, action_id, indicator, n_steps, evidence, months):
    a = plan.by_id[action_id]
    assert a.indicator.startswith(indicator)
    assert len(a.steps) == n_steps
    assert a.evidence[0].startswith(evidence)
    assert list(a.months) == months


def test_shifted_row_keeps_both_evidence_cells(plan):
    assert plan.by_id["IV.1.c"].evidence == (
        "Renstra, Rencana Kerja Tahunan, Dokumen Indikator Kinerja Utama, dan LAKIP",
        "Dokumen RKT KPU, Dokumen IKU KPU, dan Dokumen LAKIP KPU Kabupaten Tambrauw",
    )


def test_continuation_rows_are_merged(plan):
    assert plan.by_id["II.1.a"].steps == (
        "Seluruh pegawai telah mengetahui SOP yang telah ditetapkan",
        "SOP tersedia di ruang pelayanan",
        "Melaksanakan evaluasi dokumen SOP",
    )
    assert plan.by_id["II.3.a"].steps[1].startswith("KPU Kabupaten Tambrauw menyediakan informasi publik")


def test_extraction_slips_are_mended():
    text = PLAN.read_text(encoding="utf-8")
    body = text.split("\ninstitution:", 1)[1]  # the comments name the slips on purpose
    for slip in ("Tambora", "Tandrauw", "kerjateljah", "dandiklat", "Standarlayanan", "ditandangani", "WBW"):
        assert slip not in "\n".join(line for line in body.splitlines() if not line.lstrip().startswith("#"))


def test_bundled_plan_is_found_from_source():
    assert bundled_plan_path().read_bytes() == PLAN.read_bytes()
