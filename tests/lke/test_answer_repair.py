"""Damaged answer evidence can be put back, and superseded answers' files prove nothing any more."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import PLAN


@pytest.fixture
def plan(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "tambrauw-2023.yaml"
    shutil.copy(PLAN, target)
    return target


@pytest.mark.parametrize("name", ["tambrauw-2023.evidence/LKE/P.1.i.a/sk.pdf", "LKE/P.1.i.a/sk.pdf"])
def test_damaged_answer_evidence_is_restored(zi, plan, tmp_path, name):
    (tmp_path / "sk.pdf").write_bytes(b"%PDF sk tim")
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--evidence", "sk.pdf", "--plan", str(plan)).code == 0
    stored = tmp_path / "tambrauw-2023.evidence" / "LKE" / "P.1.i.a" / "sk.pdf"
    stored.write_bytes(b"overwritten")
    assert zi("verify", "--plan", str(plan)).code == 1
    (tmp_path / "other.pdf").write_bytes(b"not it")
    wrong = zi("evidence", "restore", name, "other.pdf", "--plan", str(plan))
    assert wrong.code == 1 and "not the recorded file" in wrong.err
    result = zi("evidence", "restore", name, "sk.pdf", "--plan", str(plan), "--by", "Ani")
    assert result.code == 0, result.err
    assert "restored" in result.out and "damaged copy" in result.out
    assert stored.read_bytes() == b"%PDF sk tim"
    journal = (tmp_path / "tambrauw-2023.progress.yaml").read_text()
    assert "event: restore" in journal and journal.count("lke: P.1.i.a") == 2
    verify = zi("verify", "--json", "--plan", str(plan))
    assert verify.code == 0, verify.out
    assert json.loads(verify.out)["unrecorded"] == []
    # the journal still loads, and the answer in force is unchanged
    score = zi("lke", "score", "--json", "--plan", str(plan))
    assert score.code == 0, score.err


def test_superseded_answer_evidence_no_longer_fails_verify(zi, plan, tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"first")
    (tmp_path / "b.pdf").write_bytes(b"second")
    assert zi("lke", "answer", "P.1.i.a", "Tidak", "--evidence", "a.pdf", "--plan", str(plan)).code == 0
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--evidence", "b.pdf", "--replace-evidence", "--plan", str(plan)).code == 0
    (tmp_path / "tambrauw-2023.evidence" / "LKE" / "P.1.i.a" / "a.pdf").write_bytes(b"gone")
    verify = zi("verify", "--json", "--plan", str(plan))
    assert verify.code == 0, verify.out
    assert json.loads(verify.out)["checked"] == 1
    (tmp_path / "tambrauw-2023.evidence" / "LKE" / "P.1.i.a" / "b.pdf").write_bytes(b"gone too")
    assert zi("verify", "--plan", str(plan)).code == 1


def test_excel_csv_with_semicolons_decimal_commas_and_crlf(zi, plan, tmp_path):
    from zi_plan.lke import answers
    from zi_plan.store.journal import load_journal
    from zi_plan.store.plans import load_plan

    (tmp_path / "a.csv").write_bytes(b"H.1.a;3,61\r\nH.2.a;3,2\r\n")
    result = zi("lke", "answer", "--file", "a.csv", "--plan", str(plan))
    assert result.code == 0, result.err
    found = answers.current(load_journal(load_plan(plan)))
    assert found["H.1.a"].value == 3.61 and found["H.2.a"].value == 3.2
    (tmp_path / "b.csv").write_bytes(b"P.1.i.b;B;catatan, dengan koma, dua\r\nP.1.ii.a;Ya\r\n")
    assert zi("lke", "answer", "--file", "b.csv", "--plan", str(plan)).code == 0
    found = answers.current(load_journal(load_plan(plan)))
    assert found["P.1.i.b"].note == "catatan, dengan koma, dua"


def test_decimal_comma_in_comma_csv_is_refused(zi, plan, tmp_path):
    (tmp_path / "a.csv").write_text('P.1.i.a,Ya\nH.1.a,3,61\nH.2.a,"3,2"\n')
    result = zi("lke", "answer", "--file", "a.csv", "--plan", str(plan))
    assert result.code != 0 and "Traceback" not in result.err
    assert "a.csv:2:7" in result.err and "ambiguous" in result.err and '"3,61"' in result.err
    assert not (tmp_path / "tambrauw-2023.progress.yaml").exists()
    (tmp_path / "a.csv").write_text('P.1.i.a,Ya\nH.1.a,"3,61"\n')
    assert zi("lke", "answer", "--file", "a.csv", "--plan", str(plan)).code == 0


def test_code_twice_in_one_file_is_refused(zi, plan, tmp_path):
    (tmp_path / "a.csv").write_text("P.1.i.a,Ya\nP.1.i.b,B\np.1.i.a,Tidak\n")
    result = zi("lke", "answer", "--file", "a.csv", "--plan", str(plan))
    assert result.code != 0 and "a.csv:3:1" in result.err and "lines 1 and 3" in result.err
    assert not (tmp_path / "tambrauw-2023.progress.yaml").exists()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_answer_help_names_its_arguments_like_other_commands(zi, lang):
    result = zi("--lang", lang, "lke", "answer", "--help")
    assert result.code == 0
    assert "[CODE] [VALUE]" in result.out and "[code]" not in result.out and "value  " not in result.out


def test_pack_by_lke_lists_withdrawn_and_superseded_files(zi, plan, tmp_path):
    import csv
    import io
    import zipfile

    for name in ("sk.pdf", "sk2.pdf", "a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(name.encode())
    assert zi("done", "I.1.a", "--month", "4", "-e", "sk.pdf", "--plan", str(plan)).code == 0
    assert zi("evidence", "replace", "I.1.a", "sk.pdf", "sk2.pdf", "--month", "4", "--plan", str(plan)).code == 0
    assert zi("lke", "answer", "P.1.i.b", "B", "-e", "a.pdf", "--plan", str(plan)).code == 0
    assert zi("lke", "answer", "P.1.i.b", "A", "-e", "b.pdf", "--replace-evidence", "--plan", str(plan)).code == 0
    result = zi("evidence", "pack", "--by", "lke", "--plan", str(plan))
    assert result.code == 0, result.err
    assert "2 withdrawn" in result.out  # sk.pdf (under two questions, counted once) and a.pdf
    with zipfile.ZipFile(tmp_path / "evidence-lke-2023.zip") as archive:
        names = archive.namelist()
        rows = list(csv.reader(io.StringIO(archive.read("index.csv").decode("utf-8-sig"))))
        html = archive.read("index.html").decode("utf-8")
    assert not any(n.endswith(("_sk.pdf", "LKE_a.pdf")) for n in names)
    assert any(n.endswith("_sk2.pdf") for n in names) and any(n.endswith("LKE_b.pdf") for n in names)
    status = {(r[0], r[4].rsplit("/", 1)[-1]): r[8] for r in rows[1:]}
    assert status[("P.1.i.a", "sk.pdf")].startswith("withdrawn (replaced ")
    assert status[("P.1.i.b", "a.pdf")].startswith("superseded (answered again ")
    assert "superseded" in html and "withdrawn (replaced" in html


@pytest.mark.parametrize("columns", [60, 80, 120])
@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("command", ["score", "coverage"])
def test_score_and_coverage_fit_the_width(zi, plan, monkeypatch, columns, lang, command):
    monkeypatch.setenv("COLUMNS", str(columns))
    assert zi("lke", "answer", "P.1.i.a", "Ya", "--plan", str(plan)).code == 0
    result = zi("--lang", lang, "lke", command, "--plan", str(plan))
    assert result.code == 0, result.err
    # (the shared "plan … · journal …" first line is not the LKE's: it is left out here)
    wide = [line for line in result.out.splitlines() if len(line) > columns and not line.startswith(("plan ", "rencana "))]
    assert not wide, wide
