"""`zi export --format xlsx` then `zi import` gives back the same plan: ids, teams, decree number, date and place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PLAN
from zi_plan.model.plan import LoadedPlan
from zi_plan.store.plans import load_plan

# Everything that could go astray on the way: an item's own team, a shared action, a team name with a comma,
# a draft, an unscheduled action whose indicator starts in lower case, the source table's codes, LKE codes,
# and text that reads like the file format's own escape of a character (_x0041_ is "A" to Excel).
TRICKY = """\
institution: Kantor Contoh
title: Rencana Aksi Pembangunan ZI Kantor Contoh 2024
year: 2024
decree:
  number: 7 Tahun 2024
  date: 2024-03-11
  place: Sorong
  signatory: Nama Kepala
  position: Kepala Kantor
lke: 2026
teams:
  - id: mp
    name: Tim Manajemen Perubahan
  - id: keu
    name: Subbagian Keuangan, Umum dan Logistik
  - id: wasdal
    name: Tim Pengawasan
components:
  - id: I
    title: Manajemen Perubahan
    team: mp
    items:
      - title: Tim Kerja
        actions:
          - indicator: SK Tim Kerja terbit
            source_id: SS.1.1
            steps: [Menyusun SK, Menetapkan SK]
            evidence: [SK Tim Kerja, scan_x0041_.pdf]
            months: [1, 4]
            lke: [P.1.i.a]
          - indicator: pegawai memahami rencana aksi
            steps: [Sosialisasi]
            evidence: [Daftar hadir]
          - draft: true
            indicator: Agen perubahan ditetapkan
            steps: []
            evidence: []
      - title: Anggaran
        team: keu
        actions:
          - indicator: Anggaran ZI tersedia
            steps: [Menyusun anggaran]
            evidence: [DIPA]
            months: [2]
            teams: [keu, wasdal]
          - indicator: Realisasi dilaporkan
            steps: [Melaporkan realisasi]
            evidence: [Laporan realisasi]
            months: [6, 12]
"""


def _round_trip(zi, plan: Path, tmp_path: Path, *options: str) -> LoadedPlan:
    exported = tmp_path / "export.xlsx"
    assert zi("export", "--format", "xlsx", "--plan", str(plan), "-o", str(exported)).code == 0
    back = tmp_path / "back.yaml"
    result = zi("import", str(exported), "-o", str(back), *options)  # no --institution, --year: the workbook says them
    assert result.code == 0, result.err
    return load_plan(back)


def _plan(plan: LoadedPlan) -> tuple:  # type: ignore[type-arg]
    decree = plan.decree
    head = (plan.institution, plan.title, plan.year, decree.number, decree.date, decree.place, decree.signatory, decree.position, plan.lke_year)
    teams = [(t.id, t.name) for t in plan.teams]
    components = [(c.id, c.title, c.team.id, [(i.title, i.team.id) for i in c.items]) for c in plan.components]
    actions = [(a.id, a.indicator, a.steps, a.evidence, a.months, [t.id for t in a.teams], a.source_id, a.draft, a.lke) for a in plan.actions]
    return head, teams, components, actions


@pytest.mark.parametrize("source", ["bundled", "tricky"])
def test_export_then_import_gives_back_the_same_plan(zi, tmp_path, source):
    plan = PLAN
    if source == "tricky":
        plan = tmp_path / "tricky.yaml"
        plan.write_text(TRICKY, encoding="utf-8")
    back = _round_trip(zi, plan, tmp_path)
    assert _plan(back) == _plan(load_plan(plan))


def test_the_command_line_wins_over_the_workbook(zi, tmp_path):
    back = _round_trip(zi, PLAN, tmp_path, "--institution", "KPU Kabupaten Sorong", "--decree-number", "12 Tahun 2023")
    assert back.institution == "KPU Kabupaten Sorong" and back.decree.number == "12 Tahun 2023"
    assert back.decree.place == "Fef" and back.year == 2023


def test_another_year_keeps_no_decree_details(zi, tmp_path):
    back = _round_trip(zi, PLAN, tmp_path, "--year", "2024")
    # Next year's decree is another decree: its details are left to fill in, never copied from 2023's.
    assert back.year == 2024 and back.decree.number == "... Tahun 2024" and back.decree.place == "..."


def test_a_table_without_the_decree_sheet_still_needs_the_office(zi, tmp_path):
    from tests import tables

    table = tables.codes_csv(tmp_path / "kode.csv")
    result = zi("import", str(table), "--year", "2024")
    assert result.code == 2 and "--institution is needed" in result.err
    result = zi("import", str(table), "--institution", "X")
    assert result.code == 2 and "--year is needed" in result.err


def test_a_moved_row_is_told_by_its_id(zi, tmp_path):
    from openpyxl import load_workbook

    exported = tmp_path / "export.xlsx"
    assert zi("export", "--format", "xlsx", "--plan", str(PLAN), "-o", str(exported)).code == 0
    book = load_workbook(exported)
    sheet = book["Rekap"]
    sheet.delete_rows(3)  # I.1.a deleted by hand: every later action of item 1 reads under another id
    book.save(exported)
    result = zi("import", str(exported), "--dry-run")
    assert "the table gives this action the id I.2.a, but it reads as I.1.a" in result.out
