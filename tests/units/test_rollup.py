"""zi rollup: one row per unit from the existing core; a broken unit never stops the others."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL
from tests.units.conftest import unit_entry, write_unit_plan
from zi_plan.schema import yamlio
from zi_plan.units.ranking import rollup
from zi_plan.units.register import load_register

PHOTO = b"foto rapat maret"


def write_journal(plan: Path, with_photo: bool = True) -> Path:
    """Six occurrences as of May 2024: two done on time, one late, two overdue (one reopened), one open."""
    evidence = plan.with_name(plan.name.replace(".yaml", ".evidence"))
    stored = "II/II.1/II.1.a/2024-03/foto.jpg"
    if with_photo:
        (evidence / stored).parent.mkdir(parents=True, exist_ok=True)
        (evidence / stored).write_bytes(PHOTO)
    text = f"""\
journal: 2
plan: {plan.name}
records:
- action: I.1.a
  month: 1
  event: done
  at: '2024-01-20T09:00:00+09:00'
  by: Ani
- action: I.1.a
  month: 4
  event: done
  at: '2024-05-03T09:00:00+09:00'
  by: Ani
  evidence:
  - url: https://drive.example.go.id/sk
- action: II.1.a
  month: 3
  event: done
  at: '2024-03-10T09:00:00+09:00'
  by: Budi
  evidence:
  - path: {stored}
    sha256: {hashlib.sha256(PHOTO).hexdigest()}
    size: {len(PHOTO)}
    name: foto.jpg
- action: II.1.a
  month: 4
  event: done
  at: '2024-04-10T09:00:00+09:00'
  by: Budi
- action: II.1.a
  month: 4
  event: undo
  at: '2024-04-11T09:00:00+09:00'
  by: Budi
- event: answer
  lke: P.1.i.a
  value: Ya
  at: '2024-05-20T10:00:00+09:00'
  by: Ani
"""
    journal = plan.with_name(plan.name.replace(".yaml", ".progress.yaml"))
    journal.write_text(text, encoding="utf-8")
    return journal


@pytest.fixture
def province(parent) -> Path:
    """A province over two kabupaten, each with the minimal plan; 9105 with the journal above."""
    root = parent(unit_entry("91", "KPU Provinsi") + unit_entry("9105", "KPU Tambrauw", "91", predicate="WBK-afirmasi")
                  + unit_entry("9106", "KPU Sorong", "91", predicate="WBBM"), plans=("91", "9105", "9106"))  # fmt: skip
    write_journal(root / "units" / "9105" / "plans" / "rencana-aksi-2024.yaml")
    return root


def _rollup(root: Path, **kwargs):
    import datetime as dt

    return rollup(load_register(root / "units.yaml"), month=kwargs.pop("month", 5), today=dt.date(2024, 5, 31), **kwargs)


def test_a_units_numbers(province):
    result = _rollup(province)
    row = next(r for r in result.rows if r.unit.code == "9105")
    n = row.numbers
    assert n is not None and not row.problems
    assert (n.actions, n.due, n.done, n.done_late, n.overdue, n.on_time, n.year_total) == (3, 6, 3, 1, 2, 2, 6)
    assert n.percent_on_time == 33.3
    assert [tuple(m) for m in n.months[:5]] == [(1, 1, 0, 0), (1, 0, 0, 1), (1, 1, 0, 0), (2, 0, 1, 1), (1, 0, 0, 0)]
    assert n.done_without_evidence == 1  # I.1.a in January
    assert n.answered == 1 and n.score is not None and n.gates_failed  # one answer: far from the WBK gates
    assert n.ceiling == 0.0 and "pengungkit" in n.ceiling_failed  # the minimal plan serves no LKE question
    assert n.last_record == "2024-05-20T10:00:00+09:00" and row.days_quiet(result.today) == 11
    assert row.files_missing == () and row.files_changed == ()
    assert n.components[0][:4] == ("I", "Manajemen Perubahan", 3, 2)
    assert [a for a, _i, _m in n.overdue_actions] == ["I.1.b", "II.1.a"]


def test_ranking_totals_and_order(province):
    result = _rollup(province)
    # Nothing done in 91 and 9106 (0% on time, 5 overdue each); 9105 leads.
    assert [(r.rank, r.unit.code) for r in result.rows] == [(1, "9105"), (2, "91"), (3, "9106")]
    [(top, totals)] = result.groups
    assert top.code == "91" and totals.units == 3 and totals.due == 18 and totals.overdue == 12
    assert result.overall.percent_on_time == round(100 * 2 / 18, 1)
    assert [r.unit.code for r in _rollup(province, sort="code").rows] == ["91", "9105", "9106"]
    assert [r.unit.code for r in _rollup(province, sort="overdue").rows][-1] == "9105"
    assert [r.unit.code for r in _rollup(province, parent="9106").rows] == ["9106"]


def _row(root: Path, code: str = "9105"):
    return next(r for r in _rollup(root).rows if r.unit.code == code)


def test_evidence_files_missing_or_changed(province, monkeypatch):
    from zi_plan.units import rowcache

    photo = province / "units/9105/plans/rencana-aksi-2024.evidence/II/II.1/II.1.a/2024-03/foto.jpg"
    monkeypatch.setattr(rowcache, "_RACY", -1.0)  # the photo was written just now: trust its times at once
    assert _row(province).files_changed == ()
    hashed = []
    real = rowcache.check_stored
    monkeypatch.setattr(rowcache, "check_stored", lambda *a: hashed.append(a) or real(*a))
    assert _row(province).files_changed == () and hashed == []  # unchanged since it was hashed: not read again
    stat = photo.stat()
    photo.write_bytes(PHOTO.replace(b"maret", b"april"))  # the same size, and its old times put back
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _row(province).files_changed == ("II/II.1/II.1.a/2024-03/foto.jpg",) and len(hashed) == 1
    photo.unlink()
    row = _row(province)
    assert row.files_missing == ("II/II.1/II.1.a/2024-03/foto.jpg",) and row.gaps == 2


def test_a_warm_rollup_parses_nothing(province, monkeypatch):
    first = _rollup(province).to_json()
    calls = []
    real = yamlio.parse
    monkeypatch.setattr(yamlio, "parse", lambda text: calls.append(1) or real(text))
    assert _rollup(province).to_json() == first
    assert calls == []
    journal = province / "units/9105/plans/rencana-aksi-2024.progress.yaml"
    journal.write_text(journal.read_text(encoding="utf-8") + "- action: I.1.b\n  month: 2\n  event: done\n  at: '2024-05-30T09:00:00+09:00'\n  by: Ani\n", encoding="utf-8")
    row = next(r for r in _rollup(province).rows if r.unit.code == "9105")
    assert row.numbers is not None and row.numbers.overdue == 1 and row.numbers.done_late == 2


def test_worker_processes_give_the_same_rows(province, parent):
    codes = [f"92{n:02d}" for n in range(30)]
    root = parent("".join(unit_entry(c, f"KPU {c}") for c in codes), plans=tuple(codes))
    for code in codes[::3]:
        write_journal(root / "units" / code / "plans" / "rencana-aksi-2024.yaml", with_photo=False)
    register = load_register(root / "units.yaml")
    import datetime as dt

    alone = rollup(register, month=5, today=dt.date(2024, 6, 1), workers=1).to_json()
    for entry in (root / ".." / "home" / ".cache").rglob("rollup-*.zic"):
        entry.unlink()  # computed again, this time by the workers
    assert rollup(register, month=5, today=dt.date(2024, 6, 1), workers=2).to_json() == alone


# ---------------------------------------------------------------- every error is the unit's, never the roll-up's


def test_every_kind_of_broken_unit_has_its_row(parent, zi, monkeypatch):
    entries = (unit_entry("91", "KPU Provinsi") + unit_entry("dup", "Satu", "91") + unit_entry("dup", "Dua", "91")
               + unit_entry("nofolder", "Tanpa folder", "91") + unit_entry("old", "Rencana lama", "91")
               + unit_entry("c1", "Siklus 1", "c2") + unit_entry("c2", "Siklus 2", "c1") + unit_entry("two", "Dua rencana", "91")
               + unit_entry("broken", "Rusak", "91") + unit_entry("empty", "Belum ada rencana", "91"))  # fmt: skip
    root = parent(entries, plans=("91", "dup", "c1", "c2", "two", "broken"))
    write_unit_plan(root, "old", MINIMAL.replace("2024", "2023"), name="rencana-aksi-2023.yaml")
    write_unit_plan(root, "two", name="rencana-aksi-2024-revisi.yaml")
    broken = write_unit_plan(root, "broken", MINIMAL.replace("months: [2]", "months: [13]"))
    (root / "units" / "empty").mkdir()
    monkeypatch.chdir(root)
    result = zi("rollup", "--month", "5", "--json")
    assert result.code == 1
    rows = {r["code"] + (f"#{r['name']}" if r["code"] == "dup" else ""): r for r in json.loads(result.out)["units"]}
    ok = {code for code, r in rows.items() if r["status"] == "ok"}
    assert ok == {"91", "dup#Satu"}
    said = {code: " ".join(r["problems"]) for code, r in rows.items() if r["status"] == "error"}
    assert "duplicate unit code 'dup'" in said["dup#Dua"] and "units.yaml:" in said["dup#Dua"]
    assert "folder units/nofolder does not exist" in said["nofolder"]
    assert "no plan of 2024" in said["old"] and "rencana-aksi-2023.yaml (2023)" in said["old"]
    assert "parent cycle: c1 → c2 → c1" in said["c1"] and "parent cycle" in said["c2"]
    assert "two plans of 2024" in said["two"] and "rencana-aksi-2024-revisi.yaml" in said["two"]
    assert f"{broken.relative_to(root)}:" in said["broken"] and "month 13 is out of range" in said["broken"]
    assert "no plan in units/empty/plans/" in said["empty"]
    assert "units were not rolled up" in result.err
    table = zi("rollup", "--month", "5")
    assert table.code == 1 and "not rolled up" in table.out and "month 13 is out of range" in table.out


def test_a_broken_plan_of_another_year_is_not_this_years_concern(parent, zi, monkeypatch):
    root = parent(unit_entry("91", "KPU Provinsi"), plans=("91",))
    write_unit_plan(root, "91", MINIMAL.replace("2024", "2023").replace("months: [2]", "months: [13]"), name="rencana-aksi-2023.yaml")
    monkeypatch.chdir(root)
    result = zi("rollup", "--month", "5", "--json")
    assert result.code == 0 and json.loads(result.out)["units"][0]["status"] == "ok"


def test_no_register_here(zi):
    result = zi("rollup")
    assert result.code == 2 and "no units.yaml in this folder or above it" in result.err and "zi units init" in result.err


def test_the_tpi_column_is_there_and_empty(province, zi, monkeypatch):
    monkeypatch.chdir(province)
    data = json.loads(zi("rollup", "--month", "5", "--json").out)
    assert all(u["lke"]["tpi_score"] is None for u in data["units"])
