"""Withdrawn evidence everywhere, `zi evidence replace` and `zi evidence restore`."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import PLAN


@pytest.fixture
def office(tmp_path: Path, zi) -> Path:
    """Tambrauw with V.1.a done in April with a photo, and II.2.a in April with a scan."""
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    (tmp_path / "foto.jpg").write_bytes(b"foto yang salah")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF scan daftar hadir")
    assert zi("done", "V.1.a", "-m", "4", "-e", str(tmp_path / "foto.jpg"), "--by", "Yulius", "--plan", str(plan)).code == 0
    assert zi("done", "II.2.a", "-m", "4", "-e", str(tmp_path / "scan.pdf"), "--by", "Abraham", "--plan", str(plan)).code == 0
    return plan


def _store(plan: Path) -> Path:
    return plan.parent / "tambrauw-2023.evidence"


def _pack(zi, plan: Path, tmp_path: Path, *extra: str):
    out = tmp_path / "pack.zip"
    result = zi(*extra, "evidence", "pack", "-o", str(out), "--plan", str(plan))
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
    return result, names, rows


def test_undone_evidence_is_not_packed_and_its_occurrence_is_a_gap(zi, office, tmp_path):
    assert zi("undo", "V.1.a", "--month", "4", "--note", "foto salah", "--by", "Yulius", "--plan", str(office)).code == 0
    result, names, rows = _pack(zi, office, tmp_path)
    assert result.code == 0, result.err
    files = [n for n in names if n not in ("index.csv", "index.html")]
    assert files == ["II/II.2/II.2.a/2023-04/scan.pdf"]
    assert "1 file, 0 links" in result.out and "1 withdrawn" in result.out
    v1a = [r for r in rows[1:] if r[0] == "V.1.a" and r[2] == "4"]
    statuses = sorted(r[8] for r in v1a)
    assert statuses[0] == "gap (not done)"
    assert statuses[1].startswith("withdrawn (reopened ") and "Yulius: foto salah" in statuses[1]
    # The photo stays in the store and in the journal, for history.
    assert (_store(office) / "V/V.1/V.1.a/2023-04/foto.jpg").is_file()


def test_pack_counts_equal_the_zip_and_a_file_named_twice_goes_in_once(zi, office, tmp_path, monkeypatch):
    from zi_plan.progress import recording

    scan = tmp_path / "scan.pdf"
    # The same file again: stored once, named by two records (as journals written
    # before `--add` refused a file the occurrence already has may hold it).
    monkeypatch.setattr(recording, "refuse_repeated", lambda *args: None)
    assert zi("done", "II.2.a", "-m", "4", "--add", "-e", str(scan), "--plan", str(office)).code == 0
    result, names, rows = _pack(zi, office, tmp_path)
    files = [n for n in names if n not in ("index.csv", "index.html")]
    assert len(files) == len(set(names) - {"index.csv", "index.html"}) == 2
    assert f"{len(files)} files" in result.out
    gaps = sum(r[8].startswith("gap") for r in rows[1:])
    assert f"{gaps} gaps" in result.out


def test_pack_index_statuses_follow_the_language(zi, office, tmp_path):
    assert zi("undo", "V.1.a", "--month", "4", "--plan", str(office)).code == 0
    _result, _names, rows = _pack(zi, office, tmp_path, "--lang", "id")
    statuses = {r[8].split(" (")[0] for r in rows[1:]}
    assert {"sesuai", "ditarik", "kosong"} <= statuses, statuses
    assert not {"withdrawn", "gap"} & statuses


def test_show_marks_withdrawn_evidence(zi, office, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    assert zi("undo", "V.1.a", "--month", "4", "--note", "foto salah", "--plan", str(office)).code == 0
    data = json.loads(zi("show", "V.1.a", "--json", "--plan", str(office)).out)
    assert data["evidence"] == []
    (gone,) = data["withdrawn_evidence"]
    assert gone["stored_as"] == "V/V.1/V.1.a/2023-04/foto.jpg" and gone["withdrawn"]["event"] == "undo"
    assert gone["withdrawn"]["note"] == "foto salah"
    text = zi("show", "V.1.a", "--plan", str(office)).out
    assert "withdrawn: reopened" in text


@pytest.mark.parametrize(("lang", "reopened"), [("en", "withdrawn: reopened"), ("id", "ditarik: dibuka kembali")])
def test_show_says_why_evidence_was_withdrawn_within_80_columns(zi, office, monkeypatch, lang, reopened):
    monkeypatch.setenv("COLUMNS", "80")
    assert zi("undo", "V.1.a", "--month", "4", "--note", "foto salah", "--by", "Yulius Tabate", "--plan", str(office)).code == 0
    text = zi("--lang", lang, "show", "V.1.a", "--plan", str(office)).out
    flat = " ".join(line.strip() for line in text.splitlines())
    assert f"{reopened} " in flat and "by Yulius Tabate: foto salah" in flat.replace("oleh", "by")
    assert "V/V.1/V.1.a/2023-04/foto.jpg" in flat.replace("/ ", "/")  # broken after a '/', never inside a name
    assert max(len(line) for line in text.splitlines()) <= 80, text


def test_report_and_export_show_withdrawn_evidence(zi, office, tmp_path):
    assert zi("undo", "V.1.a", "--month", "4", "--note", "foto salah", "--plan", str(office)).code == 0
    page = zi("report", "-m", "4", "-o", "-", "--plan", str(office)).out
    assert "withdrawn-row" in page and "foto salah" in page
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    assert zi("export", "--format", "xlsx", "-m", "4", "-o", str(out), "--plan", str(office)).code == 0
    april = load_workbook(out)["April"]
    header = [c.value for c in april[1]]
    row = next(r for r in april.iter_rows(min_row=2, values_only=True) if r[0] == "V.1.a")
    assert "foto.jpg" not in (row[header.index("BUKTI DUKUNG")] or "")
    assert "foto.jpg" in row[header.index("BUKTI DITARIK")]


def test_replace_records_both_hashes_and_verify_passes(zi, office, tmp_path):
    stored = _store(office) / "V/V.1/V.1.a/2023-04/foto.jpg"
    stored.write_bytes(b"rusak")  # damaged on disk
    assert zi("verify", "--plan", str(office)).code == 1
    right = tmp_path / "foto-benar.jpg"
    right.write_bytes(b"foto yang benar")
    result = zi("evidence", "replace", "V.1.a", "--month", "4", "foto.jpg", str(right), "--note", "foto benar", "--plan", str(office))
    assert result.code == 0, result.err
    assert "withdrawn" in result.out and "foto-benar.jpg" in result.out
    verify = zi("verify", "--plan", str(office))
    assert verify.code == 0, verify.out
    journal = yaml.safe_load((office.parent / "tambrauw-2023.progress.yaml").read_text())
    last = journal["records"][-1]
    assert last["event"] == "replace" and last["note"] == "foto benar"
    assert last["replaces"][0]["sha256"] == hashlib.sha256(b"foto yang salah").hexdigest()
    assert last["evidence"][0]["sha256"] == hashlib.sha256(b"foto yang benar").hexdigest()
    assert journal["journal"] == 3
    assert stored.is_file()  # nothing deleted
    data = json.loads(zi("show", "V.1.a", "--json", "--plan", str(office)).out)
    assert [e["name"] for e in data["evidence"]] == ["foto-benar.jpg"]
    assert data["withdrawn_evidence"][0]["withdrawn"]["event"] == "replace"
    _result, names, _rows = _pack(zi, office, tmp_path)
    assert "V/V.1/V.1.a/2023-04/foto-benar.jpg" in names and "V/V.1/V.1.a/2023-04/foto.jpg" not in names


def test_replace_by_the_path_zi_show_prints(zi, office, tmp_path):
    data = json.loads(zi("show", "II.2.a", "--json", "--plan", str(office)).out)
    shown = data["evidence"][0]["path"]
    new = tmp_path / "scan-lengkap.pdf"
    new.write_bytes(b"%PDF lengkap")
    assert zi("evidence", "replace", "II.2.a", "-m", "4", shown, str(new), "--plan", str(office)).code == 0


@pytest.mark.parametrize(("old", "expected"), [("tidak-ada.jpg", "has no evidence"), ("foto.jpg", "already withdrawn")])
def test_replace_refuses_what_is_not_current_evidence(zi, office, tmp_path, old, expected):
    assert zi("undo", "V.1.a", "--month", "4", "--plan", str(office)).code == 0
    assert zi("done", "V.1.a", "--month", "4", "--plan", str(office)).code == 0
    journal = office.parent / "tambrauw-2023.progress.yaml"
    before = journal.read_bytes()
    new = tmp_path / "baru.jpg"
    new.write_bytes(b"baru")
    result = zi("evidence", "replace", "V.1.a", "-m", "4", old, str(new), "--plan", str(office))
    assert result.code == 1 and expected in result.err
    assert journal.read_bytes() == before


def test_restore_puts_back_a_missing_or_damaged_file(zi, office, tmp_path):
    stored = _store(office) / "II/II.2/II.2.a/2023-04/scan.pdf"
    original = tmp_path / "salinan.pdf"
    original.write_bytes(b"%PDF scan daftar hadir")
    stored.unlink()
    assert zi("verify", "--plan", str(office)).code == 1
    result = zi("evidence", "restore", "plans/tambrauw-2023.evidence/II/II.2/II.2.a/2023-04/scan.pdf", str(original), "--plan", str(office))
    assert result.code == 0, result.err
    assert stored.read_bytes() == original.read_bytes()
    assert zi("verify", "--plan", str(office)).code == 0
    # Damaged: the damaged copy is kept beside it and named in the record.
    stored.write_bytes(b"rusak")
    result = zi("evidence", "restore", "II/II.2/II.2.a/2023-04/scan.pdf", str(original), "--plan", str(office))
    assert result.code == 0, result.err
    asides = list(stored.parent.glob("scan.pdf.damaged-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == b"rusak"
    verify = zi("verify", "--plan", str(office))
    assert verify.code == 0 and "in no record" not in verify.out
    records = yaml.safe_load((office.parent / "tambrauw-2023.progress.yaml").read_text())["records"]
    assert [r["event"] for r in records[-2:]] == ["restore", "restore"]
    assert records[-1]["replaces"][0]["sha256"] == hashlib.sha256(b"rusak").hexdigest()
    # Intact: nothing to do, nothing recorded.
    assert "intact" in zi("evidence", "restore", "II/II.2/II.2.a/2023-04/scan.pdf", str(original), "--plan", str(office)).out


def _lose_the_scan(office: Path) -> tuple[Path, Path, bytes]:
    """II.2.a's stored scan deleted: (its path, the journal, the journal's bytes now)."""
    stored = _store(office) / "II/II.2/II.2.a/2023-04/scan.pdf"
    stored.unlink()
    journal = office.parent / "tambrauw-2023.progress.yaml"
    return stored, journal, journal.read_bytes()


def test_restore_refuses_a_file_with_another_hash(zi, office, tmp_path):
    stored, journal, before = _lose_the_scan(office)
    wrong = tmp_path / "lain.pdf"
    wrong.write_bytes(b"another file")
    result = zi("evidence", "restore", "II/II.2/II.2.a/2023-04/scan.pdf", str(wrong), "--plan", str(office))
    assert result.code == 1 and "not the recorded file" in result.err
    assert not stored.exists() and journal.read_bytes() == before
    result = zi("evidence", "restore", "II/II.2/II.2.a/2023-04/nope.pdf", str(wrong), "--plan", str(office))
    assert result.code == 1 and "no record names" in result.err


def test_restore_refuses_a_file_that_changes_after_its_check(zi, office, tmp_path, monkeypatch):
    """The bytes put back are the ones hashed: a copy changed between the check and the copy is not restored."""
    from zi_plan.progress import corrections

    stored, journal, before = _lose_the_scan(office)
    changing = tmp_path / "salinan.pdf"
    changing.write_bytes(b"changed on the way")
    # The first check sees the recorded file; what is then copied is another.
    monkeypatch.setattr(corrections, "sha256_of", lambda path, **_kw: (hashlib.sha256(b"%PDF scan daftar hadir").hexdigest(), 22))
    result = zi("evidence", "restore", "II/II.2/II.2.a/2023-04/scan.pdf", str(changing), "--plan", str(office))
    assert result.code == 1 and "changed while it was being copied" in result.err
    assert not stored.exists() and journal.read_bytes() == before
    assert not [p for p in stored.parent.iterdir() if p.name.startswith(".")]  # no temp file left


def test_previous_release_journal_loads_and_its_evidence_can_be_replaced(zi, tmp_path):
    """A `journal: 1` file as the previous release writes it keeps working; the
    replace is a format 2 record, so the journal is format 2 afterwards."""
    (tmp_path / "plans").mkdir()
    plan = Path(shutil.copy(PLAN, tmp_path / "plans" / "tambrauw-2023.yaml"))
    store = tmp_path / "plans/tambrauw-2023.evidence/II/II.2/II.2.a/2023-04"
    store.mkdir(parents=True)
    (store / "foto.jpg").write_bytes(b"lama")
    sha = hashlib.sha256(b"lama").hexdigest()
    journal = tmp_path / "plans/tambrauw-2023.progress.yaml"
    journal.write_text(
        "# Progress journal of \"tambrauw-2023.yaml\": what was done, when, by whom, with what evidence.\n"
        "journal: 1\nplan: \"tambrauw-2023.yaml\"\nrecords:\n"
        "- action: II.2.a\n  month: 4\n  event: done\n  at: '2023-04-20T09:00:00+09:00'\n  by: Yulius\n"
        f"  evidence:\n  - path: II/II.2/II.2.a/2023-04/foto.jpg\n    sha256: {sha}\n    size: 4\n    name: foto.jpg\n",
        encoding="utf-8",
    )
    assert zi("verify", "--plan", str(plan)).code == 0
    new = tmp_path / "baru.jpg"
    new.write_bytes(b"baru")
    result = zi("evidence", "replace", "II.2.a", "-m", "4", "foto.jpg", str(new), "--plan", str(plan))
    assert result.code == 0, result.err
    data = yaml.safe_load(journal.read_text(encoding="utf-8"))
    assert data["journal"] == 3
    assert [r["event"] for r in data["records"]] == ["done", "replace"]
    assert data["records"][-1]["replaces"][0]["sha256"] == sha
    assert zi("verify", "--plan", str(plan)).code == 0


def test_replacing_a_link_says_link_without_hash_or_store(zi, office):
    assert zi("done", "V.1.a", "-m", "6", "-e", "https://drive.example/x", "--plan", str(office), "--force").code == 0
    result = zi("evidence", "replace", "V.1.a", "--month", "6", "https://drive.example/x", "https://drive.example/y", "--plan", str(office))
    assert result.code == 0, result.err
    assert "withdrawn link https://drive.example/x" in result.out
    assert "sha256" not in result.out and "kept in the store" not in result.out


@pytest.mark.parametrize("layout", ["action", "lke"])
def test_a_pack_to_standard_output_is_the_zip_alone(office, tmp_path, layout):
    """`-o -` as for the other documents: the zip on stdout, what zi says on stderr, no file named '-'."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "zi_plan", "evidence", "pack", "--by", layout, "-o", "-", "--plan", str(office)],
                            capture_output=True, cwd=tmp_path, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(io.BytesIO(result.stdout)) as archive:
        assert archive.testzip() is None and "index.html" in archive.namelist()
        assert any(name.endswith("scan.pdf") for name in archive.namelist())
    assert "(standard output)" in result.stderr.decode() and not (tmp_path / "-").exists()
