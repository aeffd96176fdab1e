"""`zi evidence pack --by lke` and the LKE codes in the monev report."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile

from tests.conftest import PLAN


def test_pack_by_lke_puts_each_file_under_every_question_it_serves(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    (tmp_path / "sk.pdf").write_bytes(b"SK tim")
    (tmp_path / "ba.pdf").write_bytes(b"berita acara")
    assert zi("done", "I.1.a", "--month", "4", "-e", "sk.pdf", "--plan", str(plan), "--by", "A").code == 0
    assert zi("lke", "answer", "P.1.i.b", "A", "-e", "ba.pdf", "-e", "https://drive.example/x", "--plan", str(plan), "--by", "A").code == 0
    result = zi("evidence", "pack", "--by", "lke", "--plan", str(plan))
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "evidence-lke-2023.zip") as archive:
        names = set(archive.namelist())
        folder = "1 Manajemen Perubahan/P.1.i Penyusunan Tim Kerja"
        # I.1.a serves P.1.i.a and P.1.i.b: its file is under both.
        assert f"{folder}/P.1.i.a/I.1.a_2023-04_sk.pdf" in names
        assert f"{folder}/P.1.i.b/I.1.a_2023-04_sk.pdf" in names
        assert f"{folder}/P.1.i.b/LKE_ba.pdf" in names
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        html = archive.read("index.html").decode("utf-8")
    codes = {r[0] for r in rows[1:]}
    assert len(codes) == 113  # every scored question: its evidence or a gap
    gaps = {r[0]: r[8] for r in rows[1:] if r[8].startswith("gap")}
    assert gaps["P.1.iv.d"] == "gap (no action serves it)" and gaps["P.1.ii.a"] == "gap (no evidence yet)"
    assert "https://drive.example/x" in html and "P.1.iv.c" in html


def test_pack_by_unknown_layout(zi):
    result = zi("evidence", "pack", "--by", "team")
    assert result.code == 2 and "action or lke" in result.err


def test_report_names_the_codes(zi, tmp_path):
    plan = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, plan)
    assert zi("done", "I.1.a", "--month", "4", "--plan", str(plan), "--by", "A").code == 0
    result = zi("report", "--month", "4", "--format", "md", "-o", "-", "--plan", str(plan))
    assert "Menerbitkan SK Tim Kerja/ Kelompok Kerja<br>LKE P.1.i.a, P.1.i.b" in result.out
    html = zi("report", "--month", "4", "-o", "-", "--plan", str(plan)).out
    assert '<small class="lke">LKE P.1.i.a, P.1.i.b</small>' in html
