"""Write a parent's folder of N units, for the benchmark and the tests.

    python bench/synth_units.py -o /tmp/kpu [--provinces 38 --units 550 --records 200]

Each unit gets the Tambrauw plan (its institution renamed, so that no two
plans have the same content) or, with ``small=True``, a ten-action plan;
and a progress journal in today's format of about ``records`` records: work
done on time and late, an undo now and then, evidence as links and as small
stored files (hashed, in the evidence folder), and a few LKE answers. The
first ``provinces`` units are provinces; the others are kabupaten/kota,
spread over them. Everything is seeded, so runs repeat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from pathlib import Path

import yaml

from zi_plan.model.fingerprint import fingerprint
from zi_plan.model.plan import build_plan

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "plans" / "tambrauw-2023.yaml"
ZONE = dt.timezone(dt.timedelta(hours=9))
# Answers to the LKE 2026 worksheet: options, counts, survey indices.
ANSWERS = [("P.1.i.a", "Ya"), ("P.1.i.b", "A"), ("P.1.ii.a", "Ya"), ("P.2.i.a", "B"), ("P.3.i.a", "Ya"),
           ("R.1.i.a.1", 12), ("R.1.i.a.2", 10), ("H.1.a", 3.61), ("H.1.b", "B"), ("H.2.a", 3.4)]  # fmt: skip

SMALL_PLAN = """\
institution: {institution}
title: Rencana Aksi Zona Integritas {institution} Tahun 2023
year: 2023
lke: 2026
decree:
  number: 1 Tahun 2023
  date: 2023-01-16
  place: Kota
  signatory: Nama Ketua
  position: Ketua
teams:
  - id: mp
    name: Tim Manajemen Perubahan
  - id: pw
    name: Tim Penguatan Pengawasan
components:
  - id: I
    title: Manajemen Perubahan
    team: mp
    items:
      - title: Tim Kerja
        actions:
          - id: I.1.a
            indicator: SK Tim Kerja terbit
            steps: [Menyusun SK]
            evidence: [SK Tim Kerja]
            months: [1, 4, 7, 10]
            lke: [P.1.i.a, P.1.i.b]
          - id: I.1.b
            indicator: Rapat monev bulanan
            steps: [Rapat]
            evidence: [Notulen, Daftar hadir]
            months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
  - id: II
    title: Penguatan Pengawasan
    team: pw
    items:
      - title: Pengendalian Gratifikasi
        actions:
          - id: II.1.a
            indicator: Laporan gratifikasi
            steps: [Sosialisasi]
            evidence: [Laporan]
            months: [3, 6, 9, 12]
            lke: [P.5.i.a]
"""


def unit_codes(provinces: int, units: int) -> list[tuple[str, str, str | None]]:
    """(code, name, parent code): the provinces first, then the kabupaten/kota under them."""
    out: list[tuple[str, str, str | None]] = [(f"{10 + p}", f"KPU Provinsi Sintetis {p + 1}", None) for p in range(provinces)]
    for k in range(units - provinces):
        parent = out[k % provinces][0]
        out.append((f"{parent}{k // provinces + 1:02d}", f"KPU Kabupaten Sintetis {k + 1}", parent))
    return out


def write_register(root: Path, units: list[tuple[str, str, str | None]], year: int = 2023) -> Path:
    lines = ["# Units register written by bench/synth_units.py", "version: 1", "organisation: Komisi Pemilihan Umum (sintetis)",
             f"year: {year}", "units:"]  # fmt: skip
    for n, (code, name, parent) in enumerate(units):
        lines += [f'  - code: "{code}"', f"    name: {name}"]
        if parent:
            lines.append(f'    parent: "{parent}"')
        lines += [f"    predicate: {('WBK', 'WBBM', 'WBK-afirmasi')[n % 3]}", f"    reviewer: Inspektorat Wilayah {n % 4 + 1}"]
    path = root / "units.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_unit(folder: Path, name: str, records: int, seed: int, small: bool = False) -> Path:
    """The unit's plan and journal (and stored evidence); returns the plan's path."""
    plans = folder / "plans"
    plans.mkdir(parents=True, exist_ok=True)
    if small:
        text = SMALL_PLAN.format(institution=name)
    else:
        text = SOURCE.read_text(encoding="utf-8").replace("institution: Komisi Pemilihan Umum Kabupaten Tambrauw", f"institution: {name}", 1)
    plan_path = plans / "rencana-aksi-2023.yaml"
    plan_path.write_text(text, encoding="utf-8")
    plan = build_plan(plan_path, yaml.load(text, Loader=yaml.CSafeLoader))
    journal = plans / "rencana-aksi-2023.progress.yaml"
    journal.write_text(_journal_text(plan, records, random.Random(seed), plans / "rencana-aksi-2023.evidence"), encoding="utf-8")
    return plan_path


def _journal_text(plan, records: int, rng: random.Random, evidence_dir: Path) -> str:  # type: ignore[no-untyped-def]
    occurrences = [(a, m) for a in plan.actions for m in a.months]
    chosen = sorted(rng.sample(occurrences, min(len(occurrences), max(records - len(ANSWERS), 0))), key=lambda o: o[1])
    lines = ["journal: 2", "plan: rencana-aksi-2023.yaml", "records:"]
    for n, (action, month) in enumerate(chosen):
        late = rng.random() < 0.2
        day = dt.datetime(2023 + (late and month == 12), month % 12 + 1 if late else month, rng.randint(1, 27), 9, n % 60, tzinfo=ZONE)
        lines += [f"- action: {action.id}", f"  month: {month}", "  event: done", f"  at: '{day.isoformat()}'", f"  by: pegawai {n % 30}",
                  f"  fingerprint: {fingerprint(action)}"]  # fmt: skip
        kind = rng.random()
        if kind < 0.15:  # a stored file, as zi done keeps it
            data = f"bukti {action.id} {month} {n}".encode()
            stored = f"{action.component}/{action.item}/{action.id}/2023-{month:02d}/foto-{n}.jpg"
            (evidence_dir / stored).parent.mkdir(parents=True, exist_ok=True)
            (evidence_dir / stored).write_bytes(data)
            lines += ["  evidence:", f"  - path: {stored}", f"    sha256: {hashlib.sha256(data).hexdigest()}", f"    size: {len(data)}", f"    name: foto-{n}.jpg"]
        elif kind < 0.9:
            lines += ["  evidence:", f"  - url: https://drive.example.go.id/bukti/{n}"]
        if rng.random() < 0.02:
            undo = day + dt.timedelta(days=1)
            lines += [f"- action: {action.id}", f"  month: {month}", "  event: undo", f"  at: '{undo.isoformat()}'", "  by: koordinator",
                      f"  fingerprint: {fingerprint(action)}"]  # fmt: skip
    for n, (code, value) in enumerate(ANSWERS if records else []):
        at = dt.datetime(2023, 11, 20, 10, n, tzinfo=ZONE).isoformat()
        lines += ["- event: answer", f"  lke: {code}", f"  value: {value}", f"  at: '{at}'", "  by: koordinator"]
    return "\n".join(lines) + "\n"


def write_tree(root: Path, provinces: int = 38, units: int = 550, records: int = 200, small: bool = False) -> list[tuple[str, str, str | None]]:
    """The register and every unit's folder under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    made = unit_codes(provinces, units)
    write_register(root, made)
    for n, (code, name, _parent) in enumerate(made):
        write_unit(root / "units" / code, name, records if n % 50 != 7 else records // 10, seed=n, small=small)  # some units went quiet
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--provinces", type=int, default=38)
    parser.add_argument("--units", type=int, default=550)
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--small", action="store_true", help="ten-action plans instead of Tambrauw's")
    args = parser.parse_args()
    write_tree(args.output, args.provinces, args.units, args.records, args.small)


if __name__ == "__main__":
    main()
